#pragma once
// Checkable list of runs of one kind ("rse" / "ice") for side-by-side results.
#include "util/Types.h"

#include <QListWidget>

namespace ds::ui {

class RunPicker : public QListWidget {
    Q_OBJECT
public:
    explicit RunPicker(QWidget *parent = nullptr);
    /// Keeps checked runs checked; checks the newest run when nothing was checked, or only the run
    /// asked for with checkWhenListed() once it is listed.
    void setRuns(const std::vector<RunInfo> &runs);
    /// Checks `runId` alone at the next setRuns() that lists it (for "open this run" from elsewhere).
    void checkWhenListed(qint64 runId) { m_pending = runId; }
    std::vector<RunInfo> checkedRuns() const;
    void setChecked(qint64 runId, bool exclusive = true);

signals:
    void selectionChanged();

private:
    std::vector<RunInfo> m_runs;
    qint64 m_pending = 0;
};

} // namespace ds::ui
