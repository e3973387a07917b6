#include "sim/SimServer.h"

#include "sim/ApiCodec.h"
#include "sim/HttpIo.h"
#include "sim/SimBatch.h"
#include "sim/SimRandom.h"
#include "sim/SimText.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ds::sim {

using nlohmann::json;

namespace {

long long unixNow()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

HttpResponse jsonResponse(int status, std::string body)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

// The `x-api-key` (Anthropic) or `Authorization: Bearer` (OpenAI) credential of a request.
std::string credentialOf(const HttpRequest &req)
{
    std::string key = req.header("x-api-key");
    if (!key.empty())
        return key;
    std::string auth = req.header("authorization");
    if (toLower(auth).rfind("bearer ", 0) == 0)
        return trim(auth.substr(7));
    return auth;
}

} // namespace

SimServer::SimServer(SimConfig config)
    : m_world(std::move(config)), m_faults(m_world.config().faults, m_world.config().seed), m_batches(std::make_unique<BatchBook>())
{
}

SimServer::~SimServer()
{
    stop();
}

int SimServer::start(int port, std::string *error)
{
    auto failWith = [&](const std::string &what) {
        if (error)
            *error = what + ": " + std::strerror(errno);
        if (m_listenFd >= 0)
            ::close(m_listenFd);
        m_listenFd = -1;
        return -1;
    };
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listenFd < 0)
        return failWith("socket");
    int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0)
        return failWith("bind 127.0.0.1:" + std::to_string(port));
    if (::listen(m_listenFd, 4096) < 0)
        return failWith("listen");
    socklen_t len = sizeof addr;
    ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    m_running = true;
    m_acceptor = std::thread([this] { acceptLoop(); });
    return m_port;
}

void SimServer::stop()
{
    if (m_stop.exchange(true)) {
        if (m_acceptor.joinable())
            m_acceptor.join();
        return;
    }
    if (m_listenFd >= 0)
        ::shutdown(m_listenFd, SHUT_RDWR);
    if (m_acceptor.joinable())
        m_acceptor.join();
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    m_listenFd = -1;
    std::unique_lock lock(m_mutex);
    for (int fd : m_connections)
        ::shutdown(fd, SHUT_RDWR);
    m_cv.notify_all();
    m_cv.wait(lock, [this] { return m_active == 0; });
    m_running = false;
}

void SimServer::acceptLoop()
{
    while (!m_stop.load()) {
        pollfd p{m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0)
            continue;
        int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        {
            std::lock_guard lock(m_mutex);
            if (m_stop.load()) {
                ::close(fd);
                break;
            }
            m_connections.insert(fd);
            ++m_active;
        }
        // Detached: stop() waits for m_active to drop to zero instead of joining.
        try {
            std::thread([this, fd] { serveConnection(fd); }).detach();
        } catch (const std::system_error &) {
            std::lock_guard lock(m_mutex);
            m_connections.erase(fd);
            ::close(fd);
            --m_active;
            m_cv.notify_all();
        }
    }
}

void SimServer::serveConnection(int fd)
{
    m_stats.connectionOpened();
    {
        HttpConnection conn(fd, m_stop);
        HttpRequest req;
        for (;;) {
            const auto status = conn.read(req);
            if (status == HttpConnection::ReadStatus::Malformed || status == HttpConnection::ReadStatus::TooLarge) {
                const int code = status == HttpConnection::ReadStatus::TooLarge ? 413 : 400;
                conn.write(
                    jsonResponse(code, encodeError(ApiFlavor::OpenAI, "malformed HTTP request", "invalid_request_error", "bad_request")),
                    false);
                break;
            }
            if (status != HttpConnection::ReadStatus::Ok)
                break;
            bool keep = false;
            try {
                keep = handle(conn, req) && req.keepAlive() && !m_stop.load();
            } catch (const std::exception &e) {
                conn.write(
                    jsonResponse(500, encodeError(ApiFlavor::OpenAI, std::string("simulator error: ") + e.what(), "server_error", "")),
                    false);
            }
            if (!keep)
                break;
        }
    }
    m_stats.connectionClosed();
    {
        std::lock_guard lock(m_mutex);
        m_connections.erase(fd);
    }
    ::close(fd);
    // The last touch of `this`: stop() may destroy the server as soon as m_active reaches zero, so
    // the unlock and the wake-up happen at thread exit, the way the standard makes safe.
    std::unique_lock lock(m_mutex);
    --m_active;
    std::notify_all_at_thread_exit(m_cv, std::move(lock));
}

bool SimServer::pause(int ms)
{
    if (ms <= 0)
        return !m_stop.load();
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_stop.load(); });
}

