#pragma once
// Compare page data: one row per prompt of the dataset with how many of the chosen models answered
// and, when a scoring run is chosen, each model's mean judge score. Paged from the store: filters
// (search in prompts and answers, answered by all, score range, judges disagree) and sorting run as
// SQL off the GUI thread, so a dataset of 100k prompts opens as fast as one of 100.
#include "models/PagedTableModel.h"
#include "util/Types.h"

#include <QStringList>

namespace ds {
class Store;
}

namespace ds::ui {

/// The parts the chosen models play in the score run. Its reference has no score of its own and a
/// model it did not test has none either: their columns stay blank and their headers say why, while a
/// tested model without a score for a prompt reads "—" (missing). No tested models = all are.
struct ScoreRoles {
    QString reference;
    QStringList tested;
    bool isTested(const QString &model) const { return tested.isEmpty() || tested.contains(model); }
};

class CompareModel : public PagedTableModel<CompareSummary> {
public:
    /// Score columns follow Answered, one per model, when the query has a scoring run.
    enum Column { Index, Prompt, Answered, FirstScore };
    using PagedTableModel::PagedTableModel;
    /// Runs `q` against `store`; the query's sort is taken from the view's header (sortFor).
    void setQuery(Store *store, CompareQuery q, ScoreRoles roles = {});
    const ScoreRoles &roles() const { return m_roles; }
    /// The store's order for the header's sort column: the one place that maps columns to sort keys.
    static CompareSort sortFor(int column, Qt::SortOrder order);
    const CompareQuery &query() const { return m_query; }
    /// No rows and no query (another dataset was chosen).
    void clear()
    {
        resetNow([this] {
            m_query = {};
            m_roles = {};
        });
    }
    QStringList models() const;
    int columnCount(const QModelIndex &p = {}) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

protected:
    QVariant cell(const CompareSummary &row, int column, int role) const override;

private:
    /// Why the score column of models[k] is blank in every row, or "" when it holds scores.
    QString unscoredReason(std::size_t k) const;
    CompareQuery m_query;
    ScoreRoles m_roles;
};

/// Word spans (start, length) of `text` whose lowercased word does not occur in `base`.
std::vector<std::pair<int, int>> wordsNotIn(const QString &text, const QString &base);

} // namespace ds::ui
