#include "pages/RseResultsPage.h"

#include "charts/BarFigure.h"
#include "charts/ChartPanel.h"
#include "charts/HeatmapFigure.h"
#include "export/ExportAll.h"
#include "models/ResultModels.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "services/Settings.h"
#include "store/Store.h"
#include "widgets/HeatmapSizing.h"
#include "widgets/InlineMessage.h"
#include "widgets/RunPicker.h"
#include "widgets/TableColumns.h"
#include "widgets/TableExportButton.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include <algorithm>

namespace ds::ui {

namespace {
// The drill-down list: kListMinWidth at least (narrow windows scroll it sideways, so the answers
// keep some room at 1024 px); widened to show every column with a kPromptColumnWidth prompt when
// the two answers keep kAnswerMinWidth each.
constexpr int kListMinWidth = 300, kPromptColumnWidth = 180, kAnswerMinWidth = 180;

QPlainTextEdit *viewer(const QString &placeholder, QWidget *parent)
{
    auto *e = new QPlainTextEdit(parent);
    e->setReadOnly(true);
    e->setPlaceholderText(placeholder);
    return e;
}
} // namespace

RseResultsPage::RseResultsPage(AppContext &ctx, QWidget *parent)
    : RunResultsPage(ctx, parent), m_cells(new RseCellsModel(this)), m_scores(new PromptScoresModel(this)),
      m_cellProxy(new QSortFilterProxyModel(this)), m_scoreProxy(new QSortFilterProxyModel(this)), m_drillLoad(new LatestRequest(this)),
      m_answerLoad(new LatestRequest(this)), m_work(new LatestRequest(this))
{
    createWidgets();
    layOut();
    connectSignals();
}

/// `content` under a bold caption.
QWidget *RseResultsPage::titled(const QString &title, QWidget *content, QWidget *parent)
{
    QLabel *label = nullptr;
    QWidget *pane = captioned(title, content, parent, &label);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return pane;
}

/// The run picker, the figure panels with their tools, the tables and the answer panes.
void RseResultsPage::createWidgets()
{
    m_picker->setMaximumWidth(200);
    m_aspect = new QComboBox(this);
    m_aspect->addItems({tr("Overall"), tr("Style"), tr("Logic"), tr("Content")});
    m_heatmap = new ChartPanel(QStringLiteral("rse-heatmap"), this);
    m_bars = new ChartPanel(QStringLiteral("rse-bars"), this);
    m_heatmap->addTool(new QLabel(tr("Aspect:"), this));
    m_heatmap->addTool(m_aspect);
    m_fitColours = new QCheckBox(tr("Fit colours to data"), this);
    m_fitColours->setToolTip(tr("Off: colours span the judge's 1–5 scale, so they compare across runs and figures"));
    m_heatmap->addTool(m_fitColours);
    m_heatmap->figureWidget()->setPlaceholder(tr("Select an RSE run on the left."));
    m_bars->figureWidget()->setPlaceholder(tr("Select an RSE run on the left."));
    m_cellProxy->setSourceModel(m_cells);
    m_cellProxy->setSortRole(SortRole);
    m_scoreProxy->setSourceModel(m_scores);
    m_scoreProxy->setSortRole(SortRole);
    m_cellView = resultsTable(m_cellProxy, this);
    m_scoreView = resultsTable(m_scoreProxy, this);
    // Eight columns: the numbers fit their headers (or wider contents, e.g. "request-failed"), the
    // prompt takes what is left.
    fitColumnsAround(m_scoreView, PromptScoresModel::Prompt);
    m_scoreView->setMinimumWidth(kListMinWidth);
    m_reference = viewer(tr("Reference response"), this);
    m_test = viewer(tr("Test response"), this);
    m_rationale = viewer(tr("Judge's rationale"), this);
}

/// Figures in tabs over the drill-down (prompt list | answers), the runs on the left.
void RseResultsPage::layOut()
{
    auto *exportAllButton = new QPushButton(tr("Export all figures…"), this);
    connect(exportAllButton, &QPushButton::clicked, this, &RseResultsPage::exportAll);
    auto *cellExport = new TableExportButton(
        m_cells, QStringLiteral("rse-cells"),
        tr("RSE similarity per model and dataset (mean of the judge's 1–5 scores, 95% bootstrap CI, n prompts)"), this);
    reportExports(cellExport);
    auto *tableTab = new QWidget(this);
    auto *tl = new QVBoxLayout(tableTab);
    auto *tr1 = new QHBoxLayout;
    tr1->addStretch(1);
    tr1->addWidget(cellExport);
    tl->addLayout(tr1);
    tl->addWidget(m_cellView, 1);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_heatmap, tr("Heatmap"));
    tabs->addTab(m_bars, tr("Bars"));
    tabs->addTab(tableTab, tr("Table"));