std::string SimServer::nextRequestId()
{
    char buf[40];
    const uint64_t n = m_requestCounter.fetch_add(1);
    std::snprintf(buf, sizeof buf, "req_%016llx", static_cast<unsigned long long>(mix64(m_world.config().seed ^ n) ^ n));
    return buf;
}

bool SimServer::handle(HttpConnection &conn, const HttpRequest &req)
{
    const std::string &path = req.path;
    if (path == "/sim/stats" && req.method == "GET") {
        HttpResponse r = jsonResponse(200, m_stats.json());
        r.headers.emplace_back("Cache-Control", "no-store");
        return conn.write(r, req.keepAlive());
    }
    m_stats.request();
    if (path == "/sim/stats/reset" && req.method == "POST") {
        m_stats.reset();
        return conn.write(jsonResponse(200, R"({"ok":true})"), req.keepAlive());
    }
    // Like the real services: only /v1 paths exist (a base URL without /v1 gets a 404 naming the URL).
    const bool chat = path == "/v1/chat/completions";
    const bool messages = path == "/v1/messages";
    if (path.rfind("/v1/files", 0) == 0 || path.rfind("/v1/batches", 0) == 0 || path.rfind("/v1/messages/batches", 0) == 0)
        return handleBatch(conn, req);
    if (path == "/v1/messages/count_tokens" && req.method == "POST")
        return handleCountTokens(conn, req);
    if (chat || messages) {
        if (req.method != "POST") {
            m_stats.rejected("method_not_allowed");
            return conn.write(
                jsonResponse(405, encodeError(ApiFlavor::OpenAI, "Use POST for " + path, "invalid_request_error", "method_not_allowed")),
                req.keepAlive());
        }
        return handleCompletion(conn, req, chat ? 0 : 1);
    }
    if ((path == "/v1/models" || path.rfind("/v1/models/", 0) == 0) && req.method == "GET")
        return handleModels(conn, req);
    if (path == "/" || path == "/health")
        return conn.write(jsonResponse(200, R"({"status":"ok"})"), req.keepAlive());
    m_stats.rejected("not_found");
    return conn.write(jsonResponse(404, encodeError(ApiFlavor::OpenAI, "Unknown request URL: " + req.method + " " + path,
                                                    "invalid_request_error", "unknown_url")),
                      req.keepAlive());
}

namespace {

/// Anthropic's SDKs send anthropic-version; OpenAI's never do.
bool anthropicClient(const HttpRequest &req)
{
    return !req.header("anthropic-version").empty() || !req.header("x-api-key").empty();
}

} // namespace

bool SimServer::handleModels(HttpConnection &conn, const HttpRequest &req)
{
    const long long now = unixNow();
    const bool anthropic = anthropicClient(req);
    const ApiFlavor flavor = anthropic ? ApiFlavor::Anthropic : ApiFlavor::OpenAI;
    std::vector<std::pair<std::string, std::string>> headers = {{"x-request-id", nextRequestId()}};
    auto send = [&](int status, std::string body) {
        HttpResponse r = jsonResponse(status, std::move(body));
        r.headers = headers;
        return conn.write(r, req.keepAlive());
    };
    const std::string &path = req.path;
    if (path == "/v1/models") {
        if (!anthropic)
            return send(200, encodeModelList(m_world.config(), now));
        const std::string limit = req.queryValue("limit");
        const int n = limit.empty() ? 20 : std::atoi(limit.c_str());
        if (n < 1 || n > 1000)
            return send(400, encodeError(flavor, "limit: Input should be less than or equal to 1000", "invalid_request_error", ""));
        return send(200, encodeAnthropicModelList(m_world.config(), now, req.queryValue("after_id"), n));
    }
    const std::string id = path.substr(std::strlen("/v1/models/"));
    if (const auto *m = m_world.model(id))
        return send(200, anthropic ? encodeAnthropicModel(*m, now) : encodeModel(*m, now));
    m_stats.rejected("not_found");
    headers.emplace_back("x-should-retry", "false");
    return send(404, anthropic ? encodeError(flavor, "model: " + id, "not_found_error", "")
                               : encodeError(flavor, "The model '" + id + "' does not exist", "invalid_request_error", "model_not_found"));
}

