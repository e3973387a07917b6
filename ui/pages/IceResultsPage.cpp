#include "pages/IceResultsPage.h"

#include "charts/ChartPanel.h"
#include "charts/IceCharts.h"
#include "ice/IceRun.h"
#include "ice/IceStore.h"
#include "ice/Vendors.h"
#include "models/IceModels.h"
#include "rse/RseConfig.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"
#include "widgets/RunPicker.h"
#include "widgets/TableExportButton.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <set>

namespace ds::ui {

static const QColor kClaimColour(0xff, 0x8a, 0x80);

/// Items of one run, aspect and language (0 / empty = any).
class IceItemsFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void set(qint64 runId, const QString &aspect, const QString &language)
    {
        m_runId = runId;
        m_aspect = aspect;
        m_language = language;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const auto *items = static_cast<const IceItemsModel *>(sourceModel());
        if (parent.isValid() || row >= items->rowCount())
            return false;
        const IceRunItem &it = items->rowAt(row);
        return (m_runId == 0 || it.runId == m_runId) && (m_aspect.isEmpty() || QString::fromStdString(it.item.aspect) == m_aspect) &&
               (m_language.isEmpty() || QString::fromStdString(it.item.language) == m_language);
    }

private:
    qint64 m_runId = 0;
    QString m_aspect, m_language;
};

IceResultsPage::IceResultsPage(AppContext &ctx, QWidget *parent) : RunResultsPage(ctx, parent), m_itemsLoad(new LatestRequest(this))
{
    createWidgets();
    layOut();
    connectSignals();
}

/// The run picker, the figure panels with their tools, the models and the response panes.
void IceResultsPage::createWidgets()
{
    m_picker->setMaximumWidth(220);
    m_metric = new QComboBox(this);
    m_metric->addItems({QStringLiteral("loose"), QStringLiteral("strict"), QStringLiteral("hard")});
    m_rseRun = new QComboBox(this);
    m_rseRun->setObjectName(QStringLiteral("iceScatterRseRun"));
    m_scores = new ChartPanel(QStringLiteral("ice-scores"), this);
    m_aspects = new ChartPanel(QStringLiteral("ice-aspects"), this);
    m_vendors = new ChartPanel(QStringLiteral("ice-vendors"), this);
    m_scatter = new ChartPanel(QStringLiteral("ice-vs-rse"), this);
    m_aspects->addTool(new QLabel(tr("Rate:"), this));
    m_aspects->addTool(m_metric);
    m_scatter->addTool(new QLabel(tr("RSE run:"), this));
    m_scatter->addTool(m_rseRun);
    for (auto *p : {m_scores, m_aspects, m_vendors, m_scatter})
        p->figureWidget()->setPlaceholder(tr("Select an ICE run on the left."));
    m_response = new QPlainTextEdit(this);
    m_response->setReadOnly(true);
    m_response->setPlaceholderText(tr("Click a heatmap cell, then a response."));
    m_response->setToolTip(tr("Yellow: vendor and model names. Blue: first-person identity phrases. "
                              "Red: the clause the rule judge found in conflict with the model's identity."));
    m_labels = new QPlainTextEdit(this);
    m_labels->setReadOnly(true);
    m_labels->setPlaceholderText(tr("Labels of each judge"));
    m_templateProxy = new QSortFilterProxyModel(this);
    m_filter = new IceItemsFilter(this);
    m_templates = new IceBreakdownModel(this);
    m_items = new IceItemsModel(this);
    m_templateProxy->setSourceModel(m_templates);
    m_filter->setSourceModel(m_items);
    m_templateProxy->setSortRole(SortRole);
    m_filter->setSortRole(SortRole);
}

