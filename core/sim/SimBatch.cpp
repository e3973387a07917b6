// Batch endpoints of the simulator, answered in the real APIs' shapes:
//  OpenAI    POST /v1/files (multipart, purpose=batch), GET /v1/files/{id}[/content],
//            POST /v1/batches, GET /v1/batches[/{id}], POST /v1/batches/{id}/cancel
//  Anthropic POST /v1/messages/batches, GET /v1/messages/batches[/{id}[/results]],
//            POST /v1/messages/batches/{id}/cancel
#include "sim/SimBatch.h"

#include "sim/HttpIo.h"
#include "sim/SimRandom.h"
#include "sim/SimServer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <functional>
#include <optional>
#include <regex>
#include <set>

namespace ds::sim {

using ojson = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

namespace {

long long unixSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string rfc3339(long long t)
{
    const std::time_t tt = std::time_t(t);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&tt));
    return buf;
}

struct Part {
    std::string name, filename, data;
};

/// multipart/form-data parts (RFC 7578), as the SDKs and curl send them.
std::vector<Part> multipart(const std::string &contentType, const std::string &body)
{
    std::vector<Part> parts;
    const auto at = contentType.find("boundary=");
    if (at == std::string::npos)
        return parts;
    std::string boundary = contentType.substr(at + 9);
    if (const auto semi = boundary.find(';'); semi != std::string::npos)
        boundary = boundary.substr(0, semi);
    if (boundary.size() >= 2 && boundary.front() == '"')
        boundary = boundary.substr(1, boundary.size() - 2);
    const std::string delim = "--" + boundary;
    size_t pos = body.find(delim);
    while (pos != std::string::npos) {
        pos += delim.size();
        if (body.compare(pos, 2, "--") == 0)
            break;
        pos = body.find("\r\n", pos);
        if (pos == std::string::npos)
            break;
        pos += 2;
        const auto headEnd = body.find("\r\n\r\n", pos);
        const auto next = body.find("\r\n" + delim, pos);
        if (headEnd == std::string::npos || next == std::string::npos || headEnd > next)
            break;
        const std::string head = body.substr(pos, headEnd - pos);
        Part p;
        static const std::regex nameRe(R"re(\bname="([^"]*)")re"), fileRe(R"re(\bfilename="([^"]*)")re");
        std::smatch m;
        if (std::regex_search(head, m, nameRe))
            p.name = m[1];
        if (std::regex_search(head, m, fileRe))
            p.filename = m[1];
        p.data = body.substr(headEnd + 4, next - headEnd - 4);
        parts.push_back(std::move(p));
        pos = next + 2;
    }
    return parts;
}

/// The OpenAI file object of an uploaded file (upload reply and GET /v1/files/{id}).
ojson fileObject(const SimFile &f)
{
    return {
        {"id", f.id},           {"object", "file"},      {"bytes", f.content.size()}, {"created_at", f.createdAt}, {"filename", f.filename},
        {"purpose", f.purpose}, {"status", "processed"}, {"status_details", nullptr}};
}

std::string openaiError(const std::string &message, const std::string &param = {}, const std::string &code = {})
{
    ojson err = {{"message", message},
                 {"type", "invalid_request_error"},
                 {"param", param.empty() ? ojson() : ojson(param)},
                 {"code", code.empty() ? ojson() : ojson(code)}};
    return ojson{{"error", err}}.dump();
}

std::string anthropicError(const std::string &message, const std::string &type = "invalid_request_error")
{
    return ojson{{"type", "error"}, {"error", {{"type", type}, {"message", message}}}}.dump();
}

/// Where a batch is in its life: 0..1 of durationMs.
double progressOf(const SimBatch &b, int durationMs)
{
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - b.created).count();
    return durationMs <= 0 ? 1.0 : std::min(1.0, ms / durationMs);
}

/// One request to the batch endpoints, with what every route needs. Each route is one method; the
/// whole book stays locked for the request, as batches and files refer to each other.
struct BatchCall {
    HttpConnection &conn;
    const HttpRequest &req;
    const SimConfig &cfg;
    BatchBook &book;
    SimStats &stats;
    int port;
    bool anthropic;
    std::function<std::string()> requestId;
    /// One request line -> (answered, its result line): same validation and answers as a live request.
    std::function<std::pair<bool, std::string>(const std::string &, const nlohmann::json &)> answer;