bool SimServer::handleCountTokens(HttpConnection &conn, const HttpRequest &req)
{
    json body = json::parse(req.body, nullptr, false);
    if (body.is_object())
        body["max_tokens"] = 1; // count_tokens takes a messages body without max_tokens
    ApiRequest api;
    ApiError error;
    HttpResponse r;
    r.headers = {{"request-id", nextRequestId()}};
    if (!body.is_object() || !parseApiRequest(ApiFlavor::Anthropic, body.dump(), api, error)) {
        r = jsonResponse(400, encodeApiError(ApiFlavor::Anthropic, error.message.empty() ? ApiError{"invalid JSON body", "", ""} : error));
        return conn.write(r, req.keepAlive());
    }
    if (!m_world.model(api.model)) {
        r = jsonResponse(404, encodeError(ApiFlavor::Anthropic, "model: " + api.model, "not_found_error", ""));
        return conn.write(r, req.keepAlive());
    }
    std::string promptText;
    for (const auto &m : api.messages)
        promptText += m.content + "\n";
    r = jsonResponse(200, json{{"input_tokens", approxTokens(promptText) + 4 * static_cast<int>(api.messages.size())}}.dump());
    return conn.write(r, req.keepAlive());
}

bool SimServer::countRequest(const std::string &model, bool openai, std::vector<std::pair<std::string, std::string>> &headers)
{
    const auto now = std::chrono::system_clock::now();
    const long long minute = std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
    const int limit = m_world.config().faults.requestsPerMinute > 0 ? m_world.config().faults.requestsPerMinute : 10000;
    int used = 0;
    {
        std::lock_guard lock(m_rateMutex);
        auto &[windowMinute, count] = m_rateWindows[model];
        if (windowMinute != minute) {
            windowMinute = minute;
            count = 0;
        }
        used = ++count;
    }
    const int remaining = std::max(0, limit - used);
    const auto reset = std::chrono::system_clock::time_point(std::chrono::minutes(minute + 1));
    const double secondsLeft = std::chrono::duration<double>(reset - now).count();
    if (openai) {
        char left[32];
        std::snprintf(left, sizeof left, "%.3fs", secondsLeft);
        headers.emplace_back("x-ratelimit-limit-requests", std::to_string(limit));
        headers.emplace_back("x-ratelimit-remaining-requests", std::to_string(remaining));
        headers.emplace_back("x-ratelimit-reset-requests", left);
    } else {
        const std::time_t t = std::chrono::system_clock::to_time_t(reset);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
        headers.emplace_back("anthropic-ratelimit-requests-limit", std::to_string(limit));
        headers.emplace_back("anthropic-ratelimit-requests-remaining", std::to_string(remaining));
        headers.emplace_back("anthropic-ratelimit-requests-reset", stamp);
    }
    if (used > limit) {
        headers.emplace_back("retry-after", std::to_string(int(std::ceil(secondsLeft))));
        return true;
    }
    return false;
}

/// Where one completion request is answered, and the headers every answer to it carries.
struct CompletionReply {
    HttpConnection &conn;
    bool keepAlive;
    std::string requestId;
    ApiFlavor flavor;

    bool openai() const { return flavor == ApiFlavor::OpenAI; }
    /// An error reply: the request-id headers of the flavor, `extra`, and the SDKs' retry hint.
    bool error(int status, std::string body, std::vector<std::pair<std::string, std::string>> extra = {}) const
    {
        HttpResponse r = jsonResponse(status, std::move(body));
        r.headers = std::move(extra);
        r.headers.emplace_back("x-request-id", requestId);
        if (!openai())
            r.headers.emplace_back("request-id", requestId);
        // The SDKs follow this over their own status rules.
        const bool retry = status == 408 || status == 409 || status == 429 || status >= 500;
        r.headers.emplace_back("x-should-retry", retry ? "true" : "false");
        return conn.write(r, keepAlive);
    }
};