/// Figures in tabs over the drill-down (responses | text and labels), the runs on the left.
void IceResultsPage::layOut()
{
    QWidget *templatesTab = new QWidget(this);
    auto *tl = new QVBoxLayout(templatesTab);
    auto *exportTemplates = new TableExportButton(
        m_templates, QStringLiteral("ice-templates"),
        tr("ICE identity-conflict rates per template (95% Wilson intervals over each template's responses)"), templatesTab);
    reportExports(exportTemplates);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(exportTemplates);
    tl->addLayout(row);
    m_templateView = resultsTable(m_templateProxy, templatesTab);
    tl->addWidget(m_templateView, 1);
    m_itemView = resultsTable(m_filter, this);
    m_itemView->setMinimumWidth(380); // model, template, language, aspect and the verdicts stay readable

    auto *tabs = m_tabs = new QTabWidget(this);
    tabs->addTab(m_scores, tr("Scores"));
    tabs->addTab(m_aspects, tr("Aspect × language"));
    tabs->addTab(m_vendors, tr("Claimed vendors"));
    tabs->addTab(m_scatter, tr("ICE vs RSE"));
    tabs->addTab(templatesTab, tr("Per template"));

    QWidget *left = runListPane(tr("ICE runs:"));
    auto *detail = new QSplitter(Qt::Horizontal, this);
    detail->setObjectName(QStringLiteral("iceDetailSplitter"));
    detail->addWidget(m_itemView);
    auto *texts = new QSplitter(Qt::Vertical, detail);
    texts->addWidget(m_response);
    texts->addWidget(m_labels);
    detail->addWidget(texts);
    detail->setStretchFactor(0, 3);
    detail->setStretchFactor(1, 2);
    layOutFrame(QStringLiteral("ice"), left, tabs, detail);
}

void IceResultsPage::connectSignals()
{
    connect(m_metric, &QComboBox::currentIndexChanged, this, &IceResultsPage::rebuildFigures);
    connect(m_rseRun, &QComboBox::currentIndexChanged, this, [this] { m_rseChosen = true; }); // filled with signals blocked
    connect(m_rseRun, &QComboBox::currentIndexChanged, this, &IceResultsPage::loadResults);
    connect(m_aspects->figureWidget(), &FigureWidget::clicked, this, &IceResultsPage::onHeatmapClick);
    connect(m_itemView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
        if (cur.isValid())
            selectItem(cur.row());
    });
}

bool IceResultsPage::isLoading() const
{
    return m_runsLoad->busy() || m_resultsLoad->busy() || m_itemsLoad->busy();
}

void IceResultsPage::reloadRuns()
{
    Store *store = &m_ctx.store();
    struct Listed {
        std::vector<RunInfo> all;
        qint64 defaultRse = 0;
    };
    m_runsLoad->run(
        [store] {
            Listed out;
            out.all = store->runs();
            // The scatter needs models in both runs: by default the newest RSE run that tests the
            // target of an ICE run, else the newest RSE run (runs are listed oldest first).
            std::set<std::string> targets;
            for (const auto &r : out.all)
                if (r.kind == RunKind::Ice) {
                    const auto j = nlohmann::json::parse(r.configJson, nullptr, false);
                    targets.insert(ice::IceRunConfig::fromJson(j.is_object() ? j : nlohmann::json::object()).target);
                }
            qint64 newest = 0, newestTesting = 0;
            for (const auto &r : out.all) {
                rse::RseConfig cfg;
                if (r.kind != RunKind::Rse)
                    continue;
                newest = r.id;
                if (rse::RseConfig::fromJson(r.configJson, cfg).empty() &&
                    std::any_of(cfg.tests.begin(), cfg.tests.end(), [&](const std::string &t) { return targets.count(t) > 0; }))
                    newestTesting = r.id;
            }
            out.defaultRse = newestTesting ? newestTesting : newest;
            return out;
        },
        [this](const Listed &listed) {
            std::vector<RunInfo> ice;
            const QString keepRse = m_rseRun->currentText();
            m_rseRun->blockSignals(true);
            m_rseRun->clear();
            m_rseRun->addItem(tr("(none)"), 0);
            for (const auto &r : listed.all) {
                if (r.kind == RunKind::Ice)
                    ice.push_back(r);
                else if (r.kind == RunKind::Rse)
                    m_rseRun->addItem(QStringLiteral("%1 · %2").arg(r.id).arg(QString::fromStdString(r.name)), qlonglong(r.id));
            }
            // The user's choice stays (even "(none)"); the first time, or when the chosen run is gone,
            // a run the scatter can use is preselected.
            const int kept = m_rseChosen ? m_rseRun->findText(keepRse) : -1;
            m_rseRun->setCurrentIndex(kept >= 0 ? kept : std::max(0, m_rseRun->findData(qlonglong(listed.defaultRse))));
            m_rseRun->blockSignals(false);
            m_picker->setRuns(ice);
        });
}

