#pragma once
// The SQLite store: the one component that owns the database and all SQL.
//
// Threading: one writer thread owns the only writable connection. Writes are queued and
// group-committed (all queued writes in one BEGIN IMMEDIATE transaction, committed as soon as the
// queue drains) so each response is durable within milliseconds while bursts cost one fsync.
// Reads use one read-only connection per calling thread (created lazily, WAL lets them run
// alongside the writer). Every public method is thread-safe.
#include "util/Types.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ds {
namespace sql {
class Db;
}

class Store {
public:
    /// Opens (creating and migrating if needed) the database at `path`. nullptr + *error on failure.
    static std::unique_ptr<Store> open(const std::string &path, std::string *error);
    ~Store(); ///< flushes pending writes, stops the writer thread
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    const std::string &path() const;
    static int schemaVersion();
    /// SQLite's quick_check over the whole file (reads every page: seconds on a multi-GB store).
    /// False + *error naming the damage when the file is corrupted. Never throws.
    bool checkIntegrity(std::string *error);

    // ---- low level, for other components under core/store/ ----------------------------------
    /// Queues `fn` for the writer thread; it runs inside a group transaction. Exceptions thrown by
    /// `fn` roll back only that write (savepoint). `onDone` (may be null) runs on the writer thread
    /// after the commit with "" (committed) or why the write did not land; a failed write also sets
    /// the sticky health error.
    void post(std::function<void(sql::Db &)> fn, std::function<void(const std::string &)> onDone = {});
    /// Runs `fn` on the writer thread in its own transaction and waits for the commit.
    /// Returns false and sets *error when `fn` throws (nothing of it is committed).
    bool execSync(const std::function<void(sql::Db &)> &fn, std::string *error);
    /// Waits until everything posted so far is committed (or failed); returns health().
    std::string flush();
    /// "" while every posted write landed; otherwise the first failure, naming its cause ("disk full
    /// (...)", "database is read-only", "I/O error", "row too big", "database file was deleted").
    /// Sticky: it stays until resetHealth(), so a run checks it before it may call itself complete.
    std::string health() const;
    void resetHealth();
    /// This thread's read-only connection.
    sql::Db &reader();

    // ---- models (never holds keys) ----------------------------------------------------------------
    bool saveModel(ModelConfig &m, std::string *error); ///< insert or update by name; sets m.id
    std::optional<ModelConfig> model(const std::string &name);
    std::vector<ModelConfig> models();
    bool removeModel(const std::string &name, std::string *error);

    // ---- datasets and prompts -------------------------------------------------------------------
    /// Creates a dataset with its prompts in one transaction. Fails if the name exists.
    bool createDataset(DatasetInfo &info, const std::vector<PromptItem> &prompts, std::string *error);
    std::optional<DatasetInfo> dataset(const std::string &name);
    std::vector<DatasetInfo> datasets();
    std::vector<PromptItem> prompts(int64_t datasetId);
    std::optional<PromptItem> prompt(int64_t promptId);
    /// Paging through large datasets: the number of prompts matching `q`, and rows [offset, offset+limit).
    int64_t countPrompts(const PromptQuery &q);
    std::vector<PromptSummary> promptWindow(const PromptQuery &q, int64_t offset, int limit);

    // ---- responses ------------------------------------------------------------------------------
    /// Durably records one response (group commit). An ok response replaces anything else with the
    /// same key; nothing replaces an ok response, and an error never replaces a paid (unusable) answer.
    /// `onDone`: see post().
    void putResponse(const ResponseRecord &r, std::function<void(const std::string &)> onDone = {});
    /// Imports many responses in one transaction (all or nothing).
    bool importResponses(const std::vector<ResponseRecord> &rs, std::string *error);
    std::optional<ResponseRecord> responseByKey(const std::string &key);
    /// Keys among `keys` that already have an ok response.
    std::unordered_map<std::string, ResponseRecord> okResponses(const std::vector<std::string> &keys);
    /// The ok answer of `model` for each prompt of the dataset (imports and API answers; an import wins,
    /// otherwise the newest API answer). Keyed by prompt id.
    std::unordered_map<int64_t, ResponseRecord> answers(const std::string &model, int64_t datasetId);
    /// Prompts of the dataset that both models answered (usable answers).
    int64_t pairedAnswerCount(const std::string &modelA, const std::string &modelB, int64_t datasetId);
    /// How the answers of `model` to the dataset's prompts ended, one per prompt (an ok answer wins,
    /// else the newest): status ("ok", "error", "empty", "refusal", "filtered", "truncated", ...) -> count.
    /// Reports show the unusable ones per cell.
    std::map<std::string, int64_t> answerStatusCounts(const std::string &model, int64_t datasetId);
    /// Models that have at least one ok answer in the dataset.
    std::vector<std::string> modelsWithAnswers(int64_t datasetId);
    int64_t responseCount();
    /// Only the answer texts of several models in one query, for the judge-free metrics (same choice as
    /// answers(): an import wins, otherwise the newest API answer; an empty answer counts as an empty
    /// text when there is no ok one): model -> prompt id -> text. Models without answers are absent.
    std::unordered_map<std::string, std::unordered_map<int64_t, std::string>> answerTexts(int64_t datasetId,
                                                                                          const std::vector<std::string> &models);