bool SimServer::handleCompletion(HttpConnection &conn, const HttpRequest &req, int flavorIndex)
{
    const ApiFlavor flavor = flavorIndex == 0 ? ApiFlavor::OpenAI : ApiFlavor::Anthropic;
    const bool openai = flavor == ApiFlavor::OpenAI;
    const CompletionReply out{conn, req.keepAlive(), nextRequestId(), flavor};

    const auto &cfg = m_world.config();
    if (!cfg.requireKey.empty() && credentialOf(req) != cfg.requireKey) {
        m_stats.rejected("unauthorized");
        const std::string quoted = cfg.echoKeyInErrors ? ": " + credentialOf(req) : std::string(".");
        return out.error(401, openai
                                  ? encodeError(flavor, "Incorrect API key provided" + quoted, "invalid_request_error", "invalid_api_key")
                                  : encodeError(flavor, "invalid x-api-key" + quoted, "authentication_error", ""));
    }
    ApiRequest api;
    ApiError error;
    if (!parseApiRequest(flavor, req.body, api, error)) {
        m_stats.rejected("bad_request");
        return out.error(400, encodeApiError(flavor, error));
    }
    const SimModelConfig *model = m_world.model(api.model);
    if (!model) {
        m_stats.rejected("not_found");
        return out.error(404, openai ? encodeError(flavor, "The model `" + api.model + "` does not exist or you do not have access to it.",
                                                   "invalid_request_error", "model_not_found")
                                     : encodeError(flavor, "model: " + api.model, "not_found_error", ""));
    }
    m_stats.modelRequest(model->name);
    std::vector<std::pair<std::string, std::string>> rateHeaders;
    if (countRequest(model->name, openai, rateHeaders)) {
        m_stats.rejected("rate_limited");
        return out.error(
            429,
            openai ? encodeError(flavor, "Rate limit reached for requests per minute on " + model->name + " (simulated).", "requests",
                                 "rate_limit_exceeded")
                   : encodeError(flavor, "This request would exceed your organization's rate limit of requests per minute (simulated).",
                                 "rate_limit_error", ""),
            rateHeaders);
    }

    // Latency with a little jitter, drawn per request.
    Rng jitterRng(mix64(cfg.seed ^ 0x1a7e5c7ULL) ^ hashText(out.requestId));
    const int jitter = model->latencyJitterMs >= 0 ? model->latencyJitterMs : model->latencyMs / 20;
    const int latency = std::max(0, model->latencyMs + (jitter > 0 ? jitterRng.range(-jitter, jitter) : 0));

    const Fault fault = m_faults.next();
    if (fault != Fault::None)
        m_stats.fault(model->name, faultName(fault));
    if (const std::optional<bool> keepOpen = replyWithFault(out, *model, fault, latency))
        return *keepOpen;
    return answerCompletion(out, api, *model, fault, std::move(rateHeaders), latency);
}

std::optional<bool> SimServer::replyWithFault(const CompletionReply &out, const SimModelConfig &model, Fault fault, int latency)
{
    const auto &cfg = m_world.config();
    const ApiFlavor flavor = out.flavor;
    const bool openai = out.openai();
    switch (fault) {
    case Fault::RateLimit: {
        const std::string secs = std::to_string(cfg.faults.retryAfterS);
        return out.error(429,
                         openai ? encodeError(flavor,
                                              "Rate limit reached for " + model.name + " (simulated). Please try again in " + secs + "s.",
                                              "rate_limit_exceeded", "rate_limit_exceeded")
                                : encodeError(flavor, "This request would exceed the rate limit (simulated).", "rate_limit_error", ""),
                         {{"retry-after", secs}, {"retry-after-ms", std::to_string(cfg.faults.retryAfterS * 1000)}});
    }
    case Fault::Billing:
        if (openai)
            return out.error(429, encodeError(flavor,
                                              "You exceeded your current quota, please check your plan and "
                                              "billing details. (simulated)",
                                              "insufficient_quota", "insufficient_quota"));
        return out.error(400, encodeError(flavor,
                                          "Your credit balance is too low to access the Anthropic API. Please go to Plans & "
                                          "Billing to upgrade or purchase credits. (simulated)",
                                          "invalid_request_error", ""));
    case Fault::ServerError:
        if (!pause(latency / 4))
            return false;
        return out.error(
            500, openai ? encodeError(flavor, "The server had an error while processing your request (simulated).", "server_error", "")
                        : encodeError(flavor, "Internal server error (simulated)", "api_error", ""));
    case Fault::Overloaded:
        return out.error(openai ? 503 : 529,
                         openai ? encodeError(flavor, "The engine is currently overloaded (simulated).", "server_error", "overloaded")
                                : encodeError(flavor, "Overloaded (simulated)", "overloaded_error", ""));
    case Fault::Timeout:
        // Hold the connection far beyond any sane client timeout, then hang up without a word.
        pause(cfg.faults.timeoutHoldS * 1000);
        return false;
    case Fault::None:
    case Fault::Malformed:
    case Fault::ContentFilter:
    case Fault::Refusal:
    case Fault::Empty:
        break; // answered by answerCompletion
    }
    return std::nullopt;
}

