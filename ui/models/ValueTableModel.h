#pragma once
// Base of the table models: rows are value types set in one batch (one reset per delivery, never
// per row). Subclasses define a Column enum ending in ColumnCount, header titles and cell data.
#include <QAbstractTableModel>
#include <vector>

namespace ds::ui {

/// Raw value of a cell for sorting (numbers as numbers).
inline constexpr int SortRole = Qt::UserRole + 1;

template <class Row> class ValueTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    const std::vector<Row> &rows() const { return m_rows; }
    const Row &rowAt(int r) const { return m_rows.at(size_t(r)); }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

protected:
    bool valid(const QModelIndex &i) const
    {
        return i.isValid() && !i.parent().isValid() && i.row() >= 0 && i.row() < int(m_rows.size()) && i.column() >= 0 &&
               i.column() < columnCount();
    }
    std::vector<Row> m_rows;
};

} // namespace ds::ui
