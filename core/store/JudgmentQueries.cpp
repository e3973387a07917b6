// Store's RSE result queries (table `judgments`): one judge's verdict on one answer, and the views of them.
#include "store/Store.h"

#include "store/Sql.h"

namespace ds {

void Store::putJudgment(const Judgment &j, std::function<void(const std::string &)> onDone)
{
    post(
        [j](sql::Db &db) {
            auto s = db.prepare("INSERT INTO judgments(run_id, prompt_id, dataset, test_model, ref_model, judge_model, ord, request_key, "
                                "style, logic, content, overall, rationale, raw, parse_status, flagged) "
                                "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) "
                                "ON CONFLICT(run_id, prompt_id, test_model, judge_model, ord) DO UPDATE SET "
                                "request_key=excluded.request_key, style=excluded.style, logic=excluded.logic, "
                                "content=excluded.content, overall=excluded.overall, rationale=excluded.rationale, raw=excluded.raw, "
                                "parse_status=excluded.parse_status, flagged=excluded.flagged");
            s.bindAll(j.runId, j.promptId, j.dataset, j.testModel, j.refModel);
            s.bind(6, j.judgeModel).bind(7, judgeOrderName(j.order)).bind(8, j.requestKey);
            s.bind(9, j.style ? std::optional<int64_t>(*j.style) : std::nullopt);
            s.bind(10, j.logic ? std::optional<int64_t>(*j.logic) : std::nullopt);
            s.bind(11, j.content ? std::optional<int64_t>(*j.content) : std::nullopt);
            s.bind(12, j.overall).bind(13, j.rationale).bind(14, j.raw).bind(15, std::string(judgmentStatusName(j.status)));
            s.bind(16, int64_t(j.flagged ? 1 : 0)).run();
        },
        std::move(onDone));
}

/// The judgments SELECT. `rationale` and `raw` are column expressions, so that views which do not show
/// the judge's texts need not read them ('' reads nothing).
static std::string judgmentSelect(const char *rationale = "rationale", const char *raw = "raw")
{
    return std::string("SELECT id, run_id, prompt_id, dataset, test_model, ref_model, judge_model, ord, request_key, style, logic, "
                       "content, overall, ") +
           rationale + ", " + raw + ", parse_status, flagged FROM judgments ";
}

static std::vector<Judgment> readJudgments(sql::Stmt &s)
{
    std::vector<Judgment> out;
    while (s.step()) {
        Judgment j;
        j.id = s.i64(0);
        j.runId = s.i64(1);
        j.promptId = s.i64(2);
        j.dataset = s.text(3);
        j.testModel = s.text(4);
        j.refModel = s.text(5);
        j.judgeModel = s.text(6);
        const auto order = judgeOrderFromName(s.text(7));
        if (!order) // only this code writes the column: anything else is a damaged file
            throw sql::Error("judgment " + std::to_string(j.id) + " has an unknown order '" + s.text(7) + "'");
        j.order = *order;
        j.requestKey = s.text(8);
        if (!s.isNull(9))
            j.style = int(s.i64(9));
        if (!s.isNull(10))
            j.logic = int(s.i64(10));
        if (!s.isNull(11))
            j.content = int(s.i64(11));
        j.overall = s.optF64(12);
        j.rationale = s.text(13);
        j.raw = s.text(14);
        j.status = judgmentStatusFromName(s.text(15));
        j.flagged = s.i64(16) != 0;
        out.push_back(std::move(j));
    }
    return out;
}

std::vector<Judgment> Store::judgments(int64_t runId)
{
    auto s = reader().prepare(judgmentSelect() + "WHERE run_id=?1 ORDER BY id");
    s.bind(1, runId);
    return readJudgments(s);
}

std::vector<Judgment> Store::judgmentScores(int64_t runId)
{
    // The rationale only where the judgment failed: that is where it says why.
    auto s = reader().prepare(
        judgmentSelect("CASE WHEN parse_status NOT IN ('ok','repaired') OR overall IS NULL THEN rationale ELSE '' END", "''") +
        "WHERE run_id=?1 ORDER BY id");
    s.bind(1, runId);
    return readJudgments(s);
}

std::vector<Judgment> Store::judgmentsOf(int64_t runId, const std::string &testModel, const std::string &dataset)
{
    // No raw replies: the drill-down shows rationales, and raw replies would triple what is read.
    auto s = reader().prepare(judgmentSelect("rationale", "''") + "WHERE run_id=?1 AND test_model=?2 AND dataset=?3 ORDER BY id");
    s.bindAll(runId, testModel, dataset);
    return readJudgments(s);
}

std::vector<Judgment> Store::judgmentsOfPrompt(int64_t runId, int64_t promptId)
{
    auto s = reader().prepare(judgmentSelect() + "WHERE run_id=?1 AND prompt_id=?2 ORDER BY test_model, judge_model, ord");
    s.bind(1, runId).bind(2, promptId);
    return readJudgments(s);
}

} // namespace ds
