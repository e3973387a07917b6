#include "net/BatchApi.h"

#include "net/CurlSetup.h"
#include "net/Providers.h"
#include "net/RetryPolicy.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

namespace ds::batch {

using json = nlohmann::json;

namespace {

struct Transfer {
    std::string body;
    std::string pending; ///< an incomplete line while streaming
    const LineSink *sink = nullptr;
    const KeepGoing *keepGoing = nullptr;
};

size_t onData(char *p, size_t s, size_t n, void *u)
{
    auto *t = static_cast<Transfer *>(u);
    const size_t len = s * n;
    if (!t->sink) {
        if (t->body.size() + len > (64u << 20))
            return 0; // a status or error reply is never this large
        t->body.append(p, len);
        return len;
    }
    t->pending.append(p, len);
    size_t start = 0;
    for (size_t nl; (nl = t->pending.find('\n', start)) != std::string::npos; start = nl + 1)
        if (nl > start)
            (*t->sink)(t->pending.substr(start, nl - start));
    t->pending.erase(0, start);
    return len;
}

int onProgress(void *u, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *t = static_cast<Transfer *>(u);
    return t->keepGoing && *t->keepGoing && !(*t->keepGoing)() ? 1 : 0;
}

/// One blocking request with the model's credentials and headers. `mime` (may be null) makes it a
/// multipart upload; otherwise a non-empty `body` is sent as JSON.
HttpResult perform(const ModelConfig &m, const std::string &method, const std::string &url, const std::string &body, curl_mime *mime,
                   const KeepGoing &keepGoing, const LineSink *sink = nullptr)
{
    HttpResult out;
    CURL *c = curl_easy_init();
    if (!c) {
        out.transportError = "curl init failed";
        return out;
    }
    char errorBuffer[CURL_ERROR_SIZE] = {};
    curl_slist *headers = nullptr;
    for (const auto &h : provider::commonHeaders(m))
        headers = curl_slist_append(headers, h.c_str());
    if (!mime && !body.empty())
        headers = curl_slist_append(headers, "Content-Type: application/json");
    const std::string key = resolveApiKey(m);
    if (!key.empty())
        headers = curl_slist_append(headers, (provider::authHeaderPrefix(m) + key).c_str());
    headers = curl_slist_append(headers, "Expect:");
    Transfer t;
    t.sink = sink;
    t.keepGoing = &keepGoing;
    net::applyCommonOptions(c, errorBuffer);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (mime)
        curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
    else if (method == "POST") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onData);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L); // Anthropic's results_url may redirect to storage
    curl_easy_setopt(c, CURLOPT_TIMEOUT, long(std::max(60, m.timeoutS * 4)));
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    const CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
    long connectStatus = 0;
    curl_easy_getinfo(c, CURLINFO_HTTP_CONNECTCODE, &connectStatus);
    if (rc != CURLE_OK || connectStatus == 407 || out.status == 407)
        out.transportError = net::describeFailure(c, rc, errorBuffer).message;
    if (sink && !t.pending.empty() && out.transportError.empty())
        (*sink)(t.pending); // a last line without a newline
    out.body = std::move(t.body);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return out;
}

int64_t num(const json &o, const char *k)
{
    return o.is_object() && o.contains(k) && o[k].is_number_integer() ? o[k].get<int64_t>() : 0;
}

std::string str(const json &o, const char *k)
{
    return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
}

std::string idOf(const HttpResult &r)
{
    const json j = json::parse(r.body, nullptr, false);
    return str(j, "id");
}

} // namespace

std::string HttpResult::describe(const std::string &provider) const
{
    if (!transportError.empty())
        return "transport: " + transportError;
    const auto parsed = provider::parse(provider, int(status), body);
    return "HTTP " + std::to_string(status) + (parsed.errorCode.empty() ? "" : " " + parsed.errorCode) + ": " + parsed.errorMessage;
}

