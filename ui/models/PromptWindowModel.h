#pragma once
// The prompt browser's table: a dataset's prompts paged from the store, searched and sorted in SQL.
#include "models/PagedTableModel.h"
#include "util/Types.h"

namespace ds {
class Store;
}

namespace ds::ui {

class PromptWindowModel : public PagedTableModel<PromptSummary> {
public:
    enum Column { Index, ExtId, Category, Length, Text, ColumnCount };
    using PagedTableModel::PagedTableModel;
    /// Shows the prompts of `datasetId` containing `search` (0 = none).
    void setDataset(Store *store, int64_t datasetId, const QString &search);
    int64_t datasetId() const { return m_datasetId; }
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

protected:
    QVariant cell(const PromptSummary &row, int column, int role) const override;

private:
    int64_t m_datasetId = 0;
};

} // namespace ds::ui