    QWidget *left = runListPane(tr("RSE runs (check several to compare):"));
    left->layout()->addWidget(exportAllButton);

    // The two answers side by side, the judge pane (both orders, long) under them at full width: three
    // panes in a row beside the eight-column prompt list left each too narrow to read.
    auto *responses = new QSplitter(Qt::Horizontal, this);
    responses->setObjectName(QStringLiteral("rseResponsesSplitter"));
    responses->addWidget(titled(tr("Reference"), m_reference, responses));
    responses->addWidget(titled(tr("Test"), m_test, responses));
    auto *answers = new QSplitter(Qt::Vertical, this);
    answers->setObjectName(QStringLiteral("rseAnswersSplitter"));
    answers->addWidget(responses);
    answers->addWidget(titled(tr("Judge"), m_rationale, answers));
    auto *drill = m_drill = new QSplitter(Qt::Horizontal, this);
    drill->setObjectName(QStringLiteral("rseDrillSplitter"));
    drill->addWidget(titled(tr("Prompts of the clicked cell"), m_scoreView, drill));
    drill->addWidget(answers);
    drill->setStretchFactor(0, 1);
    drill->setStretchFactor(1, 1);
    layOutFrame(QStringLiteral("rse"), left, tabs, drill);
}

void RseResultsPage::connectSignals()
{
    connect(m_aspect, &QComboBox::currentIndexChanged, this, &RseResultsPage::rebuildFigures);
    connect(m_fitColours, &QCheckBox::toggled, this, &RseResultsPage::rebuildFigures);
    connect(m_heatmap->figureWidget(), &FigureWidget::clicked, this, &RseResultsPage::onHeatmapClick);
    connect(m_scoreView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
        if (cur.isValid())
            selectPrompt(m_scoreProxy->mapToSource(cur).row());
    });
    connect(&m_ctx, &AppContext::jobFinished, this, [this] { reloadRuns(); });
}

void RseResultsPage::fitDrillList()
{
    // The splitter shares the room by stretch, which left the eight columns of the list truncated at
    // 1400 px: the list gets the width its columns need as long as the two answers keep a readable
    // width, and gives room back to them when they have less (a smaller window).
    const QList<int> sizes = m_drill->sizes();
    if (sizes.size() != 2)
        return;
    const int want = fittedWidth(m_scoreView, PromptScoresModel::Prompt, kPromptColumnWidth);
    const int total = sizes[0] + sizes[1];
    const int list = std::max(kListMinWidth, std::min(want, total - 2 * kAnswerMinWidth));
    if (sizes[0] < list || (sizes[0] > list && sizes[1] < 2 * kAnswerMinWidth))
        m_drill->setSizes({list, total - list});
}

void RseResultsPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    if (!m_drillFitted) { // once: later the user's splitter position stands
        m_drillFitted = true;
        QTimer::singleShot(0, this, &RseResultsPage::fitDrillList); // after the first layout
    }
}

bool RseResultsPage::isLoading() const
{
    return m_runsLoad->busy() || m_resultsLoad->busy() || m_drillLoad->busy() || m_answerLoad->busy();
}