std::string create(const ModelConfig &m, const std::vector<const LlmRequest *> &reqs, const std::string &tag, const KeepGoing &keepGoing,
                   std::string &error)
{
    if (m.provider == "anthropic") {
        json requests = json::array();
        for (const LlmRequest *r : reqs)
            requests.push_back({{"custom_id", r->key}, {"params", json::parse(provider::buildBody(*r))}});
        const std::string body = json{{"requests", std::move(requests)}}.dump(-1, ' ', false, json::error_handler_t::replace);
        const HttpResult res = perform(m, "POST", provider::endpointUrl(m, "/messages/batches"), body, nullptr, keepGoing);
        if (!res.ok() || idOf(res).empty()) {
            error = "batch not created: " + res.describe(m.provider);
            return {};
        }
        return idOf(res);
    }
    std::string jsonl;
    for (const LlmRequest *r : reqs) {
        const json line = {
            {"custom_id", r->key}, {"method", "POST"}, {"url", "/v1/chat/completions"}, {"body", json::parse(provider::buildBody(*r))}};
        jsonl += line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    }
    CURL *scratch = curl_easy_init(); // curl_mime needs a handle only to be created
    curl_mime *mime = curl_mime_init(scratch);
    curl_mimepart *part = curl_mime_addpart(mime);
    curl_mime_name(part, "purpose");
    curl_mime_data(part, "batch", CURL_ZERO_TERMINATED);
    part = curl_mime_addpart(mime);
    curl_mime_name(part, "file");
    curl_mime_filename(part, "distillscope-batch.jsonl");
    curl_mime_type(part, "application/jsonl");
    curl_mime_data(part, jsonl.data(), jsonl.size());
    const HttpResult up = perform(m, "POST", provider::endpointUrl(m, "/files"), {}, mime, keepGoing);
    curl_mime_free(mime);
    curl_easy_cleanup(scratch);
    if (!up.ok() || idOf(up).empty()) {
        error = "file upload rejected: " + up.describe(m.provider);
        return {};
    }
    const std::string body = json{{"input_file_id", idOf(up)},
                                  {"endpoint", "/v1/chat/completions"},
                                  {"completion_window", "24h"},
                                  {"metadata", {{kSubmissionTagKey, tag}}}}
                                 .dump();
    const HttpResult res = perform(m, "POST", provider::endpointUrl(m, "/batches"), body, nullptr, keepGoing);
    if (!res.ok() || idOf(res).empty()) {
        error = "batch not created: " + res.describe(m.provider);
        return {};
    }
    return idOf(res);
}

namespace {

std::string withQuery(const std::string &url, const std::string &query)
{
    return url + (url.find('?') == std::string::npos ? "?" : "&") + query;
}

// A provider lists batches newest first; a submission cannot be older than its intent, so paging
// stops there (with ten minutes for clocks that disagree).
constexpr int64_t kClockSlackS = 600;
constexpr int kMaxPages = 50;

int64_t unixSeconds(const json &createdAt)
{
    if (createdAt.is_number_integer())
        return createdAt.get<int64_t>();
    if (createdAt.is_string())
        if (const auto t = RetryPolicy::parseRfc3339(createdAt.get<std::string>()))
            return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
    return 0;
}

int64_t requestTotal(const json &b)
{
    const json counts = b.contains("request_counts") ? b["request_counts"] : json::object();
    int64_t total = 0;
    for (const char *k : {"processing", "succeeded", "errored", "canceled", "expired"})
        total += num(counts, k);
    return total;
}

} // namespace

Lookup findSubmitted(const ModelConfig &m, const std::string &tag, int64_t intendedAt, int64_t requests,
                     const std::set<std::string> &recorded, const KeepGoing &keepGoing)
{
    const bool anthropic = m.provider == "anthropic";
    const std::string list = provider::endpointUrl(m, anthropic ? "/messages/batches" : "/batches");
    std::vector<std::string> candidates;
    std::string cursor;
    for (int page = 0; page < kMaxPages; ++page) {
        std::string query = "limit=100";
        if (!cursor.empty())
            query += (anthropic ? "&after_id=" : "&after=") + cursor;
        const HttpResult r = perform(m, "GET", withQuery(list, query), {}, nullptr, keepGoing);
        if (!r.ok())
            return {Lookup::Result::Unknown, {}, "listing batches failed: " + r.describe(m.provider)};
        const json j = json::parse(r.body, nullptr, false);
        if (!j.is_object() || !j.contains("data") || !j["data"].is_array())
            return {Lookup::Result::Unknown, {}, "the batch list is not JSON with a data array"};
        bool older = false;
        for (const auto &b : j["data"]) {
            const int64_t created = unixSeconds(b.contains("created_at") ? b["created_at"] : json());
            older = older || (created > 0 && created < intendedAt - kClockSlackS);
            if (!anthropic) {
                const json meta = b.contains("metadata") ? b["metadata"] : json();
                if (str(meta, kSubmissionTagKey) == tag)
                    return {Lookup::Result::Found, str(b, "id"), {}};
            } else if (created >= intendedAt - kClockSlackS && created <= intendedAt + 3600 && requestTotal(b) == requests &&
                       !recorded.count(str(b, "id"))) {
                candidates.push_back(str(b, "id"));
            }
        }
        const bool more = j.value("has_more", false) && !str(j, "last_id").empty();
        if (older || !more) {
            if (candidates.size() > 1)
                return {Lookup::Result::Unknown,
                        {},
                        std::to_string(candidates.size()) + " batches of " + std::to_string(requests) + " requests created then (" +
                            candidates[0] + ", " + candidates[1] + "): cannot tell which is this run's"};
            if (candidates.size() == 1)
                return {Lookup::Result::Found, candidates[0], {}};
            return {Lookup::Result::Absent, {}, {}};
        }
        cursor = str(j, "last_id");
    }
    return {Lookup::Result::Unknown, {}, "not found among the " + std::to_string(kMaxPages * 100) + " most recent batches"};
}

