#pragma once
// The Runs page's texts and tables, as plain functions of the counters (testable without a run):
// the live monitor (run totals = stored before this session + this session), the summary of a
// finished run, and the error-kind rows from progress counters or from the run's stored events.
#include "jobs/JobResult.h"
#include "jobs/SessionCounters.h"
#include "models/MonitorModels.h"
#include "services/AppContext.h"
#include "util/Types.h"

#include <QString>
#include <optional>
#include <vector>

namespace ds::ui::monitor {

/// "—" for unknown (negative) durations, else "3 min 05 s" / "1 h 4 min".
QString duration(double seconds);

/// Requests this session actually sent (neither cached nor imported), never negative.
int64_t freshRequests(const JobProgress &p);
/// Fresh requests per second of this session (0 before any arrived).
double throughput(const JobProgress &p);
/// Seconds left: remaining items at this session's fresh rate; -1 when unknown (nothing fresh yet),
/// 0 only when nothing is left, and at least 1 while work is left.
double etaSeconds(const JobProgress &p);

/// The live monitor text of a running run.
QString liveText(const JobProgress &p, const AppContext::SessionBase &base);
/// "reference=a · tests=b, c · judge=j ..." from the stored config (salt and empty values left out).
QString configSummary(const std::string &configJson);
/// The summary of a run that is not running here: status, configuration, its stored sessions (how
/// many, time driven, the last one's counts, tokens, retries and failed attempts over all of them),
/// spend, and what to do next. Until the sessions are read (history nullopt) the last session this
/// window drove stands in.
QString summaryText(const RunInfo &run, const std::optional<JobResult> &last, const std::optional<RunHistory> &history);

/// A run this window drives, for the status bar: this session's counters and what the run had
/// stored before the session (AppContext::sessionBase, from runs.spent and Store::runTokens).
struct DrivenRun {
    qint64 id = 0;
    JobProgress progress;
    AppContext::SessionBase base;
};
/// The status bar's line for the runs being driven: done / planned and the spend as run totals
/// (stored before + this session), e.g. "Run 3: 120/400 done · run total $0.1234 (this session
/// $0.0100)". A planned total not known yet is "—". "" when no run is driven.
QString drivenRunsText(const std::vector<DrivenRun> &runs);

/// Error kinds of a run from its stored events (warnings and errors grouped by kind).
std::vector<ErrorKindRow> errorRows(const std::vector<RunEvent> &events);

} // namespace ds::ui::monitor