    bool reply(int status, std::string body, std::string contentType = "application/json")
    {
        HttpResponse r;
        r.status = status;
        r.body = std::move(body);
        r.contentType = std::move(contentType);
        r.headers.emplace_back("x-request-id", requestId());
        return conn.write(r, req.keepAlive());
    }

    bool notFound(const std::string &what)
    {
        stats.rejected("not_found");
        return reply(404, anthropic ? anthropicError(what, "not_found_error") : openaiError(what, "", ""));
    }

    std::string newId(const char *prefix)
    {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%s%016llx", prefix, (unsigned long long)mix64(cfg.seed ^ ++book.counter ^ 0xba7c4ULL));
        return std::string(buf);
    }

    /// Outcome "expired": only the first half is answered.
    void expire(SimBatch &b)
    {
        if (cfg.batch.outcome != "expired")
            return;
        std::vector<std::string> all = b.okLines;
        all.insert(all.end(), b.errorLines.begin(), b.errorLines.end());
        b.okLines.clear();
        b.errorLines.clear();
        for (size_t i = 0; i < all.size(); ++i) {
            if (i < all.size() / 2) {
                b.okLines.push_back(all[i]);
                continue;
            }
            const std::string id = nlohmann::json::parse(all[i]).value("custom_id", "");
            b.errorLines.push_back(anthropic
                                       ? ojson{{"custom_id", id}, {"result", {{"type", "expired"}}}}.dump()
                                       : ojson{{"id", "batch_req_x" + std::to_string(i)},
                                               {"custom_id", id},
                                               {"response", nullptr},
                                               {"error",
                                                {{"code", "batch_expired"},
                                                 {"message", "This request could not be executed before the completion window expired."}}}}
                                             .dump());
        }
    }

    /// The OpenAI batch object; a batch that has ended gets its output and error files.
    ojson openaiObject(SimBatch &b)
    {
        const double p = progressOf(b, cfg.batch.durationMs);
        const bool failed = !b.validationErrors.empty();
        std::string status = b.cancelled                      ? "cancelled"
                             : p < 0.1                        ? "validating"
                             : failed                         ? "failed"
                             : p < 0.8                        ? "in_progress"
                             : p < 1.0                        ? "finalizing"
                             : cfg.batch.outcome == "expired" ? "expired"
                                                              : "completed";
        const bool ended = status == "completed" || status == "expired" || status == "cancelled";
        if (ended && b.outputFileId.empty() && b.errorFileId.empty()) {
            auto store = [&](const std::vector<std::string> &lines, std::string &id) {
                if (lines.empty())
                    return;
                SimFile f;
                f.id = id = newId("file-");
                f.purpose = "batch_output";
                f.filename = "batch_" + b.id + "_output.jsonl";
                f.createdAt = unixSeconds();
                for (const auto &l : lines)
                    f.content += l + "\n";
                book.files[f.id] = std::move(f);
            };
            if (!b.cancelled) {
                store(b.okLines, b.outputFileId);
                store(b.errorLines, b.errorFileId);
            }
        }
        const double shown = status == "in_progress" ? (p - 0.1) / 0.7 : status == "validating" || failed ? 0.0 : 1.0;
        const int64_t ok = b.cancelled ? 0 : int64_t(double(b.okLines.size()) * shown);
        const int64_t bad = b.cancelled ? 0 : int64_t(double(b.errorLines.size()) * shown);
        const auto at = [&](bool set) { return set ? ojson(b.createdAt + 1) : ojson(); };
        return ojson{
            {"id", b.id},
            {"object", "batch"},
            {"endpoint", b.endpoint},
            {"errors", b.validationErrors.empty() ? ojson() : ojson{{"object", "list"}, {"data", ojson::parse(b.validationErrors)}}},
            {"input_file_id", b.inputFileId},
            {"completion_window", "24h"},
            {"status", status},
            {"output_file_id", b.outputFileId.empty() ? ojson() : ojson(b.outputFileId)},
            {"error_file_id", b.errorFileId.empty() ? ojson() : ojson(b.errorFileId)},
            {"created_at", b.createdAt},
            {"in_progress_at", at(status != "validating" && !failed)},
            {"expires_at", b.createdAt + 86400},
            {"finalizing_at", at(status == "finalizing" || status == "completed" || status == "expired")},
            {"completed_at", at(status == "completed")},
            {"failed_at", at(status == "failed")},
            {"expired_at", at(status == "expired")},
            {"cancelling_at", at(b.cancelled)},
            {"cancelled_at", at(b.cancelled)},
            {"request_counts", {{"total", b.total}, {"completed", ok}, {"failed", bad}}},
            {"metadata", b.metadata.empty() ? ojson() : ojson::parse(b.metadata)}};
    }

