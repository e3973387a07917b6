#include "net/ModelList.h"

#include "net/LlmClient.h"
#include "net/Providers.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

namespace ds {

namespace {
size_t collect(char *p, size_t s, size_t n, void *u)
{
    auto *body = static_cast<std::string *>(u);
    if (body->size() > 8u << 20)
        return 0; // refuse absurd bodies
    body->append(p, s * n);
    return s * n;
}
} // namespace

ModelList listRemoteModels(const ModelConfig &m)
{
    ModelList out;
    CURL *c = curl_easy_init();
    if (!c) {
        out.error = "curl init failed";
        return out;
    }
    std::string body;
    const std::string url = provider::modelsUrl(m);
    curl_slist *headers = nullptr;
    const std::string key = resolveApiKey(m);
    if (!key.empty())
        headers = curl_slist_append(headers, (provider::authHeaderPrefix(m.provider) + key).c_str());
    if (m.provider == "anthropic")
        headers = curl_slist_append(headers, "anthropic-version: 2023-06-01");
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.httpStatus);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        out.error = url + ": " + curl_easy_strerror(rc);
        return out;
    }
    const auto j = nlohmann::json::parse(body, nullptr, false);
    if (out.httpStatus != 200 || j.is_discarded() || !j.contains("data") || !j["data"].is_array()) {
        out.error = url + ": HTTP " + std::to_string(out.httpStatus);
        return out;
    }
    for (const auto &item : j["data"])
        if (item.is_object() && item.contains("id") && item["id"].is_string())
            out.ids.push_back(item["id"].get<std::string>());
    return out;
}

} // namespace ds
