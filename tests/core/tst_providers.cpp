// Provider wire formats without a network: request bodies, URLs and headers per preset, reasoning
// models, error bodies of every shape, <think> blocks, rate-limit headers and retry decisions.
#include "net/ModelOptions.h"
#include "net/Presets.h"
#include "net/PromptMessages.h"
#include "net/Providers.h"
#include "net/RetryPolicy.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace ds;
using namespace std::chrono;
using json = nlohmann::json;

Q_DECLARE_METATYPE(std::string)

namespace {

ModelConfig model(const std::string &provider, const std::string &id)
{
    ModelConfig m;
    m.name = "m";
    m.provider = provider;
    m.baseUrl = provider == "anthropic" ? "https://api.anthropic.com/v1" : "https://api.openai.com/v1";
    m.modelId = id;
    m.temperature = 0;
    m.maxTokens = 300;
    return m;
}

json bodyOf(const ModelConfig &m)
{
    LlmRequest req;
    req.model = m;
    req.messages = {{"user", "hi"}};
    return json::parse(provider::build(req).body);
}

} // namespace

class TestProviders : public QObject {
    Q_OBJECT
private slots:
    void reasoningModels_data()
    {
        QTest::addColumn<std::string>("id");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<bool>("reasoning");
        QTest::newRow("o1") << std::string("o1") << QString() << true;
        QTest::newRow("o1-mini") << std::string("o1-mini") << QString() << true;
        QTest::newRow("o3-mini") << std::string("o3-mini") << QString() << true;
        QTest::newRow("o4-mini dated") << std::string("o4-mini-2025-04-16") << QString() << true;
        QTest::newRow("gpt-5") << std::string("gpt-5") << QString() << true;
        QTest::newRow("gpt-5-mini") << std::string("gpt-5-mini") << QString() << true;
        QTest::newRow("gpt-5-chat is not") << std::string("gpt-5-chat-latest") << QString() << false;
        QTest::newRow("openrouter prefix") << std::string("openai/o3-mini") << QString() << true;
        QTest::newRow("gpt-4o") << std::string("gpt-4o") << QString() << false;
        QTest::newRow("olmo is not o-series") << std::string("olmo-2-7b") << QString() << false;
        QTest::newRow("azure deployment, override on") << std::string("my-deployment") << QStringLiteral("on") << true;
        QTest::newRow("override off") << std::string("o3-mini") << QStringLiteral("off") << false;
    }
    void reasoningModels()
    {
        QFETCH(std::string, id);
        QFETCH(QString, setting);
        QFETCH(bool, reasoning);
        ModelConfig m = model("openai", id);
        m.options.reasoning = setting.toStdString();
        m.options.reasoningEffort = "low";
        QCOMPARE(provider::isReasoningModel(m), reasoning);
        const json b = bodyOf(m);
        QCOMPARE(b.contains("max_completion_tokens"), reasoning);
        QCOMPARE(b.contains("max_tokens"), !reasoning);
        QCOMPARE(b.contains("temperature"), !reasoning);
        QCOMPARE(b.contains("reasoning_effort"), reasoning);
        QCOMPARE(b.value(reasoning ? "max_completion_tokens" : "max_tokens", 0), 300);
    }

    void urlsAndHeaders_data()
    {
        QTest::addColumn<std::string>("preset");
        QTest::addColumn<std::string>("baseUrl");
        QTest::addColumn<std::string>("url");
        QTest::addColumn<std::string>("auth");
        QTest::newRow("openai") << std::string("openai") << std::string() << std::string("https://api.openai.com/v1/chat/completions")
                                << std::string("Authorization: Bearer ");
        QTest::newRow("azure") << std::string("azure") << std::string("https://r.openai.azure.com/openai/deployments/d")
                               << std::string("https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21")
                               << std::string("api-key: ");
        QTest::newRow("query in base url stays a query")
            << std::string() << std::string("http://127.0.0.1:9/v1/?api-version=2024-02-01")
            << std::string("http://127.0.0.1:9/v1/chat/completions?api-version=2024-02-01") << std::string("Authorization: Bearer ");
        QTest::newRow("anthropic") << std::string("anthropic") << std::string() << std::string("https://api.anthropic.com/v1/messages")
                                   << std::string("x-api-key: ");
        QTest::newRow("gemini") << std::string("gemini") << std::string()
                                << std::string("https://generativelanguage.googleapis.com/v1beta/openai/chat/completions")
                                << std::string("Authorization: Bearer ");
        QTest::newRow("ollama") << std::string("ollama") << std::string() << std::string("http://127.0.0.1:11434/v1/chat/completions")
                                << std::string("Authorization: Bearer ");
    }
    void urlsAndHeaders()
    {
        QFETCH(std::string, preset);
        QFETCH(std::string, baseUrl);
        QFETCH(std::string, url);
        QFETCH(std::string, auth);
        ModelConfig m;
        m.name = "m";
        m.provider = "openai";
        m.baseUrl = baseUrl;
        if (!preset.empty())
            applyPreset(*findPreset(preset), m);
        m.options.headers = {{"X-Title", "DistillScope check"}};
        LlmRequest req;
        req.model = m;
        req.messages = {{"user", "hi"}};
        const auto spec = provider::build(req);
        QCOMPARE(spec.url, url);
        QCOMPARE(provider::authHeaderPrefix(m), auth);
        auto has = [&](const std::string &h) { return std::find(spec.headers.begin(), spec.headers.end(), h) != spec.headers.end(); };
        QVERIFY(has("X-Title: DistillScope check"));
        QVERIFY(has(std::string("User-Agent: DistillScope/") + DS_VERSION));
        QCOMPARE(has("anthropic-version: 2023-06-01"), m.provider == "anthropic");
    }

