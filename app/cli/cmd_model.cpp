// `model add|list|show|remove|test|models`: configured endpoints (never their keys).
#include "Cli.h"

#include "net/LlmClient.h"
#include "net/ModelList.h"
#include "store/Store.h"
#include "util/Secrets.h"

#include <QElapsedTimer>
#include <future>
#include <nlohmann/json.hpp>

using namespace ds;
using namespace ds::cli;

namespace {

const char *kUsage = "model add NAME --provider openai|anthropic --base-url URL --model ID [--api-key-env VAR]\n"
                     "          [--concurrency N] [--rpm N] [--temperature T] [--max-tokens N] [--system TEXT]\n"
                     "          [--price-in USD_PER_MTOK] [--price-out USD_PER_MTOK] [--vendor KEY] [--timeout S]\n"
                     "    Adds or updates a model endpoint. The API key is never stored: name the environment variable\n"
                     "    that holds it (--api-key-env), or store it in the system keychain from the GUI.\n"
                     "model list [--format text|json]      configured models\n"
                     "model remove NAME                    forget a model (its stored answers stay)\n"
                     "model test NAME [--prompt TEXT]      sends one request and prints latency and the reply\n"
                     "model endpoints NAME                 lists the server's models (GET /models)";

int add(Args &a)
{
    const QStringList pos = a.positional();
    if (pos.size() < 2)
        return fail(QStringLiteral("usage: model add NAME --provider ... --base-url URL --model ID"), 2);
    ModelConfig m;
    auto store = openStore(a);
    if (!store)
        return 1;
    if (auto existing = store->model(pos[1].toStdString()))
        m = *existing;
    m.name = pos[1].toStdString();
    m.provider = a.value(QStringLiteral("provider"), QString::fromStdString(m.provider.empty() ? "openai" : m.provider)).toStdString();
    if (m.provider != "openai" && m.provider != "anthropic")
        return fail(QStringLiteral("--provider must be openai (any OpenAI-compatible server) or anthropic"), 2);
    m.baseUrl = a.value(QStringLiteral("base-url"), QString::fromStdString(m.baseUrl)).toStdString();
    if (const std::string problem = urlCredentialProblem(m.baseUrl); !problem.empty())
        return fail(QStringLiteral("--base-url: ") + QString::fromStdString(problem), 2);
    if (m.baseUrl.empty())
        m.baseUrl = m.provider == "anthropic" ? "https://api.anthropic.com/v1" : "https://api.openai.com/v1";
    m.modelId = a.value(QStringLiteral("model"), QString::fromStdString(m.modelId.empty() ? m.name : m.modelId)).toStdString();
    m.apiKeyEnv = a.value(QStringLiteral("api-key-env"), QString::fromStdString(m.apiKeyEnv)).toStdString();
    m.concurrency = a.count(QStringLiteral("concurrency"), m.concurrency);
    m.rpm = a.count(QStringLiteral("rpm"), m.rpm);
    m.maxTokens = a.count(QStringLiteral("max-tokens"), m.maxTokens);
    m.timeoutS = a.count(QStringLiteral("timeout"), m.timeoutS);
    m.temperature = a.number(QStringLiteral("temperature"), m.temperature);
    m.priceInPerMTok = a.number(QStringLiteral("price-in"), m.priceInPerMTok);
    m.priceOutPerMTok = a.number(QStringLiteral("price-out"), m.priceOutPerMTok);
    if (m.concurrency < 1)
        m.concurrency = 1;
    if (auto v = a.value(QStringLiteral("system")))
        m.systemPrompt = v->toStdString();
    if (auto v = a.value(QStringLiteral("vendor")))
        m.vendor = v->toStdString();
    if (m.baseUrl.rfind("http://", 0) == 0 && m.baseUrl.find("127.0.0.1") == std::string::npos &&
        m.baseUrl.find("localhost") == std::string::npos)
        err(QStringLiteral("note: %1 uses plain HTTP; fine on a LAN (vLLM, Ollama), never for a cloud API")
                .arg(QString::fromStdString(m.baseUrl)));
    std::string error;
    if (!store->saveModel(m, &error))
        return fail(QString::fromStdString(error));
    out(QStringLiteral("model %1 saved (%2, %3, %4)")
            .arg(QString::fromStdString(m.name), QString::fromStdString(m.provider), QString::fromStdString(m.baseUrl),
                 QString::fromStdString(m.modelId)));
    return 0;
}

int list(Args &a)
{
    auto store = openStore(a);
    if (!store)
        return 1;
    const auto models = store->models();
    if (a.value(QStringLiteral("format"), QStringLiteral("text")) == QLatin1String("json")) {
        nlohmann::json j = nlohmann::json::array();
        for (const auto &m : models)
            j.push_back({{"name", m.name},
                         {"provider", m.provider},
                         {"base_url", m.baseUrl},
                         {"model", m.modelId},
                         {"api_key_env", m.apiKeyEnv},
                         {"concurrency", m.concurrency},
                         {"rpm", m.rpm},
                         {"temperature", m.temperature},
                         {"max_tokens", m.maxTokens},
                         {"vendor", m.vendor},
                         {"price_in", m.priceInPerMTok},
                         {"price_out", m.priceOutPerMTok}});
        out(QString::fromStdString(j.dump(2)));
        return 0;
    }
    if (models.empty())
        out(QStringLiteral("no models configured (add one with `model add`)"));
    for (const auto &m : models)
        out(QStringLiteral("%1  %2  %3  model=%4  concurrency=%5  rpm=%6%7")
                .arg(QString::fromStdString(m.name), -16)
                .arg(QString::fromStdString(m.provider), -9)
                .arg(QString::fromStdString(m.baseUrl), QString::fromStdString(m.modelId))
                .arg(m.concurrency)
                .arg(m.rpm)
                .arg(m.apiKeyEnv.empty() ? QString() : QStringLiteral("  key=$") + QString::fromStdString(m.apiKeyEnv)));
    return 0;
}

int remove(Args &a)
{
    const QStringList pos = a.positional();
    if (pos.size() < 2)
        return fail(QStringLiteral("usage: model remove NAME"), 2);
    auto store = openStore(a);
    if (!store)
        return 1;
    std::string error;
    if (!store->removeModel(pos[1].toStdString(), &error))
        return fail(QString::fromStdString(error));
    out(QStringLiteral("model %1 removed").arg(pos[1]));
    return 0;
}

/// The model named by the second positional argument; non-zero exit code (already reported) if none.
int namedModel(const Args &a, const QString &sub, std::optional<ModelConfig> &m)
{
    const QStringList pos = a.positional();
    if (pos.size() < 2)
        return fail(QStringLiteral("usage: model %1 NAME").arg(sub), 2);
    auto store = openStore(a);
    if (!store)
        return 1;
    m = store->model(pos[1].toStdString());
    if (!m)
        return fail(QStringLiteral("no model named '%1'").arg(pos[1]));
    return 0;
}

int test(Args &a)
{
    const QStringList pos = a.positional();
    std::optional<ModelConfig> m;
    if (const int rc = namedModel(a, QStringLiteral("test"), m))
        return rc;
    RetryPolicy policy;
    policy.maxRetries = 1;
    LlmClient client(policy);
    LlmRequest req;
    req.model = *m;
    req.messages = {{"user", a.value(QStringLiteral("prompt"), QStringLiteral("Say hello in one short sentence.")).toStdString()}};
    req.key = "test";
    req.kind = "test";
    std::promise<std::pair<ResponseRecord, Outcome>> done;
    client.submit(req, [&](const ResponseRecord &r, Outcome o) { done.set_value({r, o}); });
    const auto [r, o] = done.get_future().get();
    if (o != Outcome::Ok)
        return fail(QStringLiteral("%1: %2").arg(pos[1], QString::fromStdString(r.error)));
    out(QStringLiteral("%1 answered in %2 ms (%3 attempt(s), tokens %4 in / %5 out):")
            .arg(pos[1])
            .arg(int(r.latencyMs))
            .arg(r.attempts)
            .arg(r.tokensIn ? QString::number(*r.tokensIn) : QStringLiteral("?"))
            .arg(r.tokensOut ? QString::number(*r.tokensOut) : QStringLiteral("?")));
    out(QString::fromStdString(r.text));
    return 0;
}

int endpoints(Args &a)
{
    const QStringList pos = a.positional();
    std::optional<ModelConfig> m;
    if (const int rc = namedModel(a, QStringLiteral("endpoints"), m))
        return rc;
    const ModelList list = listRemoteModels(*m);
    if (!list.error.empty())
        return fail(QString::fromStdString(list.error));
    for (const auto &id : list.ids)
        out(QString::fromStdString(id));
    return 0;
}

int run(Args &a)
{
    const QStringList pos = a.positional();
    const QString sub = pos.value(0);
    if (sub == QLatin1String("add"))
        return add(a);
    if (sub == QLatin1String("list"))
        return list(a);
    if (sub == QLatin1String("remove"))
        return remove(a);
    if (sub == QLatin1String("test"))
        return test(a);
    if (sub == QLatin1String("endpoints"))
        return endpoints(a);
    return fail(QStringLiteral("usage:\n") + QString::fromLatin1(kUsage), 2);
}

CommandRegistrar reg{
    Command{QStringLiteral("model"),
            QStringLiteral("configure model endpoints (add, list, test)"),
            QString::fromLatin1(kUsage),
            run,
            {{QStringLiteral("add"),
              {opt::choice("provider", {"openai", "anthropic"}), opt::text("base-url"), opt::text("model"), opt::text("api-key-env"),
               opt::count("concurrency"), opt::count("rpm"), opt::number("temperature"), opt::count("max-tokens"), opt::text("system"),
               opt::number("price-in"), opt::number("price-out"), opt::text("vendor"), opt::count("timeout")}},
             {QStringLiteral("list"), {opt::choice("format", {"text", "json"})}},
             {QStringLiteral("remove"), {}},
             {QStringLiteral("test"), {opt::text("prompt")}},
             {QStringLiteral("endpoints"), {}}}}};

} // namespace
