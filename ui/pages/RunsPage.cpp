#include "pages/RunsPage.h"

#include "jobs/SessionCounters.h"

#include "models/CoreModels.h"
#include "models/MonitorModels.h"
#include "pages/RunMonitor.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"
#include "widgets/TableColumns.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ds::ui {

namespace {
QTableView *table(QAbstractItemModel *m, QWidget *parent)
{
    auto *v = new QTableView(parent);
    v->setModel(m);
    v->verticalHeader()->hide();
    v->horizontalHeader()->setStretchLastSection(true);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    return v;
}
} // namespace

// Kept whole (~90 lines): widgets, layout and connections of one page, read top to bottom.
RunsPage::RunsPage(AppContext &ctx, QWidget *parent)
    : Page(ctx, parent), m_runs(new RunsModel(this)), m_proxy(new QSortFilterProxyModel(this)), m_lanes(new LanesModel(this)),
      m_errors(new ErrorKindsModel(this)), m_load(new LatestRequest(this)), m_eventsLoad(new LatestRequest(this))
{
    m_proxy->setSourceModel(m_runs);
    m_proxy->setSortRole(SortRole);
    m_view = table(m_proxy, this);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunsModel::Id, Qt::DescendingOrder);

    m_resume = new QPushButton(tr("Resume"), this);
    m_retry = new QPushButton(tr("Retry failed"), this);
    m_pause = new QPushButton(tr("Pause"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_results = new QPushButton(tr("Open results"), this);
    m_resume->setToolTip(tr("Continue: stored answers and judgments are reused, nothing is paid twice"));
    m_retry->setToolTip(tr("Continue and re-send the requests that ended in an error"));
    connect(m_resume, &QPushButton::clicked, this, [this] { act("resume"); });
    connect(m_retry, &QPushButton::clicked, this, [this] { act("retry"); });
    connect(m_pause, &QPushButton::clicked, this, [this] { act("pause"); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { act("cancel"); });
    connect(m_results, &QPushButton::clicked, this, [this] {
        if (selectedRun())
            emit openRun(selectedRun());
    });
    auto *buttons = new QHBoxLayout;
    for (auto *b : {m_resume, m_retry, m_pause, m_cancel})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_results);

    m_bar = new QProgressBar(this);
    m_bar->setFormat(QStringLiteral("%v / %m"));
    m_stats = new QLabel(this);
    m_stats->setTextFormat(Qt::PlainText);
    m_stats->setWordWrap(true);
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_events = new QListWidget(this);
    m_message = new InlineMessage(this);

    auto *monitor = new QGroupBox(tr("Monitor"), this);
    auto *ml = new QVBoxLayout(monitor);
    ml->addWidget(m_bar);
    ml->addWidget(m_stats);
    auto *tables = new QSplitter(Qt::Horizontal, monitor);
    tables->setObjectName(QStringLiteral("runsMonitorSplitter"));
    auto *lanes = table(m_lanes, tables);
    lanes->setObjectName(QStringLiteral("runsLanes"));
    fitColumnsAround(lanes, LanesModel::Model);
    auto *errors = table(m_errors, tables);
    errors->setObjectName(QStringLiteral("runsErrorKinds"));
    fitColumnsAround(errors, ErrorKindsModel::Kind);
    tables->addWidget(lanes);
    tables->addWidget(errors);
    tables->addWidget(m_events);
    tables->setStretchFactor(0, 3);
    tables->setStretchFactor(1, 2);
    tables->setStretchFactor(2, 3);
    ml->addWidget(tables, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("runsSplitter"));
    split->addWidget(m_view);
    split->addWidget(monitor);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showMonitor(selectedRun());
        updateButtons();
    });
    connect(&m_ctx, &AppContext::runsChanged, this, &RunsPage::reload);
    connect(&m_ctx, &AppContext::jobProgress, this, &RunsPage::onProgress);
    connect(&m_ctx, &AppContext::jobFinished, this, [this](qint64 runId, const JobResult &result) {
        const QString message = QString::fromStdString(result.message);
        if (result.status == RunStatus::Busy)
            m_message->show(tr("Run %1 was not started: %2").arg(runId).arg(message), InlineMessage::Error);
        else
            m_message->show(tr("Run %1 %2%3")
                                .arg(runId)
                                .arg(QString::fromLatin1(runStatusName(result.status)))
                                .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message),
                            result.ok() ? InlineMessage::Success : InlineMessage::Error);
        // The summary follows from runsChanged, once the list has the stored final status.
    });
    updateButtons();
}

