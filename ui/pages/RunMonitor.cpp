#include "pages/RunMonitor.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace ds::ui::monitor {

namespace {
QString tr(const char *s, int n = -1)
{
    return QCoreApplication::translate("RunMonitor", s, nullptr, n);
}
QString money(double usd)
{
    return QStringLiteral("$%1").arg(usd, 0, 'f', usd < 10 ? 4 : 2);
}
QString counters(const JobProgress &p)
{
    // Cached answers are a part of the done ones; a counter that says otherwise is clamped.
    return tr("%1 of %2 done, %3 failed, %4 cached, %5 retried, %6 unusable, %7 flagged")
        .arg(p.done)
        .arg(p.total)
        .arg(p.failed)
        .arg(std::min(p.cached, p.done))
        .arg(p.retried)
        .arg(p.unusable)
        .arg(p.flagged);
}
} // namespace

QString duration(double s)
{
    if (s < 0)
        return QStringLiteral("—");
    const int t = int(std::lround(s));
    return t >= 3600 ? QStringLiteral("%1 h %2 min").arg(t / 3600).arg((t % 3600) / 60)
                     : QStringLiteral("%1 min %2 s").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
}

int64_t freshRequests(const JobProgress &p)
{
    int64_t fresh = 0;
    for (const auto &[name, l] : p.lanes)
        fresh += std::max<int64_t>(0, l.done - l.cached);
    if (p.lanes.empty())
        fresh = std::max<int64_t>(0, p.done - p.cached);
    return fresh;
}

double throughput(const JobProgress &p)
{
    return p.elapsedS > 0 ? double(freshRequests(p)) / p.elapsedS : 0.0;
}

double etaSeconds(const JobProgress &p)
{
    const int64_t remaining = std::max<int64_t>(0, p.total - p.done);
    if (remaining == 0)
        return p.total > 0 ? 0.0 : -1.0;
    const int64_t fresh = freshRequests(p);
    if (fresh <= 0 || p.elapsedS <= 0)
        return -1;
    return std::max(1.0, p.elapsedS / double(fresh) * double(remaining));
}

QString liveText(const JobProgress &p, const AppContext::SessionBase &base)
{
    const QString phase = p.phase.empty() ? tr("starting") : QString::fromStdString(p.phase);
    return tr("running — %1\n%2\nThroughput %3 req/s · elapsed %4 · ETA %5\n"
              "Tokens %6 in / %7 out · cost %8 (run total; %9 this session)%10")
        .arg(phase, counters(p))
        .arg(throughput(p), 0, 'f', 1)
        .arg(duration(p.elapsedS), duration(etaSeconds(p)))
        .arg(base.tokensIn + p.tokensIn)
        .arg(base.tokensOut + p.tokensOut)
        .arg(money(base.spent + p.cost), money(p.cost))
        .arg(p.lastError.empty() ? QString() : tr("\nLast error: %1").arg(QString::fromStdString(p.lastError)));
}

QString configSummary(const std::string &configJson)
{
    const auto j = nlohmann::json::parse(configJson, nullptr, false);
    if (!j.is_object())
        return {};
    QStringList parts;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "salt" || it.key() == "name")
            continue; // internal seed / shown as the run's name
        const auto &v = it.value();
        QString text;
        if (it.key() == "spend_limit" && v.is_number()) // 0 means none, never a ceiling of $0
            text = v.get<double>() > 0 ? money(v.get<double>()) : tr("no ceiling");
        else if (v.is_string())
            text = QString::fromStdString(v.get<std::string>());
        else if (v.is_boolean())
            text = v.get<bool>() ? tr("yes") : tr("no");
        else if (v.is_number())
            text = QString::fromStdString(v.dump());
        else if (v.is_array()) {
            QStringList items;
            for (const auto &x : v)
                items << (x.is_string() ? QString::fromStdString(x.get<std::string>()) : QString::fromStdString(x.dump()));
            text = items.join(QStringLiteral(", "));
        }
        if (!text.isEmpty())
            parts << QStringLiteral("%1 = %2").arg(QString::fromStdString(it.key()), text);
    }
    return parts.join(QStringLiteral(" · "));
}

