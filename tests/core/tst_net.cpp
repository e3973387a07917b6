// HTTP engine: retry policy (fake random source, no sleeping), request keys, provider wire formats,
// redaction, and the engine against a scripted loopback server.
#include "net/LlmClient.h"
#include "net/ModelOptions.h"
#include "net/Providers.h"
#include "net/RetryPolicy.h"
#include "util/StableHash.h"

#include "ScriptedServer.h"

#include <QTest>
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

using namespace ds;
using namespace std::chrono;

Q_DECLARE_METATYPE(std::string)

namespace {

using ds::test::http;
using ds::test::ScriptedServer;

const std::string kOkBody =
    R"({"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}})";

ModelConfig modelFor(const ScriptedServer &s, int concurrency = 4)
{
    ModelConfig m;
    m.name = "scripted";
    m.provider = "openai";
    m.baseUrl = s.url();
    m.modelId = "scripted";
    m.concurrency = concurrency;
    m.timeoutS = 10;
    m.priceInPerMTok = 1.0;
    m.priceOutPerMTok = 2.0;
    return m;
}

std::pair<ResponseRecord, Outcome> callOnce(LlmClient &client, const ModelConfig &m, const std::string &text = "hi")
{
    std::promise<std::pair<ResponseRecord, Outcome>> p;
    LlmRequest req;
    req.model = m;
    req.messages = {{"user", text}};
    req.key = requestKey(m, req.messages);
    client.submit(req, [&](const ResponseRecord &r, Outcome o) { p.set_value({r, o}); });
    return p.get_future().get();
}

/// Submits `n` one-message requests ("PREFIX0", "PREFIX1", ...) to `m` all at once, then waits until
/// every one of them has ended: the load the concurrency and rate-limit tests put on the client.
void submitAllAndWait(LlmClient &client, const ModelConfig &m, int n, const std::string &prefix = "q")
{
    std::atomic<int> done{0};
    std::promise<void> all;
    for (int i = 0; i < n; ++i) {
        LlmRequest req;
        req.model = m;
        req.messages = {{"user", prefix + std::to_string(i)}};
        req.key = requestKey(m, req.messages);
        client.submit(req, [&](const ResponseRecord &, Outcome) {
            if (++done == n)
                all.set_value();
        });
    }
    all.get_future().wait();
}

RetryPolicy fastPolicy()
{
    RetryPolicy p;
    p.baseDelayS = 0.01;
    p.maxDelayS = 0.05;
    p.random01 = [] { return 0.5; };
    return p;
}

} // namespace

