// `model add|list|show|remove|test|models`: configured endpoints (never their keys).
#include "Cli.h"

#include "net/LlmClient.h"
#include "net/ModelList.h"
#include "net/ModelOptions.h"
#include "net/Presets.h"
#include "store/Store.h"
#include "util/Secrets.h"

#include <QElapsedTimer>
#include <future>
#include <nlohmann/json.hpp>

using namespace ds;
using namespace ds::cli;

namespace {

/// Replaces an entry with the same name (headers case-insensitively) or appends it.
void setPair(std::vector<std::pair<std::string, std::string>> &list, const std::string &k, const std::string &v, bool caseless)
{
    for (auto &[name, value] : list)
        if (caseless ? QString::fromStdString(name).compare(QString::fromStdString(k), Qt::CaseInsensitive) == 0 : name == k) {
            value = v;
            return;
        }
    list.emplace_back(k, v);
}

/// Applies --header / --query / --body-json / reasoning / batch options; false (reported) on bad input.
// Kept whole (~90 lines): one flat list of option -> field assignments, each with its own check.
bool applyRequestOptions(const Args &a, ModelConfig &m)
{
    for (const QString &h : a.values(QStringLiteral("header"))) {
        const int colon = h.indexOf(QLatin1Char(':'));
        const QString name = h.left(colon).trimmed();
        if (colon <= 0 || name.contains(QLatin1Char(' '))) {
            fail(QStringLiteral("--header '%1': expected 'Name: value'").arg(h), 2);
            return false;
        }
        const QString lower = name.toLower();
        if (lower == QLatin1String("authorization") || lower == QLatin1String("x-api-key") || lower == QLatin1String("api-key")) {
            fail(QStringLiteral("--header %1: keys are never stored; name their environment variable with --api-key-env").arg(name), 2);
            return false;
        }
        setPair(m.options.headers, name.toStdString(), h.mid(colon + 1).trimmed().toStdString(), true);
    }
    for (const QString &q : a.values(QStringLiteral("query"))) {
        const int eq = q.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            fail(QStringLiteral("--query '%1': expected name=value").arg(q), 2);
            return false;
        }
        setPair(m.options.query, q.left(eq).toStdString(), q.mid(eq + 1).toStdString(), false);
    }
    for (const QString &b : a.values(QStringLiteral("body-json"))) {
        const auto extra = nlohmann::json::parse(b.toStdString(), nullptr, false);
        if (extra.is_discarded() || !extra.is_object()) {
            fail(QStringLiteral("--body-json '%1': expected a JSON object").arg(b), 2);
            return false;
        }
        auto merged = m.options.bodyJson.empty() ? nlohmann::json::object() : nlohmann::json::parse(m.options.bodyJson, nullptr, false);
        if (!merged.is_object())
            merged = nlohmann::json::object();
        merged.merge_patch(extra);
        m.options.bodyJson = merged.empty() ? std::string() : merged.dump();
    }
    if (auto v = a.value(QStringLiteral("reasoning"))) {
        if (*v != QLatin1String("auto") && *v != QLatin1String("on") && *v != QLatin1String("off")) {
            fail(QStringLiteral("--reasoning must be auto, on or off"), 2);
            return false;
        }
        m.options.reasoning = *v == QLatin1String("auto") ? std::string() : v->toStdString();
    }
    if (auto v = a.value(QStringLiteral("reasoning-effort"))) {
        static const QStringList efforts = {QString(), QStringLiteral("minimal"), QStringLiteral("low"), QStringLiteral("medium"),
                                            QStringLiteral("high")};
        if (!efforts.contains(*v)) {
            fail(QStringLiteral("--reasoning-effort must be minimal, low, medium or high (or '' for the server's default)"), 2);
            return false;
        }
        m.options.reasoningEffort = v->toStdString();
    }
    if (auto v = a.value(QStringLiteral("thinking-budget"))) {
        bool good = false;
        const int n = v->toInt(&good);
        if (!good || n < 0 || (n > 0 && n < 1024)) {
            fail(QStringLiteral("--thinking-budget needs 0 (off) or at least 1024 tokens (Anthropic's minimum)"), 2);
            return false;
        }
        m.options.thinkingBudget = n;
    }
    if (auto v = a.value(QStringLiteral("batch"))) {
        if (*v != QLatin1String("on") && *v != QLatin1String("off")) {
            fail(QStringLiteral("--batch must be on or off"), 2);
            return false;
        }
        m.options.batch = *v == QLatin1String("on");
    }
    if (auto v = a.value(QStringLiteral("batch-discount"))) {
        bool good = false;
        const double f = v->toDouble(&good);
        if (!good || f <= 0 || f > 1) {
            fail(QStringLiteral("--batch-discount must be a fraction in (0, 1]"), 2);
            return false;
        }
        m.options.batchDiscount = f;
    }
    if (auto v = a.value(QStringLiteral("max-response-mib"))) {
        bool good = false;
        const int n = v->toInt(&good);
        if (!good || n < 1 || n > 4096) {
            fail(QStringLiteral("--max-response-mib must be a whole number of MiB in 1..4096"), 2);
            return false;
        }
        m.options.maxResponseMiB = n;
    }
    return true;
}