    /// The compare table, paged: prompts matching `q` and rows [offset, offset+limit).
    int64_t countCompare(const CompareQuery &q);
    std::vector<CompareSummary> compareWindow(const CompareQuery &q, int64_t offset, int limit);
    /// Each model's answer to one prompt (same choice as answers()). Models without one are absent.
    std::unordered_map<std::string, std::string> answersToPrompt(int64_t promptId, const std::vector<std::string> &models);

    // ---- runs -----------------------------------------------------------------------------------
    bool createRun(RunInfo &run, std::string *error); ///< sets run.id
    /// By numeric id or by name (newest run with that name).
    std::optional<RunInfo> run(const std::string &idOrName);
    std::optional<RunInfo> run(int64_t id);
    std::vector<RunInfo> runs();
    void setRunStatus(int64_t runId, RunStatus status, const std::string &message = {});
    void updateRunConfig(int64_t runId, const std::string &configJson);
    void addEvent(const RunEvent &e);
    /// Records one driver's session at its end (ended_at = now). Queued like every write: a failing
    /// store loses it, and Job::drive has already ended that session as paused.
    void addRunSession(const RunSession &s);
    /// The run's sessions, oldest first.
    std::vector<RunSession> runSessions(int64_t runId);
    /// Adds to the run's total spend (across resumes), in the same group commit as its responses.
    void addRunSpend(int64_t runId, double usd);
    /// Tokens of the responses this run paid for, over all its sessions (the monitor shows run totals).
    struct RunTokens {
        int64_t in = 0, out = 0;
    };
    RunTokens runTokens(int64_t runId);

    // ---- run leases: one driver per run (RunLeases.cpp) ---------------------------------------------
    /// A lease not renewed for this long belongs to a driver that died.
    static constexpr double kLeaseTtlS = 20;
    /// Takes the run's lease for `owner` (a token unique to one job of this process). Succeeds when the
    /// run is free, already ours, or its holder is gone (a dead process on this host, or no heartbeat for
    /// kLeaseTtlS). Otherwise *refusal says why: HeldByOther ("run 3 is being driven by pid 123 on host
    /// x since ..."), NoSuchRun, or StorageFailed (the storage error).
    enum class Lease { Taken, HeldByOther, NoSuchRun, StorageFailed };
    Lease acquireRunLease(int64_t runId, const std::string &owner, std::string *refusal);
    /// Heartbeat; false when the lease is no longer ours (or cannot be written).
    bool renewRunLease(int64_t runId, const std::string &owner);
    void releaseRunLease(int64_t runId, const std::string &owner);
    /// Runs left "running" by a driver that is gone become "paused" (message says so). Returns how many.
    int recoverAbandonedRuns();
    std::vector<RunEvent> events(int64_t runId, int limit = 1000);

    // ---- RSE judgments --------------------------------------------------------------------------
    void putJudgment(const Judgment &j, std::function<void(const std::string &)> onDone = {});
    std::vector<Judgment> judgments(int64_t runId);
    /// All judgments of a run for scoring: without raw replies, and with the rationale only where the
    /// judgment failed (that is where it says why). A fraction of the bytes of judgments().
    std::vector<Judgment> judgmentScores(int64_t runId);
    /// The judgments of one test model on one dataset in a run (drill-down), without raw judge replies.
    std::vector<Judgment> judgmentsOf(int64_t runId, const std::string &testModel, const std::string &dataset);
    /// The judgments of one prompt in a run (every test model, judge and order).
    std::vector<Judgment> judgmentsOfPrompt(int64_t runId, int64_t promptId);

    /// VACUUM INTO `target` (a consistent backup while the store is in use).
    bool backupTo(const std::string &target, std::string *error);

private:
    Store();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace ds
