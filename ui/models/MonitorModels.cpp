#include "models/MonitorModels.h"

#include <algorithm>

namespace ds::ui {

void LanesModel::setProgress(const JobProgress &p)
{
    std::vector<LaneRow> rows;
    for (const auto &[name, lane] : p.lanes)
        rows.push_back({QString::fromStdString(name), lane});
    updateRows(std::move(rows), [](const LaneRow &a, const LaneRow &b) { return a.model == b.model; });
}

QVariant LanesModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index) || (role != Qt::DisplayRole && role != SortRole))
        return {};
    const LaneRow &r = rowAt(index.row());
    switch (Column(index.column())) {
    case Model:
        return r.model;
    case Done:
        return qlonglong(r.p.done);
    // A lane without a planned total (ICE helper and judge lanes, whose request count depends on
    // the answers) shows "—", never a total of 0 with a done count above it.
    case Total:
        if (r.p.total <= 0)
            return role == SortRole ? QVariant(qlonglong(-1)) : QVariant(QStringLiteral("—"));
        return qlonglong(r.p.total);
    case Percent:
        if (r.p.total <= 0)
            return role == SortRole ? QVariant(-1) : QVariant(QStringLiteral("—"));
        return int(100 * std::min(r.p.done, r.p.total) / r.p.total);
    case Failed:
        return qlonglong(r.p.failed);
    case Cached:
        return qlonglong(std::min(r.p.cached, r.p.done));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant LanesModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"Model", "Done", "Total", "%", "Failed", "Cached"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void ErrorKindsModel::setProgress(const JobProgress &p)
{
    std::vector<ErrorKindRow> rows;
    for (const auto &[kind, n] : p.errorKinds)
        rows.push_back({QString::fromStdString(kind), n});
    // Retries and unusable answers are not errors of the run, but they are why it is slow or incomplete.
    if (p.retried > 0)
        rows.push_back({tr("retried"), p.retried});
    if (p.unusable > 0)
        rows.push_back({tr("unusable answer"), p.unusable});
    updateRows(std::move(rows), [](const ErrorKindRow &a, const ErrorKindRow &b) { return a.kind == b.kind; });
}

QVariant ErrorKindsModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index) || (role != Qt::DisplayRole && role != SortRole))
        return {};
    const ErrorKindRow &r = rowAt(index.row());
    return index.column() == Kind ? QVariant(r.kind) : QVariant(r.count);
}

QVariant ErrorKindsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    return section == Kind ? tr("Error kind") : section == Count ? tr("Count") : QVariant();
}

} // namespace ds::ui
