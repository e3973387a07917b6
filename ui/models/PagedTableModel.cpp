#include "models/PagedTableModel.h"

namespace ds::ui {

void PagedModelBase::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder && m_generation > 0)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    refresh();
}

} // namespace ds::ui
