#include "store/ComparePager.h"

#include "store/LikePattern.h"
#include "store/Sql.h"
#include "store/Store.h"

#include <span>

namespace ds {

namespace {

constexpr int kFirstModelParam = 7; // after the six fixed parameters (see ComparePager::m_models)

/// `term(k)` for each chosen model k, joined by `separator`.
template <class Term> std::string eachModel(std::size_t n, const char *separator, Term term)
{
    std::string out;
    for (std::size_t k = 0; k < n; ++k)
        out += (k ? separator : "") + term(std::to_string(k));
    return out;
}

/// True when `term(k)` holds for one of the models: "(t0 OR t1 ...)", "(0)" when there are none.
template <class Term> std::string anyModel(std::size_t n, Term term)
{
    const std::string any = eachModel(n, " OR ", term);
    return "(" + (any.empty() ? std::string("0") : any) + ")";
}

} // namespace

ComparePager::ComparePager(const CompareQuery &q) : m_q(q), m_models(kFirstModelParam, q.models.size()), m_page(m_models.next(), 2) {}

/// The inner select computes, per prompt, whether each chosen model answered (a<k>), its mean overall
/// score (s<k>) and the spread of its judgments (d<k>); the outer select filters and orders on those
/// columns.
std::string ComparePager::sql(bool count) const
{
    const std::size_t n = m_q.models.size();
    std::string inner = "SELECT p.id, p.idx, substr(p.text, 1, 300) AS preview, p.text AS text";
    for (std::size_t k = 0; k < n; ++k) {
        const std::string i = std::to_string(k);
        inner += ", EXISTS(SELECT 1 FROM responses r WHERE r.model=" + m_models[k] +
                 " AND r.prompt_id=p.id AND r.status='ok' AND r.kind='answer') AS a" + i;
        if (m_q.scoreRunId) {
            const std::string from =
                " FROM judgments j WHERE j.run_id=?2 AND j.prompt_id=p.id AND j.test_model=" + m_models[k] + " AND j.overall IS NOT NULL)";
            inner += ", (SELECT AVG(j.overall)" + from + " AS s" + i;
            inner += ", (SELECT MAX(j.overall) - MIN(j.overall)" + from + " AS d" + i;
        } else {
            inner += ", NULL AS s" + i + ", NULL AS d" + i;
        }
    }
    inner += " FROM prompts p WHERE p.dataset_id=?1";

    const std::string answered = "0" + eachModel(n, "", [](const std::string &k) { return " + a" + k; });
    std::vector<std::string> where;
    if (!m_q.search.empty())
        where.push_back("(text LIKE ?3 ESCAPE '\\' OR EXISTS(SELECT 1 FROM responses r WHERE r.prompt_id=v.id AND r.model IN (" +
                        m_models.list() + ") AND r.status='ok' AND r.kind='answer' AND r.text LIKE ?3 ESCAPE '\\'))");
    if (m_q.answeredByAll)
        where.push_back("(" + answered + ") = " + std::to_string(n));
    if (m_q.scoreRunId && (m_q.scoreMin || m_q.scoreMax)) {
        const auto inRange = [](const std::string &k) { return "(s" + k + " >= ?4 AND s" + k + " <= ?5)"; };
        if (!m_q.scoreModel)
            where.push_back(anyModel(n, inRange));
        else
            where.push_back(*m_q.scoreModel < n ? inRange(std::to_string(*m_q.scoreModel)) : std::string("0"));
    }
    if (m_q.scoreRunId && m_q.disagreement)
        where.push_back(anyModel(n, [](const std::string &k) { return "d" + k + " >= ?6"; }));

    std::string sql = count ? "SELECT COUNT(*)" : "SELECT id, idx, preview, " + answered + " AS answered";
    if (!count)
        sql += eachModel(n, "", [](const std::string &k) { return ", a" + k + ", s" + k + ", d" + k; });
    sql += " FROM (" + inner + ") v";
    for (std::size_t i = 0; i < where.size(); ++i)
        sql += (i ? " AND " : " WHERE ") + where[i];
    if (!count) {
        const std::string dir = m_q.sort.descending ? " DESC" : "";
        // idx breaks ties so that pages never overlap or skip rows.
        sql += " ORDER BY " + orderKey() + dir + ", idx" + dir + " LIMIT " + m_page[0] + " OFFSET " + m_page[1];
    }
    return sql;
}

std::string ComparePager::orderKey() const
{
    switch (m_q.sort.field) {
    case CompareSort::Field::Index:
        break;
    case CompareSort::Field::Prompt:
        return "text COLLATE NOCASE";
    case CompareSort::Field::Answered:
        return "answered";
    case CompareSort::Field::ScoreOfModel:
        if (m_q.sort.model < m_q.models.size()) {
            // "IS NULL" ascending in both directions: prompts without a score come last either way.
            const std::string score = "s" + std::to_string(m_q.sort.model);
            return score + " IS NULL, " + score;
        }
        break;
    }
    return "idx";
}

void ComparePager::bindQuery(sql::Stmt &s) const
{
    s.bind(1, m_q.datasetId).bind(2, m_q.scoreRunId);
    s.bind(3, sql::containsPattern(m_q.search));
    s.bind(4, m_q.scoreMin.value_or(-1e300)).bind(5, m_q.scoreMax.value_or(1e300));
    s.bind(6, m_q.disagreement.value_or(0.0));
    m_models.bind(s, std::span<const std::string>(m_q.models));
}

int64_t ComparePager::count(sql::Db &db) const
{
    if (m_q.models.empty())
        return 0;
    auto s = db.prepare(sql(true));
    bindQuery(s);
    s.step();
    return s.i64(0);
}

std::vector<CompareSummary> ComparePager::window(sql::Db &db, int64_t offset, int limit) const
{
    if (m_q.models.empty())
        return {};
    auto s = db.prepare(sql(false));
    bindQuery(s);
    s.bind(m_page.index(0), int64_t(limit)).bind(m_page.index(1), offset);
    const std::size_t n = m_q.models.size();
    std::vector<CompareSummary> out;
    while (s.step()) {
        CompareSummary c;
        c.promptId = s.i64(0);
        c.idx = int(s.i64(1));
        c.preview = s.text(2);
        c.answered = int(s.i64(3));
        for (std::size_t k = 0; k < n; ++k) {
            c.has.push_back(s.i64(int(4 + 3 * k)) != 0);
            c.score.push_back(s.optF64(int(5 + 3 * k)));
            c.spread.push_back(s.optF64(int(6 + 3 * k)));
        }
        out.push_back(std::move(c));
    }
    return out;
}

// ---- Store's facade --------------------------------------------------------------------------------

int64_t Store::countCompare(const CompareQuery &q)
{
    return ComparePager(q).count(reader());
}

std::vector<CompareSummary> Store::compareWindow(const CompareQuery &q, int64_t offset, int limit)
{
    return ComparePager(q).window(reader(), offset, limit);
}

} // namespace ds
