#pragma once
// Page 5: RSE results. Heatmap models x datasets (+ overall) with an aspect selector and 95% CIs,
// bars with whiskers, the cell table; several runs side by side. Clicking a cell lists the prompts
// with their scores; a prompt shows reference and test responses side by side with the judge's
// rationale (all plain text).
#include "charts/ChartKinds.h"
#include "pages/RunResultsPage.h"

#include <unordered_map>

class QCheckBox;
class QComboBox;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace ds::ui {
class PromptScoresModel;
class RseCellsModel;
struct FigureHit;

class RseResultsPage : public RunResultsPage {
    Q_OBJECT
public:
    explicit RseResultsPage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("rse"); }
    QString title() const override { return tr("RSE results"); }
    bool isLoading() const override;
    /// Drill-down into (row, column) of the heatmap as shown (tests call this like a click).
    void drillDown(int row, int col);
    RseCellsModel *cells() const { return m_cells; }
    PromptScoresModel *promptScores() const { return m_scores; }
    ChartPanel *heatmap() const { return m_heatmap; }
    /// Colours span the data instead of the 1-5 scale.
    void setFitColoursToData(bool fit);
    QString referenceText() const;
    QString testText() const;
    QString rationaleText() const;
    void selectPrompt(int row);

public slots:
    void reloadRuns() override;
    void exportAll();

signals:
    void drillDownReady(int prompts);
    void promptShown();

private:
    static QWidget *titled(const QString &title, QWidget *content, QWidget *parent);
    void createWidgets();
    void layOut();
    void connectSignals();
    void loadResults() override;
    void rebuildFigures();
    void onHeatmapClick(const FigureHit &hit);
    void fitDrillList();
    void showEvent(QShowEvent *event) override;
    QComboBox *m_aspect;
    QCheckBox *m_fitColours;
    ChartPanel *m_heatmap, *m_bars;
    RseCellsModel *m_cells;
    PromptScoresModel *m_scores;
    QSortFilterProxyModel *m_cellProxy, *m_scoreProxy;
    QTableView *m_cellView, *m_scoreView;
    QPlainTextEdit *m_reference, *m_test, *m_rationale;
    LatestRequest *m_drillLoad, *m_answerLoad, *m_work;
    std::vector<RseRowKey> m_rowKeys;
    int64_t m_drillRun = 0;
    QSplitter *m_drill = nullptr; ///< prompt list | answers
    bool m_drillFitted = false;
    std::string m_drillRef, m_drillModel, m_drillJudge; ///< the run, pair and judge behind the drilled-down cell
};

} // namespace ds::ui