    /// GET of a batch list as both services page it: newest first, `limit` (default 20, at most
    /// `maxLimit`), continuing after the id named by `cursorName`; nullptr when the limit is refused.
    std::optional<ojson> listPage(bool anthropic, int maxLimit, const char *cursorName)
    {
        const std::string limitText = req.queryValue("limit");
        const int limit = limitText.empty() ? 20 : std::atoi(limitText.c_str());
        if (limit < 1 || limit > maxLimit)
            return std::nullopt;
        std::vector<SimBatch *> all;
        for (auto &[id, b] : book.batches)
            if (b.anthropic == anthropic)
                all.push_back(&b);
        std::sort(all.begin(), all.end(), [](const SimBatch *a, const SimBatch *b) { return a->serial > b->serial; });
        size_t from = 0;
        if (const std::string after = req.queryValue(cursorName); !after.empty())
            for (size_t i = 0; i < all.size(); ++i)
                if (all[i]->id == after)
                    from = i + 1;
        ojson data = ojson::array();
        for (size_t i = from; i < all.size() && data.size() < size_t(limit); ++i)
            data.push_back(anthropic ? anthropicObject(*all[i]) : openaiObject(*all[i]));
        const bool more = from + data.size() < all.size();
        return ojson{{"data", data},
                     {"has_more", more},
                     {"first_id", data.empty() ? ojson() : data.front()["id"]},
                     {"last_id", data.empty() ? ojson() : data.back()["id"]}};
    }

    /// OpenAI's metadata rules: an object of at most 16 string values, keys up to 64 characters and
    /// values up to 512. The error message, or "" when it is valid.
    static std::string metadataError(const ojson &m)
    {
        if (m.is_null())
            return {};
        if (!m.is_object())
            return "Invalid type for 'metadata': expected an object, but got " + std::string(m.type_name()) + " instead.";
        if (m.size() > 16)
            return "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got " +
                   std::to_string(m.size()) + " properties instead.";
        for (const auto &[k, v] : m.items()) {
            if (k.size() > 64)
                return "Invalid 'metadata': string too long. Expected a key with maximum length 64.";
            if (!v.is_string())
                return "Invalid type for 'metadata." + k + "': expected a string, but got " + std::string(v.type_name()) + " instead.";
            if (v.get<std::string>().size() > 512)
                return "Invalid 'metadata." + k + "': string too long. Expected a string with maximum length 512.";
        }
        return {};
    }

    ojson anthropicObject(const SimBatch &b)
    {
        const double p = progressOf(b, cfg.batch.durationMs);
        const bool ended = b.cancelled || p >= 1.0;
        int64_t succeeded = 0, errored = 0, expired = 0, canceled = 0;
        for (const auto *lines : {&b.okLines, &b.errorLines})
            for (const auto &l : *lines) {
                const std::string type = nlohmann::json::parse(l)["result"].value("type", "");
                (type == "succeeded" ? succeeded : type == "expired" ? expired : errored)++;
            }
        if (b.cancelled) {
            canceled = b.total;
            succeeded = errored = expired = 0;
        }
        const std::string host = req.header("host").empty() ? "127.0.0.1:" + std::to_string(port) : req.header("host");
        return ojson{{"id", b.id},
                     {"type", "message_batch"},
                     {"processing_status", ended ? "ended" : "in_progress"},
                     {"request_counts",
                      {{"processing", ended ? 0 : b.total},
                       {"succeeded", ended ? succeeded : 0},
                       {"errored", ended ? errored : 0},
                       {"canceled", canceled},
                       {"expired", ended ? expired : 0}}},
                     {"ended_at", ended ? ojson(rfc3339(b.createdAt + 1)) : ojson()},
                     {"created_at", rfc3339(b.createdAt)},
                     {"expires_at", rfc3339(b.createdAt + 86400)},
                     {"archived_at", nullptr},
                     {"cancel_initiated_at", b.cancelled ? ojson(rfc3339(b.createdAt + 1)) : ojson()},
                     {"results_url", ended ? ojson("http://" + host + "/v1/messages/batches/" + b.id + "/results") : ojson()}};
    }