bool SimServer::answerCompletion(const CompletionReply &out, const ApiRequest &api, const SimModelConfig &model, Fault fault,
                                 std::vector<std::pair<std::string, std::string>> headers, int latency)
{
    const ApiFlavor flavor = out.flavor;
    SimAnswer::Kind kind = SimAnswer::Kind::Own;
    const ApiReply r = makeReply(flavor, api, model, fault, out.requestId, kind);
    if (!pause(latency))
        return false;

    headers.emplace_back("x-request-id", out.requestId);
    if (!out.openai())
        headers.emplace_back("request-id", out.requestId);
    if (fault == Fault::Malformed) {
        // A 200 whose body stops mid-JSON: the client must treat it as an error, not an answer.
        std::string full = encodeReply(flavor, r);
        std::string broken = full.substr(0, full.size() * 3 / 5);
        if (api.stream) {
            out.conn.beginChunked(200, "text/event-stream", headers, false);
            out.conn.writeChunk("data: " + broken + "\n\n");
            out.conn.endChunked();
            return false;
        }
        HttpResponse resp = jsonResponse(200, broken);
        resp.headers = headers;
        out.conn.write(resp, out.keepAlive);
        return out.keepAlive;
    }
    // Counted before writing, as an API bills a generated answer: a client reading /sim/stats right
    // after its response must already see it.
    m_stats.completion(model.name, r.promptTokens, r.completionTokens, kindName(kind));
    bool ok;
    if (api.stream) {
        ok = out.conn.beginChunked(200, "text/event-stream", headers, out.keepAlive);
        for (const auto &ev : encodeStream(flavor, r, api.includeUsage))
            ok = ok && out.conn.writeChunk(ev);
        ok = ok && out.conn.endChunked();
    } else {
        HttpResponse resp = jsonResponse(200, encodeReply(flavor, r));
        resp.headers = headers;
        ok = out.conn.write(resp, out.keepAlive);
    }
    return ok;
}

ApiReply SimServer::makeReply(ApiFlavor flavor, const ApiRequest &api, const SimModelConfig &mc, Fault fault, const std::string &requestId,
                              SimAnswer::Kind &kind) const
{
    const bool openai = flavor == ApiFlavor::OpenAI;
    const SimModelConfig *model = &mc;
    const SimAnswer answer = m_world.answer(model->name, api.messages);
    ApiReply r;
    r.id = (openai ? "chatcmpl-" : "msg_") + requestId.substr(4);
    r.model = model->name;
    r.text = answer.text;
    r.reasoning = answer.reasoning;
    r.created = unixNow();
    if (!openai && api.thinkingBudget == 0)
        r.reasoning.clear(); // Claude shows thinking blocks only when asked to think
    else if (!openai && r.reasoning.empty())
        r.reasoning = "The user asks: " + api.messages.back().content.substr(0, 200) + "\nI will answer directly and briefly.";
    if (openai && isReasoningId(api.model)) {
        // o-series / gpt-5: reasoning is billed as output tokens but never shown.
        r.hiddenReasoning = true;
        r.reasoningTokens = approxTokens(r.reasoning.empty() ? r.text : r.reasoning);
    }
    std::string promptText;
    for (const auto &m : api.messages)
        promptText += m.content + "\n";
    r.promptTokens = approxTokens(promptText) + 4 * static_cast<int>(api.messages.size());
    auto shape = [&](std::string &text) {
        if (api.responseFormat == "json_object" || api.responseFormat == "json_schema")
            text = json{{"answer", text}}.dump();
        r.stopSequence = applyStop(text, api.stop);
        if (api.maxTokens)
            r.truncated = truncateToTokens(text, *api.maxTokens) || r.truncated;
    };
    if (api.responseFormat == "json_schema" && answer.kind == SimAnswer::Kind::Refusal)
        r.refusal = answer.text; // structured outputs report a refusal beside a null content
    else
        shape(r.text);
    for (int i = 1; i < api.n; ++i) {
        std::vector<ChatMessage> salted = api.messages;
        salted.insert(salted.begin(), {"system", "sample " + std::to_string(i)});
        r.extraChoices.push_back(m_world.answer(model->name, salted).text);
        shape(r.extraChoices.back());
    }
    if (fault == Fault::ContentFilter) {
        r.finish = "content_filter";
        r.text.clear();
    } else if (fault == Fault::Refusal) {
        r.finish = "refusal";
        if (openai)
            r.refusal = "I'm sorry, but I can't help with that request.";
        r.text = openai ? "" : "I can't help with that.";
    } else if (fault == Fault::Empty) {
        r.text.clear();
    }
    r.completionTokens =
        approxTokens(r.text) + r.reasoningTokens + (r.reasoning.empty() || r.hiddenReasoning ? 0 : approxTokens(r.reasoning));
    for (const auto &t : r.extraChoices)
        r.completionTokens += approxTokens(t);
    kind = answer.kind;
    return r;
}

} // namespace ds::sim
