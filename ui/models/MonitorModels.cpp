#include "models/MonitorModels.h"

namespace ds::ui {

void LanesModel::setProgress(const JobProgress &p)
{
    std::vector<LaneRow> rows;
    for (const auto &[name, lane] : p.lanes)
        rows.push_back({QString::fromStdString(name), lane});
    bool same = rows.size() == m_rows.size();
    for (size_t i = 0; same && i < rows.size(); ++i)
        same = rows[i].model == m_rows[i].model;
    if (!same) {
        setRows(std::move(rows));
        return;
    }
    m_rows = std::move(rows);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
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
    case Total:
        return qlonglong(r.p.total);
    case Percent:
        return r.p.total > 0 ? QVariant(int(100 * r.p.done / r.p.total)) : QVariant(0);
    case Failed:
        return qlonglong(r.p.failed);
    case Cached:
        return qlonglong(r.p.cached);
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
    bool same = rows.size() == m_rows.size();
    for (size_t i = 0; same && i < rows.size(); ++i)
        same = rows[i].kind == m_rows[i].kind;
    if (!same) {
        setRows(std::move(rows));
        return;
    }
    m_rows = std::move(rows);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
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