    /// Create, list, retrieve, cancel, results. Kept whole: the five routes share the id parsing and
    /// read top to bottom like the API reference.
    bool anthropicRoutes()
    {
        const std::string &path = req.path;
        const bool post = req.method == "POST", get = req.method == "GET";
        const std::string rest = path.substr(std::strlen("/v1/messages/batches"));
        if (rest.empty() && post) {
            const auto j = nlohmann::json::parse(req.body, nullptr, false);
            if (!j.is_object() || !j.contains("requests") || !j["requests"].is_array() || j["requests"].empty())
                return reply(400, anthropicError("requests: Field required and must be a non-empty list"));
            if (j["requests"].size() > 100000)
                return reply(400, anthropicError("requests: at most 100000 requests per batch"));
            for (const auto &[k, v] : j.items())
                if (k != "requests")
                    return reply(400, anthropicError(k + ": Extra inputs are not permitted"));
            static const std::regex idRe("^[a-zA-Z0-9_-]{1,64}$");
            std::set<std::string> seen;
            SimBatch b;
            for (size_t i = 0; i < j["requests"].size(); ++i) {
                const auto &r = j["requests"][i];
                const std::string where = "requests." + std::to_string(i);
                if (!r.is_object() || !r.contains("custom_id") || !r["custom_id"].is_string() || !r.contains("params") ||
                    !r["params"].is_object())
                    return reply(400, anthropicError(where + ": custom_id and params are required"));
                const std::string id = r["custom_id"];
                if (!std::regex_match(id, idRe))
                    return reply(400, anthropicError(where + ".custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'"));
                if (!seen.insert(id).second)
                    return reply(400, anthropicError("Duplicate custom_id: " + id + ". custom_id values must be unique within a batch."));
                auto [ok, line] = answer(id, r["params"]);
                (ok ? b.okLines : b.errorLines).push_back(std::move(line));
            }
            b.id = newId("msgbatch_");
            b.serial = book.counter;
            b.anthropic = true;
            b.total = int64_t(seen.size());
            b.created = Clock::now();
            b.createdAt = unixSeconds();
            expire(b);
            stats.batchCreated();
            const std::string out = anthropicObject(b).dump();
            book.batches[b.id] = std::move(b);
            return reply(200, out);
        }
        if (rest.empty() && get) {
            auto page = listPage(true, 1000, "after_id");
            if (!page)
                return reply(400, anthropicError("limit: Input should be less than or equal to 1000"));
            return reply(200, page->dump());
        }
        std::string id = rest.substr(1), action;
        if (const auto slash = id.find('/'); slash != std::string::npos) {
            action = id.substr(slash + 1);
            id = id.substr(0, slash);
        }
        auto it = book.batches.find(id);
        if (it == book.batches.end() || !it->second.anthropic)
            return notFound("message_batch " + id + " not found");
        SimBatch &b = it->second;
        if (action.empty() && get)
            return reply(200, anthropicObject(b).dump());
        if (action == "cancel" && post) {
            if (progressOf(b, cfg.batch.durationMs) < 1.0)
                b.cancelled = true;
            return reply(200, anthropicObject(b).dump());
        }
        if (action == "results" && get) {
            if (!b.cancelled && progressOf(b, cfg.batch.durationMs) < 1.0)
                return reply(400, anthropicError("Message batch " + id + " is still processing; results are available once it has ended."));
            std::string out;
            if (b.cancelled) {
                for (const auto *lines : {&b.okLines, &b.errorLines})
                    for (const auto &l : *lines)
                        out += ojson{{"custom_id", nlohmann::json::parse(l).value("custom_id", "")}, {"result", {{"type", "canceled"}}}}
                                   .dump() +
                               "\n";
            } else {
                for (const auto *lines : {&b.okLines, &b.errorLines})
                    for (const auto &l : *lines)
                        out += l + "\n";
            }
            return reply(200, out, "application/binary");
        }
        return notFound("Unknown request URL: " + req.method + " " + path);
    }

