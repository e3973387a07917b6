// The ICE module's store unit: the one file that writes SQL for the ICE tables, on the store's
// connections (post / execSync / reader) and its module migrations (store/ModuleSchema.h).
#include "ice/IceStore.h"

#include "ice/IceSchema.h"
#include "store/ModuleSchema.h"
#include "store/Sql.h"
#include "store/Store.h"

#include <functional>
#include <map>

namespace ds {
using namespace ice;

namespace {

const char *kUpsertTemplate =
    "INSERT INTO ice_templates(run_id, idx, text, origin, operator, parent_idx, iteration, in_final, names_vendor, note) "
    "VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(run_id, idx) DO UPDATE SET text=excluded.text, origin=excluded.origin, "
    "operator=excluded.operator, parent_idx=excluded.parent_idx, iteration=excluded.iteration, "
    "in_final=excluded.in_final, names_vendor=excluded.names_vendor, note=excluded.note";

void writeTemplate(sql::Db &db, int64_t runId, const IceTemplateRow &t)
{
    db.prepare(kUpsertTemplate)
        .bindAll(runId, t.idx, t.text, t.origin, t.op, t.parentIdx, t.iteration, t.inFinal ? 1 : 0, t.namesVendor ? 1 : 0, t.note)
        .run();
}

void writeQuestion(sql::Db &db, int64_t runId, const IceQuestionRow &q)
{
    db.prepare("INSERT INTO ice_questions(run_id, idx, qid, text, language, aspect) VALUES(?,?,?,?,?,?) "
               "ON CONFLICT(run_id, idx) DO UPDATE SET qid=excluded.qid, text=excluded.text, "
               "language=excluded.language, aspect=excluded.aspect")
        .bindAll(runId, q.idx, q.qid, q.text, q.language, q.aspect)
        .run();
}

void writeItem(sql::Db &db, int64_t runId, const IceItem &it)
{
    // An ok item is never replaced by an error (a failed retry must not erase a stored answer).
    db.prepare("INSERT INTO ice_items(run_id, template_idx, question_idx, prompt, response, response_key, status, error) "
               "VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(run_id, template_idx, question_idx) DO UPDATE SET "
               "prompt=excluded.prompt, response=excluded.response, response_key=excluded.response_key, "
               "status=excluded.status, error=excluded.error WHERE ice_items.status <> 'ok' OR excluded.status = 'ok'")
        .bindAll(runId, it.templateIdx, it.questionIdx, it.prompt, it.response, it.responseKey, answerStatusName(it.status), it.error)
        .run();
}

std::optional<int> optBool(const std::optional<bool> &b)
{
    return b ? std::optional<int>(*b ? 1 : 0) : std::nullopt;
}

void writeLabel(sql::Db &db, int64_t runId, int t, int q, const IceLabel &l)
{
    db.prepare("INSERT INTO ice_labels(item_id, judge, loose, strict, vendor, parse_status, reason, raw) "
               "SELECT id, ?, ?, ?, ?, ?, ?, ? FROM ice_items WHERE run_id=? AND template_idx=? AND question_idx=? "
               "ON CONFLICT(item_id, judge) DO UPDATE SET loose=excluded.loose, strict=excluded.strict, "
               "vendor=excluded.vendor, parse_status=excluded.parse_status, reason=excluded.reason, raw=excluded.raw")
        .bindAll(l.judge, optBool(l.loose), optBool(l.strict), l.vendor, judgmentStatusName(l.status), l.reason, l.raw, runId, t, q)
        .run();
}

const ModuleSchema &iceSchema()
{
    static const ModuleSchema schema{"ice", {kIceSchemaV1, kIceSchemaV2}, "ice_templates"};
    return schema;
}

bool refuse(const std::string &why, std::string *error)
{
    if (error)
        *error = why;
    return false;
}

/// Posts `fn`, or, when the tables are not there (`why`), a write that fails with the reason, so that
/// the store's health names it instead of "no such table".
void postWrite(Store &store, const std::string &why, std::function<void(sql::Db &)> fn)
{
    if (why.empty())
        store.post(std::move(fn));
    else
        store.post([why](sql::Db &) { throw sql::Error(why); });
}

/// Reads throw, as every store read does when the file cannot serve them.
void requireTables(const std::string &why)
{
    if (!why.empty())
        throw sql::Error(why);
}

} // namespace

std::string IceStore::tables()
{
    if (m_tablesReady)
        return {};
    std::string why;
    if (!ensureModuleSchema(m_store, iceSchema(), &why))
        return why;
    m_tablesReady = true;
    return {};
}

template <class Row, class Write> bool IceStore::writeAll(int64_t runId, const std::vector<Row> &rows, Write write, std::string *error)
{
    if (const std::string why = tables(); !why.empty())
        return refuse(why, error);
    return m_store.execSync(
        [&](sql::Db &db) {
            for (const auto &row : rows)
                write(db, runId, row);
        },
        error);
}

bool IceStore::putTemplates(int64_t runId, const std::vector<IceTemplateRow> &ts, std::string *error)
{
    return writeAll(runId, ts, writeTemplate, error);
}

void IceStore::putTemplate(int64_t runId, const IceTemplateRow &t)
{
    postWrite(m_store, tables(), [runId, t](sql::Db &db) { writeTemplate(db, runId, t); });
}

std::vector<IceTemplateRow> IceStore::templates(int64_t runId)
{
    requireTables(tables());
    auto st = m_store.reader().prepare("SELECT idx, text, origin, operator, parent_idx, iteration, in_final, names_vendor, "
                                       "note FROM ice_templates WHERE run_id=? ORDER BY idx");
    st.bind(1, runId);
    std::vector<IceTemplateRow> out;
    while (st.step()) {
        IceTemplateRow t;
        t.idx = static_cast<int>(st.i64(0));
        t.text = st.text(1);
        t.origin = st.text(2);
        t.op = st.text(3);
        t.parentIdx = static_cast<int>(st.i64(4));
        t.iteration = static_cast<int>(st.i64(5));
        t.inFinal = st.i64(6) != 0;
        t.namesVendor = st.i64(7) != 0;
        t.note = st.text(8);
        out.push_back(std::move(t));
    }
    return out;
}

bool IceStore::putQuestions(int64_t runId, const std::vector<IceQuestionRow> &qs, std::string *error)
{
    return writeAll(runId, qs, writeQuestion, error);
}

std::vector<IceQuestionRow> IceStore::questions(int64_t runId)
{
    requireTables(tables());
    auto st = m_store.reader().prepare("SELECT idx, qid, text, language, aspect FROM ice_questions WHERE run_id=? ORDER BY idx");
    st.bind(1, runId);
    std::vector<IceQuestionRow> out;
    while (st.step())
        out.push_back({static_cast<int>(st.i64(0)), st.text(1), st.text(2), st.text(3), st.text(4)});
    return out;
}

void IceStore::putItem(int64_t runId, const IceItem &item)
{
    postWrite(m_store, tables(), [runId, item](sql::Db &db) { writeItem(db, runId, item); });
}

void IceStore::putLabel(int64_t runId, int templateIdx, int questionIdx, const IceLabel &label)
{
    postWrite(m_store, tables(), [=](sql::Db &db) { writeLabel(db, runId, templateIdx, questionIdx, label); });
}

bool IceStore::importRun(int64_t runId, const std::vector<IceTemplateRow> &ts, const std::vector<IceQuestionRow> &qs,
                         const std::vector<IceItem> &items, std::string *error)
{
    if (const std::string why = tables(); !why.empty())
        return refuse(why, error);
    return m_store.execSync(
        [&](sql::Db &db) {
            for (const auto &t : ts)
                writeTemplate(db, runId, t);
            for (const auto &q : qs)
                writeQuestion(db, runId, q);
            for (const auto &it : items) {
                writeItem(db, runId, it);
                for (const auto &l : it.labels)
                    writeLabel(db, runId, it.templateIdx, it.questionIdx, l);
            }
        },
        error);
}

bool IceStore::importLabelColumn(int64_t runId, const std::string &judge, const std::string &column,
                                 const std::vector<std::tuple<int, int, bool>> &values, std::string *error)
{
    if (column != "loose" && column != "strict") {
        if (error)
            *error = "label column must be loose or strict";
        return false;
    }
    if (const std::string why = tables(); !why.empty())
        return refuse(why, error);
    // One fixed statement per column, rather than the column's name spliced into the SQL.
    const char *sql = column == "loose" ? "INSERT INTO ice_labels(item_id, judge, loose) SELECT id, ?, ? FROM ice_items "
                                          "WHERE run_id=? AND template_idx=? AND question_idx=? "
                                          "ON CONFLICT(item_id, judge) DO UPDATE SET loose=excluded.loose"
                                        : "INSERT INTO ice_labels(item_id, judge, strict) SELECT id, ?, ? FROM ice_items "
                                          "WHERE run_id=? AND template_idx=? AND question_idx=? "
                                          "ON CONFLICT(item_id, judge) DO UPDATE SET strict=excluded.strict";
    return m_store.execSync(
        [&](sql::Db &db) {
            auto st = db.prepare(sql);
            for (const auto &[t, q, v] : values) {
                st.reset();
                st.bindAll(judge, v ? 1 : 0, runId, t, q).run();
            }
        },
        error);
}

std::vector<IceItem> IceStore::items(int64_t runId)
{
    requireTables(tables());
    sql::Db &db = m_store.reader();
    std::vector<IceItem> out;
    std::map<int64_t, size_t> byId;
    auto st = db.prepare("SELECT i.id, i.template_idx, i.question_idx, i.prompt, i.response, i.response_key, i.status, i.error, "
                         "COALESCE(t.text,''), COALESCE(t.names_vendor,0), COALESCE(q.text,''), COALESCE(q.language,''), "
                         "COALESCE(q.aspect,'') FROM ice_items i "
                         "LEFT JOIN ice_templates t ON t.run_id=i.run_id AND t.idx=i.template_idx "
                         "LEFT JOIN ice_questions q ON q.run_id=i.run_id AND q.idx=i.question_idx "
                         "WHERE i.run_id=? ORDER BY i.template_idx, i.question_idx");
    st.bind(1, runId);
    while (st.step()) {
        IceItem it;
        it.id = st.i64(0);
        it.templateIdx = static_cast<int>(st.i64(1));
        it.questionIdx = static_cast<int>(st.i64(2));
        it.prompt = st.text(3);
        it.response = st.text(4);
        it.responseKey = st.text(5);
        it.status = answerStatusFromName(st.text(6));
        it.error = st.text(7);
        it.templateText = st.text(8);
        it.templateNamesVendor = st.i64(9) != 0;
        it.question = st.text(10);
        it.language = st.text(11);
        it.aspect = st.text(12);
        byId[it.id] = out.size();
        out.push_back(std::move(it));
    }
    auto ls = db.prepare("SELECT l.item_id, l.judge, l.loose, l.strict, l.vendor, l.parse_status, l.reason, l.raw "
                         "FROM ice_labels l JOIN ice_items i ON i.id=l.item_id WHERE i.run_id=? ORDER BY l.judge");
    ls.bind(1, runId);
    while (ls.step()) {
        auto f = byId.find(ls.i64(0));
        if (f == byId.end())
            continue;
        IceLabel l;
        l.judge = ls.text(1);
        if (auto v = ls.optI64(2))
            l.loose = *v != 0;
        if (auto v = ls.optI64(3))
            l.strict = *v != 0;
        l.vendor = ls.text(4);
        l.status = judgmentStatusFromName(ls.text(5));
        l.reason = ls.text(6);
        l.raw = ls.text(7);
        out[f->second].labels.push_back(std::move(l));
    }
    return out;
}

std::vector<std::string> IceStore::judges(int64_t runId)
{
    requireTables(tables());
    auto st = m_store.reader().prepare("SELECT DISTINCT l.judge FROM ice_labels l JOIN ice_items i ON i.id=l.item_id "
                                       "WHERE i.run_id=? ORDER BY l.judge");
    st.bind(1, runId);
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

} // namespace ds
