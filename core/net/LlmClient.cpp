#include "net/LlmClient.h"

#include "net/CurlSetup.h"
#include "net/Providers.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <list>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

namespace ds {

using Clock = std::chrono::steady_clock;

namespace {

struct Pending {
    LlmRequest req;
    LlmClient::Callback done;
    int attempt = 0;
    int totalAttempts = 0;
    Clock::time_point notBefore{};
    Clock::time_point firstSent{};
    std::vector<std::string> retriedFailures; ///< failureKind of each attempt that was retried
};

struct Transfer {
    std::unique_ptr<Pending> item;
    CURL *easy = nullptr;
    curl_slist *headers = nullptr;
    std::string body;     ///< request body (must outlive the transfer)
    std::string response; ///< response body
    std::size_t maxResponseBytes = 0;
    bool overCap = false; ///< the body outgrew maxResponseBytes; the transfer was aborted
    std::map<std::string, std::string> responseHeaders;
    Clock::time_point started;
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

struct Lane {
    std::deque<std::unique_ptr<Pending>> waiting;
    int active = 0;
    int cap = 8;
    int rpm = 0;
    std::deque<Clock::time_point> recentSends; ///< for the requests-per-minute window
    Clock::time_point pausedUntil{};           ///< set from rate-limit headers
    /// Until the endpoint has answered once, one request goes alone: its reply tells whether the
    /// server's window is open (429 / remaining = 0) before a burst of `cap` requests is sent into it.
    bool heardBack = false;
};

size_t onBody(char *ptr, size_t size, size_t n, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    if (t->response.size() + size * n > t->maxResponseBytes) {
        t->overCap = true;
        std::string().swap(t->response);
        return 0; // curl aborts the transfer with CURLE_WRITE_ERROR
    }
    t->response.append(ptr, size * n);
    return size * n;
}

size_t onHeader(char *ptr, size_t size, size_t n, void *user)
{
    std::string line(ptr, size * n);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        const auto b = value.find_first_not_of(" \t");
        const auto e = value.find_last_not_of(" \t\r\n");
        value = b == std::string::npos ? std::string() : value.substr(b, e - b + 1);
        static_cast<Transfer *>(user)->responseHeaders[name] = value;
    }
    return size * n;
}

std::function<std::string(const ModelConfig &)> &keyResolver()
{
    static std::function<std::string(const ModelConfig &)> resolver;
    return resolver;
}

/// The raw body keeps ids, usage and finish reasons for audits; the answer itself has its own
/// column, so a long answer (or reasoning) found verbatim in the body is replaced by a marker
/// instead of being stored twice.
std::string withoutSecondCopy(const std::string &body, const std::string &text, const std::string &reasoning)
{
    std::string raw = body;
    for (const std::string *part : {&text, &reasoning}) {
        if (part->size() < 1024)
            continue;
        const std::string quoted = nlohmann::json(*part).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (const size_t at = raw.find(quoted); at != std::string::npos)
            raw.replace(at, quoted.size(), part == &text ? "\"[stored in responses.text]\"" : "\"[stored in responses.reasoning]\"");
    }
    return raw;
}

} // namespace

void setApiKeyResolver(std::function<std::string(const ModelConfig &)> resolver)
{
    keyResolver() = std::move(resolver);
}

std::string resolveApiKey(const ModelConfig &m)
{
    std::string key;
    if (keyResolver())
        key = keyResolver()(m);
    if (key.empty() && !m.apiKeyEnv.empty())
        if (const char *v = std::getenv(m.apiKeyEnv.c_str()))
            key = v;
    registerSecret(key); // whatever the key, it is scrubbed from everything written from now on
    return key;
}

struct LlmClient::Impl {
    RetryPolicy policy;
    CURLM *multi = nullptr;
    std::thread thread;
    std::mutex mutex; // guards incoming, cancelRequested, stop
    std::vector<std::unique_ptr<Pending>> incoming;
    bool cancelRequested = false;
    bool stop = false;
    std::atomic<int> pendingCount{0};
    std::function<void(const std::string &)> log;

