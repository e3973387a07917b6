#include "widgets/RunPicker.h"

#include <algorithm>
#include <set>

namespace ds::ui {

RunPicker::RunPicker(QWidget *parent) : QListWidget(parent)
{
    connect(this, &QListWidget::itemChanged, this, &RunPicker::selectionChanged);
}

void RunPicker::setRuns(const std::vector<RunInfo> &runs)
{
    std::set<int64_t> keep;
    for (const auto &r : checkedRuns())
        keep.insert(r.id);
    for (const auto &r : runs)
        if (m_pending && r.id == m_pending) {
            keep = {m_pending};
            m_pending = 0;
        }
    blockSignals(true);
    clear();
    m_runs = runs;
    for (const auto &r : runs) {
        auto *it = new QListWidgetItem(
            QStringLiteral("%1 · %2 (%3)").arg(r.id).arg(QString::fromStdString(r.name), QString::fromLatin1(runStatusName(r.status))),
            this);
        it->setData(Qt::UserRole, qlonglong(r.id));
        it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
        it->setCheckState(keep.count(r.id) ? Qt::Checked : Qt::Unchecked);
    }
    if (keep.empty() && !runs.empty()) {
        // The newest run (the highest id: Store::runs() lists the oldest first).
        const auto newest = std::max_element(runs.begin(), runs.end(), [](const RunInfo &a, const RunInfo &b) { return a.id < b.id; });
        item(int(newest - runs.begin()))->setCheckState(Qt::Checked);
    }
    blockSignals(false);
    emit selectionChanged();
}

std::vector<RunInfo> RunPicker::checkedRuns() const
{
    std::vector<RunInfo> out;
    for (int i = 0; i < count() && size_t(i) < m_runs.size(); ++i)
        if (item(i)->checkState() == Qt::Checked)
            out.push_back(m_runs[size_t(i)]);
    return out;
}

void RunPicker::setChecked(qint64 runId, bool exclusive)
{
    blockSignals(true);
    for (int i = 0; i < count(); ++i) {
        const bool match = item(i)->data(Qt::UserRole).toLongLong() == runId;
        if (match || exclusive)
            item(i)->setCheckState(match ? Qt::Checked : Qt::Unchecked);
    }
    blockSignals(false);
    emit selectionChanged();
}

} // namespace ds::ui
