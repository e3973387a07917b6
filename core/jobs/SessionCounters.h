#pragma once
// A run's sessions as the store keeps them (RunSession: one per driver, counters as JSON) and what
// they add up to, for the views and the CLI that show a run they did not drive.
#include "jobs/JobResult.h"
#include "util/Types.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ds {

/// The counters a session ended with, as stored in run_sessions.counters.
std::string countersToJson(const JobProgress &p);
/// nullopt for text that is not such an object (a damaged or foreign row): shown as unknown, never as 0.
std::optional<JobProgress> countersFromJson(const std::string &json);

/// "2026-12-02T01:02:03.456Z", the form SQLite's strftime('%Y-%m-%dT%H:%M:%fZ') writes.
std::string utcTimestamp(std::chrono::system_clock::time_point t);

/// A run's sessions added up. Counts of items (done, failed, ...) are the last session's: each
/// session counts the whole run, the stored items included. What happened per session (time, spend,
/// tokens, retries, failed attempts by kind) is summed.
struct RunHistory {
    int sessions = 0;
    int unreadableSessions = 0;      ///< sessions whose counters could not be read (left out of the sums)
    std::optional<JobProgress> last; ///< the newest session's counters
    RunStatus lastStatus = RunStatus::Failed;
    std::string firstStartedAt, lastEndedAt;
    double elapsedS = 0; ///< time spent driving the run, over all sessions
    int64_t retried = 0, tokensIn = 0, tokensOut = 0;
    double cost = 0;
    std::map<std::string, int64_t> errorKinds;
};
RunHistory runHistory(const std::vector<RunSession> &sessions);
/// "http-429 ×12, transport ×1": kinds by count, largest first ("" when none).
std::string errorKindsText(const std::map<std::string, int64_t> &kinds);

} // namespace ds