void RseResultsPage::reloadRuns()
{
    Store *store = &m_ctx.store();
    m_runsLoad->run(
        [store] {
            std::vector<RunInfo> out;
            for (auto &r : store->runs())
                if (r.kind == RunKind::Rse)
                    out.push_back(std::move(r));
            return out;
        },
        [this](const std::vector<RunInfo> &runs) { m_picker->setRuns(runs); });
}

void RseResultsPage::loadResults()
{
    loadTicked(m_heatmap, 0, [this] {
        m_cells->setResults(m_inputs.rse);
        m_cellView->resizeColumnsToContents();
        rebuildFigures();
        emit resultsShown(int(m_inputs.rse.size()));
    });
}

void RseResultsPage::rebuildFigures()
{
    if (m_inputs.rse.empty()) {
        m_heatmap->setFigure(nullptr);
        m_bars->setFigure(nullptr);
        keepHeatmapReadable(m_heatmap->figureWidget());
        return;
    }
    const RseAspect aspect = RseAspect(m_aspect->currentIndex());
    m_rowKeys.clear();
    m_heatmap->setFigure(std::make_shared<HeatmapFigure>(rseHeatmap(m_inputs.rse, aspect, &m_rowKeys, m_fitColours->isChecked())));
    keepHeatmapReadable(m_heatmap->figureWidget()); // many datasets: scroll rather than hide the values
    m_bars->setFigure(std::make_shared<BarFigure>(rseBars(m_inputs.rse, aspect)));
}

void RseResultsPage::onHeatmapClick(const FigureHit &hit)
{
    m_heatmap->figureWidget()->setSelectedCell(hit.row, hit.col);
    drillDown(hit.row, hit.col);
}

void RseResultsPage::drillDown(int row, int col)
{
    if (row < 0 || size_t(row) >= m_rowKeys.size())
        return;
    const RseRowKey key = m_rowKeys[size_t(row)];
    const rse::RseResults &res = m_inputs.rse[key.run];
    if (res.config.datasets.empty())
        return;
    // The Overall column drills into the first dataset.
    const std::string dataset =
        col >= 0 && size_t(col) < res.config.datasets.size() ? res.config.datasets[size_t(col)] : res.config.datasets.front();
    const int64_t runId = res.runId;
    const std::string ref = res.config.reference;
    const std::string judge = res.config.judge;
    Store *store = &m_ctx.store();
    m_message->show(tr("%1 on %2: loading prompts…").arg(QString::fromStdString(key.model), QString::fromStdString(dataset)));
    // Scores only; the two answers of a prompt are read when it is selected, so a drill-down into a
    // large dataset does not hold every answer text.
    m_drillLoad->run([store, runId, model = key.model, dataset] { return rse::promptScores(*store, runId, model, dataset); },
                     [this, model = key.model, dataset, ref, judge, runId](std::vector<rse::RsePromptScore> scores) {
                         const int n = int(scores.size());
                         m_scores->setRows(std::move(scores));
                         m_drillRun = runId;
                         m_drillJudge = judge;
                         m_drillRef = ref;
                         m_drillModel = model;
                         m_answerLoad->invalidate();
                         m_reference->clear();
                         m_test->clear();
                         m_rationale->clear();
                         fitDrillList();
                         m_message->show(tr("%1 on %2: %3 prompts. Select one to compare the responses.")
                                             .arg(QString::fromStdString(model), QString::fromStdString(dataset))
                                             .arg(n));
                         emit drillDownReady(n);
                     });
}

