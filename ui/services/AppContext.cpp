#include "services/AppContext.h"

#include "ice/IceRun.h"
#include "net/LlmClient.h"
#include "rse/RseJob.h"
#include "services/KeyStore.h"
#include "store/Store.h"

#include <QDir>
#include <QStandardPaths>
#include <QThreadPool>

namespace ds::ui {

AppContext::AppContext() = default;

std::unique_ptr<AppContext> AppContext::open(const QString &dbPath, QString *error)
{
    std::string err;
    auto store = Store::open(dbPath.toStdString(), &err);
    // Pages read from pool threads: a damaged file is caught here, once, rather than as an
    // exception in the middle of a results page.
    if (store && !store->checkIntegrity(&err))
        store.reset();
    if (!store) {
        if (error)
            *error = QString::fromStdString(err);
        return nullptr;
    }
    std::unique_ptr<AppContext> ctx(new AppContext());
    ctx->m_dbPath = dbPath;
    ctx->m_store = std::move(store);
    ctx->m_client = std::make_unique<LlmClient>();
    ctx->m_keys = new KeyStore(ctx.get());
    ctx->m_keys->installResolver();
    return ctx;
}

AppContext::~AppContext()
{
    for (auto &[id, job] : m_jobs) {
        job->disconnect(this);
        job->pause();
    }
    for (auto &[id, job] : m_jobs) {
        delete job; // waits for its thread
        m_store->setRunStatus(id, RunStatus::Paused, "the application was closed during the run");
    }
    m_jobs.clear();
    QThreadPool::globalInstance()->waitForDone(); // background reads still hold the store
    m_client.reset();
    m_store.reset();
}

QString AppContext::defaultDbPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/distillscope.sqlite");
}

bool AppContext::startRun(int64_t runId, bool retryFailed, QString *error)
{
    if (m_jobs.count(runId)) {
        if (error)
            *error = tr("run %1 is already running").arg(runId);
        return false;
    }
    const auto run = m_store->run(runId);
    if (!run) {
        if (error)
            *error = tr("no run %1").arg(runId);
        return false;
    }
    Job *job = nullptr;
    if (run->kind == RunKind::Rse) {
        job = new rse::RseJob(*m_store, *m_client, runId, retryFailed);
    } else if (run->kind == RunKind::Ice) {
        job = new ice::IceRunJob(*m_store, *m_client, runId);
    } else {
        if (error)
            *error = tr("runs of kind '%1' are started from the command line for now").arg(QString::fromLatin1(runKindName(run->kind)));
        return false;
    }
    const Store::RunTokens tokens = m_store->runTokens(runId);
    m_base[runId] = {run->spent, tokens.in, tokens.out};
    m_progress.erase(runId); // the previous session's counters must not show as this one's
    m_jobs[runId] = job;
    connect(job, &Job::progress, this, [this, runId](const JobProgress &p) {
        m_progress[runId] = p;
        emit jobProgress(runId, p);
    });
    // The job itself writes the run's final status (paused / cancelled by the user included).
    connect(job, &Job::finished, this, [this, runId, job](const JobResult &result) {
        m_jobs.erase(runId);
        job->deleteLater();
        if (result.status != RunStatus::Busy) // a refused start leaves the last real session's summary
            m_results[runId] = result;
        emit jobFinished(runId, result);
        emit runsChanged();
    });
    job->start();
    emit runsChanged();
    return true;
}

void AppContext::stop(int64_t runId, RunStatus status)
{
    auto it = m_jobs.find(runId);
    if (it == m_jobs.end()) {
        m_store->setRunStatus(runId, status, status == RunStatus::Paused ? "paused by the user" : "cancelled by the user");
        emit runsChanged();
        return;
    }
    // Only this run's requests stop (its own token); what is in flight is still stored.
    if (status == RunStatus::Paused)
        it->second->pause();
    else
        it->second->cancel();
}

void AppContext::pauseRun(int64_t runId)
{
    stop(runId, RunStatus::Paused);
}

void AppContext::cancelRun(int64_t runId)
{
    stop(runId, RunStatus::Cancelled);
}

std::vector<int64_t> AppContext::runningRuns() const
{
    std::vector<int64_t> ids;
    for (const auto &[id, job] : m_jobs)
        ids.push_back(id);
    return ids;
}

JobProgress AppContext::lastProgress(int64_t runId) const
{
    auto it = m_progress.find(runId);
    return it == m_progress.end() ? JobProgress{} : it->second;
}

AppContext::SessionBase AppContext::sessionBase(int64_t runId) const
{
    auto it = m_base.find(runId);
    return it == m_base.end() ? SessionBase{} : it->second;
}

std::optional<JobResult> AppContext::lastResult(int64_t runId) const
{
    auto it = m_results.find(runId);
    return it == m_results.end() ? std::nullopt : std::optional<JobResult>(it->second);
}

} // namespace ds::ui
