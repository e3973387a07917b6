#pragma once
// One shape for all background work (RSE runs, ICE runs, imports, statistics): a job object lives
// on the thread that created it, execute() runs on its own QThread, progress and the end are
// reported through queued signals as value types. Exceptions never leave execute(): they become
// finished(false, message).
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <cstdint>
#include <map>
#include <string>

namespace ds {

/// Counters for one model (or judge) within a run.
struct LaneProgress {
    int64_t done = 0, total = 0, failed = 0, cached = 0;
};

struct JobProgress {
    int64_t runId = 0;
    std::string phase;           ///< human readable: "collecting", "judging", ...
    int64_t done = 0, total = 0; ///< work items (requests) finished / planned
    int64_t failed = 0, cached = 0, retried = 0, flagged = 0;
    int64_t tokensIn = 0, tokensOut = 0;
    double cost = 0;
    double elapsedS = 0, etaS = -1;            ///< -1 = unknown
    std::map<std::string, LaneProgress> lanes; ///< per model name
    std::map<std::string, int64_t> errorKinds; ///< e.g. {"http-500": 3}
    std::string lastError;
};

class Job : public QObject {
    Q_OBJECT
public:
    explicit Job(QObject *parent = nullptr);
    ~Job() override; ///< cancels and waits for the worker thread

    /// Starts execute() on a new thread. Call once.
    void start();
    /// Asks execute() to stop at the next safe point; already-stored results stay stored.
    void cancel() { m_cancel.store(true); }
    bool isCancelled() const { return m_cancel.load(); }
    bool isRunning() const;
    /// Blocks until the worker thread has finished (for the CLI and tests).
    void wait();

signals:
    void progress(const ds::JobProgress &p);
    void finished(bool ok, const QString &message);

protected:
    /// Runs on the worker thread. Return "" for success or an error/pause message.
    /// Throwing is allowed: the exception text becomes the failure message.
    virtual std::string execute() = 0;
    void reportProgress(const JobProgress &p) { emit progress(p); }
    /// Set by execute() when it stops for a reason that is not a failure (pause, cancel).
    bool m_ok = true;

private:
    std::atomic<bool> m_cancel{false};
    QThread *m_thread = nullptr;
};

} // namespace ds

Q_DECLARE_METATYPE(ds::JobProgress)
