#pragma once
// One shape for all run work (RSE runs, ICE runs): a job object lives on the thread that created it,
// execute() runs on its own QThread, progress and the end are reported through queued signals as
// value types. The base class owns what every run needs and no job may forget: the run lease (one
// driver per run), the run-status transitions ("running" -> the result's status, also when execute()
// throws), the cancellation token handed to the HTTP client, and the final storage check (a run whose
// results could not all be committed is never marked complete).
#include "jobs/JobResult.h"
#include "net/CancelToken.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <memory>

namespace ds {
class Store;
class RunLease;

class Job : public QObject {
    Q_OBJECT
public:
    /// `store` must outlive the job. `runId` is the run this job drives.
    Job(Store &store, int64_t runId, QObject *parent = nullptr);
    ~Job() override; ///< aborts and waits for the worker thread

    /// Starts the job on a new thread. Call once.
    void start();
    /// Runs the job on the calling thread and returns its result (CLI helpers and tests). Call once,
    /// instead of start(). finished() is emitted as well.
    JobResult runHere();

    /// Stops sending new requests; what is in flight is still received and stored (it is paid for).
    /// The run ends cancelled (cancel) or paused (pause); both can be resumed.
    void cancel() { m_token->stopSending(StopReason::Cancelled, "cancelled by the user"); }
    void pause() { m_token->stopSending(StopReason::Paused, "paused by the user"); }
    /// Also aborts in-flight requests (a second Ctrl-C): what they cost is lost.
    void abort() { m_token->abort(); }
    bool isCancelled() const { return m_token->stopping(); }
    bool isRunning() const;
    /// Blocks until the worker thread has finished (for the CLI and tests).
    void wait();
    int64_t runId() const { return m_runId; }
    /// The run's token: requests of this job carry it, so cancelling touches no other run.
    const std::shared_ptr<CancelToken> &token() const { return m_token; }

signals:
    void progress(const ds::JobProgress &p);
    void finished(const ds::JobResult &result);

protected:
    /// Runs on the worker thread with the lease held and the run marked "running". Returns the run's
    /// outcome; throwing is allowed (the run ends failed with the exception's text).
    virtual JobResult execute() = 0;
    void reportProgress(const JobProgress &p) { emit progress(p); }
    Store &store() { return m_store; }

private:
    JobResult drive();
    Store &m_store;
    int64_t m_runId;
    std::shared_ptr<CancelToken> m_token;
    QThread *m_thread = nullptr;
};

} // namespace ds