namespace {
void addHistory(QStringList &lines, const RunHistory &h)
{
    if (h.sessions == 0) {
        lines << tr("No session recorded (never started, or made before DistillScope kept sessions): duration and "
                    "counts are unknown");
        return;
    }
    lines << tr("%n session(s) from %1 to %2 · driven %3 in all", h.sessions)
                 .arg(QString::fromStdString(h.firstStartedAt), QString::fromStdString(h.lastEndedAt), duration(h.elapsedS));
    if (h.last)
        lines << tr("Last session (%1): %2").arg(QString::fromLatin1(runStatusName(h.lastStatus)), counters(*h.last));
    else
        lines << tr("Last session (%1): counters unreadable, counts unknown").arg(QString::fromLatin1(runStatusName(h.lastStatus)));
    lines << tr("All sessions: tokens %1 in / %2 out · %3 retried · failed attempts: %4")
                 .arg(h.tokensIn)
                 .arg(h.tokensOut)
                 .arg(h.retried)
                 .arg(h.errorKinds.empty() ? tr("none") : QString::fromStdString(errorKindsText(h.errorKinds)));
    if (h.unreadableSessions > 0)
        lines << tr("%n session record(s) could not be read and are left out of these sums", h.unreadableSessions);
}
} // namespace

QString summaryText(const RunInfo &run, const std::optional<JobResult> &last, const std::optional<RunHistory> &history)
{
    QStringList lines;
    QString status = QString::fromLatin1(runStatusName(run.status));
    if (!run.leaseHolder.empty())
        status = tr("running in another process (%1)").arg(QString::fromStdString(run.leaseHolder));
    const std::string &message = last ? last->message : run.message;
    lines << tr("Status: %1%2").arg(status, message.empty() ? QString() : QStringLiteral(" — ") + QString::fromStdString(message));
    const QString config = configSummary(run.configJson);
    if (!config.isEmpty())
        lines << tr("Configuration: %1").arg(config);
    if (history) {
        addHistory(lines, *history);
    } else if (last) { // until the stored sessions are read
        const JobProgress &c = last->counters;
        lines << tr("Last session: %1").arg(counters(c));
        lines << tr("Duration %1 · tokens %2 in / %3 out this session").arg(duration(c.elapsedS)).arg(c.tokensIn).arg(c.tokensOut);
    }
    lines << tr("Spend: %1 over all sessions · created %2 · updated %3")
                 .arg(money(run.spent), QString::fromStdString(run.createdAt), QString::fromStdString(run.updatedAt));
    if (run.status == RunStatus::Incomplete)
        lines << (run.kind == RunKind::Rse
                      ? tr("Retry failed re-sends the failed requests (command line: run resume %1 --retry-failed).").arg(run.id)
                      : tr("Resume asks again what is missing (command line: run resume %1).").arg(run.id));
    else if (run.status == RunStatus::Paused || run.status == RunStatus::Cancelled)
        lines << tr("Resume continues it; stored answers are reused and not paid again.");
    return lines.join(QLatin1Char('\n'));
}

QString drivenRunsText(const std::vector<DrivenRun> &runs)
{
    if (runs.empty())
        return {};
    QStringList ids;
    int64_t done = 0, total = 0;
    bool totalKnown = true;
    double runTotal = 0, session = 0;
    for (const DrivenRun &r : runs) {
        ids << QString::number(r.id);
        done += r.progress.done;
        total += r.progress.total;
        totalKnown = totalKnown && r.progress.total > 0; // 0 = not planned yet, never "of 0"
        runTotal += r.base.spent + r.progress.cost;
        session += r.progress.cost;
    }
    const QString planned = totalKnown ? QString::number(total) : QStringLiteral("—");
    return (runs.size() == 1 ? tr("Run %1: %2/%3 done · run total %4 (this session %5)")
                             : tr("Runs %1: %2/%3 done · run totals %4 (this session %5)"))
        .arg(ids.join(QStringLiteral(", ")))
        .arg(done)
        .arg(planned, money(runTotal), money(session));
}

std::vector<ErrorKindRow> errorRows(const std::vector<RunEvent> &events)
{
    std::map<std::string, qint64> counts;
    for (const auto &e : events)
        if (e.level != "info")
            ++counts[e.kind.empty() ? e.level : e.kind];
    std::vector<ErrorKindRow> rows;
    rows.reserve(counts.size());
    for (const auto &[kind, n] : counts)
        rows.push_back({QString::fromStdString(kind), n});
    return rows;
}

} // namespace ds::ui::monitor
