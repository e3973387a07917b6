#pragma once
// Page 4: runs. List with status; a live monitor of the selected run (progress per model,
// throughput, ETA, tokens, cost, errors grouped by kind, recent events); pause / cancel / resume /
// retry failed.
#include "jobs/Job.h"
#include "pages/Page.h"

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace ds {
struct RunHistory;
}

namespace ds::ui {
class ErrorKindsModel;
class InlineMessage;
class LanesModel;
class LatestRequest;
class RunsModel;

class RunsPage : public Page {
    Q_OBJECT
public:
    explicit RunsPage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("runs"); }
    QString title() const override { return tr("Runs"); }
    void activate() override { reload(); }
    bool isLoading() const override;
    void selectRun(qint64 runId);
    qint64 selectedRun() const;
    RunsModel *runs() const { return m_runs; }
    LanesModel *lanes() const { return m_lanes; }
    ErrorKindsModel *errors() const { return m_errors; }
    QString monitorText() const;
    QString barText() const;
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *pauseButton() const { return m_pause; }
    InlineMessage *message() const { return m_message; }

public slots:
    void reload();
    void onProgress(qint64 runId, const ds::JobProgress &p);

private:
    void showMonitor(qint64 runId);
    void showBar(const JobProgress &p);
    /// A run not running here, from its stored sessions: summary, counters and error kinds.
    void showStoredSessions(qint64 runId, const RunHistory &history, const std::vector<RunEvent> &events);
    void updateButtons();
    void act(const char *what);
    RunsModel *m_runs;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    LanesModel *m_lanes;
    ErrorKindsModel *m_errors;
    QProgressBar *m_bar;
    QLabel *m_stats;
    QListWidget *m_events;
    QPushButton *m_resume, *m_retry, *m_pause, *m_cancel, *m_results;
    InlineMessage *m_message;
    LatestRequest *m_load, *m_eventsLoad;
    qint64 m_pendingSelect = 0;
};

} // namespace ds::ui
