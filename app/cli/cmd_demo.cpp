// `demo`: the main job when no API key is configured. Starts the bundled simulator (a teacher, two
// students of it, two unrelated models, a judge), runs RSE over the bundled prompt set and prints
// the report. Everything goes through real HTTP on 127.0.0.1 and lands in the SQLite store.
#include "Cli.h"

#include "data/Importers.h"
#include "ice/IceRun.h"
#include "ice/Scores.h"
#include "net/LlmClient.h"
#include "rse/RseJob.h"
#include "rse/RseReport.h"
#include "store/Store.h"
#include "util/Resources.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <algorithm>
#include <nlohmann/json.hpp>

using namespace ds;
using namespace ds::cli;

namespace {

const char *kUsage = "demo [--fresh] [--prompts FILE] [--world FILE]\n"
                     "    Starts the simulator with resources/sim/demo.json (teacher atlas; students nova and quill;\n"
                     "    unrelated orbit and pebble; judge arbiter), runs RSE with position swap over\n"
                     "    resources/prompts/demo.jsonl and prints the report; then fuzzes nova's identity (ICE) with the\n"
                     "    helper muse and replays the frozen templates against orbit. Reuses finished demo runs in the\n"
                     "    same database unless --fresh.";

/// Starts `sim serve` as a child process and returns its base URL ("" on failure).
QString startSimulator(QProcess &sim, const QString &world)
{
    sim.setProgram(QCoreApplication::applicationFilePath());
    sim.setArguments(
        {QStringLiteral("sim"), QStringLiteral("serve"), QStringLiteral("--config"), world, QStringLiteral("--port"), QStringLiteral("0")});
    sim.setProcessChannelMode(QProcess::SeparateChannels);
    sim.start();
    if (!sim.waitForStarted(5000))
        return {};
    static const QRegularExpression url(QStringLiteral("http://127\\.0\\.0\\.1:\\d+"));
    for (int i = 0; i < 100; ++i) {
        if (sim.canReadLine() || sim.waitForReadyRead(100)) {
            const auto m = url.match(QString::fromUtf8(sim.readLine()));
            if (m.hasMatch())
                return m.captured(0);
        }
        if (sim.state() != QProcess::Running)
            break;
    }
    return {};
}

void printTable(const rse::RseResults &r)
{
    out(QStringLiteral("\nRSE similarity to the reference '%1' (judge '%2', 1-5, 95% bootstrap CI over prompts):")
            .arg(QString::fromStdString(r.config.reference), QString::fromStdString(r.config.judge)));
    out(QStringLiteral("  %1 %2 %3 %4 %5 %6")
            .arg(QStringLiteral("model"), -10)
            .arg(QStringLiteral("overall"), 8)
            .arg(QStringLiteral("95% CI"), 15)
            .arg(QStringLiteral("style"), 6)
            .arg(QStringLiteral("logic"), 6)
            .arg(QStringLiteral("content"), 8));
    auto cells = r.cells;
    // Unscored cells (n = 0, NaN mean) last: NaN in a comparison would break the sort's ordering.
    std::sort(cells.begin(), cells.end(),
              [](const auto &a, const auto &b) { return a.scored() != b.scored() ? a.scored() : a.scored() && a.mean > b.mean; });
    for (const auto &c : cells)
        if (!c.scored())
            out(QStringLiteral("  %1 %2   (no usable judgment: n = 0)")
                    .arg(QString::fromStdString(c.model), -10)
                    .arg(QStringLiteral("—"), 8));
        else
            out(QStringLiteral("  %1 %2 %3 %4 %5 %6")
                    .arg(QString::fromStdString(c.model), -10)
                    .arg(c.mean, 8, 'f', 2)
                    .arg(QStringLiteral("[%1, %2]").arg(c.ci95.lo, 0, 'f', 2).arg(c.ci95.hi, 0, 'f', 2), 15)
                    .arg(c.style, 6, 'f', 2)
                    .arg(c.logic, 6, 'f', 2)
                    .arg(c.content, 8, 'f', 2));
}

/// The model with role "helper" in a simulator world ("" when none).
std::string helperOf(const QString &world)
{
    QFile f(world);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const auto cfg = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
    if (cfg.is_discarded() || !cfg.contains("models"))
        return {};
    for (const auto &m : cfg["models"])
        if (m.value("role", std::string()) == "helper")
            return m.value("name", std::string());
    return {};
}

/// ICE part of the demo: fuzz the first student's identity with the helper model, then replay the
/// frozen template set against an unrelated model, so both see exactly the same prompts.
int runIceDemo(Store &store, const QString &world, const std::string &helper, const std::string &judge,
               const std::vector<std::string> &tests)
{
    if (helper.empty() || tests.size() < 3)
        return 0;
    QProcess sim;
    const QString url = startSimulator(sim, world);
    if (url.isEmpty())
        return fail(QStringLiteral("the simulator did not restart for the ICE demo"));
    // The simulator picks a new port each time: point the stored models at it.
    for (auto m : store.models()) {
        m.baseUrl = (url + QStringLiteral("/v1")).toStdString();
        std::string e;
        store.saveModel(m, &e);
    }
    struct Target {
        std::string model, fact, templates;
    };
    const std::vector<Target> targets = {{tests[0], "I am " + tests[0] + ", developed by Beta Labs.", "builtin"},
                                         {tests[2], "I am " + tests[2] + ", developed by Gamma Inc.", "frozen:demo-ice-" + tests[0]}};
    int code = 0;
    for (const auto &t : targets) {
        const std::string name = "demo-ice-" + t.model;
        auto existing = store.run(name);
        int64_t runId = existing ? existing->id : 0;
        if (!existing) {
            ice::IceRunConfig cfg;
            cfg.name = name;
            cfg.target = t.model;
            cfg.fact = t.fact;
            cfg.helper = helper;
            cfg.judge = judge;
            cfg.templates = t.templates;
            cfg.iterations = 4;
            std::string error;
            if (!ice::createIceRun(store, cfg, &runId, &error))
                return fail(QString::fromStdString(error));
        } else if (existing->status == RunStatus::Complete) {
            continue;
        }
        LlmClient client;
        ice::IceRunJob job(store, client, runId);
        code = runJobWithProgress(job, QStringLiteral("demo ICE %1").arg(QString::fromStdString(t.model)));
        if (code != 0)
            break;
    }
    sim.terminate();
    sim.waitForFinished(3000);
    if (code != 0)
        return code;
    out(QStringLiteral("\nICE identity inconsistency (judge '%1'; 95% CI resampling templates):").arg(QString::fromStdString(judge)));
    for (const auto &t : targets) {
        std::string error;
        const auto r = store.run("demo-ice-" + t.model);
        const auto s = r ? ice::scoresForRun(store, r->id, "", &error) : std::nullopt;
        if (!s)
            continue;
        out(QStringLiteral("  %1 loose %2 [%3, %4] (%5/%6), strict %7")
                .arg(QString::fromStdString(t.model), -10)
                .arg(s->loose.rate, 0, 'f', 3)
                .arg(s->loose.ci95.lo, 0, 'f', 3)
                .arg(s->loose.ci95.hi, 0, 'f', 3)
                .arg(s->loose.hits)
                .arg(s->loose.n)
                .arg(s->strict.rate, 0, 'f', 3));
    }
    return 0;
}

/// The finished demo run of an earlier `demo` in this database, reported again (nullopt: none to reuse).
std::optional<int> reuseFinishedDemo(Store &store, const QString &world)
{
    const auto done = store.run("demo-rse");
    if (!done || done->status != RunStatus::Complete)
        return std::nullopt;
    std::string error;
    const auto results = rse::computeResults(store, done->id, &error);
    if (!results)
        return std::nullopt;
    err(QStringLiteral("reusing the finished demo run %1 (use --fresh for a new one)").arg(done->id));
    out(QString::number(done->id));
    printTable(*results);
    return runIceDemo(store, world, helperOf(world), results->config.judge, results->config.tests);
}

/// Who is who in the simulator world: the RSE reference and judge, the ICE helper, the test models.
struct DemoRoles {
    std::string reference, judge, helper;
    std::vector<std::string> tests;
};

/// Stores every model of the world `cfg` as an endpoint of the simulator at `url`; false + *error
/// when one cannot be saved.
bool saveDemoModels(Store &store, const nlohmann::json &cfg, const QString &url, DemoRoles &roles, std::string *error)
{
    for (const auto &m : cfg["models"]) {
        ModelConfig mc;
        mc.name = m.value("name", std::string());
        mc.provider = "openai";
        mc.baseUrl = (url + QStringLiteral("/v1")).toStdString();
        mc.modelId = mc.name;
        mc.concurrency = 16;
        mc.timeoutS = 30;
        mc.priceInPerMTok = 0.5; // pretend prices, so the cost column means something in the demo
        mc.priceOutPerMTok = 1.5;
        if (!store.saveModel(mc, error))
            return false;
        const std::string role = m.value("role", std::string());
        if (role == "judge")
            roles.judge = mc.name;
        else if (role == "helper")
            roles.helper = mc.name;
        else if (!m.contains("student_of") && roles.reference.empty() && m.value("style", std::string()) == "structured")
            roles.reference = mc.name;
        else
            roles.tests.push_back(mc.name);
    }
    return true;
}

/// Imports the prompt set as dataset "demo" unless the database has it; false + *error on failure.
bool ensureDemoDataset(Store &store, const Args &a, const QString &promptsFile, std::string *error)
{
    if (store.dataset("demo"))
        return true;
    const auto parsed = data::readPrompts(promptsFile.toStdString(), {});
    if (!parsed.ok()) {
        *error = parsed.error;
        return false;
    }
    DatasetInfo info;
    info.name = "demo";
    info.format = parsed.detectedFormat;
    // The bundled prompts live in a build tree or /usr/share, which differ per machine: the
    // source says what they are, so a shared demo database reads the same everywhere. A file the
    // user passed is named by its path, as `dataset import` does.
    info.source = a.value(QStringLiteral("prompts"), QString()).isEmpty() ? std::string("demo.jsonl (built-in)")
                                                                          : QFileInfo(promptsFile).absoluteFilePath().toStdString();
    return store.createDataset(info, parsed.items, error);
}

/// Creates the demo RSE run and drives it against the simulator; 0 or the job's exit code.
int runRseDemo(Store &store, const DemoRoles &roles, int64_t *runId)
{
    rse::RseConfig rc;
    rc.reference = roles.reference;
    rc.tests = roles.tests;
    rc.datasets = {"demo"};
    rc.judge = roles.judge;
    rc.swap = true;
    std::string error;
    *runId = rse::RseJob::createRun(store, rc, "demo-rse", &error);
    if (!*runId)
        return fail(QString::fromStdString(error));
    out(QString::number(*runId));
    LlmClient client;
    rse::RseJob job(store, client, *runId);
    return runJobWithProgress(job, QStringLiteral("demo RSE"));
}

// The demo's steps in order (simulator, models, dataset, run, report), each able to stop it with its
// message.
int run(Args &a)
{
    const QString world = a.value(QStringLiteral("world"), QString::fromStdString(resourcePath("sim/demo.json")));
    const QString promptsFile = a.value(QStringLiteral("prompts"), QString::fromStdString(resourcePath("prompts/demo.jsonl")));
    if (world.isEmpty() || !QFile::exists(world))
        return fail(QStringLiteral("demo world not found (resources/sim/demo.json); set DISTILLSCOPE_RESOURCES"));
    if (promptsFile.isEmpty() || !QFile::exists(promptsFile))
        return fail(QStringLiteral("demo prompts not found (resources/prompts/demo.jsonl)"));
    auto store = openStore(a);
    if (!store)
        return 1;
    err(QStringLiteral("database: %1").arg(a.dbPath()));
    if (!a.flag(QStringLiteral("fresh")))
        if (const auto code = reuseFinishedDemo(*store, world))
            return *code;

    QFile worldFile(world);
    worldFile.open(QIODevice::ReadOnly);
    const auto cfg = nlohmann::json::parse(worldFile.readAll().toStdString(), nullptr, false);
    if (cfg.is_discarded() || !cfg.contains("models"))
        return fail(QStringLiteral("%1: not a simulator world (JSON with a models list)").arg(world));
    QProcess sim;
    const QString url = startSimulator(sim, world);
    if (url.isEmpty())
        return fail(QStringLiteral("the simulator did not start: %1").arg(QString::fromUtf8(sim.readAllStandardError())));
    err(QStringLiteral("simulator listening on %1").arg(url));

    DemoRoles roles;
    std::string error;
    if (!saveDemoModels(*store, cfg, url, roles, &error) || !ensureDemoDataset(*store, a, promptsFile, &error))
        return fail(QString::fromStdString(error));
    int64_t runId = 0;
    const int code = runRseDemo(*store, roles, &runId);
    sim.terminate();
    sim.waitForFinished(3000);
    if (code != 0)
        return code;
    auto results = rse::computeResults(*store, runId, &error);
    if (!results)
        return fail(QString::fromStdString(error));
    printTable(*results);
    if (const int iceCode = runIceDemo(*store, world, roles.helper, roles.judge, roles.tests); iceCode != 0)
        return iceCode;
    out(QStringLiteral("\nnova and quill were trained on atlas's outputs in the simulated world; orbit and pebble "
                       "were not.\nNext: `report %1 --format latex`, or open the database in the GUI: distillscope --db %2")
            .arg(runId)
            .arg(a.dbPath()));
    return 0;
}

CommandRegistrar reg{Command{QStringLiteral("demo"),
                             QStringLiteral("simulated end-to-end RSE run (no API key needed)"),
                             QString::fromLatin1(kUsage),
                             run,
                             {{QString(), {opt::flag("fresh"), opt::text("prompts"), opt::text("world")}}}}};

} // namespace