    bool uploadFile()
    {
        const auto parts = multipart(req.header("content-type"), req.body);
        const Part *purpose = nullptr, *file = nullptr;
        for (const auto &p : parts) {
            if (p.name == "purpose")
                purpose = &p;
            else if (p.name == "file")
                file = &p;
        }
        if (!purpose)
            return reply(400, openaiError("Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter"));
        static const std::set<std::string> purposes = {"assistants", "batch", "fine-tune", "vision", "user_data", "evals"};
        if (!purposes.count(purpose->data))
            return reply(400, openaiError("'" + purpose->data +
                                              "' is not one of ['assistants', 'batch', 'fine-tune', 'vision', "
                                              "'user_data', 'evals'] - 'purpose'",
                                          "purpose", "invalid_value"));
        if (!file)
            return reply(400, openaiError("Missing required parameter: 'file'.", "file", "missing_required_parameter"));
        if (purpose->data == "batch" && (file->filename.size() < 6 || file->filename.substr(file->filename.size() - 6) != ".jsonl"))
            return reply(400, openaiError("Invalid file format for Batch API. Must be .jsonl", "file", "invalid_file_format"));
        SimFile f;
        f.id = newId("file-");
        f.filename = file->filename;
        f.purpose = purpose->data;
        f.content = file->data;
        f.createdAt = unixSeconds();
        const ojson out = fileObject(f);
        book.files[f.id] = std::move(f);
        return reply(200, out.dump());
    }

