#include "net/CurlSetup.h"

#include <cstdlib>

namespace ds::net {

static const char *envValue(const char *name)
{
    const char *v = std::getenv(name);
    return v && *v ? v : nullptr;
}

void applyCommonOptions(CURL *easy, char *errorBuffer)
{
    errorBuffer[0] = '\0';
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, 10L);
    // libcurl ignores these variables itself (only the curl tool and OpenSSL's defaults read some of
    // them), so a corporate CA set for other tools would otherwise not reach us.
    for (const char *name : {"DISTILLSCOPE_CA_FILE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"}) {
        if (const char *file = envValue(name)) {
            curl_easy_setopt(easy, CURLOPT_CAINFO, file);
            break;
        }
    }
    if (const char *dir = envValue("SSL_CERT_DIR"))
        curl_easy_setopt(easy, CURLOPT_CAPATH, dir);
}

TransportFailure describeFailure(CURL *easy, CURLcode code, const char *errorBuffer)
{
    TransportFailure f;
    long connectCode = 0;
    curl_easy_getinfo(easy, CURLINFO_HTTP_CONNECTCODE, &connectCode);
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    const std::string detail = errorBuffer && *errorBuffer ? std::string(errorBuffer) : std::string(curl_easy_strerror(code));
    const char *proxyEnv = envValue("HTTPS_PROXY") ? envValue("HTTPS_PROXY") : envValue("https_proxy");
    const std::string proxy = proxyEnv ? proxyEnv : "";
    if (connectCode == 407 || status == 407) {
        f.permanent = true;
        f.message = "proxy authentication required (407) by proxy " + (proxy.empty() ? std::string("(from the environment)") : proxy) +
                    ": set credentials in HTTPS_PROXY (http://user:password@host:port)";
        return f;
    }
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        f.permanent = true;
        f.message = "DNS: " + detail;
        break;
    case CURLE_COULDNT_RESOLVE_PROXY:
        f.permanent = true;
        f.message = "DNS (proxy " + proxy + "): " + detail;
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        f.permanent = true;
        f.message =
            "TLS verification failed: " + detail + " (a private CA can be given with DISTILLSCOPE_CA_FILE, SSL_CERT_FILE or SSL_CERT_DIR)";
        break;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        f.permanent = true;
        f.message = "bad URL: " + detail;
        break;
    default:
        f.message = detail;
    }
    return f;
}

} // namespace ds::net
