#include "pages/RunResultsPage.h"

#include "charts/ChartPanel.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"
#include "widgets/RunPicker.h"
#include "widgets/TableExportButton.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ds::ui {

RunResultsPage::RunResultsPage(AppContext &ctx, QWidget *parent)
    : Page(ctx, parent), m_picker(new RunPicker(this)), m_message(new InlineMessage(this)), m_runsLoad(new LatestRequest(this)),
      m_resultsLoad(new LatestRequest(this))
{
    connect(m_picker, &RunPicker::selectionChanged, this, [this] { loadResults(); });
}

void RunResultsPage::showRun(qint64 runId)
{
    m_picker->checkWhenListed(runId);
    reloadRuns();
}

QTableView *RunResultsPage::resultsTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *v = new QTableView(parent);
    v->setModel(model);
    v->setSortingEnabled(true);
    v->sortByColumn(0, Qt::AscendingOrder);
    v->verticalHeader()->hide();
    v->horizontalHeader()->setStretchLastSection(true);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setWordWrap(false);
    return v;
}

QWidget *RunResultsPage::captioned(const QString &caption, QWidget *content, QWidget *parent, QLabel **label)
{
    auto *pane = new QWidget(parent);
    auto *l = new QVBoxLayout(pane);
    l->setContentsMargins(0, 0, 0, 0);
    auto *text = new QLabel(caption, pane);
    text->setTextFormat(Qt::PlainText);
    l->addWidget(text);
    l->addWidget(content, 1);
    if (label)
        *label = text;
    return pane;
}

QWidget *RunResultsPage::runListPane(const QString &caption)
{
    QLabel *label = nullptr;
    QWidget *pane = captioned(caption, m_picker, this, &label);
    label->setWordWrap(true); // the label does not set the pane's minimum width
    return pane;
}

void RunResultsPage::layOutFrame(const QString &prefix, QWidget *runs, QWidget *figures, QWidget *detail)
{
    auto *vsplit = new QSplitter(Qt::Vertical, this);
    vsplit->setObjectName(prefix + QStringLiteral("VSplitter"));
    vsplit->addWidget(figures);
    vsplit->addWidget(detail);
    vsplit->setStretchFactor(0, 3);
    vsplit->setStretchFactor(1, 2);
    auto *hsplit = new QSplitter(Qt::Horizontal, this);
    hsplit->setObjectName(prefix + QStringLiteral("HSplitter"));
    hsplit->addWidget(runs);
    hsplit->addWidget(vsplit);
    hsplit->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(hsplit, 1);
}

void RunResultsPage::reportExports(TableExportButton *button)
{
    InlineMessage *message = m_message;
    connect(button, &TableExportButton::exported, message, [message](const QString &path, const QString &error) {
        if (error.isEmpty())
            message->show(tr("Saved %1").arg(path), InlineMessage::Success);
        else
            message->show(error, InlineMessage::Error);
    });
}

void RunResultsPage::loadTicked(ChartPanel *status, qint64 alsoRun, std::function<void()> done)
{
    Store *store = &m_ctx.store();
    status->setStatus(tr("Computing…"));
    m_resultsLoad->run(
        [store, runs = m_picker->checkedRuns(), alsoRun]() mutable {
            if (alsoRun)
                if (auto r = store->run(int64_t(alsoRun)))
                    runs.push_back(*r);
            QString error;
            auto in = loadChartInputs(*store, runs, &error);
            return std::make_pair(in ? std::move(*in) : ChartInputs{}, error);
        },
        [this, status, done = std::move(done)](std::pair<ChartInputs, QString> r) {
            status->setStatus(r.second, !r.second.isEmpty());
            m_inputs = std::move(r.first);
            done();
        });
}

} // namespace ds::ui
