#pragma once
// Background work for views: the GUI thread never waits on the database or the network. A request
// runs on the global thread pool (QtConcurrent); its value-type result comes back through a
// QFutureWatcher owned by the requester. Latest request wins: a newer request makes older results
// stale, and they are dropped instead of overwriting newer data.
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>

namespace ds::ui {

class LatestRequest : public QObject {
public:
    explicit LatestRequest(QObject *parent = nullptr) : QObject(parent) {}

    /// Runs `work` off the GUI thread and then `done(result)` on the GUI thread, unless a newer
    /// request was made in between. `work` must only use thread-safe services (Store, value types).
    template <class Work, class Done> void run(Work work, Done done)
    {
        using T = std::invoke_result_t<Work>;
        const quint64 id = ++m_seq;
        ++m_inFlight;
        auto *watcher = new QFutureWatcher<T>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, done = std::move(done)]() mutable {
            --m_inFlight;
            if (id == m_seq)
                done(watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(QtConcurrent::run(std::move(work)));
    }
    /// Makes every pending result stale.
    void invalidate() { ++m_seq; }
    bool busy() const { return m_inFlight > 0; }

private:
    quint64 m_seq = 0;
    int m_inFlight = 0;
};

} // namespace ds::ui
