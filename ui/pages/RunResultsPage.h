#pragma once
// Base of the RSE and ICE results pages: the runs ticked in a RunPicker on the left, figure tabs over
// a drill-down beside them, tables sorted by their raw values, and the ticked runs' results computed
// off the GUI thread. One copy, so the two pages keep the same frame and the same loading behaviour.
#include "charts/ChartKinds.h"
#include "pages/Page.h"

#include <functional>

class QAbstractItemModel;
class QLabel;
class QTableView;

namespace ds::ui {
class ChartPanel;
class InlineMessage;
class LatestRequest;
class RunPicker;
class TableExportButton;

class RunResultsPage : public Page {
    Q_OBJECT
public:
    explicit RunResultsPage(AppContext &ctx, QWidget *parent = nullptr);
    void activate() override { reloadRuns(); }
    /// Ticks run `runId` as soon as it is listed, and lists the runs again.
    void showRun(qint64 runId);

public slots:
    /// Lists the page's runs again in the picker (ticked runs stay ticked).
    virtual void reloadRuns() = 0;

signals:
    /// The figures show the results of `runs` ticked runs.
    void resultsShown(int runs);

protected:
    /// Computes the ticked runs' results (the picker's ticks changed); see loadTicked.
    virtual void loadResults() = 0;
    /// A sortable single-row-selection table without row numbers, for a results model.
    static QTableView *resultsTable(QAbstractItemModel *model, QWidget *parent);
    /// `content` under a plain-text `caption`, in a pane without margins; *label (if given) is the
    /// caption, for the caller to style.
    static QWidget *captioned(const QString &caption, QWidget *content, QWidget *parent, QLabel **label = nullptr);
    /// The picker under `caption`. Add buttons under it with `pane->layout()->addWidget`.
    QWidget *runListPane(const QString &caption);
    /// The page's message on top, then `runs` beside `figures` over `detail`. The splitters are named
    /// `<prefix>VSplitter` and `<prefix>HSplitter` (tests find them by name).
    void layOutFrame(const QString &prefix, QWidget *runs, QWidget *figures, QWidget *detail);
    /// Shows where `button` saved its table, or why it could not, in the page's message.
    void reportExports(TableExportButton *button);
    /// Computes the inputs of the ticked runs' charts (with the run `alsoRun`, by id, when not 0) on
    /// a pool thread; the latest request wins. `status` says "Computing…" meanwhile and then the
    /// error, if any; `done` runs on the GUI thread once m_inputs holds them (empty after an error).
    void loadTicked(ChartPanel *status, qint64 alsoRun, std::function<void()> done);

    RunPicker *m_picker;
    InlineMessage *m_message;
    LatestRequest *m_runsLoad, *m_resultsLoad;
    ChartInputs m_inputs; ///< the shown runs' results, from the latest loadTicked
};

} // namespace ds::ui
