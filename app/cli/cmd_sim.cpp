// `distillscope-cli sim ...`: run the built-in API simulator (OpenAI + Anthropic endpoints over
// simulated models) and inspect what its models would answer, without a network or a server.
#include "Cli.h"

#include "sim/SimConfig.h"
#include "sim/SimModels.h"
#include "sim/SimServer.h"

#include <csignal>
#include <pthread.h>

namespace {

using namespace ds::cli;

std::optional<ds::sim::SimConfig> loadConfig(Args &args, int &rc)
{
    const auto path = args.value(QStringLiteral("config"));
    if (!path) {
        rc = fail(QStringLiteral("sim: --config FILE is required"), 2);
        return std::nullopt;
    }
    auto result = ds::sim::loadSimConfigFile(path->toStdString());
    for (const auto &w : result.warnings)
        err(QStringLiteral("warning: ") + QString::fromStdString(w));
    if (!result.ok()) {
        rc = fail(QStringLiteral("sim config %1: %2").arg(*path, QString::fromStdString(result.error)), 2);
        return std::nullopt;
    }
    return std::move(result.config);
}

int serve(Args &args)
{
    int rc = 0;
    auto config = loadConfig(args, rc);
    if (!config)
        return rc;
    const int port = args.count(QStringLiteral("port"), 0);

    // Block the stop signals before any server thread exists, so every thread inherits the mask
    // and only sigwait() below sees them: shutdown then runs on this thread, not in a handler.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    const size_t modelCount = config->models.size();
    ds::sim::SimServer server(std::move(*config));
    std::string error;
    const int bound = server.start(port, &error);
    if (bound < 0)
        return fail(QStringLiteral("sim serve: %1").arg(QString::fromStdString(error)));
    out(QStringLiteral("listening on http://127.0.0.1:%1").arg(bound));
    err(QStringLiteral("simulating %1 models; OpenAI base URL http://127.0.0.1:%2/v1, stats at /sim/stats; "
                       "stop with Ctrl-C or SIGTERM")
            .arg(modelCount)
            .arg(bound));
    int sig = 0;
    sigwait(&stopSignals, &sig);
    err(QStringLiteral("signal %1: shutting down").arg(sig));
    server.stop();
    return 0;
}

int answer(Args &args)
{
    int rc = 0;
    auto config = loadConfig(args, rc);
    if (!config)
        return rc;
    const auto model = args.value(QStringLiteral("model"));
    const QStringList &pos = args.positional();
    if (!model || pos.size() < 2)
        return fail(QStringLiteral("sim answer: --model NAME and PROMPT are required"), 2);
    ds::sim::SimWorld world(std::move(*config));
    if (!world.model(model->toStdString()))
        return fail(QStringLiteral("sim answer: unknown model '%1'").arg(*model), 2);
    const auto a = world.answer(model->toStdString(), pos.mid(1).join(QLatin1Char(' ')).toStdString());
    err(QStringLiteral("[%1]").arg(QString::fromLatin1(ds::sim::kindName(a.kind))));
    if (!a.reasoning.empty())
        err(QStringLiteral("reasoning: ") + QString::fromStdString(a.reasoning));
    out(QString::fromStdString(a.text));
    return 0;
}

int check(Args &args)
{
    int rc = 0;
    auto config = loadConfig(args, rc);
    if (!config)
        return rc;
    for (const auto &m : config->models)
        out(QStringLiteral("%1\t%2\t%3%4")
                .arg(QString::fromStdString(m.name), QString::fromStdString(m.creator),
                     QString::fromStdString(m.style.empty() ? "(hashed style)" : m.style),
                     m.studentOf.empty()
                         ? QString()
                         : QStringLiteral("\tstudent of %1 (copy %2)").arg(QString::fromStdString(m.studentOf)).arg(m.copyRate)));
    out(QStringLiteral("config ok"));
    return 0;
}

int run(Args &args)
{
    const QStringList &pos = args.positional();
    const QString sub = pos.isEmpty() ? QString() : pos.first();
    if (sub == QLatin1String("serve"))
        return serve(args);
    if (sub == QLatin1String("answer"))
        return answer(args);
    if (sub == QLatin1String("check"))
        return check(args);
    return fail(QStringLiteral("sim: expected serve, answer or check (see distillscope-cli sim --help)"), 2);
}

const CommandRegistrar reg{
    Command{QStringLiteral("sim"),
            QStringLiteral("run the offline OpenAI/Anthropic API simulator"),
            QStringLiteral("sim serve --config FILE [--port N]\n"
                           "    Serve simulated models on http://127.0.0.1:N (0 = a free port; the first line printed\n"
                           "    is `listening on http://127.0.0.1:PORT`) until SIGINT/SIGTERM. Endpoints:\n"
                           "    POST /v1/chat/completions, POST /v1/messages, GET /v1/models, GET /sim/stats.\n"
                           "sim answer --config FILE --model NAME PROMPT...\n"
                           "    Print what a simulated model answers to PROMPT (no server involved).\n"
                           "sim check --config FILE\n"
                           "    Validate a simulator config and list its models.\n"
                           "    Example configs: resources/sim/*.json"),
            run,
            {{QStringLiteral("serve"), {opt::text("config"), opt::count("port").range(0, 65535)}},
             {QStringLiteral("answer"), {opt::text("config"), opt::text("model")}},
             {QStringLiteral("check"), {opt::text("config")}}}}};

} // namespace
