#include "jobs/Job.h"

#include "jobs/SessionCounters.h"
#include "store/Store.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>

namespace ds {

int exitCodeFor(RunStatus s)
{
    switch (s) {
    case RunStatus::Complete:
        return exitcode::kComplete;
    case RunStatus::Incomplete:
        return exitcode::kIncomplete;
    case RunStatus::Paused:
    case RunStatus::Cancelled:
        return exitcode::kPaused;
    case RunStatus::Busy:
        return exitcode::kBusy;
    case RunStatus::Failed:
    case RunStatus::Created: // not an end: a result never carries it
    case RunStatus::Running:
        break;
    }
    return exitcode::kFailed;
}

namespace {

std::string leaseOwnerToken()
{
    std::random_device rd;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x%08x%08x", rd(), rd(), rd());
    return buf;
}

/// Renews the run's lease every few seconds on its own thread while the job works.
class Heartbeat {
public:
    Heartbeat(Store &store, int64_t runId, std::string owner, CancelToken &token)
        : m_thread([this, &store, runId, owner = std::move(owner), &token] {
              std::unique_lock lock(m_mutex);
              while (!m_stop) {
                  m_wake.wait_for(lock, std::chrono::seconds(5), [&] { return m_stop; });
                  if (m_stop)
                      break;
                  lock.unlock();
                  if (!store.renewRunLease(runId, owner))
                      token.stopSending(StopReason::StorageFailure, "lost the run's lease (another driver took over, or the "
                                                                    "database cannot be written)");
                  lock.lock();
              }
          })
    {
    }
    ~Heartbeat()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread; // last: starts after the members it uses
};

} // namespace

Job::Job(Store &store, int64_t runId, QObject *parent)
    : QObject(parent), m_store(store), m_runId(runId), m_token(std::make_shared<CancelToken>())
{
    static const int registered = (qRegisterMetaType<ds::JobProgress>(), qRegisterMetaType<ds::JobResult>());
    (void)registered;
}

Job::~Job()
{
    abort();
    wait();
}

JobResult Job::drive()
{
    JobResult result;
    result.counters.runId = m_runId;
    const std::string owner = leaseOwnerToken();
    std::string refusal;
    if (const Store::Lease lease = m_store.acquireRunLease(m_runId, owner, &refusal); lease != Store::Lease::Taken) {
        // Only another live driver makes a run busy; a missing run or a failing store is a failure.
        result.status = lease == Store::Lease::HeldByOther ? RunStatus::Busy : RunStatus::Failed;
        result.message = refusal;
        return result;
    }
    // A new session starts with a clean slate; if the disk is still full its first write fails again.
    m_store.resetHealth();
    m_store.setRunStatus(m_runId, RunStatus::Running);
    const std::string startedAt = utcTimestamp(std::chrono::system_clock::now());
    {
        Heartbeat beat(m_store, m_runId, owner, *m_token);
        try {
            result = execute();
        } catch (const std::exception &e) {
            result.status = RunStatus::Failed;
            result.message = e.what();
        } catch (...) {
            result.status = RunStatus::Failed;
            result.message = "unknown error";
        }
        result.counters.runId = m_runId;
        // Nor completion over items that were never answered (left for a resume without a stop).
        if (result.status == RunStatus::Complete && result.counters.done < result.counters.total) {
            result.status = RunStatus::Incomplete;
            result.message = std::to_string(result.counters.total - result.counters.done) + " of " + std::to_string(result.counters.total) +
                             " items have no stored outcome; `run resume " + std::to_string(m_runId) + "` sends them";
        }
        // Never report success over lost data: a run whose writes did not all land is paused.
        if (const std::string health = m_store.flush(); !health.empty() && result.status != RunStatus::Failed) {
            result.status = RunStatus::Paused;
            result.message = "cannot store results: " + health + "; fix the storage and resume with `run resume " +
                             std::to_string(m_runId) + "` (only what was never stored is requested again)";
        }
        // The session's record, so that a window or `run show` that did not drive it can say what happened.
        m_store.addRunSession({m_runId, startedAt, {}, result.status, result.message, countersToJson(result.counters)});
        m_store.setRunStatus(m_runId, result.status, result.message);
        m_store.flush();
    }
    m_store.releaseRunLease(m_runId, owner);
    return result;
}

void Job::start()
{
    Q_ASSERT(!m_thread);
    m_thread = QThread::create([this] {
        const JobResult r = drive();
        emit finished(r);
    });
    m_thread->setObjectName(QStringLiteral("ds-job"));
    m_thread->start();
}

JobResult Job::runHere()
{
    Q_ASSERT(!m_thread);
    JobResult r = drive(); // not const: the return moves it
    emit finished(r);
    return r;
}

bool Job::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void Job::wait()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

} // namespace ds
