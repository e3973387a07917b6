#pragma once
// What every curl handle of ours gets, chat and model listing alike: the CA settings from the
// environment, timeouts, no signals; and how a failed transfer is told to the user.
#include <curl/curl.h>

#include <string>

namespace ds::net {

/// CA bundle / directory from DISTILLSCOPE_CA_FILE, CURL_CA_BUNDLE, SSL_CERT_FILE (first set wins)
/// and SSL_CERT_DIR; connect timeout 10 s; CURLOPT_NOSIGNAL; an error buffer of CURL_ERROR_SIZE
/// bytes that must outlive the transfer. Proxies come from libcurl's own environment variables
/// (https_proxy / HTTPS_PROXY, http_proxy, NO_PROXY).
void applyCommonOptions(CURL *easy, char *errorBuffer);

struct TransportFailure {
    std::string message;    ///< "DNS: could not resolve host api.example.com", curl's own words included
    bool permanent = false; ///< TLS verification, proxy authentication (407), DNS: retrying cannot help
};

/// Describes a failed transfer (`code` != CURLE_OK, or a 407 from a proxy).
TransportFailure describeFailure(CURL *easy, CURLcode code, const char *errorBuffer);

} // namespace ds::net
