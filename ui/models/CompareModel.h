#pragma once
// Compare page data: one row per prompt with every chosen model's answer (value type), and the
// filter (text search, only prompts every model answered).
#include "models/ValueTableModel.h"
#include "util/Types.h"

#include <QSortFilterProxyModel>
#include <QStringList>

namespace ds::ui {

struct CompareRow {
    PromptItem prompt;
    std::vector<std::string> answers; ///< per model (same order as CompareModel::models()), "" = none
    std::vector<bool> has;
};

class CompareModel : public ValueTableModel<CompareRow> {
public:
    enum Column { Index, Prompt, Answered, ColumnCount };
    using ValueTableModel::ValueTableModel;
    void setData(QStringList models, std::vector<CompareRow> rows);
    const QStringList &models() const { return m_models; }
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    QStringList m_models;
};

class CompareFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setSearch(const QString &text);
    void setCompleteOnly(bool on);

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    QString m_search;
    bool m_complete = false;
};

/// Word spans (start, length) of `text` whose lowercased word does not occur in `base`.
std::vector<std::pair<int, int>> wordsNotIn(const QString &text, const QString &base);

} // namespace ds::ui