    /// Validation as the service does it: a bad file fails the whole batch with per-line errors. Kept
    /// whole: the request checks, the one walk over the file and the answers share their state.
    bool createOpenAiBatch()
    {
        const auto j = nlohmann::json::parse(req.body, nullptr, false);
        if (!j.is_object())
            return reply(400, openaiError("We could not parse the JSON body of your request."));
        for (const auto &[k, v] : j.items())
            if (k != "input_file_id" && k != "endpoint" && k != "completion_window" && k != "metadata")
                return reply(400, openaiError("Unrecognized request argument supplied: " + k));
        for (const char *k : {"input_file_id", "endpoint", "completion_window"})
            if (!j.contains(k) || !j[k].is_string())
                return reply(400, openaiError(std::string("Missing required parameter: '") + k + "'.", k, "missing_required_parameter"));
        const std::string endpoint = j["endpoint"];
        if (endpoint != "/v1/chat/completions" && endpoint != "/v1/responses" && endpoint != "/v1/embeddings" &&
            endpoint != "/v1/completions")
            return reply(400, openaiError("Invalid 'endpoint': '" + endpoint + "'.", "endpoint", "invalid_value"));
        if (j["completion_window"] != "24h")
            return reply(400, openaiError("Invalid 'completion_window': only '24h' is supported.", "completion_window", "invalid_value"));
        auto fit = book.files.find(j["input_file_id"].get<std::string>());
        if (fit == book.files.end())
            return notFound("No such File object: " + j["input_file_id"].get<std::string>());
        if (fit->second.purpose != "batch")
            return reply(400, openaiError("The input file must have purpose 'batch'.", "input_file_id", "invalid_value"));
        if (j.contains("metadata"))
            if (const std::string e = metadataError(j["metadata"]); !e.empty())
                return reply(400, openaiError(e, "metadata", "invalid_value"));
        SimBatch b;
        b.id = newId("batch_");
        b.serial = book.counter;
        if (j.contains("metadata") && !j["metadata"].is_null())
            b.metadata = j["metadata"].dump();
        b.endpoint = endpoint;
        b.inputFileId = fit->first;
        b.createdAt = unixSeconds();
        // Validation as the service does it: the whole file fails with per-line errors.
        ojson errors = ojson::array();
        std::set<std::string> seen, models;
        std::vector<std::pair<std::string, nlohmann::json>> lines;
        size_t lineNo = 0, start = 0;
        const std::string &content = fit->second.content;
        while (start < content.size()) {
            size_t nl = content.find('\n', start);
            if (nl == std::string::npos)
                nl = content.size();
            const std::string text = content.substr(start, nl - start);
            start = nl + 1;
            ++lineNo;
            if (text.find_first_not_of(" \t\r") == std::string::npos)
                continue;
            const auto l = nlohmann::json::parse(text, nullptr, false);
            auto bad = [&](const std::string &code, const std::string &msg) {
                errors.push_back({{"code", code}, {"message", msg}, {"param", nullptr}, {"line", lineNo}});
            };
            if (!l.is_object()) {
                bad("invalid_json_line", "This line is not parseable as valid JSON.");
                continue;
            }
            if (!l.contains("custom_id") || !l["custom_id"].is_string() || !l.contains("method") || !l.contains("url") ||
                !l.contains("body") || !l["body"].is_object()) {
                bad("invalid_request", "Each line must have custom_id, method, url and body.");
                continue;
            }
            if (l["method"] != "POST")
                bad("invalid_method", "The only supported method is POST.");
            else if (l["url"] != endpoint)
                bad("mismatched_endpoint", "The url of each request must match the batch's endpoint " + endpoint + ".");
            else if (!seen.insert(l["custom_id"].get<std::string>()).second)
                bad("duplicate_custom_id", "The custom_id for this request is a duplicate of another request.");
            else {
                models.insert(l["body"].value("model", ""));
                lines.emplace_back(l["custom_id"], l["body"]);
            }
        }
        if (models.size() > 1)
            errors.push_back({{"code", "mismatched_model"},
                              {"message", "All requests in a batch must use the same model."},
                              {"param", "body.model"},
                              {"line", nullptr}});
        if (cfg.batch.outcome == "failed" && errors.empty())
            errors.push_back({{"code", "invalid_request"},
                              {"message", "The batch could not be validated (simulated failure)."},
                              {"param", nullptr},
                              {"line", 1}});
        if (lines.empty() && errors.empty())
            errors.push_back(
                {{"code", "empty_file"}, {"message", "The batch input file is empty."}, {"param", nullptr}, {"line", nullptr}});
        if (!errors.empty()) {
            b.validationErrors = errors.dump();
        } else {
            for (const auto &[id, body] : lines) {
                auto [ok, line] = answer(id, body);
                (ok ? b.okLines : b.errorLines).push_back(std::move(line));
            }
            expire(b);
        }
        b.total = int64_t(lines.size());
        // Its life starts when it is accepted: the reply to the create says "validating" however long
        // answering the lines took (a slow build, a loaded machine).
        b.created = Clock::now();
        stats.batchCreated();
        const std::string out = openaiObject(b).dump();
        book.batches[b.id] = std::move(b);
        return reply(200, out);
    }

    bool openaiRoutes()
    {
        const std::string &path = req.path;
        const bool post = req.method == "POST", get = req.method == "GET";
        if (path == "/v1/files" && post)
            return uploadFile();
        if (path.rfind("/v1/files/", 0) == 0 && get) {
            std::string id = path.substr(10);
            const bool content = id.size() > 8 && id.substr(id.size() - 8) == "/content";
            if (content)
                id = id.substr(0, id.size() - 8);
            auto it = book.files.find(id);
            if (it == book.files.end())
                return notFound("No such File object: " + id);
            if (content)
                return reply(200, it->second.content, "application/octet-stream");
            return reply(200, fileObject(it->second).dump());
        }
        if (path == "/v1/batches" && post)
            return createOpenAiBatch();
        if (path == "/v1/batches" && get) {
            auto page = listPage(false, 100, "after");
            if (!page)
                return reply(400, openaiError("Invalid 'limit': integer above maximum value. Expected a value <= 100.", "limit",
                                              "integer_above_max_value"));
            (*page)["object"] = "list";
            return reply(200, page->dump());
        }
        if (path.rfind("/v1/batches/", 0) == 0) {
            std::string id = path.substr(12), action;
            if (const auto slash = id.find('/'); slash != std::string::npos) {
                action = id.substr(slash + 1);
                id = id.substr(0, slash);
            }
            auto it = book.batches.find(id);
            if (it == book.batches.end() || it->second.anthropic)
                return notFound("No batch found with id '" + id + "'.");
            if (action.empty() && get)
                return reply(200, openaiObject(it->second).dump());
            if (action == "cancel" && post) {
                if (progressOf(it->second, cfg.batch.durationMs) < 1.0)
                    it->second.cancelled = true;
                return reply(200, openaiObject(it->second).dump());
            }
        }
        stats.rejected("not_found");
        return reply(404, openaiError("Unknown request URL: " + req.method + " " + path, "", "unknown_url"));
    }
};

} // namespace