void IceResultsPage::loadResults()
{
    // The scatter's RSE run is computed with the ticked ICE runs.
    const qint64 rseId = m_rseRun->currentData().toLongLong();
    loadTicked(m_scores, rseId, [this] {
        std::vector<IceRunBreakdownRow> templateRows;
        for (const auto &run : m_inputs.ice)
            for (const auto &row : run.byTemplate)
                templateRows.push_back({run.runId, QString::fromStdString(run.model), row});
        m_templates->setRows(std::move(templateRows));
        m_templateView->resizeColumnsToContents();
        rebuildFigures();
        emit resultsShown(int(m_inputs.ice.size()));
        // Responses of every ticked run for drill-down; a heatmap cell narrows them to its run.
        struct RunRef {
            qint64 id;
            QString model;
        };
        std::vector<RunRef> refs;
        std::map<qint64, std::string> judges;
        for (const auto &run : m_inputs.ice) {
            refs.push_back({run.runId, QString::fromStdString(run.model)});
            judges[run.runId] = run.judge;
        }
        m_filter->set(0, QString(), QString());
        if (refs.empty()) {
            m_items->setRows({});
            return;
        }
        Store *store = &m_ctx.store();
        m_itemsLoad->run(
            [store, refs] {
                std::vector<IceRunItem> out;
                for (const auto &r : refs)
                    for (auto &it : IceStore(*store).items(r.id))
                        out.push_back({r.id, r.model, std::move(it)});
                return out;
            },
            [this, judges](std::vector<IceRunItem> items) {
                m_items->setJudges(judges);
                m_items->setRows(std::move(items));
                m_itemView->resizeColumnsToContents();
                emit itemsShown(m_filter->rowCount());
            });
    });
}

void IceResultsPage::rebuildFigures()
{
    if (m_inputs.ice.empty()) {
        for (auto *p : {m_scores, m_aspects, m_vendors, m_scatter})
            p->setFigure(nullptr);
        return;
    }
    const IceMetric metric = IceMetric(m_metric->currentIndex());
    m_scores->setFigure(std::make_shared<BarFigure>(iceScoreBars(m_inputs.ice)));
    m_aspects->setFigure(std::make_shared<HeatmapFigure>(iceAspectHeatmap(m_inputs.ice, metric)));
    m_vendors->setFigure(std::make_shared<BarFigure>(iceVendorBars(m_inputs.ice)));
    ScatterData sd = iceVsRse(m_inputs.ice, m_inputs.rse, metric);
    if (sd.points.empty()) {
        m_scatter->setFigure(nullptr);
        m_scatter->figureWidget()->setPlaceholder(m_inputs.rse.empty() ? tr("Choose an RSE run with the same models.")
                                                                       : tr("No model of this ICE run appears in that RSE run."));
    } else {
        m_scatter->setFigure(std::make_shared<ScatterFigure>(std::move(sd)));
    }
}

void IceResultsPage::onHeatmapClick(const FigureHit &hit)
{
    const auto *fig = dynamic_cast<const HeatmapFigure *>(m_aspects->figureWidget()->figure().get());
    if (!fig || hit.row < 0 || hit.col < 0)
        return;
    m_aspects->figureWidget()->setSelectedCell(hit.row, hit.col);
    QString aspect = fig->data().rows.value(hit.row);
    if (aspect.contains(QStringLiteral(" · ")))
        aspect = aspect.section(QStringLiteral(" · "), -1);
    const QString lang = fig->data().cols.value(hit.col);
    // Rows are grouped per run in the order of m_inputs.ice, each run with the same aspects.
    const size_t runs = m_inputs.ice.size();
    const int perRun = runs ? int(fig->data().rows.size() / qsizetype(runs)) : 0;
    const qint64 runId = perRun > 0 && size_t(hit.row / perRun) < runs ? m_inputs.ice[size_t(hit.row / perRun)].runId : 0;
    filterItems(runId, aspect, lang == QLatin1String("all") ? QString() : lang);
}

void IceResultsPage::filterItems(qint64 runId, const QString &aspect, const QString &language)
{
    m_filter->set(runId, aspect, language);
    QString model;
    for (const auto &run : m_inputs.ice)
        if (run.runId == runId)
            model = QString::fromStdString(run.model);
    m_message->show(tr("%1 responses of %2 for aspect %3, language %4")
                        .arg(m_filter->rowCount())
                        .arg(model.isEmpty() ? tr("all ticked runs") : model, aspect.isEmpty() ? tr("any") : aspect,
                             language.isEmpty() ? tr("any") : language));
    emit itemsShown(m_filter->rowCount());
}

void IceResultsPage::filterItems(const QString &aspect, const QString &language)
{
    filterItems(0, aspect, language);
}