const char *kUsage = "model add NAME [--preset NAME] [--provider openai|anthropic] [--base-url URL] --model ID [--api-key-env VAR]\n"
                     "          [--concurrency N] [--rpm N] [--temperature T] [--max-tokens N] [--system TEXT]\n"
                     "          [--price-in USD_PER_MTOK] [--price-out USD_PER_MTOK] [--vendor KEY] [--timeout S]\n"
                     "          [--header 'Name: value']... [--query name=value]... [--body-json '{...}']...\n"
                     "          [--reasoning auto|on|off] [--reasoning-effort minimal|low|medium|high] [--thinking-budget N]\n"
                     "          [--batch on|off] [--batch-discount F] [--max-response-mib N]\n"
                     "    Adds or updates a model endpoint. The API key is never stored: name the environment variable\n"
                     "    that holds it (--api-key-env), or store it in the system keychain from the GUI.\n"
                     "    --preset fills provider, base URL, key variable and the provider's usual query parameters\n"
                     "    (`model presets` lists them). --header, --query and --body-json repeat; JSON bodies merge\n"
                     "    into every request (seed, top_p, stop, provider routing, chat_template_kwargs). o1/o3/o4/gpt-5\n"
                     "    ids are sent as reasoning models (max_completion_tokens, no temperature); --reasoning overrides.\n"
                     "    --thinking-budget turns on Anthropic extended thinking. --batch on sends runs through the\n"
                     "    provider's batch API at batch prices (--batch-discount, default 0.5 of the live price).\n"
                     "    --max-response-mib caps one response body, decompressed (default 8): a bigger one fails.\n"
                     "model presets                        the provider presets with an example each\n"
                     "model list [--format text|json]      configured models\n"
                     "model remove NAME                    forget a model (its stored answers stay)\n"
                     "model test NAME [--prompt TEXT]      sends one request and prints latency and the reply\n"
                     "model endpoints NAME                 lists the server's models (GET /models)";

