#include "widgets/TableColumns.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

#include <algorithm>

namespace ds::ui {

void fitColumnsAround(QTableView *view, int stretch)
{
    QHeaderView *h = view->horizontalHeader();
    h->setStretchLastSection(false);
    h->setSectionResizeMode(QHeaderView::ResizeToContents);
    h->setSectionResizeMode(stretch, QHeaderView::Stretch);
}

int fittedWidth(const QTableView *view, int stretch, int stretchMin)
{
    const QHeaderView *h = view->horizontalHeader();
    const auto *v = static_cast<const QAbstractItemView *>(view); // sizeHintForColumn is public there
    int w = 0;
    for (int c = 0; c < h->count(); ++c)
        if (!h->isSectionHidden(c))
            w += c == stretch ? std::max(stretchMin, h->sectionSizeHint(c)) : std::max(v->sizeHintForColumn(c), h->sectionSizeHint(c));
    return w + 2 * view->frameWidth() + view->verticalScrollBar()->sizeHint().width();
}

} // namespace ds::ui