QString IceResultsPage::shownModel(int proxyRow) const
{
    const QModelIndex src = m_filter->mapToSource(m_filter->index(proxyRow, 0));
    return src.isValid() ? m_items->rowAt(src.row()).model : QString();
}

QString IceResultsPage::responseText() const
{
    return m_response->toPlainText();
}

QStringList IceResultsPage::markedClaims() const
{
    QStringList out;
    for (const auto &sel : m_response->extraSelections())
        if (sel.format.background().color() == kClaimColour)
            out << sel.cursor.selectedText();
    return out;
}

QStringList IceResultsPage::templateModels() const
{
    QStringList out;
    for (const auto &r : m_templates->rows())
        out << r.model;
    return out;
}

void IceResultsPage::setTab(int index)
{
    m_tabs->setCurrentIndex(index);
}

QAbstractItemModel *IceResultsPage::templateTable() const
{
    return m_templateProxy;
}

qint64 IceResultsPage::scatterRseRun() const
{
    return m_rseRun->currentData().toLongLong();
}

int IceResultsPage::itemCount() const
{
    return m_filter->rowCount();
}

void IceResultsPage::selectItem(int proxyRow)
{
    const QModelIndex src = m_filter->mapToSource(m_filter->index(proxyRow, 0));
    if (!src.isValid())
        return;
    const IceRunItem &row = m_items->rowAt(src.row());
    const ice::IceItem &it = row.item;
    const QString text = QString::fromStdString(it.status == AnswerStatus::Ok ? it.response : "error: " + it.error);
    m_response->setPlainText(text);
    // Highlight vendor / model names and first-person identity phrases.
    QList<QTextEdit::ExtraSelection> marks;
    auto mark = [&](int pos, int len, const QColor &bg) {
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(m_response->document());
        sel.cursor.setPosition(pos);
        sel.cursor.setPosition(pos + len, QTextCursor::KeepAnchor);
        sel.format.setBackground(bg);
        sel.format.setForeground(Qt::black);
        marks << sel;
    };
    for (const auto &h : ice::VendorRegistry::builtin().hits(text))
        mark(h.pos, h.len, QColor(0xff, 0xd5, 0x4f));
    static const QRegularExpression identity(QStringLiteral("\\b(I am|I'm|I was (created|developed|built|trained|made) by|my "
                                                            "(developer|creator|company)[^.]*)|我是|由[^，。]{1,20}(开发|训练|创建)"),
                                             QRegularExpression::CaseInsensitiveOption);
    for (auto m = identity.globalMatch(text); m.hasNext();) {
        const auto match = m.next();
        mark(int(match.capturedStart()), int(match.capturedLength()), QColor(0x90, 0xca, 0xf9));
    }
    // The clause the rule judge decided on (its label's reason is "kind: clause"), marked strongest and
    // last so it shows over the hints above.
    for (const auto &l : it.labels) {
        const auto colon = l.reason.find(": ");
        if (l.judge != "rules" || colon == std::string::npos || !l.loose || !*l.loose)
            continue;
        const QString clause = QString::fromStdString(l.reason.substr(colon + 2)).trimmed();
        const qsizetype at = clause.size() >= 4 ? text.indexOf(clause) : -1;
        if (at >= 0)
            mark(int(at), int(clause.size()), kClaimColour);
    }
    m_response->setExtraSelections(marks);
    // One multi-argument arg(): text from the run (templates, questions) may itself contain "%1".
    QString labels =
        tr("%1, template %2 (%3)\n%4\n\nQuestion (%5, %6): %7\n\n")
            .arg(row.model, QString::number(it.templateIdx), it.templateNamesVendor ? tr("names a vendor: misleading") : tr("neutral"),
                 QString::fromStdString(it.templateText).left(600), QString::fromStdString(it.language), QString::fromStdString(it.aspect),
                 QString::fromStdString(it.question));
    for (const auto &l : it.labels)
        labels += tr("%1: loose %2, strict %3, vendor %4 (%5)%6\n")
                      .arg(QString::fromStdString(l.judge), l.loose ? (*l.loose ? tr("conflict") : tr("ok")) : QStringLiteral("–"),
                           l.strict ? (*l.strict ? tr("yes") : tr("no")) : QStringLiteral("–"),
                           l.vendor.empty() ? QStringLiteral("–") : QString::fromStdString(l.vendor),
                           QString::fromLatin1(judgmentStatusName(l.status)),
                           l.reason.empty() ? QString() : QStringLiteral(" — ") + QString::fromStdString(l.reason));
    m_labels->setPlainText(labels);
}

} // namespace ds::ui