class TestNet : public QObject {
    Q_OBJECT
private slots:
    void retryDecisions_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("transport");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("shouldRetryHeader");
        QTest::addColumn<bool>("retry");
        QTest::addColumn<bool>("billing");
        QTest::newRow("transport error") << 0 << true << ""
                                         << "" << true << false;
        QTest::newRow("408") << 408 << false << ""
                             << "" << true << false;
        QTest::newRow("409") << 409 << false << ""
                             << "" << true << false;
        QTest::newRow("429 rate limit") << 429 << false << "rate_limit_exceeded"
                                        << "" << true << false;
        QTest::newRow("500") << 500 << false << ""
                             << "" << true << false;
        QTest::newRow("503") << 503 << false << ""
                             << "" << true << false;
        QTest::newRow("529 overloaded") << 529 << false << "overloaded_error"
                                        << "" << true << false;
        QTest::newRow("400") << 400 << false << "invalid_request_error"
                             << "" << false << false;
        QTest::newRow("401") << 401 << false << ""
                             << "" << false << false;
        QTest::newRow("404") << 404 << false << ""
                             << "" << false << false;
        QTest::newRow("openai quota") << 429 << false << "insufficient_quota"
                                      << "" << false << true;
        QTest::newRow("anthropic spend") << 400 << false << "enforced_spend_limit_reached"
                                         << "" << false << true;
        QTest::newRow("x-should-retry false") << 500 << false << ""
                                              << "false" << false << false;
        QTest::newRow("x-should-retry true") << 400 << false << ""
                                             << "true" << true << false;
    }
    void retryDecisions()
    {
        QFETCH(int, status);
        QFETCH(bool, transport);
        QFETCH(QString, code);
        QFETCH(QString, shouldRetryHeader);
        QFETCH(bool, retry);
        QFETCH(bool, billing);
        AttemptResult r;
        r.httpStatus = status;
        r.transportError = transport;
        r.errorCode = code.toStdString();
        if (!shouldRetryHeader.isEmpty())
            r.headers["x-should-retry"] = shouldRetryHeader.toStdString();
        const auto d = fastPolicy().decide(r, 0);
        QCOMPARE(d.retry, retry);
        QCOMPARE(d.billingStop, billing);
    }

    void backoffGrowsAndCaps()
    {
        RetryPolicy p;
        p.maxRetries = 10;
        p.random01 = [] { return 0.0; };
        AttemptResult r;
        r.httpStatus = 500;
        QCOMPARE(p.decide(r, 0).wait, milliseconds(500));
        QCOMPARE(p.decide(r, 1).wait, milliseconds(1000));
        QCOMPARE(p.decide(r, 3).wait, milliseconds(4000));
        QCOMPARE(p.decide(r, 6).wait, milliseconds(8000)); // capped
        p.random01 = [] { return 0.999999; };
        QVERIFY(p.decide(r, 6).wait <= milliseconds(10000)); // +25% jitter at most
        QVERIFY(p.decide(r, 6).wait > milliseconds(9900));
        QVERIFY(!p.decide(r, 10).retry); // retries exhausted
    }

    void serverWaitHeaders()
    {
        const auto now = system_clock::from_time_t(1700000000); // Tue, 14 Nov 2023 22:13:20 GMT
        QCOMPARE(*RetryPolicy::serverWait({{"retry-after-ms", "250"}}, now), milliseconds(250));
        QCOMPARE(*RetryPolicy::serverWait({{"retry-after", "3"}}, now), milliseconds(3000));
        QCOMPARE(*RetryPolicy::serverWait({{"retry-after-ms", "100"}, {"retry-after", "3"}}, now), milliseconds(100));
        QCOMPARE(*RetryPolicy::serverWait({{"retry-after", "Tue, 14 Nov 2023 22:13:25 GMT"}}, now), milliseconds(5000));
        QVERIFY(!RetryPolicy::serverWait({{"retry-after", "soon"}}, now));
        // A server asking for more than the cap is not retried early: the run pauses until then.
        RetryPolicy p = fastPolicy();
        AttemptResult r;
        r.httpStatus = 429;
        r.headers["retry-after"] = "3600";
        QVERIFY(!p.decide(r, 0).retry);
        QVERIFY(p.decide(r, 0).pauseRun);
        r.headers["retry-after"] = "2";
        QCOMPARE(p.decide(r, 0).wait, milliseconds(2000));
    }

    // Seeds of judge prompts (and so request keys) and feature hashes come from stableHash64: its
    // values are fixed here, so a change of the function (or of the toolchain) cannot pass unseen.
    void stableHashIsFixed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<quint64>("expected");
        QTest::newRow("empty") << QByteArray() << quint64(0x553e93901e462a6eULL);
        QTest::newRow("one byte") << QByteArray("a") << quint64(0x454ddee488c1ed6bULL);
        QTest::newRow("word and tail") << QByteArray("distillscope") << quint64(0x0ec40eca4e80b8c5ULL);
        QTest::newRow("utf-8") << QByteArray("\xe6\xa8\xa1\xe5\x9e\x8b\xe8\xba\xab\xe4\xbb\xbd") << quint64(0x84650deae7ce7cd4ULL);
    }
    void stableHashIsFixed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(quint64, expected);
        const std::string_view view(bytes.constData(), size_t(bytes.size()));
        QCOMPARE(quint64(stableHash64(view)), expected);
#if defined(__GLIBCXX__) && SIZE_MAX == UINT64_MAX
        // Keys stored by builds that used std::hash on this toolchain stay valid.
        QCOMPARE(quint64(stableHash64(view)), quint64(std::hash<std::string_view>{}(view)));
