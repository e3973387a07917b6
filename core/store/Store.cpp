// The store's connections: opening (and migrating) the database, the per-thread readers, integrity and
// backup. The writer thread is in StoreWriter.cpp; the queries are in one file per aggregate
// (ModelQueries, DatasetQueries, ResponseQueries, RunQueries, RunLeases, JudgmentQueries, ComparePager).
#include "store/Store.h"

#include "store/Schema.h"
#include "store/Sql.h"
#include "store/StoreImpl.h"

#include <atomic>
#include <filesystem>

namespace ds {

sqlite3 *openConnection(const std::string &path, bool readOnly, std::string *error)
{
    sqlite3 *h = nullptr;
    const int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &h, flags, nullptr) != SQLITE_OK) {
        if (error)
            *error = "cannot open database " + path + ": " + (h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return nullptr;
    }
    sqlite3_busy_timeout(h, 5000);
    sqlite3_exec(h, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
    if (readOnly) // result views scan whole runs: map pages instead of copying each through pread
        sqlite3_exec(h, "PRAGMA mmap_size=268435456; PRAGMA cache_size=-16384", nullptr, nullptr, nullptr);
    return h;
}

namespace {

std::atomic<uint64_t> g_storeSerial{1};

/// Read connections are per thread and per store; closed when the thread ends.
struct ThreadReaders {
    std::unordered_map<uint64_t, sqlite3 *> conns;
    ~ThreadReaders()
    {
        for (auto &[id, h] : conns)
            sqlite3_close(h);
    }
};
thread_local ThreadReaders t_readers;

} // namespace

Store::Store() : d(std::make_unique<Impl>())
{
    d->serial = g_storeSerial++;
}

Store::~Store()
{
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->wake.notify_all();
    if (d->thread.joinable())
        d->thread.join();
    auto it = t_readers.conns.find(d->serial);
    if (it != t_readers.conns.end()) {
        sqlite3_close(it->second);
        t_readers.conns.erase(it);
    }
    sqlite3_close(d->writer);
}

int Store::schemaVersion()
{
    return int(schema::migrations().size());
}

const std::string &Store::path() const
{
    return d->path;
}

bool Store::checkIntegrity(std::string *error)
{
    std::string problems;
    try {
        sql::Stmt check(reader().handle(), "PRAGMA quick_check(5)");
        while (check.step())
            if (check.text(0) != "ok")
                problems += (problems.empty() ? "" : "; ") + check.text(0);
    } catch (const std::exception &e) {
        problems = e.what();
    }
    if (!problems.empty() && error)
        *error = d->path + ": the database is damaged (" + problems + "). Restore a backup, or recover what is readable with `sqlite3 " +
                 d->path + " .recover`";
    return problems.empty();
}

std::unique_ptr<Store> Store::open(const std::string &path, std::string *error)
{
    // A FIFO would block the open; a directory or device is never a database.
    std::error_code fsError;
    const auto type = std::filesystem::status(path, fsError).type();
    if (type != std::filesystem::file_type::not_found && type != std::filesystem::file_type::regular &&
        type != std::filesystem::file_type::none) {
        if (error)
            *error = path + ": not a regular file (a database is a plain file); nothing was opened";
        return nullptr;
    }
    std::unique_ptr<Store> s(new Store());
    s->d->path = path;
    s->d->writer = openConnection(path, false, error);
    if (!s->d->writer)
        return nullptr;
    sql::Db db(s->d->writer);
    try {
        int64_t existingId = 0;
        int version = 0;
        std::string foreignTables;
        try {
            sql::Stmt appId(db.handle(), "PRAGMA application_id");
            appId.step();
            existingId = appId.i64(0);
            sql::Stmt ver(db.handle(), "PRAGMA user_version");
            ver.step();
            version = int(ver.i64(0));
            sql::Stmt tables(db.handle(), "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name LIMIT 4");
            while (tables.step())
                foreignTables += (foreignTables.empty() ? "" : ", ") + tables.text(0);
        } catch (const sql::Error &e) {
            const std::string what = e.what();
            if (what.find("malformed") != std::string::npos || what.find("corrupt") != std::string::npos)
                throw sql::Error("the database is damaged (" + what +
                                 "); it was left untouched. Restore a backup, or recover what is "
                                 "readable with `sqlite3 " +
                                 path + " .recover`");
            throw sql::Error("not a DistillScope database (" + what + "); it was left untouched");
        } // statements finalized: an open read would block the switch to WAL
        // Only our own files, or brand-new empty ones, are ever migrated: another application's
        // SQLite file (no application_id of ours, yet tables or a schema version) stays untouched.
        if (existingId != 0 && existingId != schema::kApplicationId)
            throw sql::Error("not a DistillScope database (its application_id belongs to another program); it was left untouched");
        if (existingId == 0 && (version != 0 || !foreignTables.empty()))
            throw sql::Error("an SQLite database of another application (tables: " + (foreignTables.empty() ? "none" : foreignTables) +
                             "), not a DistillScope database; it was left untouched");
        if (version > schemaVersion())
            throw sql::Error("database schema v" + std::to_string(version) + " is newer than this DistillScope understands (v" +
                             std::to_string(schemaVersion()) + ")");
        db.exec("PRAGMA journal_mode=WAL");
        db.exec("PRAGMA synchronous=FULL");
        const auto &steps = schema::migrations();
        for (int v = version; v < int(steps.size()); ++v) {
            db.exec("BEGIN IMMEDIATE");
            try {
                if (steps[size_t(v)] && *steps[size_t(v)])
                    db.exec(steps[size_t(v)]);
                db.exec("PRAGMA user_version=" + std::to_string(v + 1));
                db.exec("PRAGMA application_id=" + std::to_string(schema::kApplicationId));
                db.exec("COMMIT");
            } catch (...) {
                db.exec("ROLLBACK");
                throw;
            }
        }
    } catch (const std::exception &e) {
        if (error)
            *error = path + ": " + e.what();
        return nullptr;
    }
    s->d->rememberFile();
    s->d->thread = std::thread([impl = s->d.get()] { impl->writerLoop(); });
    s->recoverAbandonedRuns();
    return s;
}

sql::Db &Store::reader()
{
    thread_local std::unordered_map<uint64_t, std::unique_ptr<sql::Db>> wrappers;
    auto it = t_readers.conns.find(d->serial);
    if (it == t_readers.conns.end()) {
        std::string err;
        sqlite3 *h = openConnection(d->path, true, &err);
        if (!h)
            throw sql::Error(err);
        it = t_readers.conns.emplace(d->serial, h).first;
        wrappers[d->serial] = std::make_unique<sql::Db>(h);
    }
    auto &w = wrappers[d->serial];
    if (!w || w->handle() != it->second)
        w = std::make_unique<sql::Db>(it->second);
    return *w;
}

bool Store::backupTo(const std::string &target, std::string *error)
{
    return execSync(
        [&](sql::Db &db) {
            // VACUUM cannot run inside a transaction: leave the batch transaction for a moment.
            db.exec("RELEASE item");
            db.exec("COMMIT");
            try {
                auto s = db.prepare("VACUUM INTO ?1");
                s.bind(1, target).run();
            } catch (...) {
                db.exec("BEGIN IMMEDIATE");
                db.exec("SAVEPOINT item");
                throw;
            }
            db.exec("BEGIN IMMEDIATE");
            db.exec("SAVEPOINT item");
        },
        error);
}

} // namespace ds
