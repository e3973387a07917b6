#include "widgets/TableColumns.h"

#include <QHeaderView>
#include <QTableView>

namespace ds::ui {

void fitColumnsAround(QTableView *view, int stretch)
{
    QHeaderView *h = view->horizontalHeader();
    h->setStretchLastSection(false);
    h->setSectionResizeMode(QHeaderView::ResizeToContents);
    h->setSectionResizeMode(stretch, QHeaderView::Stretch);
}

} // namespace ds::ui
