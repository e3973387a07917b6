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
#include <optional>

namespace ds::ui {

class LatestRequest : public QObject {
public:
    explicit LatestRequest(QObject *parent = nullptr) : QObject(parent) {}

    /// Where failures of background work go when the requester set no handler of its own: the main
    /// window shows them in its error banner. Called on the GUI thread.
    static void setDefaultFailureHandler(std::function<void(const QString &)> handler) { defaultFailureHandler() = std::move(handler); }
    /// Failures of this requester's work (the exception text), instead of the default handler.
    void setFailureHandler(std::function<void(const QString &)> handler) { m_onFailure = std::move(handler); }

    /// Runs `work` off the GUI thread and then `done(result)` on the GUI thread, unless a newer
    /// request was made in between. `work` must only use thread-safe services (Store, value types).
    /// An exception from `work` or `done` never reaches the event loop (where it would end the
    /// process): it is caught here and reported to the failure handler; earlier data stays shown.
    template <class Work, class Done> void run(Work work, Done done)
    {
        using T = std::invoke_result_t<Work>;
        struct Outcome {
            std::optional<T> value;
            QString error;
        };
        const quint64 id = ++m_seq;
        ++m_inFlight;
        auto *watcher = new QFutureWatcher<Outcome>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id, done = std::move(done)]() mutable {
            --m_inFlight;
            watcher->deleteLater();
            if (id != m_seq)
                return;
            Outcome o = watcher->result();
            if (!o.value) {
                fail(o.error);
                return;
            }
            try {
                done(std::move(*o.value));
            } catch (const std::exception &e) {
                fail(QString::fromLocal8Bit(e.what()));
            } catch (...) {
                fail(QStringLiteral("unknown error"));
            }
        });
        watcher->setFuture(QtConcurrent::run([work = std::move(work)]() mutable {
            Outcome o;
            try {
                o.value.emplace(work());
            } catch (const std::exception &e) {
                o.error = QString::fromLocal8Bit(e.what());
            } catch (...) {
                o.error = QStringLiteral("unknown error");
            }
            return o;
        }));
    }
    /// Makes every pending result stale.
    void invalidate() { ++m_seq; }
    bool busy() const { return m_inFlight > 0; }

private:
    static std::function<void(const QString &)> &defaultFailureHandler()
    {
        static std::function<void(const QString &)> handler;
        return handler;
    }
    void fail(const QString &error)
    {
        const QString text = QStringLiteral("A background task failed: %1").arg(error.isEmpty() ? QStringLiteral("unknown error") : error);
        if (m_onFailure)
            m_onFailure(text);
        else if (defaultFailureHandler())
            defaultFailureHandler()(text);
        else
            qWarning("%s", qPrintable(text));
    }
    quint64 m_seq = 0;
    int m_inFlight = 0;
    std::function<void(const QString &)> m_onFailure;
};

} // namespace ds::ui