    // network-thread state
    std::unordered_map<std::string, Lane> lanes;
    std::list<std::unique_ptr<Pending>> delayed;
    std::unordered_map<CURL *, std::unique_ptr<Transfer>> active;
    std::vector<CURL *> easyPool;
    /// Accounts (base URL + key variable) that hit a billing stop in requests without a token. Requests
    /// of a run keep theirs in the run's token: one run's billing stop is never cleared by another.
    std::set<std::string> stoppedAccounts;
    static std::string account(const ModelConfig &m) { return m.baseUrl + "|" + m.apiKeyEnv + "|" + m.keychainKey; }
    bool accountStopped(const LlmRequest &r) const
    {
        return r.token ? r.token->accountStopped(account(r.model)) : stoppedAccounts.count(account(r.model)) > 0;
    }

    void loop();
    void dispatch(Clock::time_point now);
    void start(std::unique_ptr<Pending> p, Lane &lane);
    void finishTransfer(CURL *easy, CURLcode code);
    /// After a failed attempt: send it again later, or end the request with the failure.
    void retryOrFail(std::unique_ptr<Transfer> t, ResponseRecord &r, const AttemptResult &attempt, bool transport, Lane &lane);
    void complete(Pending &p, ResponseRecord r, Outcome o);
    void cancelEverything();
    /// Answers the queued requests of stopping tokens as Cancelled (not sent) and cuts the in-flight
    /// transfers of aborted ones. What is in flight for a token that only stops sending is kept.
    void sweepStoppedTokens();
    void dropTransfer(CURL *easy, Transfer &t);
    void logLine(const std::string &s)
    {
        if (log)
            log(redactSecrets(s));
    }
};

LlmClient::LlmClient(RetryPolicy policy) : d(std::make_unique<Impl>())
{
    d->policy = std::move(policy);
    d->multi = curl_multi_init();
    curl_multi_setopt(d->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
    curl_multi_setopt(d->multi, CURLMOPT_MAXCONNECTS, 512L);
    d->thread = std::thread([this] { d->loop(); });
}

LlmClient::~LlmClient()
{
    {
        std::lock_guard lock(d->mutex);
        d->stop = true;
        d->cancelRequested = true;
    }
    curl_multi_wakeup(d->multi);
    d->thread.join();
    for (CURL *e : d->easyPool)
        curl_easy_cleanup(e);
    curl_multi_cleanup(d->multi);
}

void LlmClient::submit(LlmRequest req, Callback done)
{
    auto p = std::make_unique<Pending>();
    p->req = std::move(req);
    p->done = std::move(done);
    ++d->pendingCount;
    {
        std::lock_guard lock(d->mutex);
        d->incoming.push_back(std::move(p));
    }
    curl_multi_wakeup(d->multi);
}

void LlmClient::cancelAll()
{
    {
        std::lock_guard lock(d->mutex);
        d->cancelRequested = true;
    }
    curl_multi_wakeup(d->multi);
}

int LlmClient::pending() const
{
    return d->pendingCount.load();
}

void LlmClient::setLogSink(std::function<void(const std::string &)> sink)
{
    std::lock_guard lock(d->mutex);
    d->log = std::move(sink);
}

void LlmClient::Impl::complete(Pending &p, ResponseRecord r, Outcome o)
{
    --pendingCount;
    r.retriedFailures = std::move(p.retriedFailures);
    if (p.done)
        p.done(r, o);
}

namespace {

ResponseRecord cancelledRecord(const Pending &p, const char *why = "cancelled")
{
    ResponseRecord r;
    r.requestKey = p.req.key;
    r.model = p.req.model.name;
    r.promptId = p.req.promptId;
    r.kind = p.req.kind;
    r.runId = p.req.runId;
    r.status = AnswerStatus::Error;
    r.error = why;
    r.attempts = p.totalAttempts;
    return r;
}

} // namespace

void LlmClient::Impl::dropTransfer(CURL *easy, Transfer &t)
{
    curl_multi_remove_handle(multi, easy);
    curl_slist_free_all(t.headers);
    t.headers = nullptr;
    curl_easy_reset(easy);
    easyPool.push_back(easy);
    --lanes[t.item->req.model.name].active;
}

void LlmClient::Impl::sweepStoppedTokens()
{
    for (auto it = active.begin(); it != active.end();) {
        const auto &tok = it->second->item->req.token;
        if (tok && tok->aborted()) {
            dropTransfer(it->first, *it->second);
            complete(*it->second->item, cancelledRecord(*it->second->item, "aborted in flight"), Outcome::Cancelled);
            it = active.erase(it);
        } else {
            ++it;
        }
    }
    auto stopping = [](const std::unique_ptr<Pending> &p) { return p->req.token && p->req.token->stopping(); };
    for (auto &[name, lane] : lanes)
        for (auto it = lane.waiting.begin(); it != lane.waiting.end();) {
            if (stopping(*it)) {
                complete(**it, cancelledRecord(**it, "not sent: the run is stopping"), Outcome::Cancelled);
                it = lane.waiting.erase(it);
            } else {
                ++it;
            }
        }
    for (auto it = delayed.begin(); it != delayed.end();) {
        if (stopping(*it)) {
            complete(**it, cancelledRecord(**it, "not retried: the run is stopping"), Outcome::Cancelled);
            it = delayed.erase(it);
        } else {
            ++it;
        }
    }
}

void LlmClient::Impl::cancelEverything()
{
    for (auto &[easy, t] : active) {
        curl_multi_remove_handle(multi, easy);
        curl_slist_free_all(t->headers);
        curl_easy_reset(easy);
        easyPool.push_back(easy);
        complete(*t->item, cancelledRecord(*t->item), Outcome::Cancelled);
    }
    active.clear();
    for (auto &[name, lane] : lanes) {
        for (auto &p : lane.waiting)
            complete(*p, cancelledRecord(*p), Outcome::Cancelled);
        lane.waiting.clear();
        lane.active = 0;
    }
    for (auto &p : delayed)
        complete(*p, cancelledRecord(*p), Outcome::Cancelled);
    delayed.clear();
}

void LlmClient::Impl::loop()
{
    for (;;) {
        std::vector<std::unique_ptr<Pending>> fresh;
        bool doCancel = false, doStop = false;
        {
            std::lock_guard lock(mutex);
            fresh.swap(incoming);
            doCancel = cancelRequested;
            cancelRequested = false;
            doStop = stop;
        }
        for (auto &p : fresh) {
            Lane &lane = lanes[p->req.model.name];
            lane.cap = std::max(1, p->req.model.concurrency);
            lane.rpm = std::max(0, p->req.model.rpm);
            lane.waiting.push_back(std::move(p));
        }
        if (doCancel)
            cancelEverything();
        if (doStop)
            return;
        sweepStoppedTokens();

        const auto now = Clock::now();
        for (auto it = delayed.begin(); it != delayed.end();) {
            if ((*it)->notBefore <= now) {
                Lane &lane = lanes[(*it)->req.model.name];
                lane.waiting.push_front(std::move(*it)); // retries go first: they are the oldest work
                it = delayed.erase(it);
            } else {
                ++it;
            }
        }
        dispatch(now);

        int running = 0;
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg *msg = curl_multi_info_read(multi, &left)) {
            if (msg->msg == CURLMSG_DONE)
                finishTransfer(msg->easy_handle, msg->data.result);
        }
        dispatch(Clock::now());

        // Sleep until network activity, a wakeup, the next delayed retry or the next rate window.
        auto next = Clock::now() + std::chrono::milliseconds(200);
        for (auto &p : delayed)
            next = std::min(next, p->notBefore);
        for (auto &[name, lane] : lanes) {
            if (lane.waiting.empty())
                continue;
            if (lane.pausedUntil > Clock::now())
                next = std::min(next, lane.pausedUntil);
            if (lane.rpm > 0 && int(lane.recentSends.size()) >= lane.rpm)
                next = std::min(next, lane.recentSends.front() + std::chrono::seconds(60));
        }
        const auto waitMs = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count();
        int numfds = 0;
        curl_multi_poll(multi, nullptr, 0, int(std::clamp<int64_t>(waitMs, 0, 200)), &numfds);
    }
}

void LlmClient::Impl::dispatch(Clock::time_point now)
{
    for (auto &[name, lane] : lanes) {
        if (lane.pausedUntil > now)
            continue;
        while (!lane.recentSends.empty() && lane.recentSends.front() + std::chrono::seconds(60) <= now)
            lane.recentSends.pop_front();
        while (!lane.waiting.empty() && lane.active < (lane.heardBack ? lane.cap : 1)) {
            if (lane.rpm > 0 && int(lane.recentSends.size()) >= lane.rpm)
                break;
            auto p = std::move(lane.waiting.front());
            lane.waiting.pop_front();
            if (p->req.token && (p->req.token->stopping() || !p->req.token->admit(p->req))) {
                complete(*p, cancelledRecord(*p, "not sent: the run is stopping"), Outcome::Cancelled);
                continue;
            }
            if (accountStopped(p->req)) {
                ResponseRecord r;
                r.requestKey = p->req.key;
                r.model = p->req.model.name;
                r.promptId = p->req.promptId;
                r.kind = p->req.kind;
                r.runId = p->req.runId;
                r.status = AnswerStatus::Error;
                r.error = "not sent: this account hit a billing stop";
                complete(*p, std::move(r), Outcome::BillingStop);
                continue;
            }
            if (lane.rpm > 0)
                lane.recentSends.push_back(now);
            start(std::move(p), lane);
        }
    }
}

void LlmClient::Impl::start(std::unique_ptr<Pending> p, Lane &lane)
{
    const ModelConfig &m = p->req.model;
    const std::string key = resolveApiKey(m);
    if (!m.apiKeyEnv.empty() && key.empty()) {
        ResponseRecord r;
        r.requestKey = p->req.key;
        r.model = m.name;
        r.promptId = p->req.promptId;
        r.kind = p->req.kind;
        r.runId = p->req.runId;
        r.status = AnswerStatus::Error;
        r.error = "no API key: environment variable " + m.apiKeyEnv + " is not set";
        complete(*p, std::move(r), Outcome::Error);
        return;
    }
    auto t = std::make_unique<Transfer>();
    const auto spec = provider::build(p->req);
    t->body = spec.body;
    t->maxResponseBytes = std::size_t(std::max(1, m.options.maxResponseMiB)) << 20;
    for (const auto &h : spec.headers)
        t->headers = curl_slist_append(t->headers, h.c_str());
    if (!key.empty())
        t->headers = curl_slist_append(t->headers, (provider::authHeaderPrefix(m) + key).c_str());
    t->headers = curl_slist_append(t->headers, "Expect:");

    CURL *easy = nullptr;
    if (!easyPool.empty()) {
        easy = easyPool.back();
        easyPool.pop_back();
    } else {
        easy = curl_easy_init();
    }
    curl_easy_setopt(easy, CURLOPT_URL, spec.url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t->body.c_str());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(t->body.size()));
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, t.get());
    net::applyCommonOptions(easy, t->errorBuffer);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT, long(std::max(1, m.timeoutS)));
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, t.get());
    t->easy = easy;
    t->started = Clock::now();
    if (p->totalAttempts == 0)
        p->firstSent = t->started;
    ++p->totalAttempts;
    t->item = std::move(p);
    ++lane.active;
    logLine("POST " + spec.url + " model=" + m.name + " key=" + t->item->req.key.substr(0, 12) +
            " attempt=" + std::to_string(t->item->totalAttempts));
    curl_multi_add_handle(multi, easy);
    active.emplace(easy, std::move(t));
}

