#pragma once
// The compare table as SQL: one dataset's prompts with, per chosen model, whether it answered, its
// mean overall score in the scoring run and the spread of its judgments, filtered and ordered in SQL
// so that a page of a 100k-prompt dataset costs one query. Private to core/store/; Store's
// countCompare() and compareWindow() are its callers.
#include "store/Placeholders.h"
#include "util/Types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ds {

class ComparePager {
public:
    /// `q` must outlive the pager.
    explicit ComparePager(const CompareQuery &q);

    /// Prompts matching the query. Throws sql::Error on a damaged file (as every read).
    int64_t count(sql::Db &db) const;
    /// Rows [offset, offset + limit) in the query's order.
    std::vector<CompareSummary> window(sql::Db &db, int64_t offset, int limit) const;

private:
    std::string sql(bool count) const;
    std::string orderKey() const;
    void bindQuery(sql::Stmt &s) const;

    const CompareQuery &m_q;
    /// ?1 dataset, ?2 score run, ?3 search pattern, ?4 score min, ?5 score max, ?6 disagreement; then
    /// the models, then LIMIT and OFFSET.
    sql::Placeholders m_models;
    sql::Placeholders m_page;
};

} // namespace ds
