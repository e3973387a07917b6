// The compare table, paged in SQL.
#include "store/Store.h"

#include "store/LikePattern.h"
#include "store/Sql.h"

namespace ds {

namespace {
/// The compare query as SQL: an inner select computes, per prompt, whether each chosen model answered
/// (a<k>), its mean overall score (s<k>) and the spread of its judgments (d<k>); the outer select
/// filters and orders on those columns. Parameters: ?1 dataset, ?2 score run, ?3 search pattern,
/// ?4 score min, ?5 score max, ?6 disagreement, then ?7.. the models.
std::string compareSql(const CompareQuery &q, bool count)
{
    const std::size_t n = q.models.size();
    auto model = [](std::size_t k) { return "?" + std::to_string(7 + k); };
    std::string inner = "SELECT p.id, p.idx, substr(p.text, 1, 300) AS preview, p.text AS text";
    for (std::size_t k = 0; k < n; ++k) {
        const std::string i = std::to_string(k);
        inner += ", EXISTS(SELECT 1 FROM responses r WHERE r.model=" + model(k) +
                 " AND r.prompt_id=p.id AND r.status='ok' AND r.kind='answer') AS a" + i;
        if (q.scoreRunId) {
            const std::string from =
                " FROM judgments j WHERE j.run_id=?2 AND j.prompt_id=p.id AND j.test_model=" + model(k) + " AND j.overall IS NOT NULL)";
            inner += ", (SELECT AVG(j.overall)" + from + " AS s" + i;
            inner += ", (SELECT MAX(j.overall) - MIN(j.overall)" + from + " AS d" + i;
        } else {
            inner += ", NULL AS s" + i + ", NULL AS d" + i;
        }
    }
    inner += " FROM prompts p WHERE p.dataset_id=?1";

    std::string answered = "0";
    for (std::size_t k = 0; k < n; ++k)
        answered += " + a" + std::to_string(k);
    std::vector<std::string> where;
    if (!q.search.empty()) {
        std::string in;
        for (std::size_t k = 0; k < n; ++k)
            in += (k ? "," : "") + model(k);
        where.push_back("(text LIKE ?3 ESCAPE '\\' OR EXISTS(SELECT 1 FROM responses r WHERE r.prompt_id=v.id AND r.model IN (" + in +
                        ") AND r.status='ok' AND r.kind='answer' AND r.text LIKE ?3 ESCAPE '\\'))");
    }
    if (q.answeredByAll)
        where.push_back("(" + answered + ") = " + std::to_string(n));
    auto anyOf = [n](const std::string &test) {
        std::string out;
        for (std::size_t k = 0; k < n; ++k) {
            std::string t = test;
            for (std::size_t pos; (pos = t.find('#')) != std::string::npos;)
                t.replace(pos, 1, std::to_string(k));
            out += (k ? " OR " : "") + t;
        }
        return "(" + (out.empty() ? std::string("0") : out) + ")";
    };
    if (q.scoreRunId && (q.scoreMin || q.scoreMax))
        where.push_back(anyOf("(s# >= ?4 AND s# <= ?5)"));
    if (q.scoreRunId && q.disagreement)
        where.push_back(anyOf("d# >= ?6"));

    std::string sql = count ? "SELECT COUNT(*)" : "SELECT id, idx, preview, " + answered + " AS answered";
    if (!count)
        for (std::size_t k = 0; k < n; ++k)
            sql += ", a" + std::to_string(k) + ", s" + std::to_string(k) + ", d" + std::to_string(k);
    sql += " FROM (" + inner + ") v";
    for (std::size_t i = 0; i < where.size(); ++i)
        sql += (i ? " AND " : " WHERE ") + where[i];
    if (!count) {
        const std::string dir = q.descending ? " DESC" : "";
        std::string key = "idx";
        if (q.sortColumn == 1)
            key = "text COLLATE NOCASE";
        else if (q.sortColumn == 2)
            key = "answered";
        else if (q.sortColumn >= 3 && std::size_t(q.sortColumn - 3) < n)
            key = "s" + std::to_string(q.sortColumn - 3) + " IS NULL, s" + std::to_string(q.sortColumn - 3);
        sql += " ORDER BY " + key + dir + ", idx" + dir + " LIMIT ?" + std::to_string(7 + n) + " OFFSET ?" + std::to_string(8 + n);
    }
    return sql;
}

void bindCompare(sql::Stmt &s, const CompareQuery &q)
{
    s.bind(1, q.datasetId).bind(2, q.scoreRunId);
    s.bind(3, sql::containsPattern(q.search));
    s.bind(4, q.scoreMin.value_or(-1e300)).bind(5, q.scoreMax.value_or(1e300));
    s.bind(6, q.disagreement.value_or(0.0));
    for (std::size_t k = 0; k < q.models.size(); ++k)
        s.bind(int(7 + k), q.models[k]);
}
} // namespace

int64_t Store::countCompare(const CompareQuery &q)
{
    if (q.models.empty())
        return 0;
    auto s = reader().prepare(compareSql(q, true));
    bindCompare(s, q);
    s.step();
    return s.i64(0);
}

std::vector<CompareSummary> Store::compareWindow(const CompareQuery &q, int64_t offset, int limit)
{
    if (q.models.empty())
        return {};
    auto s = reader().prepare(compareSql(q, false));
    bindCompare(s, q);
    const std::size_t n = q.models.size();
    s.bind(int(7 + n), int64_t(limit)).bind(int(8 + n), offset);
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

} // namespace ds
