// `ice run|import|import-labels|rejudge|report|templates|vendors|questions`: Identity Consistency
// Evaluation from the command line; also plugs ICE into `run resume` and `report`.
#include "Cli.h"

#include "ice/IceRun.h"
#include "ice/IceStore.h"
#include "ice/PaperImport.h"
#include "ice/Questions.h"
#include "ice/Report.h"
#include "ice/Vendors.h"
#include "net/LlmClient.h"
#include "store/Store.h"

#include <QFile>
#include <cstdio>
#include <sstream>

using namespace ds;
using namespace ds::cli;

namespace {

const char *kIceUsage = "ice run --target M (--vendor KEY | --fact TEXT) --helper H --judge (J|rules)\n"
                        "        [--templates builtin|FILE|frozen:RUN] [--questions builtin|FILE] [--iterations N]\n"
                        "        [--selector mcts|round-robin|random] [--mcts-c X] [--mcts-alpha X] [--mcts-beta X] [--seed N]\n"
                        "        [--languages en,zh] [--strict-vendors openai,anthropic] [--name NAME] [--spend-limit USD]\n"
                        "                                     fuzzes identity questions; prints the run id, then progress on stderr\n"
                        "                                     (--spend-limit: the run's total over all its sessions, as for rse run)\n"
                        "ice import FILE --model NAME (--vendor KEY | --fact TEXT) [--name N]\n"
                        "                                     imports the paper's attack-result JSONL as a complete run\n"
                        "ice import-labels RUN FILE --kind loose|strict [--judge imported]\n"
                        "                                     adds the paper's loose/strict CSV as labels\n"
                        "ice rejudge RUN --judge (J|rules)    adds another judge's labels to every response\n"
                        "ice report RUN [--judge J] [--format json|text|csv|latex|jsonl] [--items] [--out FILE]\n"
                        "ice templates RUN [--all]           the run's final template set (--all: seeds and rejected too)\n"
                        "ice vendors | ice questions [--languages en,zh]";

std::vector<std::string> stdList(const QString &s)
{
    std::vector<std::string> out;
    for (const auto &p : splitList(s))
        out.push_back(p.toStdString());
    return out;
}

int executeIce(Store &store, int64_t runId)
{
    LlmClient client;
    ice::IceRunJob job(store, client, runId);
    return runJobWithProgress(job, QStringLiteral("ice run %1").arg(runId));
}

int reportIce(Args &a, Store &store, const RunInfo &run)
{
    const std::string judge = a.value(QStringLiteral("judge"), QString()).toStdString();
    const QString format = a.value(QStringLiteral("format"), QStringLiteral("json"));
    if (a.flag(QStringLiteral("items")) || format == QLatin1String("jsonl")) {
        std::ostringstream o;
        ice::writeItemsJsonl(store, run.id, o);
        return writeOutput(a, o.str());
    }
    std::string error;
    const auto s = ice::scoresForRun(store, run.id, judge, &error);
    if (!s)
        return fail(QString::fromStdString(error));
    if (format == QLatin1String("csv"))
        return writeOutput(a, ice::reportCsv(*s));
    if (format == QLatin1String("latex"))
        return writeOutput(a, ice::reportLatex(*s));
    if (format == QLatin1String("text"))
        return writeOutput(a, ice::reportText(*s));
    if (format != QLatin1String("json"))
        return fail(QStringLiteral("--format must be json, text, csv, latex or jsonl"), 2);
    return writeOutput(a, ice::scoresToJson(*s).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::optional<RunInfo> iceRun(Store &store, const QString &idOrName)
{
    auto run = store.run(idOrName.toStdString());
    if (!run) {
        fail(QStringLiteral("no run '%1'").arg(idOrName));
        return std::nullopt;
    }
    if (run->kind != RunKind::Ice) {
        fail(QStringLiteral("run %1 is not an ICE run").arg(run->id));
        return std::nullopt;
    }
    return run;
}

int iceRunCmd(Args &a, Store &store, const QStringList &)
{
    ice::IceRunConfig cfg;
    const auto target = a.value(QStringLiteral("target"));
    if (!target)
        return fail(QStringLiteral("ice run needs --target\n") + QString::fromLatin1(kIceUsage), 2);
    cfg.target = target->toStdString();
    cfg.vendor = a.value(QStringLiteral("vendor"), QString()).toStdString();
    cfg.fact = a.value(QStringLiteral("fact"), QString()).toStdString();
    cfg.helper = a.value(QStringLiteral("helper"), QString()).toStdString();
    cfg.judge = a.value(QStringLiteral("judge"), QStringLiteral("rules")).toStdString();
    cfg.templates = a.value(QStringLiteral("templates"), QStringLiteral("builtin")).toStdString();
    cfg.questions = a.value(QStringLiteral("questions"), QStringLiteral("builtin")).toStdString();
    cfg.iterations = a.count(QStringLiteral("iterations"), 20);
    cfg.selector.kind = a.value(QStringLiteral("selector"), QStringLiteral("mcts")).toStdString();
    cfg.selector.c = a.number(QStringLiteral("mcts-c"), 0.5);
    cfg.selector.alpha = a.number(QStringLiteral("mcts-alpha"), 0.1);
    cfg.selector.beta = a.number(QStringLiteral("mcts-beta"), 0.2);
    cfg.selector.seed = a.seed(QStringLiteral("seed"), 1);
    cfg.languages = stdList(a.value(QStringLiteral("languages"), QStringLiteral("en,zh")));
    if (const auto sv = a.value(QStringLiteral("strict-vendors")))
        cfg.strictVendors = stdList(*sv);
    cfg.name = a.value(QStringLiteral("name"), QString()).toStdString();
    cfg.spendLimit = a.number(QStringLiteral("spend-limit"), 0);
    int64_t runId = 0;
    std::string error;
    if (!ice::createIceRun(store, cfg, &runId, &error))
        return fail(QString::fromStdString(error), 2);
    out(QString::number(runId));
    return executeIce(store, runId);
}

int iceImportCmd(Args &a, Store &store, const QStringList &pos)
{
    const QString file = pos.value(1);
    const auto model = a.value(QStringLiteral("model"));
    if (file.isEmpty() || !model)
        return fail(QStringLiteral("usage: ice import FILE --model NAME (--vendor KEY | --fact TEXT) [--name N]"), 2);
    ice::TargetIdentity id;
    std::string error;
    if (!ice::resolveTarget(a.value(QStringLiteral("vendor"), QString()).toStdString(),
                            a.value(QStringLiteral("fact"), QString()).toStdString(), &id, &error))
        return fail(QString::fromStdString(error), 2);
    ice::PaperImportResult r;
    if (!ice::importPaperResults(store, file.toStdString(), model->toStdString(), id,
                                 a.value(QStringLiteral("name"), QString()).toStdString(), &r, &error))
        return fail(QString::fromStdString(error));
    out(QString::number(r.runId));
    err(QStringLiteral("imported %1 responses (%2 templates x %3 questions); paper loose = %4/%5 = %6")
            .arg(r.items)
            .arg(r.templates)
            .arg(r.questions)
            .arg(r.looseHits)
            .arg(r.items)
            .arg(double(r.looseHits) / r.items, 0, 'f', 3));
    return 0;
}

int iceImportLabelsCmd(Args &a, Store &store, const QStringList &pos)
{
    const auto run = iceRun(store, pos.value(1));
    if (!run)
        return 1;
    const QString file = pos.value(2);
    const auto kind = a.value(QStringLiteral("kind"));
    if (file.isEmpty() || !kind)
        return fail(QStringLiteral("usage: ice import-labels RUN FILE --kind loose|strict [--judge imported]"), 2);
    int matched = 0;
    std::string error;
    if (!ice::importPaperLabels(store, run->id, file.toStdString(), kind->toStdString(),
                                a.value(QStringLiteral("judge"), QStringLiteral("imported")).toStdString(), &matched, &error))
        return fail(QString::fromStdString(error));
    err(QStringLiteral("%1 labels: %2 positive rows matched").arg(*kind).arg(matched));
    return 0;
}

int iceRejudgeCmd(Args &a, Store &store, const QStringList &pos)
{
    const auto run = iceRun(store, pos.value(1));
    if (!run)
        return 1;
    const auto judge = a.value(QStringLiteral("judge"));
    if (!judge)
        return fail(QStringLiteral("usage: ice rejudge RUN --judge (J|rules)"), 2);
    LlmClient client;
    std::string msg;
    const int rc = ice::rejudgeRun(
        store, client, run->id, judge->toStdString(),
        [](const JobProgress &p) {
            err(QStringLiteral("rejudge: %1/%2 (%3 cached, %4 failed)").arg(p.done).arg(p.total).arg(p.cached).arg(p.failed));
        },
        &msg);
    if (rc != 0)
        return fail(QString::fromStdString(msg), rc);
    return 0;
}

int iceReportCmd(Args &a, Store &store, const QStringList &pos)
{
    const auto run = iceRun(store, pos.value(1));
    return run ? reportIce(a, store, *run) : 1;
}

int iceTemplatesCmd(Args &a, Store &store, const QStringList &pos)
{
    const auto run = iceRun(store, pos.value(1));
    if (!run)
        return 1;
    nlohmann::json arr = nlohmann::json::array();
    for (const auto &t : IceStore(store).templates(run->id))
        if (t.inFinal || a.flag(QStringLiteral("all")))
            arr.push_back({{"idx", t.idx},
                           {"origin", t.origin},
                           {"operator", t.op},
                           {"parent", t.parentIdx},
                           {"iteration", t.iteration},
                           {"final", t.inFinal},
                           {"names_vendor", t.namesVendor},
                           {"text", t.text}});
    return writeOutput(a, arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

int iceVendorsCmd(Args &, Store &, const QStringList &)
{
    for (const auto &v : ice::VendorRegistry::builtin().vendors())
        out(QStringLiteral("%1\t%2\t%3")
                .arg(QString::fromStdString(v.key), QString::fromStdString(v.company), QString::fromStdString(v.fact)));
    return 0;
}

int iceQuestionsCmd(Args &a, Store &, const QStringList &)
{
    std::string error;
    for (const auto &q : ice::builtinQuestions(stdList(a.value(QStringLiteral("languages"), QStringLiteral("en,zh"))), &error))
        out(QStringLiteral("%1\t%2\t%3\t%4")
                .arg(QString::fromStdString(q.id), QString::fromStdString(q.language), QString::fromStdString(q.aspect),
                     QString::fromStdString(q.text)));
    return error.empty() ? 0 : fail(QString::fromStdString(error));
}

int iceCmd(Args &a)
{
    using Sub = int (*)(Args &, Store &, const QStringList &);
    static const std::map<QString, Sub> subcommands = {
        {QStringLiteral("run"), iceRunCmd},
        {QStringLiteral("import"), iceImportCmd},
        {QStringLiteral("import-labels"), iceImportLabelsCmd},
        {QStringLiteral("rejudge"), iceRejudgeCmd},
        {QStringLiteral("report"), iceReportCmd},
        {QStringLiteral("templates"), iceTemplatesCmd},
        {QStringLiteral("vendors"), iceVendorsCmd},
        {QStringLiteral("questions"), iceQuestionsCmd},
    };
    const QStringList &pos = a.positional();
    auto store = openStore(a);
    if (!store)
        return 1;
    if (const auto it = subcommands.find(pos.value(0)); it != subcommands.end())
        return it->second(a, *store, pos);
    return fail(QStringLiteral("usage:\n") + QString::fromLatin1(kIceUsage), 2);
}

const std::vector<OptionGroup> kIceOptions = {
    {QStringLiteral("run"),
     {opt::text("target"), opt::text("vendor"), opt::text("fact"), opt::text("helper"), opt::text("judge"), opt::text("templates"),
      opt::text("questions"), opt::count("iterations"), opt::choice("selector", {"mcts", "round-robin", "random"}), opt::number("mcts-c"),
      opt::number("mcts-alpha").range(0, 1), opt::number("mcts-beta").range(0, 1), opt::seed("seed"), opt::list("languages"),
      opt::list("strict-vendors"), opt::text("name"), opt::number("spend-limit")}},
    {QStringLiteral("import"), {opt::text("model"), opt::text("vendor"), opt::text("fact"), opt::text("name")}},
    {QStringLiteral("import-labels"), {opt::choice("kind", {"loose", "strict"}), opt::text("judge")}},
    {QStringLiteral("rejudge"), {opt::text("judge")}},
    {QStringLiteral("report"),
     {opt::text("judge"), opt::choice("format", {"json", "text", "csv", "latex", "jsonl"}), opt::flag("items"), opt::text("out")}},
    {QStringLiteral("templates"), {opt::flag("all"), opt::text("out")}},
    {QStringLiteral("vendors"), {}},
    {QStringLiteral("questions"), {opt::list("languages")}},
};

CommandRegistrar regIce{
    Command{QStringLiteral("ice"), QStringLiteral("Identity Consistency Evaluation"), QString::fromLatin1(kIceUsage), iceCmd, kIceOptions}};

RunKindRegistrar regIceKind{RunKind::Ice,
                            RunKindHandler{[](Args &, Store &store, const RunInfo &run) { return executeIce(store, run.id); }, reportIce}};

} // namespace
