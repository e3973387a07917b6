#include "store/ModuleSchema.h"

#include "store/Sql.h"
#include "store/Store.h"

namespace ds {

namespace {

bool hasTable(sql::Db &db, const std::string &table)
{
    auto s = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1");
    s.bind(1, table);
    return s.step();
}

/// The module's version in `db`: its row in store_modules, else 1 when its legacy table exists, else 0.
int moduleVersion(sql::Db &db, const ModuleSchema &m)
{
    if (hasTable(db, "store_modules")) {
        auto s = db.prepare("SELECT version FROM store_modules WHERE name=?1");
        s.bind(1, m.name);
        if (s.step())
            return int(s.i64(0));
    }
    return !m.legacyTable.empty() && hasTable(db, m.legacyTable) ? 1 : 0;
}

} // namespace

bool ensureModuleSchema(Store &store, const ModuleSchema &m, std::string *error)
{
    const int newest = int(m.steps.size());
    auto fail = [&](const std::string &why) {
        if (error)
            *error = store.path() + ": " + why;
        return false;
    };
    auto tooNew = [&](int version) {
        return "the " + m.name + " tables are at v" + std::to_string(version) + ", newer than this DistillScope understands (v" +
               std::to_string(newest) + ")";
    };
    try {
        const int version = moduleVersion(store.reader(), m);
        if (version > newest)
            return fail(tooNew(version));
        if (version == newest)
            return true;
    } catch (const std::exception &e) {
        return fail(e.what());
    }
    std::string err;
    const bool ok = store.execSync(
        [&](sql::Db &db) {
            // Again inside the write transaction: another process may have migrated meanwhile.
            const int from = moduleVersion(db, m);
            if (from > newest)
                throw sql::Error(tooNew(from));
            if (from == newest)
                return;
            db.exec("CREATE TABLE IF NOT EXISTS store_modules (name TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            for (int v = from; v < newest; ++v)
                if (m.steps[size_t(v)] && *m.steps[size_t(v)])
                    db.exec(m.steps[size_t(v)]);
            auto s = db.prepare("INSERT INTO store_modules(name, version) VALUES(?1, ?2) "
                                "ON CONFLICT(name) DO UPDATE SET version=excluded.version");
            s.bind(1, m.name).bind(2, newest).run();
        },
        &err);
    return ok || fail("cannot bring the " + m.name + " tables up to date: " + err);
}

} // namespace ds
