#pragma once
// Base of the table models: rows are value types set in one batch (one reset per delivery, never
// per row). Subclasses define a Column enum ending in ColumnCount, header titles and cell data.
#include <QAbstractTableModel>
#include <algorithm>
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
    /// Like setRows, but rows with the same keys in the same order (`sameKey(newRow, oldRow)`) replace
    /// the old ones in place with one dataChanged: no reset, so selection and scrolling stay.
    template <class SameKey> void updateRows(std::vector<Row> rows, SameKey sameKey)
    {
        if (rows.size() != m_rows.size() || !std::equal(rows.begin(), rows.end(), m_rows.begin(), sameKey)) {
            setRows(std::move(rows));
            return;
        }
        m_rows = std::move(rows);
        if (!m_rows.empty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
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
