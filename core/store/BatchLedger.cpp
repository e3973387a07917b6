#include "store/BatchLedger.h"

#include "store/Sql.h"
#include "store/Store.h"

#include <chrono>

namespace ds {

int64_t BatchLedger::intend(int64_t runId, const std::string &model, const std::string &provider, const std::string &tag,
                            const std::vector<std::string> &keys, std::string *error)
{
    int64_t row = 0;
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const bool ok = m_store.execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("INSERT INTO batches(run_id, model, provider, batch_id, state, tag, intended_at, requests) "
                                "VALUES(?1,?2,?3,'','submitting',?4,?5,?6)");
            s.bindAll(runId, model, provider, tag, now, int64_t(keys.size())).run();
            row = db.lastInsertId();
            auto k = db.prepare("INSERT OR IGNORE INTO batch_items(batch, request_key) VALUES(?1,?2)");
            for (const auto &key : keys) {
                k.bind(1, row).bind(2, key).run();
                k.reset();
            }
        },
        error);
    return ok ? row : 0;
}

bool BatchLedger::confirm(int64_t row, const std::string &batchId, std::string *error)
{
    return m_store.execSync(
        [&](sql::Db &db) {
            db.prepare("UPDATE batches SET batch_id=?2, state='submitted' WHERE id=?1").bind(1, row).bind(2, batchId).run();
        },
        error);
}

bool BatchLedger::abandon(int64_t row, std::string *error)
{
    return m_store.execSync([&](sql::Db &db) { db.prepare("UPDATE batches SET state='unsent' WHERE id=?1").bind(1, row).run(); }, error);
}

int BatchLedger::abandonUnconfirmed(int64_t runId, std::string *error)
{
    int n = 0;
    const bool ok = m_store.execSync(
        [&](sql::Db &db) {
            db.prepare("UPDATE batches SET state='unsent' WHERE run_id=?1 AND state='submitting'").bind(1, runId).run();
            n = db.changes();
        },
        error);
    return ok ? n : -1;
}

std::set<std::string> BatchLedger::recordedBatchIds(const std::string &provider)
{
    std::set<std::string> out;
    auto s = m_store.reader().prepare("SELECT batch_id FROM batches WHERE provider=?1 AND batch_id <> ''");
    s.bind(1, provider);
    while (s.step())
        out.insert(s.text(0));
    return out;
}

std::optional<BatchLedger::Open> BatchLedger::openBatchFor(int64_t runId, const std::string &model, const std::string &key)
{
    // Any run's batch will do (the key fixes the request), this run's first.
    auto s = m_store.reader().prepare("SELECT b.id, b.batch_id, b.tag, b.intended_at, b.requests, b.run_id FROM batch_items i "
                                      "JOIN batches b ON b.id = i.batch "
                                      "WHERE i.request_key=?1 AND b.model=?3 AND b.state IN ('submitted','submitting') "
                                      "ORDER BY b.run_id = ?2 DESC, b.id DESC LIMIT 1");
    s.bindAll(key, runId, model);
    if (!s.step())
        return std::nullopt;
    return Open{s.i64(0), s.text(1), s.text(2), s.i64(3), s.i64(4), s.i64(5)};
}

void BatchLedger::markRead(int64_t row)
{
    m_store.post([row](sql::Db &db) { db.prepare("UPDATE batches SET state='read' WHERE id=?1").bind(1, row).run(); });
}

} // namespace ds
