#pragma once
// Checkable list of runs of one kind ("rse" / "ice") for side-by-side results.
#include "util/Types.h"

#include <QListWidget>

namespace ds::ui {

class RunPicker : public QListWidget {
    Q_OBJECT
public:
    explicit RunPicker(QWidget *parent = nullptr);
    /// Keeps checked runs checked; checks the newest run when nothing was checked.
    void setRuns(const std::vector<RunInfo> &runs);
    std::vector<RunInfo> checkedRuns() const;
    void setChecked(qint64 runId, bool exclusive = true);

signals:
    void selectionChanged();

private:
    std::vector<RunInfo> m_runs;
};

} // namespace ds::ui