void LlmClient::Impl::finishTransfer(CURL *easy, CURLcode code)
{
    auto node = active.extract(easy);
    if (node.empty())
        return;
    std::unique_ptr<Transfer> t = std::move(node.mapped());
    curl_multi_remove_handle(multi, easy);
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    long connectStatus = 0;
    curl_easy_getinfo(easy, CURLINFO_HTTP_CONNECTCODE, &connectStatus);
    std::optional<net::TransportFailure> transport;
    if (t->overCap)
        transport =
            net::TransportFailure{"response body over the " + std::to_string(t->item->req.model.options.maxResponseMiB) +
                                      " MiB cap of model " + t->item->req.model.name + " (raise it with model add --max-response-mib)",
                                  true};
    else if (code != CURLE_OK || connectStatus == 407 || status == 407)
        transport = net::describeFailure(easy, code, t->errorBuffer);
    curl_slist_free_all(t->headers);
    t->headers = nullptr;
    curl_easy_reset(easy);
    easyPool.push_back(easy);

    Pending &p = *t->item;
    const ModelConfig &m = p.req.model;
    Lane &lane = lanes[m.name];
    --lane.active;
    lane.heardBack = true;

    // A 429, or a window the server says is exhausted, closes the whole lane until it reopens: the
    // freed slot must not send the next queued request into the same closed window.
    const auto lanePause =
        code == CURLE_OK ? RetryPolicy::lanePause(int(status), t->responseHeaders, std::chrono::milliseconds(1000)) : std::nullopt;
    if (lanePause && lanePause->count() <= int64_t(policy.maxServerWaitS * 1000))
        lane.pausedUntil = std::max(lane.pausedUntil, Clock::now() + *lanePause);

    ResponseRecord r;
    r.requestKey = p.req.key;
    r.model = m.name;
    r.promptId = p.req.promptId;
    r.kind = p.req.kind;
    r.runId = p.req.runId;
    r.httpStatus = int(status);
    r.attempts = p.totalAttempts;
    r.requestJson = t->body;
    r.latencyMs = std::chrono::duration<double, std::milli>(Clock::now() - t->started).count();

    AttemptResult attempt;
    attempt.httpStatus = int(status);
    attempt.headers = t->responseHeaders;
    if (transport) {
        attempt.transportError = true;
        attempt.permanent = transport->permanent;
        attempt.errorMessage = transport->message;
    } else {
        const auto parsed = provider::parse(m.provider, int(status), t->response);
        if (parsed.ok) {
            provider::fillAnswer(r, parsed, t->response, m);
            logLine("200 " + m.name + " " + std::to_string(int(r.latencyMs)) + " ms");
            complete(p, std::move(r), Outcome::Ok);
            return;
        }
        attempt.errorCode = parsed.errorCode;
        attempt.errorMessage = parsed.errorMessage;
        if (parsed.errorStatus && status >= 200 && status < 300)
            attempt.httpStatus = parsed.errorStatus; // OpenRouter: HTTP 200 carrying an error of another status
        // A 200 with a body we cannot read is a server fault: worth another try.
        if (status >= 200 && status < 300 && parsed.errorCode == "malformed")
            attempt.transportError = true;
    }
    retryOrFail(std::move(t), r, attempt, transport.has_value(), lane);
}