    void extraBodyMergesButKeepsMessages()
    {
        ModelConfig m = model("openai", "qwen");
        m.options.bodyJson =
            R"({"seed": 7, "top_p": 0.9, "stop": ["\n\n"], "messages": [], "chat_template_kwargs": {"enable_thinking": false}})";
        const json b = bodyOf(m);
        QCOMPARE(b["seed"].get<int>(), 7);
        QCOMPARE(b["chat_template_kwargs"]["enable_thinking"].get<bool>(), false);
        QCOMPARE(b["messages"].size(), size_t(1));
    }

    void anthropicThinking()
    {
        ModelConfig m = model("anthropic", "claude-x");
        m.options.thinkingBudget = 2048;
        const json b = bodyOf(m);
        QCOMPARE(b["thinking"]["budget_tokens"].get<int>(), 2048);
        QVERIFY(b["max_tokens"].get<int>() > 2048);
        QVERIFY(!b.contains("temperature"));
    }

    void optionsRoundTrip()
    {
        ModelOptions o;
        o.preset = "azure";
        o.headers = {{"OpenAI-Project", "p"}};
        o.query = {{"api-version", "2024-10-21"}};
        o.bodyJson = R"({"seed":1})";
        o.reasoning = "on";
        o.reasoningEffort = "high";
        o.thinkingBudget = 4096;
        o.batch = true;
        o.batchDiscount = 0.4;
        const ModelOptions back = modelOptionsFromJson(modelOptionsToJson(o));
        QCOMPARE(back.preset, o.preset);
        QVERIFY(back.headers == o.headers);
        QVERIFY(back.query == o.query);
        QVERIFY(json::parse(back.bodyJson) == json::parse(o.bodyJson));
        QCOMPARE(back.reasoning, o.reasoning);
        QCOMPARE(back.reasoningEffort, o.reasoningEffort);
        QCOMPARE(back.thinkingBudget, o.thinkingBudget);
        QCOMPARE(back.batch, true);
        QCOMPARE(back.batchDiscount, 0.4);
        QCOMPARE(modelOptionsFromJson("not json").preset, std::string());
    }