bool RunsPage::isLoading() const
{
    return m_load->busy() || m_eventsLoad->busy();
}

qint64 RunsPage::selectedRun() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_runs->rowAt(m_proxy->mapToSource(rows.first()).row()).id;
}

void RunsPage::selectRun(qint64 runId)
{
    const int r = m_runs->rowOfRun(runId);
    if (r < 0) {
        m_pendingSelect = runId;
        return;
    }
    m_view->selectRow(m_proxy->mapFromSource(m_runs->index(r, 0)).row());
}

void RunsPage::reload()
{
    Store *store = &m_ctx.store();
    m_load->run(
        [store] {
            // A lease left by a process that died would otherwise show it as driving the run forever.
            store->recoverAbandonedRuns();
            return store->runs();
        },
        [this](std::vector<RunInfo> runs) {
            const qint64 keep = m_pendingSelect ? m_pendingSelect : selectedRun();
            m_pendingSelect = 0;
            // The job marks its run "running" on its own thread a moment after the start: the list
            // says what this window knows, not what the store had a moment ago.
            for (auto &r : runs)
                if (m_ctx.isRunning(r.id)) {
                    r.status = RunStatus::Running;
                    r.leaseHolder = tr("this window").toStdString();
                }
            m_runs->setRows(std::move(runs));
            for (const auto &r : m_runs->rows())
                if (m_ctx.isRunning(r.id))
                    m_runs->setProgress(r.id, m_ctx.lastProgress(r.id));
            m_view->resizeColumnsToContents();
            if (keep)
                selectRun(keep);
            else if (m_runs->rowCount() > 0)
                m_view->selectRow(0);
            if (selectedRun())
                showMonitor(selectedRun());
            updateButtons();
        });
}

void RunsPage::onProgress(qint64 runId, const JobProgress &p)
{
    m_runs->setProgress(runId, p);
    if (runId != selectedRun())
        return;
    m_lanes->setProgress(p);
    m_errors->setProgress(p);
    showBar(p);
    m_stats->setText(monitor::liveText(p, m_ctx.sessionBase(runId)));
}

void RunsPage::showBar(const JobProgress &p)
{
    // Without counters (a run not driven in this window, or not planned yet) the bar says nothing is
    // known rather than "0 / 1".
    m_bar->setFormat(p.total > 0 ? QStringLiteral("%v / %m") : QStringLiteral("—"));
    m_bar->setMaximum(int(std::max<int64_t>(1, p.total)));
    m_bar->setValue(int(std::min(p.done, std::max<int64_t>(0, p.total))));
}

QString RunsPage::monitorText() const
{
    return m_stats->text();
}

QString RunsPage::barText() const
{
    return m_bar->text();
}