void LlmClient::Impl::retryOrFail(std::unique_ptr<Transfer> t, ResponseRecord &r, const AttemptResult &attempt, bool transport, Lane &lane)
{
    Pending &p = *t->item;
    const ModelConfig &m = p.req.model;
    const RetryDecision decision = policy.decide(attempt, p.attempt);
    const std::string what = transport ? std::string("transport: ") + attempt.errorMessage
                                       : "HTTP " + std::to_string(attempt.httpStatus) +
                                             (attempt.errorCode.empty() ? "" : " " + attempt.errorCode) + ": " + attempt.errorMessage;
    logLine("fail " + m.name + " " + what + (decision.retry ? " (retrying)" : ""));
    if (decision.retry) {
        p.retriedFailures.push_back(transport ? failureKind(0) : failureKind(attempt.httpStatus));
        ++p.attempt;
        p.notBefore = std::max(Clock::now() + decision.wait, lane.pausedUntil);
        delayed.push_back(std::move(t->item));
        return;
    }
    r.status = AnswerStatus::Error;
    r.error = what;
    // The status the failure is counted and shown under: an error object inside a 200 (OpenRouter)
    // carries its own, and the retried attempts were counted under it too.
    r.httpStatus = attempt.httpStatus;
    r.rawJson = t->response.substr(0, 4000);
    if (decision.billingStop) {
        if (p.req.token)
            p.req.token->markAccountStopped(account(m));
        else
            stoppedAccounts.insert(account(m));
    }
    if (decision.pauseRun) {
        const auto resumeAt = std::chrono::system_clock::now() + decision.wait;
        const std::time_t tt = std::chrono::system_clock::to_time_t(resumeAt);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&tt));
        r.error = what + "; " + decision.reason + ": resume after " + stamp;
        r.resumeAt = stamp;
        complete(p, std::move(r), Outcome::Paused);
        return;
    }
    complete(p, std::move(r), decision.billingStop ? Outcome::BillingStop : Outcome::Error);
}

