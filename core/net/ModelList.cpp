#include "net/ModelList.h"

#include "net/CurlSetup.h"
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

/// One GET; fills `body` and `status`, returns "" or the error.
std::string getPage(const ModelConfig &m, const std::string &url, std::string &body, long &status)
{
    CURL *c = curl_easy_init();
    if (!c)
        return "curl init failed";
    char errorBuffer[CURL_ERROR_SIZE];
    curl_slist *headers = nullptr;
    for (const auto &h : provider::commonHeaders(m))
        headers = curl_slist_append(headers, h.c_str());
    const std::string key = resolveApiKey(m);
    if (!key.empty())
        headers = curl_slist_append(headers, (provider::authHeaderPrefix(m) + key).c_str());
    net::applyCommonOptions(c, errorBuffer);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    const CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    long connectStatus = 0;
    curl_easy_getinfo(c, CURLINFO_HTTP_CONNECTCODE, &connectStatus);
    std::string error;
    if (rc != CURLE_OK || connectStatus == 407 || status == 407)
        error = net::describeFailure(c, rc, errorBuffer).message;
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return error;
}
} // namespace

ModelList listRemoteModels(const ModelConfig &m)
{
    ModelList out;
    std::string afterId;
    // Anthropic pages its list (has_more / last_id -> after_id); OpenAI-compatible servers send one page.
    for (int page = 0; page < 100; ++page) {
        ModelConfig paged = m;
        if (m.provider == "anthropic") {
            paged.options.query.emplace_back("limit", "1000");
            if (!afterId.empty())
                paged.options.query.emplace_back("after_id", afterId);
        }
        const std::string url = provider::modelsUrl(paged);
        std::string body;
        if (std::string error = getPage(m, url, body, out.httpStatus); !error.empty()) {
            out.error = provider::modelsUrl(m) + ": " + error;
            return out;
        }
        const auto j = nlohmann::json::parse(body, nullptr, false);
        if (out.httpStatus != 200 || j.is_discarded() || !j.is_object() || !j.contains("data") || !j["data"].is_array()) {
            const auto parsed = provider::parse(m.provider, int(out.httpStatus), body);
            out.error = provider::modelsUrl(m) + ": HTTP " + std::to_string(out.httpStatus) +
                        (parsed.errorMessage.empty() ? std::string() : ": " + parsed.errorMessage);
            return out;
        }
        for (const auto &item : j["data"])
            if (item.is_object() && item.contains("id") && item["id"].is_string())
                out.ids.push_back(item["id"].get<std::string>());
        const bool more = j.value("has_more", false);
        const std::string last = j.contains("last_id") && j["last_id"].is_string() ? j["last_id"].get<std::string>() : std::string();
        if (!more || last.empty() || last == afterId)
            break;
        afterId = last;
    }
    return out;
}

} // namespace ds