namespace {
/// The judge pane of one prompt: the mean, then each order with its aspects and rationale.
QString judgePaneText(const rse::RsePromptScore &s, const std::vector<Judgment> &judgments, const std::string &judge)
{
    auto num = [](const std::optional<double> &v, int decimals) {
        return v && std::isfinite(*v) ? QString::number(*v, 'f', decimals) : QStringLiteral("—");
    };
    auto aspect = [](const std::optional<int> &v) { return v ? QString::number(*v) : QStringLiteral("—"); };
    QString out = QObject::tr("Prompt #%1\n%2\n\n").arg(QString::number(s.promptIdx), QString::fromStdString(s.promptText).left(4000));
    out += QObject::tr("Mean of %1 scored order(s): overall %2, style %3, logic %4, content %5\n")
               .arg(QString::number(s.scoredOrders), num(s.overall, 2), num(s.style, 2), num(s.logic, 2), num(s.content, 2));
    if (s.flagged)
        out += QObject::tr("Flagged: a response contains judge-directed text.\n");
    std::vector<const Judgment *> ordered;
    for (const auto &j : judgments)
        if (j.judgeModel == judge)
            ordered.push_back(&j);
    std::sort(ordered.begin(), ordered.end(), [](const Judgment *a, const Judgment *b) { return a->order < b->order; }); // reference first
    for (const Judgment *j : ordered) {
        out += QObject::tr("\n%1 (judge %2, reply %3): overall %4 — style %5, logic %6, content %7\n%8\n")
                   .arg(j->order == JudgeOrder::TestFirst ? QObject::tr("Test shown first") : QObject::tr("Reference shown first"),
                        QString::fromStdString(j->judgeModel), QString::fromLatin1(judgmentStatusName(j->status)), num(j->overall, 2),
                        aspect(j->style), aspect(j->logic), aspect(j->content), QString::fromStdString(j->rationale));
    }
    if (ordered.empty())
        out += QObject::tr("\nNo judgment stored for this prompt.\n");
    return out;
}
} // namespace

void RseResultsPage::selectPrompt(int row)
{
    if (row < 0 || row >= m_scores->rowCount())
        return;
    const rse::RsePromptScore s = m_scores->rowAt(row);
    struct Shown {
        std::unordered_map<std::string, std::string> answers;
        std::vector<Judgment> judgments;
    };
    Store *store = &m_ctx.store();
    m_answerLoad->run(
        [store, id = s.promptId, runId = m_drillRun, model = m_drillModel, models = std::vector<std::string>{m_drillRef, m_drillModel}] {
            Shown shown;
            shown.answers = store->answersToPrompt(id, models);
            for (auto &j : store->judgmentsOfPrompt(runId, id))
                if (j.testModel == model)
                    shown.judgments.push_back(std::move(j));
            return shown;
        },
        [this, s](const Shown &shown) {
            auto text = [&](const std::string &model) {
                auto it = shown.answers.find(model);
                return it == shown.answers.end() ? tr("(no answer stored)") : QString::fromStdString(it->second);
            };
            m_reference->setPlainText(text(m_drillRef));
            m_test->setPlainText(text(m_drillModel));
            m_rationale->setPlainText(judgePaneText(s, shown.judgments, m_drillJudge));
            emit promptShown();
        });
}

void RseResultsPage::setFitColoursToData(bool fit)
{
    m_fitColours->setChecked(fit);
}

QString RseResultsPage::referenceText() const
{
    return m_reference->toPlainText();
}
QString RseResultsPage::testText() const
{
    return m_test->toPlainText();
}
QString RseResultsPage::rationaleText() const
{
    return m_rationale->toPlainText();
}

void RseResultsPage::exportAll()
{
    if (m_inputs.rse.empty()) {
        m_message->show(tr("Select at least one run first."), InlineMessage::Error);
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export all figures to"), settings::exportDir.get());
    if (dir.isEmpty())
        return;
    settings::exportDir.set(dir);
    ExportOptions opt;
    opt.dpi = settings::exportDpi.get();
    opt.fontPt = settings::exportFontPt.get();
    opt.palette = settings::exportPalette.get();
    m_message->show(tr("Exporting…"));
    m_work->run(
        [in = m_inputs, dir, opt] {
            QString error;
            const QStringList files = exportAllFigures(in, dir, opt, &error);
            return std::make_pair(files.size(), error);
        },
        [this, dir](const std::pair<qsizetype, QString> &r) {
            m_message->show(r.second.isEmpty() ? tr("Wrote %1 files to %2").arg(r.first).arg(dir) : r.second,
                            r.second.isEmpty() ? InlineMessage::Success : InlineMessage::Error);
        });
}

} // namespace ds::ui