namespace provider {
void fillAnswer(ResponseRecord &r, const ParsedReply &parsed, const std::string &body, const ModelConfig &m, double priceFactor)
{
    r.status = answerStatus(parsed.finishReason, parsed.text, parsed.reasoning, !parsed.refusal.empty());
    r.text = parsed.text;
    r.reasoning = parsed.reasoning;
    r.finishReason = parsed.finishReason;
    r.refusal = parsed.refusal;
    r.tokensIn = parsed.tokensIn;
    r.tokensOut = parsed.tokensOut;
    r.tokensReasoning = parsed.tokensReasoning;
    r.rawJson = withoutSecondCopy(body, r.text, r.reasoning);
    r.cost =
        (double(parsed.tokensIn.value_or(0)) * m.priceInPerMTok / 1e6 + double(parsed.tokensOut.value_or(0)) * m.priceOutPerMTok / 1e6) *
        priceFactor;
    if (r.text.empty() && !r.reasoning.empty())
        r.error = "content empty; answer only in reasoning"; // flagged, still an answer
}
} // namespace provider

AnswerStatus answerStatus(const std::string &finishReason, const std::string &text, const std::string &reasoning, bool refused)
{
    if (refused || finishReason == "refusal")
        return AnswerStatus::Refusal;
    if (finishReason == "content_filter")
        return AnswerStatus::Filtered;
    if (finishReason == "length" || finishReason == "max_tokens" || finishReason == "model_context_window_exceeded")
        return AnswerStatus::Truncated;
    const auto blank = [](const std::string &s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
    if (blank(text) && blank(reasoning))
        return AnswerStatus::Empty;
    return AnswerStatus::Ok;
}

std::string failureKind(int httpStatus)
{
    if (httpStatus >= 200 && httpStatus < 300)
        return "unreadable-reply"; // a 2xx fails only when its body cannot be read: "http-200" would read as success
    return httpStatus ? "http-" + std::to_string(httpStatus) : std::string("transport");
}

std::string requestKey(const ModelConfig &m, const std::vector<ChatMessage> &messages, int maxTokens, const std::string &templateVersion,
                       int sampleIndex)
{
    nlohmann::json j;
    j["p"] = m.provider;
    j["u"] = m.baseUrl;
    j["n"] = m.name;
    j["m"] = m.modelId.empty() ? m.name : m.modelId;
    j["s"] = m.systemPrompt;
    j["t"] = m.temperature;
    j["x"] = maxTokens > 0 ? maxTokens : m.maxTokens;
    j["v"] = templateVersion;
    j["i"] = sampleIndex;
    auto &msgs = j["msgs"] = nlohmann::json::array();
    for (const auto &msg : messages)
        msgs.push_back({msg.role, msg.content});
    // Settings that change the answer (extra body fields, query, reasoning). Absent when unset, so
    // keys made before models had options stay valid; headers and batch mode do not change answers.
    const ModelOptions &o = m.options;
    nlohmann::json extra = nlohmann::json::object();
    if (!o.bodyJson.empty())
        extra["b"] = o.bodyJson;
    for (const auto &[name, value] : o.query)
        extra["q"].push_back({name, value});
    if (!o.reasoning.empty())
        extra["r"] = o.reasoning;
    if (!o.reasoningEffort.empty())
        extra["e"] = o.reasoningEffort;
    if (o.thinkingBudget > 0)
        extra["k"] = o.thinkingBudget;
    if (!extra.empty())
        j["o"] = extra;
    const std::string canonical = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    // Two independent 64-bit FNV-1a variants: a 128-bit key is ample for a local cache.
    uint64_t h1 = 1469598103934665603ull, h2 = 0x9ae16a3b2f90404full;
    for (unsigned char c : canonical) {
        h1 = (h1 ^ c) * 1099511628211ull;
        h2 = (h2 ^ c) * 0x100000001b3ull ^ (h2 >> 29);
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
    return buf;
}

} // namespace ds
