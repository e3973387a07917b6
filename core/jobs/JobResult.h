#pragma once
// What a run job reports: live progress counters while it works, and one typed result at its end.
// Plain value types (no Qt), emitted by value across threads.
#include "util/Types.h" // RunStatus

#include <QMetaType>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ds {

/// CLI exit codes, one per outcome (documented in `distillscope-cli --help`).
namespace exitcode {
constexpr int kComplete = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;
constexpr int kPaused = 3; ///< paused or cancelled: `run resume` continues
constexpr int kIncomplete = 4;
constexpr int kBusy = 5; ///< another process drives the run (lease held)
} // namespace exitcode
int exitCodeFor(RunStatus s);

/// Counters for one model (or judge) within a run.
struct LaneProgress {
    int64_t done = 0, total = 0, failed = 0, cached = 0;
};

struct JobProgress {
    int64_t runId = 0;
    std::string phase;           ///< human readable: "collecting", "judging", ...
    int64_t done = 0, total = 0; ///< work items committed to the store / planned
    int64_t failed = 0, cached = 0, retried = 0, flagged = 0;
    int64_t pending = 0;  ///< requests sent and not yet back (kept and stored when stopping)
    int64_t unusable = 0; ///< answers stored as empty / refused / filtered / truncated (not judged)
    int64_t tokensIn = 0, tokensOut = 0;
    double cost = 0;                           ///< this session's spend
    double elapsedS = 0, etaS = -1;            ///< -1 = unknown
    std::map<std::string, LaneProgress> lanes; ///< per model name
    /// Failed attempts by failureKind(), retried ones included ({"http-429": 12, "transport": 1}), and
    /// replies that could not be used ("judge-parse"; ICE: "empty", "refusal", ...).
    std::map<std::string, int64_t> errorKinds;
    std::string lastError;

    /// Counts the failed attempts a request needed before its outcome (ResponseRecord::retriedFailures).
    void countRetriedFailures(const std::vector<std::string> &kinds)
    {
        for (const auto &k : kinds)
            ++errorKinds[k];
    }
};

struct JobResult {
    RunStatus status = RunStatus::Failed;
    JobProgress counters; ///< the final counters
    std::string message;  ///< why it paused / failed, or a summary of failures ("" when complete)
    int exitCode() const { return exitCodeFor(status); }
    bool ok() const { return status == RunStatus::Complete; }
};

} // namespace ds

Q_DECLARE_METATYPE(ds::JobProgress)
Q_DECLARE_METATYPE(ds::JobResult)