int add(Args &a)
{
    const QStringList &pos = a.positional();
    if (pos.size() < 2)
        return fail(QStringLiteral("usage: model add NAME --provider ... --base-url URL --model ID"), 2);
    ModelConfig m;
    auto store = openStore(a);
    if (!store)
        return 1;
    if (auto existing = store->model(pos[1].toStdString()))
        m = *existing;
    m.name = pos[1].toStdString();
    if (auto preset = a.value(QStringLiteral("preset"))) {
        const ProviderPreset *p = findPreset(preset->toStdString());
        if (!p) {
            QStringList names;
            for (const auto &known : providerPresets())
                names << QString::fromStdString(known.name);
            return fail(QStringLiteral("unknown preset '%1' (one of %2)").arg(*preset, names.join(QStringLiteral(", "))), 2);
        }
        if (const auto url = a.value(QStringLiteral("base-url")))
            m.baseUrl = url->toStdString();
        else if (m.options.preset != p->name)
            m.baseUrl.clear();
        applyPreset(*p, m);
        if (m.baseUrl.find('{') != std::string::npos)
            return fail(QStringLiteral("preset %1 needs --base-url (%2)").arg(*preset, QString::fromStdString(p->baseUrl)), 2);
    }
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
    if (!applyRequestOptions(a, m))
        return 2;
    if (m.options.batch && !presetAllowsBatch(m.options.preset))
        return fail(QStringLiteral("--batch on: the %1 preset has no batch API DistillScope speaks (OpenAI's Batch API or "
                                   "Anthropic's Message Batches)")
                        .arg(QString::fromStdString(m.options.preset)),
                    2);
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
                         {"price_out", m.priceOutPerMTok},
                         {"options", nlohmann::json::parse(modelOptionsToJson(m.options))}});
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
    const QStringList &pos = a.positional();
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
    const QStringList &pos = a.positional();
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
    const QStringList &pos = a.positional();
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
    out(QStringLiteral("%1 answered in %2 ms (%3 attempt(s), tokens %4 in / %5 out%6, finish %7):")
            .arg(pos[1])
            .arg(int(r.latencyMs))
            .arg(r.attempts)
            .arg(r.tokensIn ? QString::number(*r.tokensIn) : QStringLiteral("?"))
            .arg(r.tokensOut ? QString::number(*r.tokensOut) : QStringLiteral("?"))
            .arg(r.tokensReasoning ? QStringLiteral(" of which %1 reasoning").arg(*r.tokensReasoning) : QString())
            .arg(r.finishReason.empty() ? QStringLiteral("?") : QString::fromStdString(r.finishReason)));
    if (!r.refusal.empty())
        out(QStringLiteral("refused: ") + QString::fromStdString(r.refusal));
    out(QString::fromStdString(r.text));
    return 0;
}

int endpoints(Args &a)
{
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

int presets()
{
    for (const auto &p : providerPresets()) {
        out(QStringLiteral("%1  %2  %3  key=%4")
                .arg(QString::fromStdString(p.name), -11)
                .arg(QString::fromStdString(p.provider), -9)
                .arg(QString::fromStdString(p.baseUrl),
                     p.keyEnv.empty() ? QStringLiteral("(none)") : QLatin1Char('$') + QString::fromStdString(p.keyEnv)));
        out(QStringLiteral("             %1").arg(QString::fromStdString(p.quirks)));
        out(QStringLiteral("             e.g. distillscope-cli %1").arg(QString::fromStdString(p.example)));
    }
    return 0;
}

int run(Args &a)
{
    const QStringList &pos = a.positional();
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
    if (sub == QLatin1String("presets"))
        return presets();
    return fail(QStringLiteral("usage:\n") + QString::fromLatin1(kUsage), 2);
}

CommandRegistrar reg{Command{QStringLiteral("model"),
                             QStringLiteral("configure model endpoints (add, list, test)"),
                             QString::fromLatin1(kUsage),
                             run,
                             {{QStringLiteral("add"),
                               {opt::choice("provider", {"openai", "anthropic"}),
                                opt::text("base-url"),
                                opt::text("model"),
                                opt::text("api-key-env"),
                                opt::count("concurrency"),
                                opt::count("rpm"),
                                opt::number("temperature"),
                                opt::count("max-tokens"),
                                opt::text("system"),
                                opt::number("price-in"),
                                opt::number("price-out"),
                                opt::text("vendor"),
                                opt::count("timeout"),
                                opt::text("preset"),
                                opt::text("header").repeated(),
                                opt::text("query").repeated(),
                                opt::text("body-json").repeated(),
                                opt::choice("reasoning", {"auto", "on", "off"}),
                                opt::text("reasoning-effort"),
                                opt::count("thinking-budget"),
                                opt::choice("batch", {"on", "off"}),
                                opt::number("batch-discount"),
                                opt::count("max-response-mib")}},
                              {QStringLiteral("list"), {opt::choice("format", {"text", "json"})}},
                              {QStringLiteral("remove"), {}},
                              {QStringLiteral("test"), {opt::text("prompt")}},
                              {QStringLiteral("endpoints"), {}},
                              {QStringLiteral("presets"), {}}}}};

} // namespace
