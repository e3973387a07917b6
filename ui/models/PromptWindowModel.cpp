#include "models/PromptWindowModel.h"

#include "models/CoreModels.h"
#include "models/ValueTableModel.h"
#include "store/Store.h"

namespace ds::ui {

void PromptWindowModel::setDataset(Store *store, int64_t datasetId, const QString &search)
{
    m_datasetId = datasetId;
    if (!datasetId) {
        setQuery({}, {});
        return;
    }
    PromptQuery q;
    q.datasetId = datasetId;
    q.search = search.toStdString();
    setQuery([store, q] { return qint64(store->countPrompts(q)); },
             [store, q](qint64 offset, int limit, int column, Qt::SortOrder order) mutable {
                 // Columns and sort keys are declared in the same order.
                 q.sort = PromptQuery::Sort(std::clamp(column, 0, int(PromptQuery::Sort::Text)));
                 q.descending = order == Qt::DescendingOrder;
                 return store->promptWindow(q, offset, limit);
             });
}

QVariant PromptWindowModel::cell(const PromptSummary &p, int column, int role) const
{
    if (role == Qt::TextAlignmentRole && column == Length)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && column == Text)
        return p.multiTurn ? tr("Multi-turn conversation; the first user turn is shown") : QVariant();
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (Column(column)) {
    case Index:
        return p.idx;
    case ExtId:
        return QString::fromStdString(p.extId);
    case Category:
        return QString::fromStdString(p.category);
    case Length:
        return qlonglong(p.length);
    case Text:
        return role == SortRole ? QString::fromStdString(p.preview) : preview(p.preview);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant PromptWindowModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"#", "Id", "Category", "Length", "Prompt"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace ds::ui