void RunsPage::showMonitor(qint64 runId)
{
    if (!runId)
        return;
    const bool running = m_ctx.isRunning(runId);
    const auto last = m_ctx.lastResult(runId);
    if (running) {
        onProgress(runId, m_ctx.lastProgress(runId));
    } else {
        const int r = m_runs->rowOfRun(runId);
        const JobProgress c = last ? last->counters : JobProgress{};
        showBar(c);
        m_lanes->setProgress(c);
        m_errors->setProgress(c);
        m_stats->setText(r < 0 ? QString() : monitor::summaryText(m_runs->rowAt(r), last, std::nullopt));
    }
    Store *store = &m_ctx.store();
    struct Stored {
        std::vector<RunEvent> events;
        std::vector<RunSession> sessions;
    };
    m_eventsLoad->run(
        [store, runId] {
            return Stored{store->events(runId, 1000), store->runSessions(runId)};
        },
        [this, runId](const Stored &stored) {
            m_events->clear();
            // Newest first from the store; the list shows the latest 200 in time order.
            for (int i = std::min<int>(int(stored.events.size()), 200) - 1; i >= 0; --i) {
                const RunEvent &e = stored.events[size_t(i)];
                m_events->addItem(QStringLiteral("%1 [%2] %3: %4")
                                      .arg(QString::fromStdString(e.ts), QString::fromStdString(e.level), QString::fromStdString(e.kind),
                                           QString::fromStdString(e.message)));
            }
            if (runId != selectedRun() || m_ctx.isRunning(runId))
                return; // the live counters own the monitor while it runs
            showStoredSessions(runId, runHistory(stored.sessions), stored.events);
        });
}

void RunsPage::showStoredSessions(qint64 runId, const RunHistory &history, const std::vector<RunEvent> &events)
{
    const int r = m_runs->rowOfRun(runId);
    if (r < 0)
        return;
    m_stats->setText(monitor::summaryText(m_runs->rowAt(r), m_ctx.lastResult(runId), history));
    if (!history.last) {
        // Runs from before sessions were kept (or whose record is unreadable): kinds from the events.
        m_errors->setRows(monitor::errorRows(events));
        return;
    }
    // Counts are the newest session's; failed attempts by kind and retries add up over sessions.
    JobProgress shown = *history.last;
    shown.errorKinds = history.errorKinds;
    shown.retried = history.retried;
    showBar(shown);
    m_lanes->setProgress(shown);
    m_errors->setProgress(shown);
}

void RunsPage::updateButtons()
{
    const qint64 id = selectedRun();
    const bool running = id && m_ctx.isRunning(id);
    const int row = id ? m_runs->rowOfRun(id) : -1;
    const RunInfo *run = row >= 0 ? &m_runs->rowAt(row) : nullptr;
    // One driver per run: a run another process holds is neither started nor stopped from here.
    const bool elsewhere = run && !running && !run->leaseHolder.empty();
    const QString held =
        elsewhere ? tr("Driven by %1; wait for it to end, or stop it there").arg(QString::fromStdString(run->leaseHolder)) : QString();
    // A complete run has nothing left to ask and no failed request (those end it incomplete): Resume
    // and Retry would only look busy. Incomplete, paused, cancelled and failed runs continue.
    const bool complete = run && !running && run->status == RunStatus::Complete;
    const QString done = tr("This run is complete: every answer and judgment is stored, nothing is left to resume");
    m_resume->setEnabled(id && !running && !elsewhere && !complete);
    m_retry->setEnabled(id && !running && !elsewhere && !complete && run && run->kind == RunKind::Rse); // only RSE re-sends failures
    m_resume->setToolTip(elsewhere  ? held
                         : complete ? done
                                    : tr("Continue: stored answers and judgments are reused, nothing is paid twice"));
    m_retry->setToolTip(elsewhere                          ? held
                        : run && run->kind != RunKind::Rse ? tr("ICE runs ask again for what is missing on Resume")
                        : complete                         ? done
                                                           : tr("Continue and re-send the requests that ended in an error"));
    m_pause->setEnabled(running);
    m_cancel->setEnabled(running);
    m_results->setEnabled(id != 0);
}

void RunsPage::act(const char *what)
{
    const qint64 id = selectedRun();
    if (!id)
        return;
    const QString w = QString::fromLatin1(what);
    if (w == QLatin1String("pause"))
        m_ctx.pauseRun(id);
    else if (w == QLatin1String("cancel"))
        m_ctx.cancelRun(id);
    else {
        QString error;
        if (!m_ctx.startRun(id, w == QLatin1String("retry"), &error))
            m_message->show(error, InlineMessage::Error);
        else
            m_message->show(tr("Run %1 resumed.").arg(id));
    }
    updateButtons();
}

} // namespace ds::ui
