#include "store/BatchLedger.h"

#include "store/Sql.h"
#include "store/Store.h"

namespace ds {

int64_t BatchLedger::record(int64_t runId, const std::string &model, const std::string &provider, const std::string &batchId,
                            const std::vector<std::string> &keys, std::string *error)
{
    int64_t row = 0;
    const bool ok = m_store.execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("INSERT INTO batches(run_id, model, provider, batch_id) VALUES(?1,?2,?3,?4)");
            s.bind(1, runId).bind(2, model).bind(3, provider).bind(4, batchId).run();
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

std::optional<BatchLedger::Open> BatchLedger::openBatchFor(int64_t runId, const std::string &model, const std::string &key)
{
    auto s = m_store.reader().prepare("SELECT b.id, b.batch_id FROM batch_items i JOIN batches b ON b.id = i.batch "
                                      "WHERE i.request_key=?1 AND b.run_id=?2 AND b.model=?3 AND b.state='submitted' "
                                      "ORDER BY b.id DESC LIMIT 1");
    s.bind(1, key).bind(2, runId).bind(3, model);
    if (!s.step())
        return std::nullopt;
    return Open{s.i64(0), s.text(1)};
}

void BatchLedger::markRead(int64_t row)
{
    m_store.post([row](sql::Db &db) { db.prepare("UPDATE batches SET state='read' WHERE id=?1").bind(1, row).run(); });
}

} // namespace ds