    void errorShapes_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<std::string>("body");
        QTest::addColumn<std::string>("message");
        QTest::addColumn<std::string>("code");
        QTest::addColumn<int>("carried");
        QTest::newRow("openai") << 400 << std::string(R"({"error":{"message":"bad","type":"invalid_request_error","code":"x"}})")
                                << std::string("bad") << std::string("x") << 0;
        QTest::newRow("anthropic") << 529 << std::string(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
                                   << std::string("Overloaded") << std::string("overloaded_error") << 0;
        QTest::newRow("gemini array") << 429
                                      << std::string(R"([{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}])")
                                      << std::string("Quota exceeded") << std::string("RESOURCE_EXHAUSTED") << 429;
        QTest::newRow("gateway status/message")
            << 502 << std::string(R"({"status":502,"message":"upstream down"})") << std::string("upstream down") << std::string("502") << 0;
        QTest::newRow("vllm flat") << 400 << std::string(R"({"object":"error","message":"too long","type":"BadRequestError","code":400})")
                                   << std::string("too long") << std::string("BadRequestError") << 0;
        QTest::newRow("fastapi detail") << 422 << std::string(R"({"detail":"Not Found"})") << std::string("Not Found") << std::string()
                                        << 0;
        QTest::newRow("openrouter 200 + error")
            << 200 << std::string(R"({"error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"X"}}})")
            << std::string("Provider returned error (upstream X)") << std::string() << 502;
        QTest::newRow("html from a proxy") << 503 << std::string("<html>Service Unavailable</html>")
                                           << std::string("HTTP 503: <html>Service Unavailable</html>") << std::string() << 0;
    }
    void errorShapes()
    {
        QFETCH(int, status);
        QFETCH(std::string, body);
        QFETCH(std::string, message);
        QFETCH(std::string, code);
        QFETCH(int, carried);
        const auto r = provider::parse("openai", status, body);
        QVERIFY(!r.ok);
        QCOMPARE(r.errorMessage, message);
        QCOMPARE(r.errorCode, code);
        QCOMPARE(r.errorStatus, carried);
    }

    void replyFields()
    {
        const auto r = provider::parse(
            "openai", 200,
            R"({"choices":[{"index":0,"message":{"role":"assistant","content":"<think>hmm</think>\n\nThe answer.","refusal":null},"finish_reason":"length"}],
                "usage":{"prompt_tokens":5,"completion_tokens":9,"completion_tokens_details":{"reasoning_tokens":4}}})");
        QVERIFY(r.ok);
        QCOMPARE(r.text, std::string("The answer."));
        QCOMPARE(r.reasoning, std::string("hmm"));
        QCOMPARE(r.finishReason, std::string("length"));
        QCOMPARE(r.tokensReasoning.value_or(-1), int64_t(4));
        QCOMPARE(r.tokensOut.value_or(-1), int64_t(9));
        const auto refused = provider::parse(
            "openai", 200, R"({"choices":[{"message":{"role":"assistant","content":null,"refusal":"I cannot."},"finish_reason":"stop"}]})");
        QVERIFY(refused.ok);
        QCOMPARE(refused.refusal, std::string("I cannot."));
        QVERIFY(refused.text.empty());
        QVERIFY(!refused.tokensIn);
        const auto claude = provider::parse("anthropic", 200,
                                            R"({"type":"message","content":[{"type":"thinking","thinking":"t","signature":"s"},
                                                {"type":"text","text":"A"}],"stop_reason":"max_tokens","usage":{"input_tokens":1,"output_tokens":2}})");
        QCOMPARE(claude.text, std::string("A"));
        QCOMPARE(claude.reasoning, std::string("t"));
        QCOMPARE(claude.finishReason, std::string("max_tokens"));
    }

    void thinkSplitting_data()
    {
        QTest::addColumn<std::string>("in");
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::string>("reasoning");
        QTest::newRow("none") << std::string("plain") << std::string("plain") << std::string();
        QTest::newRow("block") << std::string("<think>a b</think>answer") << std::string("answer") << std::string("a b");
        QTest::newRow("leading space") << std::string("\n <think>x</think>\n\ny") << std::string("y") << std::string("x");
        QTest::newRow("unclosed: cut off while thinking") << std::string("<think>still") << std::string() << std::string("still");
        QTest::newRow("mid-text tag is content") << std::string("use <think> tags") << std::string("use <think> tags") << std::string();
    }
    void thinkSplitting()
    {
        QFETCH(std::string, in);
        QFETCH(std::string, text);
        QFETCH(std::string, reasoning);
        QCOMPARE(provider::splitThink(in), reasoning);
        QCOMPARE(in, text);
    }

    void rateLimitHeaders_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<std::string>("headers"); // JSON object
        QTest::addColumn<int>("pauseMs");         // -1 = none
        const std::string now = "2026-01-01T00:00:00Z";
        QTest::newRow("429 retry-after") << 429 << std::string(R"({"retry-after":"3"})") << 3000;
        QTest::newRow("429 retry-after-ms") << 429 << std::string(R"({"retry-after-ms":"1500"})") << 1500;
        QTest::newRow("429 nothing: fallback") << 429 << std::string("{}") << 1000;
        QTest::newRow("openai remaining 0") << 200
                                            << std::string(R"({"x-ratelimit-remaining-requests":"0","x-ratelimit-reset-requests":"6m0s"})")
                                            << 360000;
        QTest::newRow("openai remaining 5") << 200
                                            << std::string(R"({"x-ratelimit-remaining-requests":"5","x-ratelimit-reset-requests":"1s"})")
                                            << -1;
        QTest::newRow("anthropic reset, whole second")
            << 429
            << std::string(R"({"anthropic-ratelimit-requests-remaining":"0","anthropic-ratelimit-requests-reset":"2026-01-01T00:00:03Z"})")
            << 4000;
        QTest::newRow("anthropic reset, fraction")
            << 200
            << std::string(R"({"anthropic-ratelimit-tokens-remaining":"0","anthropic-ratelimit-tokens-reset":"2026-01-01T00:00:02.500Z"})")
            << 2500;
        QTest::newRow("anthropic reset, offset")
            << 200
            << std::string(
                   R"({"anthropic-ratelimit-requests-remaining":"0","anthropic-ratelimit-requests-reset":"2026-01-01T01:00:02.000+01:00"})")
            << 2000;
    }
    void rateLimitHeaders()
    {
        QFETCH(int, status);
        QFETCH(std::string, headers);
        QFETCH(int, pauseMs);
        std::map<std::string, std::string> h;
        const json parsed = json::parse(headers);
        for (auto it = parsed.begin(); it != parsed.end(); ++it)
            h[it.key()] = it.value().get<std::string>();
        const auto now = *RetryPolicy::parseRfc3339("2026-01-01T00:00:00.000Z");
        const auto pause = RetryPolicy::lanePause(status, h, milliseconds(1000), now);
        QCOMPARE(pause ? int(pause->count()) : -1, pauseMs);
    }

    void longServerWaitPausesTheRun()
    {
        RetryPolicy p;
        AttemptResult r;
        r.httpStatus = 429;
        r.headers = {{"retry-after", "3600"}};
        const auto d = p.decide(r, 0);
        QVERIFY(!d.retry);
        QVERIFY(d.pauseRun);
        QCOMPARE(d.wait, milliseconds(3600000));
        r.headers = {{"retry-after", "2"}};
        QCOMPARE(p.decide(r, 0).wait, milliseconds(2000));
    }

    void permanentAndBillingFailures_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("permanent");
        QTest::addColumn<std::string>("message");
        QTest::addColumn<bool>("retry");
        QTest::addColumn<bool>("billing");
        QTest::newRow("TLS/DNS permanent") << 0 << true << std::string("TLS verification failed") << false << false;
        QTest::newRow("anthropic usage limits 400")
            << 400 << false << std::string("You have reached your specified API usage limits. You will regain access on 2026-02-01")
            << false << true;
        QTest::newRow("openrouter 402 in a 200") << 402 << false << std::string("Insufficient credits") << false << true;
        QTest::newRow("transient transport") << 0 << false << std::string("Connection reset") << true << false;
    }
    void permanentAndBillingFailures()
    {
        QFETCH(int, status);
        QFETCH(bool, permanent);
        QFETCH(std::string, message);
        QFETCH(bool, retry);
        QFETCH(bool, billing);
        AttemptResult r;
        r.httpStatus = status;
        r.transportError = status == 0;
        r.permanent = permanent;
        r.errorMessage = message;
        r.headers = {{"x-should-retry", "true"}};
        const auto d = RetryPolicy().decide(r, 0);
        QCOMPARE(d.retry, retry);
        QCOMPARE(d.billingStop, billing);
    }

    void conversations_data()
    {
        QTest::addColumn<std::string>("turns");
        QTest::addColumn<int>("count");
        QTest::addColumn<std::string>("lastRole");
        QTest::newRow("single") << std::string() << 1 << std::string("user");
        QTest::newRow("sharegpt: up to the last user turn")
            << std::string(R"([{"role":"system","content":"s"},{"role":"user","content":"a"},{"role":"assistant","content":"b"},
                               {"role":"user","content":"c"},{"role":"assistant","content":"d"}])")
            << 4 << std::string("user");
        QTest::newRow("user turns only: the first")
            << std::string(R"([{"role":"user","content":"a"},{"role":"user","content":"b"}])") << 1 << std::string("user");
    }
    void conversations()
    {
        QFETCH(std::string, turns);
        QFETCH(int, count);
        QFETCH(std::string, lastRole);
        PromptItem p;
        p.text = "a";
        p.turnsJson = turns;
        const auto msgs = promptMessages(p);
        QCOMPARE(int(msgs.size()), count);
        QCOMPARE(msgs.back().role, lastRole);
        QCOMPARE(msgs.front().content, std::string(count == 4 ? "s" : "a"));
        // Anthropic: system turns go to `system`, the rest stays in order.
        ModelConfig m = model("anthropic", "claude-x");
        LlmRequest req;
        req.model = m;
        req.messages = msgs;
        const json b = json::parse(provider::build(req).body);
        QCOMPARE(int(b["messages"].size()), count == 4 ? 3 : count);
    }
};

QTEST_GUILESS_MAIN(TestProviders)
#include "tst_providers.moc"
