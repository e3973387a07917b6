// `rse run`, `run resume|list|show`, `report`: Response Similarity Evaluation from the command line.
#include "Cli.h"

#include "jobs/SessionCounters.h"
#include "net/LlmClient.h"
#include "rse/RseJob.h"
#include "rse/RsePlan.h"
#include "rse/RseReport.h"
#include "store/BatchLedger.h"
#include "store/Store.h"

#include <QFile>
#include <nlohmann/json.hpp>

using namespace ds;
using namespace ds::cli;

namespace {

const char *kRseUsage = "rse run --reference M --test M1,M2,... --dataset D1,D2,... --judge J [--swap] [--name NAME]\n"
                        "        [--spend-limit USD]\n"
                        "    Collects missing answers and judges every (test, reference) pair (style, logic, content: 1-5).\n"
                        "    Prints the run id on stdout first; progress on stderr. --swap judges both orders.\n"
                        "    --spend-limit counts the run's total over all its sessions, including what is in flight.\n"
                        "    Ctrl-C (or SIGTERM) stops sending and stores what is in flight; a second Ctrl-C aborts it.\n"
                        "    Exit codes: 0 complete; 1 failed; 3 paused (billing stop, 401/403, spend limit, storage failure)\n"
                        "    or cancelled (Ctrl-C); 4 incomplete (some items failed or answers were empty, refused,\n"
                        "    filtered or truncated: `run resume RUN --retry-failed`); 5 another process drives the run.\n"
                        "rse plan --reference M --test M1,M2,... --dataset D1,D2,... --judge J [--swap]\n"
                        "rse plan --run RUN [--retry-failed]\n"
                        "    What `rse run` (or the next `run resume` of RUN) would do, sending nothing: the checks it makes,\n"
                        "    the answer and judge requests it would send and those it reuses (exact counts), and tokens and\n"
                        "    cost (estimates). Exit code 1 when the run would be refused.";

const char *kRunUsage = "run list                             all runs with their status\n"
                        "run show RUN                         a run's configuration, status and recent events\n"
                        "run resume RUN [--retry-failed] [--resubmit-unconfirmed]\n"
                        "                                     continues a run; stored answers are never requested again;\n"
                        "                                     --retry-failed also re-sends what ended in an error or in an\n"
                        "                                     empty / refused / filtered / truncated answer.\n"
                        "                                     --resubmit-unconfirmed: batches whose submission was interrupted\n"
                        "                                     and that the provider's list cannot identify are held back; this\n"
                        "                                     submits them again (check the provider's console first).\n"
                        "                                     One driver per run: refused (exit 5) while another process runs it.\n"
                        "                                     Exit codes as for `rse run`.";

const char *kReportUsage = "report RUN --format json|text|csv|latex [--out FILE] [--judge J] [--items]\n"
                           "    RSE: per model x dataset mean, 95% bootstrap interval, aspects; overall per model. Every cell\n"
                           "    carries n, failed judge requests, excluded (unparsable) judge replies, missing answers and\n"
                           "    flagged (judge-directed) answers; a cell with n = 0 has no score (JSON null, CSV empty, a dash\n"
                           "    in text and LaTeX).\n"
                           "    --out FILE is written to a temporary file, fsynced and renamed; never the database itself.\n"
                           "    ICE: loose / strict / hard rates with template-bootstrap intervals and breakdowns;\n"
                           "    --items --format jsonl writes one line per response.";

int executeRse(Store &store, int64_t runId, bool retryFailed)
{
    LlmClient client;
    rse::RseJob job(store, client, runId, retryFailed);
    return runJobWithProgress(job, QStringLiteral("rse run %1").arg(runId));
}

/// The configuration given by --reference, --test, --dataset, --judge, --swap and --spend-limit.
std::optional<rse::RseConfig> configFromArgs(const Args &a)
{
    const auto ref = a.value(QStringLiteral("reference"));
    const auto tests = a.value(QStringLiteral("test"));
    const auto datasets = a.value(QStringLiteral("dataset"));
    const auto judge = a.value(QStringLiteral("judge"));
    if (!ref || !tests || !datasets || !judge)
        return std::nullopt;
    rse::RseConfig cfg;
    cfg.reference = ref->toStdString();
    for (const auto &t : splitList(*tests))
        cfg.tests.push_back(t.toStdString());
    for (const auto &d : splitList(*datasets))
        cfg.datasets.push_back(d.toStdString());
    cfg.judge = judge->toStdString();
    cfg.swap = a.flag(QStringLiteral("swap"));
    cfg.spendLimit = a.number(QStringLiteral("spend-limit"), 0);
    return cfg;
}

int rsePlan(Args &a)
{
    auto store = openStore(a);
    if (!store)
        return 1;
    rse::RseConfig cfg;
    int64_t runId = 0;
    if (const auto run = a.value(QStringLiteral("run"))) {
        const auto info = store->run(run->toStdString());
        if (!info || info->kind != RunKind::Rse)
            return fail(QStringLiteral("no RSE run '%1' (see `run list`)").arg(*run));
        if (const auto e = rse::RseConfig::fromJson(info->configJson, cfg); !e.empty())
            return fail(QString::fromStdString(e));
        runId = info->id;
    } else if (const auto given = configFromArgs(a)) {
        cfg = *given;
    } else {
        return fail(
            QStringLiteral("rse plan needs --run, or --reference, --test, --dataset and --judge\n") + QString::fromLatin1(kRseUsage), 2);
    }
    const rse::RsePlan plan = rse::planRun(*store, cfg, runId, a.flag(QStringLiteral("retry-failed")));
    if (const int code = writeOutput(a, rse::planText(plan)))
        return code;
    return plan.ok() ? 0 : 1;
}

int rseRun(Args &a)
{
    const QString sub = a.positional().value(0);
    if (sub == QLatin1String("plan"))
        return rsePlan(a);
    if (sub != QLatin1String("run"))
        return fail(QStringLiteral("usage:\n") + QString::fromLatin1(kRseUsage), 2);
    const auto cfg = configFromArgs(a);
    if (!cfg)
        return fail(QStringLiteral("rse run needs --reference, --test, --dataset and --judge\n") + QString::fromLatin1(kRseUsage), 2);
    auto store = openStore(a);
    if (!store)
        return 1;
    // createRun checks the configuration first (rse/RsePlan.h), so a typo leaves no empty run behind.
    for (const auto &w : rse::roleWarnings(*cfg))
        err(QStringLiteral("warning: ") + QString::fromStdString(w));
    std::string error;
    const int64_t runId = rse::RseJob::createRun(*store, *cfg, a.value(QStringLiteral("name"), QString()).toStdString(), &error);
    if (!runId)
        return fail(QString::fromStdString(error));
    out(QString::number(runId));
    return executeRse(*store, runId, false);
}

/// `run show`'s sessions: how long the run was driven, the last session's counts, and what every
/// session sent again or lost, by kind. Runs from before sessions were kept say so.
void printSessions(const RunHistory &h)
{
    if (h.sessions == 0) {
        out(QStringLiteral("sessions: none recorded (never started, or made before sessions were kept)"));
        return;
    }
    out(QStringLiteral("sessions: %1, %2 to %3, driven %4 in all")
            .arg(h.sessions)
            .arg(QString::fromStdString(h.firstStartedAt), QString::fromStdString(h.lastEndedAt), durationText(h.elapsedS)));
    if (h.last)
        out(QStringLiteral("last session (%1): %2/%3 stored, %4 cached, %5 failed, %6 unusable, %7 flagged")
                .arg(QString::fromLatin1(runStatusName(h.lastStatus)))
                .arg(h.last->done)
                .arg(h.last->total)
                .arg(h.last->cached)
                .arg(h.last->failed)
                .arg(h.last->unusable)
                .arg(h.last->flagged));
    else
        out(QStringLiteral("last session (%1): counters unreadable").arg(QString::fromLatin1(runStatusName(h.lastStatus))));
    out(QStringLiteral("all sessions: tokens %1 in / %2 out, $%3, %4 retried, failed attempts: %5")
            .arg(h.tokensIn)
            .arg(h.tokensOut)
            .arg(h.cost, 0, 'f', 4)
            .arg(h.retried)
            .arg(h.errorKinds.empty() ? QStringLiteral("none") : QString::fromStdString(errorKindsText(h.errorKinds))));
    if (h.unreadableSessions > 0)
        out(QStringLiteral("%1 session record(s) unreadable, left out of the sums").arg(h.unreadableSessions));
}

int runCmd(Args &a)
{
    const QStringList &pos = a.positional();
    const QString sub = pos.value(0);
    auto store = openStore(a);
    if (!store)
        return 1;
    if (sub == QLatin1String("list")) {
        for (const auto &r : store->runs())
            out(QStringLiteral("%1  %2  %3  %4  %5")
                    .arg(r.id, 4)
                    .arg(QString::fromLatin1(runKindName(r.kind)), -4)
                    .arg(QString::fromLatin1(runStatusName(r.status)), -10)
                    .arg(QString::fromStdString(r.name), -16)
                    .arg(QString::fromStdString(r.createdAt)));
        return 0;
    }
    if (pos.size() < 2)
        return fail(QStringLiteral("usage:\n") + QString::fromLatin1(kRunUsage), 2);
    const auto run = store->run(pos[1].toStdString());
    if (!run)
        return fail(QStringLiteral("no run '%1' (see `run list`)").arg(pos[1]));
    if (sub == QLatin1String("show")) {
        // Redacted again on the way out: databases written before redaction may hold echoed keys.
        auto safe = [](const std::string &s) { return QString::fromStdString(redactSecrets(s)); };
        out(QStringLiteral("run %1 (%2) %3: %4")
                .arg(run->id)
                .arg(QString::fromLatin1(runKindName(run->kind)), QString::fromStdString(run->name),
                     QString::fromLatin1(runStatusName(run->status))));
        if (!run->message.empty())
            out(QStringLiteral("message: %1").arg(safe(run->message)));
        if (!run->leaseHolder.empty())
            out(QStringLiteral("driven by: %1").arg(QString::fromStdString(run->leaseHolder)));
        out(QStringLiteral("spent: $%1 over all sessions").arg(run->spent, 0, 'f', 4));
        out(QStringLiteral("config: %1").arg(safe(run->configJson)));
        out(QStringLiteral("created %1, updated %2").arg(QString::fromStdString(run->createdAt), QString::fromStdString(run->updatedAt)));
        printSessions(runHistory(store->runSessions(run->id)));
        for (const auto &e : store->events(run->id, 20))
            out(QStringLiteral("  %1 %2 %3: %4")
                    .arg(QString::fromStdString(e.ts), QString::fromStdString(e.level), QString::fromStdString(e.kind), safe(e.message)));
        return 0;
    }
    if (sub == QLatin1String("resume")) {
        if (a.flag(QStringLiteral("resubmit-unconfirmed"))) {
            std::string error;
            const int n = BatchLedger(*store).abandonUnconfirmed(run->id, &error);
            if (n < 0)
                return fail(QString::fromStdString(error));
            err(QStringLiteral("%1 unconfirmed batch submission(s) of run %2 will be submitted again").arg(n).arg(run->id));
        }
        if (run->kind != RunKind::Rse) {
            auto it = runKinds().find(run->kind);
            if (it == runKinds().end() || !it->second.resume)
                return fail(QStringLiteral("cannot resume runs of kind '%1'").arg(QString::fromLatin1(runKindName(run->kind))));
            return it->second.resume(a, *store, *run);
        }
        if (run->status == RunStatus::Complete && !a.flag(QStringLiteral("retry-failed")))
            err(QStringLiteral("run %1 is already complete; checking for missing items").arg(run->id));
        return executeRse(*store, run->id, a.flag(QStringLiteral("retry-failed")));
    }
    return fail(QStringLiteral("usage:\n") + QString::fromLatin1(kRunUsage), 2);
}

int reportCmd(Args &a)
{
    const QStringList &pos = a.positional();
    if (pos.isEmpty())
        return fail(QStringLiteral("usage: ") + QString::fromLatin1(kReportUsage), 2);
    auto store = openStore(a);
    if (!store)
        return 1;
    const auto run = store->run(pos[0].toStdString());
    if (!run)
        return fail(QStringLiteral("no run '%1' (see `run list`)").arg(pos[0]));
    if (run->kind != RunKind::Rse) {
        auto it = runKinds().find(run->kind);
        if (it == runKinds().end() || !it->second.report)
            return fail(QStringLiteral("no report for runs of kind '%1'").arg(QString::fromLatin1(runKindName(run->kind))));
        return it->second.report(a, *store, *run);
    }
    if (a.value(QStringLiteral("judge")) || a.flag(QStringLiteral("items")))
        return fail(QStringLiteral("--judge and --items apply to ICE runs; run %1 is an RSE run").arg(run->id), 2);
    std::string error;
    const auto results = rse::computeResults(*store, run->id, &error);
    if (!results)
        return fail(QString::fromStdString(error));
    const QString format = a.value(QStringLiteral("format"), QStringLiteral("json"));
    if (format == QLatin1String("json"))
        return writeOutput(a, rse::toJson(*results));
    if (format == QLatin1String("text"))
        return writeOutput(a, rse::toText(*results));
    if (format == QLatin1String("csv"))
        return writeOutput(a, rse::toCsv(*results));
    if (format == QLatin1String("latex"))
        return writeOutput(a, rse::toLatex(*results));
    return fail(QStringLiteral("--format must be json, text, csv or latex for RSE runs"), 2);
}

CommandRegistrar regRse{Command{QStringLiteral("rse"),
                                QStringLiteral("Response Similarity Evaluation runs"),
                                QString::fromLatin1(kRseUsage),
                                rseRun,
                                {{QStringLiteral("run"),
                                  {opt::text("reference"), opt::list("test"), opt::list("dataset"), opt::text("judge"), opt::flag("swap"),
                                   opt::text("name"), opt::number("spend-limit")}},
                                 {QStringLiteral("plan"),
                                  {opt::text("reference"), opt::list("test"), opt::list("dataset"), opt::text("judge"), opt::flag("swap"),
                                   opt::number("spend-limit"), opt::text("run"), opt::flag("retry-failed")}}}}};
CommandRegistrar regRun{Command{QStringLiteral("run"),
                                QStringLiteral("list, inspect and resume runs"),
                                QString::fromLatin1(kRunUsage),
                                runCmd,
                                {{QStringLiteral("list"), {}},
                                 {QStringLiteral("show"), {}},
                                 {QStringLiteral("resume"), {opt::flag("retry-failed"), opt::flag("resubmit-unconfirmed")}}}}};
CommandRegistrar regReport{Command{
    QStringLiteral("report"),
    QStringLiteral("results of a run as JSON, CSV or LaTeX"),
    QString::fromLatin1(kReportUsage),
    reportCmd,
    {{QString(),
      {opt::choice("format", {"json", "text", "csv", "latex", "jsonl"}), opt::text("out"), opt::text("judge"), opt::flag("items")}}}}};

} // namespace