Status retrieve(const ModelConfig &m, const std::string &batchId, const KeepGoing &keepGoing)
{
    Status s;
    const bool anthropic = m.provider == "anthropic";
    s.http =
        perform(m, "GET", provider::endpointUrl(m, (anthropic ? "/messages/batches/" : "/batches/") + batchId), {}, nullptr, keepGoing);
    if (!s.http.ok())
        return s;
    const json j = json::parse(s.http.body, nullptr, false);
    if (!j.is_object()) {
        s.http.transportError = "batch status is not JSON";
        return s;
    }
    const json counts = j.contains("request_counts") ? j["request_counts"] : json::object();
    if (anthropic) {
        s.state = str(j, "processing_status");
        s.ended = s.state == "ended";
        s.done = num(counts, "succeeded");
        s.failed = num(counts, "errored") + num(counts, "canceled") + num(counts, "expired");
        s.total = s.done + s.failed + num(counts, "processing");
        if (s.ended && !str(j, "results_url").empty())
            s.resultUrls.push_back(str(j, "results_url"));
        return s;
    }
    s.state = str(j, "status");
    s.ended = s.state == "completed" || s.state == "failed" || s.state == "expired" || s.state == "cancelled";
    s.total = num(counts, "total");
    s.done = num(counts, "completed");
    s.failed = num(counts, "failed");
    for (const char *k : {"output_file_id", "error_file_id"})
        if (s.ended && !str(j, k).empty())
            s.resultUrls.push_back(provider::endpointUrl(m, "/files/" + str(j, k) + "/content"));
    if (j.contains("errors") && j["errors"].is_object() && j["errors"].contains("data") && j["errors"]["data"].is_array())
        for (const auto &e : j["errors"]["data"]) {
            std::string one = str(e, "message");
            if (num(e, "line") > 0)
                one = "line " + std::to_string(num(e, "line")) + ": " + one;
            s.errors += (s.errors.empty() ? "" : "; ") + one;
        }
    return s;
}

HttpResult download(const ModelConfig &m, const std::string &url, const KeepGoing &keepGoing, const LineSink &sink)
{
    // Only a 2xx body is a result file: an error reply is kept whole to be described.
    std::string errorBody;
    bool first = true, isError = false;
    LineSink gate = [&](const std::string &line) {
        if (first) {
            first = false;
            const json j = json::parse(line, nullptr, false);
            isError = j.is_object() && (j.contains("error") && !j.contains("custom_id"));
        }
        if (isError)
            errorBody += line;
        else
            sink(line);
    };
    HttpResult r = perform(m, "GET", url, {}, nullptr, keepGoing, &gate);
    if (!errorBody.empty())
        r.body = errorBody;
    return r;
}

bool parseLine(const std::string &provider, const std::string &text, Line &out)
{
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object() || str(j, "custom_id").empty())
        return false;
    out.customId = str(j, "custom_id");
    if (provider == "anthropic") {
        const json r = j.contains("result") ? j["result"] : json::object();
        const std::string type = str(r, "type");
        if (type == "succeeded" && r.contains("message")) {
            out.httpStatus = 200;
            out.body = r["message"].dump();
        } else if (type == "errored" && r.contains("error")) {
            // The error object is the body a live call would have got with its status.
            const std::string errType = r["error"].contains("error") ? str(r["error"]["error"], "type") : "";
            out.httpStatus = errType == "invalid_request_error" ? 400 : errType == "not_found_error" ? 404 : 500;
            out.body = r["error"].dump();
        } else {
            out.error = "request " + (type.empty() ? std::string("without a result") : type) + " in the batch";
        }
        return true;
    }
    if (j.contains("response") && j["response"].is_object()) {
        out.httpStatus = int(num(j["response"], "status_code"));
        out.body = j["response"].contains("body") ? j["response"]["body"].dump() : "";
        return true;
    }
    if (j.contains("error") && j["error"].is_object())
        out.error = str(j["error"], "code") + ": " + str(j["error"], "message");
    else
        out.error = "result line without a response";
    return true;
}

} // namespace ds::batch