bool SimServer::handleBatch(HttpConnection &conn, const HttpRequest &req)
{
    const bool anthropic = req.path.rfind("/v1/messages/batches", 0) == 0;
    const auto &cfg = m_world.config();
    const ApiFlavor flavor = anthropic ? ApiFlavor::Anthropic : ApiFlavor::OpenAI;
    BatchCall call{conn, req, cfg, *m_batches, m_stats, m_port, anthropic, [this] { return nextRequestId(); }, {}};
    if (!cfg.requireKey.empty()) {
        std::string key = req.header("x-api-key");
        if (key.empty() && req.header("authorization").rfind("Bearer ", 0) == 0)
            key = req.header("authorization").substr(7);
        if (key != cfg.requireKey) {
            m_stats.rejected("unauthorized");
            return call.reply(401, anthropic ? anthropicError("invalid x-api-key", "authentication_error")
                                             : openaiError("Incorrect API key provided.", "", "invalid_api_key"));
        }
    }
    // One request line -> its result line (same validation and answers as a live request).
    call.answer = [&](const std::string &customId, const nlohmann::json &body) {
        const std::string reqId = nextRequestId();
        ApiRequest api;
        ApiError error;
        int status = 200;
        std::string out;
        const SimModelConfig *model = nullptr;
        if (!body.is_object() || !parseApiRequest(flavor, body.dump(), api, error)) {
            status = 400;
            out = encodeApiError(flavor, error.message.empty() ? ApiError{"body must be an object", "body", ""} : error);
        } else if (!(model = m_world.model(api.model))) {
            status = 404;
            out = anthropic
                      ? anthropicError("model: " + api.model, "not_found_error")
                      : openaiError("The model `" + api.model + "` does not exist or you do not have access to it.", "", "model_not_found");
        } else if (double(mix64(hashText(customId) ^ cfg.seed) % 10000) / 10000.0 < cfg.batch.lineErrorRate) {
            status = 500;
            out = anthropic ? anthropicError("Internal server error (simulated)", "api_error")
                            : ojson{{"error",
                                     {{"message", "The server had an error processing this request (simulated)."},
                                      {"type", "server_error"},
                                      {"param", nullptr},
                                      {"code", nullptr}}}}
                                  .dump();
        } else {
            SimAnswer::Kind kind = SimAnswer::Kind::Own;
            const ApiReply r = makeReply(flavor, api, *model, Fault::None, reqId, kind);
            m_stats.completion(model->name, r.promptTokens, r.completionTokens, kindName(kind));
            out = encodeReply(flavor, r);
        }
        const ojson parsed = ojson::parse(out);
        if (anthropic) {
            ojson result =
                status == 200 ? ojson{{"type", "succeeded"}, {"message", parsed}} : ojson{{"type", "errored"}, {"error", parsed}};
            return std::make_pair(status == 200, ojson{{"custom_id", customId}, {"result", result}}.dump());
        }
        return std::make_pair(status == 200, ojson{{"id", "batch_req_" + reqId.substr(4)},
                                                   {"custom_id", customId},
                                                   {"response", {{"status_code", status}, {"request_id", reqId}, {"body", parsed}}},
                                                   {"error", nullptr}}
                                                 .dump());
    };
    std::unique_lock lock(m_batches->mutex);
    return anthropic ? call.anthropicRoutes() : call.openaiRoutes();
}

} // namespace ds::sim
