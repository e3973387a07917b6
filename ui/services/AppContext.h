#pragma once
// What the pages share: the store, the network client, the keychain and the running jobs. Owned by
// the main window; pages get a reference. All methods are GUI-thread only; the services it hands
// out (Store, LlmClient) are thread-safe.
#include "jobs/Job.h"

#include <QObject>
#include <QString>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace ds {
class Store;
class LlmClient;
} // namespace ds

namespace ds::ui {
class KeyStore;

class AppContext : public QObject {
    Q_OBJECT
public:
    /// Opens (creating if needed) the database. nullptr + *error on failure.
    static std::unique_ptr<AppContext> open(const QString &dbPath, QString *error);
    ~AppContext() override; ///< cancels running jobs, waits for background work, closes the store

    Store &store() { return *m_store; }
    LlmClient &client() { return *m_client; }
    KeyStore &keys() { return *m_keys; }
    QString dbPath() const { return m_dbPath; }
    static QString defaultDbPath();

    // ---- runs -------------------------------------------------------------------------------------
    /// Starts (or resumes) the job of a run. False + *error when it cannot start.
    bool startRun(int64_t runId, bool retryFailed, QString *error);
    /// Stops dispatching; stored results stay. The run is marked paused (resume continues it).
    void pauseRun(int64_t runId);
    void cancelRun(int64_t runId);
    bool isRunning(int64_t runId) const { return m_jobs.count(runId) > 0; }
    int runningCount() const { return int(m_jobs.size()); }
    /// Ids of the runs this window drives, ascending.
    std::vector<int64_t> runningRuns() const;
    /// Last progress seen for a run (empty when none).
    JobProgress lastProgress(int64_t runId) const;
    /// What the run had spent before this window's session of it started. Progress counters are per
    /// session, so run totals are this plus them (runs.spent grows during the session: not re-read).
    struct SessionBase {
        double spent = 0;
        int64_t tokensIn = 0, tokensOut = 0;
    };
    SessionBase sessionBase(int64_t runId) const;
    /// How the run's last session in this window ended (nullopt when none did; "busy" is not kept).
    std::optional<JobResult> lastResult(int64_t runId) const;

signals:
    void modelsChanged();
    void datasetsChanged();
    void runsChanged();
    void jobProgress(qint64 runId, const ds::JobProgress &p);
    void jobFinished(qint64 runId, const ds::JobResult &result);

private:
    AppContext();
    void stop(int64_t runId, RunStatus status);
    QString m_dbPath;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<LlmClient> m_client;
    KeyStore *m_keys = nullptr;
    std::map<int64_t, Job *> m_jobs;
    std::map<int64_t, JobProgress> m_progress;
    std::map<int64_t, SessionBase> m_base;
    std::map<int64_t, JobResult> m_results;
};

} // namespace ds::ui