#endif
    }

    void requestKeysAreDeterministicAndSensitive()
    {
        ModelConfig m;
        m.name = "a";
        m.provider = "openai";
        m.baseUrl = "http://x/v1";
        m.modelId = "gpt";
        const std::vector<ChatMessage> msgs = {{"user", "hello"}};
        const auto k = requestKey(m, msgs);
        QCOMPARE(requestKey(m, msgs), k);
        QCOMPARE(k.size(), size_t(32));
        auto changed = m;
        changed.temperature = 0.7;
        QVERIFY(requestKey(changed, msgs) != k);
        changed = m;
        changed.baseUrl = "http://y/v1";
        QVERIFY(requestKey(changed, msgs) != k);
        QVERIFY(requestKey(m, {{"user", "hello!"}}) != k);
        QVERIFY(requestKey(m, msgs, 0, "v1", 1) != k);
        QVERIFY(requestKey(m, msgs, 0, "v2") != k);
        changed = m;
        changed.apiKeyEnv = "SOME_KEY"; // credentials never influence the key
        QCOMPARE(requestKey(changed, msgs), k);
        // Keys are a cache of paid answers: their value is part of the format (a change would pay again).
        QCOMPARE(QString::fromStdString(k), QStringLiteral("34e710d7c2b02fea4aedebca3bec3d0c"));
        // Options that change the answer change the key; headers and batch mode do not.
        for (auto edit : std::vector<std::function<void(ModelOptions &)>>{[](ModelOptions &o) { o.bodyJson = R"({"seed":1})"; },
                                                                          [](ModelOptions &o) {
                                                                              o.query = {{"api-version", "2024-10-21"}};
                                                                          },
                                                                          [](ModelOptions &o) { o.reasoning = "on"; },
                                                                          [](ModelOptions &o) { o.reasoningEffort = "high"; },
                                                                          [](ModelOptions &o) { o.thinkingBudget = 2048; }}) {
            changed = m;
            edit(changed.options);
            QVERIFY(requestKey(changed, msgs) != k);
        }
        changed = m;
        changed.options.headers = {{"OpenAI-Project", "proj_1"}};
        changed.options.batch = true;
        QCOMPARE(requestKey(changed, msgs), k);
    }

    void providerParsing_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("openai ok") << "openai" << 200 << QString::fromStdString(kOkBody) << true << "hello"
                                   << "";
        QTest::newRow("openai error") << "openai" << 429
                                      << R"({"error":{"message":"quota","type":"insufficient_quota","code":"insufficient_quota"}})" << false
                                      << ""
                                      << "insufficient_quota";
        QTest::newRow("anthropic ok")
            << "anthropic" << 200
            << R"({"type":"message","content":[{"type":"text","text":"hi there"}],"usage":{"input_tokens":3,"output_tokens":2}})" << true
            << "hi there"
            << "";
        QTest::newRow("anthropic error") << "anthropic" << 529
                                         << R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})" << false << ""
                                         << "overloaded_error";
        QTest::newRow("vllm flat error") << "openai" << 400 << R"({"object":"error","message":"bad","type":"BadRequestError"})" << false
                                         << ""
                                         << "BadRequestError";
        QTest::newRow("truncated json") << "openai" << 200 << "{\"choices\":[{\"mess" << false << ""
                                        << "malformed";
        QTest::newRow("reasoning only")
            << "openai" << 200 << R"({"choices":[{"message":{"role":"assistant","content":"","reasoning_content":"thinking..."}}]})" << true
            << ""
            << "";
    }
    void providerParsing()
    {
        QFETCH(QString, provider);
        QFETCH(int, status);
        QFETCH(QString, body);
        QFETCH(bool, ok);
        QFETCH(QString, text);
        QFETCH(QString, code);
        const auto r = provider::parse(provider.toStdString(), status, body.toStdString());
        QCOMPARE(r.ok, ok);
        QCOMPARE(QString::fromStdString(r.text), text);
        QCOMPARE(QString::fromStdString(r.errorCode), code);
        if (!ok)
            QVERIFY(!r.errorMessage.empty());
    }

    void usageMissingIsNull()
    {
        const auto r = provider::parse("openai", 200, R"({"choices":[{"message":{"content":"x"}}]})");
        QVERIFY(r.ok);
        QVERIFY(!r.tokensIn && !r.tokensOut);
    }

    void anthropicRequestShape()
    {
        LlmRequest req;
        req.model.provider = "anthropic";
        req.model.baseUrl = "https://api.anthropic.com/v1/";
        req.model.modelId = "claude";
        req.model.systemPrompt = "Be brief.";
        req.messages = {{"user", "hi"}};
        const auto spec = provider::build(req);
        QCOMPARE(QString::fromStdString(spec.url), QStringLiteral("https://api.anthropic.com/v1/messages"));
        QVERIFY(spec.body.find("\"system\":\"Be brief.\"") != std::string::npos);
        for (const auto &h : spec.headers)
            QVERIFY(h.find("x-api-key") == std::string::npos);
    }

    void redaction_data()
    {
        QTest::addColumn<QString>("line");
        // Fake keys are assembled at run time so no key-shaped literal sits in the repository.
        const QString sk = QStringLiteral("sk") + QLatin1Char('-');
        QTest::newRow("bearer") << QStringLiteral("Authorization: Bearer ") + sk + QStringLiteral("abcdefghijklmnop1234");
        QTest::newRow("x-api-key") << QStringLiteral("x-api-key: ") + sk + QStringLiteral("ant-api03-abcdefghijklmnopqrstuvwxyz");
        QTest::newRow("inline") << QStringLiteral("failed with key ") + sk + QStringLiteral("proj-ABCDEFGHIJKLMNOP in body");
    }
    void redaction()
    {
        QFETCH(QString, line);
        const std::string out = redactSecrets(line.toStdString());
        QVERIFY2(out.find("abcdefghijklmnop") == std::string::npos && out.find("ABCDEFGHIJKLMNOP") == std::string::npos, out.c_str());
        QVERIFY(out.find("[redacted]") != std::string::npos);
    }

    void engineRetriesThenSucceeds()
    {
        ScriptedServer server([](int i, const std::string &) {
            if (i == 0)
                return http(429, R"({"error":{"message":"slow down","type":"rate_limit_exceeded","code":"rate_limit_exceeded"}})",
                            "retry-after-ms: 300\r\n");
            if (i == 1)
                return http(529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
            if (i == 2)
                return std::string("HTTP/1.1 200 OK\r\nContent-Length: 500\r\nConnection: close\r\n\r\n{\"trunc");
            return http(200, kOkBody);
        });
        LlmClient client(fastPolicy());
        const auto t0 = steady_clock::now();
        const auto [r, o] = callOnce(client, modelFor(server));
        QCOMPARE(int(o), int(Outcome::Ok));
        QCOMPARE(QString::fromStdString(r.text), QStringLiteral("hello"));
        QCOMPARE(r.attempts, 4);
        QCOMPARE(*r.tokensIn, int64_t(5));
        QCOMPARE(r.cost, (5 * 1.0 + 2 * 2.0) / 1e6);
        QVERIFY(steady_clock::now() - t0 >= milliseconds(300)); // honoured retry-after-ms
    }

    void engineNeverRetriesBilling()
    {
        ScriptedServer server([](int, const std::string &) {
            return http(
                429, R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}})");
        });
        LlmClient client(fastPolicy());
        const auto [r, o] = callOnce(client, modelFor(server));
        QCOMPARE(int(o), int(Outcome::BillingStop));
        QCOMPARE(server.requests(), 1);
        QVERIFY(r.error.find("insufficient_quota") != std::string::npos);
    }

    void engine429PausesTheWholeLane()
    {
        // One 429 with Retry-After: 1 closes the window for every request of the model, not just
        // the refused one: the slots it frees must not send queued work into the closed window.
        std::mutex mu;
        std::vector<steady_clock::time_point> arrivals;
        std::atomic<int64_t> refusedAt{0};
        ScriptedServer server([&](int i, const std::string &) {
            const auto now = steady_clock::now();
            {
                std::lock_guard l(mu);
                arrivals.push_back(now);
            }
            if (i == 0) {
                refusedAt = now.time_since_epoch().count();
                return http(429, R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})",
                            "retry-after: 1\r\n");
            }
            std::this_thread::sleep_for(milliseconds(20));
            return http(200, kOkBody);
        });
        LlmClient client(fastPolicy());
        const ModelConfig m = modelFor(server, 1);
        submitAllAndWait(client, m, 12);
        const steady_clock::time_point refused{steady_clock::duration(refusedAt.load())};
        int inside = 0;
        for (auto t : arrivals)
            if (t > refused + milliseconds(50) && t < refused + milliseconds(950))
                ++inside;
        QCOMPARE(inside, 0);
        QCOMPARE(server.requests(), 13);
    }

    void engineRetriesAnErrorInside200()
    {
        // OpenRouter: HTTP 200 whose body is an error carrying another status; retried like that status.
        ScriptedServer server([](int i, const std::string &) {
            if (i == 0)
                return http(200, R"({"error":{"code":503,"message":"Provider returned error"}})");
            return http(200, kOkBody);
        });
        LlmClient client(fastPolicy());
        const auto [r, o] = callOnce(client, modelFor(server));
        QCOMPARE(int(o), int(Outcome::Ok));
        QCOMPARE(r.attempts, 2);
    }

    void engineSendsHeadersQueryAndAgent()
    {
        ScriptedServer server([](int, const std::string &) { return http(200, kOkBody); });
        LlmClient client(fastPolicy());
        ModelConfig m = modelFor(server);
        m.baseUrl += "?api-version=2024-10-21";
        m.options.headers = {{"OpenAI-Project", "proj_1"}};
        m.options.query = {{"tag", "a b"}};
        const auto [r, o] = callOnce(client, m);
        QCOMPARE(int(o), int(Outcome::Ok));
        QCOMPARE(r.finishReason, std::string("stop"));
        const std::string req = server.lastRequest();
        QVERIFY2(req.rfind("POST /v1/chat/completions?api-version=2024-10-21&tag=a%20b HTTP/1.1", 0) == 0, req.c_str());
        QVERIFY(req.find("OpenAI-Project: proj_1\r\n") != std::string::npos);
        QVERIFY(req.find(std::string("User-Agent: DistillScope/") + DS_VERSION) != std::string::npos);
    }

    void engineLongRetryAfterPausesTheRun()
    {
        ScriptedServer server([](int, const std::string &) {
            return http(429, R"({"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}})", "retry-after: 7200\r\n");
        });
        LlmClient client(fastPolicy());
        const auto [r, o] = callOnce(client, modelFor(server));
        QCOMPARE(int(o), int(Outcome::Paused));
        QCOMPARE(server.requests(), 1);
        QVERIFY(!r.resumeAt.empty());
        QVERIFY(r.error.find("resume after") != std::string::npos);
    }

    void engineGivesUpOnClientErrors()
    {
        ScriptedServer server(
            [](int, const std::string &) { return http(400, R"({"error":{"message":"bad request","type":"invalid_request_error"}})"); });
        LlmClient client(fastPolicy());
        const auto [r, o] = callOnce(client, modelFor(server));
        QCOMPARE(int(o), int(Outcome::Error));
        QCOMPARE(server.requests(), 1);
        QCOMPARE(r.httpStatus, 400);
    }

    void engineCapsTheResponseBody()
    {
        // 3 MiB of answer against a 1 MiB cap: the request fails once, permanently, naming the cap and
        // the model, and the body is not kept; the same body under the default cap is an answer.
        const std::string big(3 << 20, 'x');
        ScriptedServer server([&](int, const std::string &) {
            return http(200, R"({"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":")" +
                                 big + R"("},"finish_reason":"stop"}]})");
        });
        LlmClient client(fastPolicy());
        ModelConfig m = modelFor(server);
        m.options.maxResponseMiB = 1;
        const auto [r, o] = callOnce(client, m);
        QCOMPARE(int(o), int(Outcome::Error));
        QCOMPARE(server.requests(), 1);
        QVERIFY2(r.error.find("1 MiB cap of model scripted") != std::string::npos, r.error.c_str());
        QVERIFY(r.rawJson.size() < 4096);
        QCOMPARE(modelOptionsFromJson(modelOptionsToJson(m.options)).maxResponseMiB, 1);
        const auto [ok, okOutcome] = callOnce(client, modelFor(server), "again");
        QCOMPARE(int(okOutcome), int(Outcome::Ok));
        QCOMPARE(ok.text.size(), big.size());
    }

    void engineProbesBeforeBursting()
    {
        // A lane that has never heard from its endpoint sends one request alone: when the window is
        // already closed (429), the other seven of a concurrency-8 burst are not thrown into it.
        std::atomic<int64_t> firstAt{0};
        std::atomic<int> early{0};
        ScriptedServer server([&](int i, const std::string &) {
            const auto now = steady_clock::now().time_since_epoch().count();
            if (i == 0)
                firstAt = now;
            if (now - firstAt.load() < duration_cast<nanoseconds>(milliseconds(950)).count()) {
                ++early;
                return http(429, R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})",
                            "retry-after: 1\r\n");
            }
            return http(200, kOkBody);
        });
        LlmClient client(fastPolicy());
        const ModelConfig m = modelFor(server, 8);
        submitAllAndWait(client, m, 8, "p");
        QCOMPARE(early.load(), 1);
        QCOMPARE(server.requests(), 9);
    }

    void engineRespectsConcurrencyCap()
    {
        ScriptedServer server([](int, const std::string &) {
            std::this_thread::sleep_for(milliseconds(30));
            return http(200, kOkBody);
        });
        LlmClient client(fastPolicy());
        const ModelConfig m = modelFor(server, 3);
        submitAllAndWait(client, m, 24);
        QCOMPARE(server.requests(), 24);
        QVERIFY2(server.maxConcurrent() <= 3, qPrintable(QString::number(server.maxConcurrent())));
        QVERIFY(server.maxConcurrent() >= 2);
    }

    void engineSendsKeyButNeverLogsIt()
    {
        ScriptedServer server([](int, const std::string &) { return http(200, kOkBody); });
        const std::string canary = std::string("sk") + "-canary-" + "0123456789abcdef"; // assembled, not a literal key
        qputenv("DS_TEST_CANARY_KEY", QByteArray::fromStdString(canary));
        ModelConfig m = modelFor(server);
        m.apiKeyEnv = "DS_TEST_CANARY_KEY";
        std::vector<std::string> logs;
        std::mutex mu;
        LlmClient client(fastPolicy());
        client.setLogSink([&](const std::string &l) {
            std::lock_guard g(mu);
            logs.push_back(l);
        });
        const auto [r, o] = callOnce(client, m);
        QCOMPARE(int(o), int(Outcome::Ok));
        QVERIFY(server.lastRequest().find("Authorization: Bearer " + canary) != std::string::npos);
        QVERIFY(r.requestJson.find("canary") == std::string::npos);
        QVERIFY(!logs.empty());
        for (const auto &l : logs)
            QVERIFY2(l.find("canary") == std::string::npos, l.c_str());
    }

    void missingKeyFailsWithoutSending()
    {
        ScriptedServer server([](int, const std::string &) { return http(200, kOkBody); });
        ModelConfig m = modelFor(server);
        m.apiKeyEnv = "DS_TEST_UNSET_VARIABLE";
        LlmClient client(fastPolicy());
        const auto [r, o] = callOnce(client, m);
        QCOMPARE(int(o), int(Outcome::Error));
        QVERIFY(r.error.find("DS_TEST_UNSET_VARIABLE") != std::string::npos);
        QCOMPARE(server.requests(), 0);
    }

    void cancelAllCompletesEverything()
    {
        ScriptedServer server([](int, const std::string &) {
            std::this_thread::sleep_for(milliseconds(200));
            return http(200, kOkBody);
        });
        LlmClient client(fastPolicy());
        const ModelConfig m = modelFor(server, 2);
        std::atomic<int> cancelled{0}, total{0};
        for (int i = 0; i < 10; ++i) {
            LlmRequest req;
            req.model = m;
            req.messages = {{"user", "q" + std::to_string(i)}};
            req.key = requestKey(m, req.messages);
            client.submit(req, [&](const ResponseRecord &, Outcome o) {
                cancelled += o == Outcome::Cancelled;
                ++total;
            });
        }
        std::this_thread::sleep_for(milliseconds(50));
        client.cancelAll();
        QTRY_COMPARE_WITH_TIMEOUT(total.load(), 10, 5000);
        QVERIFY(cancelled >= 8);
        QCOMPARE(client.pending(), 0);
    }
};

QTEST_GUILESS_MAIN(TestNet)
#include "tst_net.moc"
