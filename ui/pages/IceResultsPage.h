#pragma once
// Page 6: ICE results. Loose/strict/hard bars with template-bootstrap whiskers, aspect x language
// heatmap, claimed-vendor stacked bars, ICE-vs-RSE scatter and the per-template table. Clicking a
// heatmap cell lists its responses; a response is shown with vendor names and first-person identity
// phrases highlighted and every judge's label.
#include "charts/ChartKinds.h"
#include "pages/RunResultsPage.h"

class QAbstractItemModel;
class QComboBox;
class QTabWidget;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ds::ui {
struct FigureHit;
class IceBreakdownModel;
class IceItemsModel;
class IceItemsFilter;

class IceResultsPage : public RunResultsPage {
    Q_OBJECT
public:
    explicit IceResultsPage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("ice"); }
    QString title() const override { return tr("ICE results"); }
    bool isLoading() const override;
    /// Shows the responses of one run (0 = every ticked run) for an aspect / language (empty = any).
    void filterItems(qint64 runId, const QString &aspect, const QString &language);
    void filterItems(const QString &aspect, const QString &language);
    /// Model of the response in row `proxyRow` of the drill-down list.
    QString shownModel(int proxyRow) const;
    /// Model column values of the per-template table.
    QStringList templateModels() const;
    ChartPanel *aspectsPanel() const { return m_aspects; }
    /// Selects the results tab at `index` (Scores, Aspect × language, …, Per template).
    void setTab(int index);
    /// The per-template table (all ticked runs).
    QAbstractItemModel *templateTable() const;
    QString responseText() const;
    /// Clauses of the shown response marked as the rule judge's conflicting claim.
    QStringList markedClaims() const;
    int itemCount() const;
    void selectItem(int proxyRow);
    /// Id of the RSE run the ICE-vs-RSE scatter uses (0 = none).
    qint64 scatterRseRun() const;

public slots:
    void reloadRuns() override;

signals:
    void itemsShown(int count);

private:
    void createWidgets();
    void layOut();
    void connectSignals();
    void loadResults() override;
    void rebuildFigures();
    void onHeatmapClick(const FigureHit &hit);
    QComboBox *m_metric, *m_rseRun;
    ChartPanel *m_scores, *m_aspects, *m_vendors, *m_scatter;
    QTableView *m_templateView, *m_itemView;
    QPlainTextEdit *m_response, *m_labels;
    QTabWidget *m_tabs;
    LatestRequest *m_itemsLoad;
    IceBreakdownModel *m_templates = nullptr;
    IceItemsModel *m_items = nullptr;
    IceItemsFilter *m_filter = nullptr;
    QSortFilterProxyModel *m_templateProxy = nullptr;
    bool m_rseChosen = false; ///< the user picked the scatter's RSE run: a reload keeps it
};

} // namespace ds::ui
