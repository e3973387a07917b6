// The store's writer thread: group commit of queued writes, and the health of the storage (the first
// failed write is sticky, so that a run stops instead of reporting success over lost results).
#include "store/Sql.h"
#include "store/StoreImpl.h"

#include <sys/stat.h>

namespace ds {

namespace {

/// Names the cause of a failed write in the user's words, keeping SQLite's text after it.
std::string describeWriteFailure(const std::exception &e)
{
    const auto *se = dynamic_cast<const sql::Error *>(&e);
    const int code = se ? se->code & 0xff : 0;
    const char *cause = code == SQLITE_FULL       ? "disk full"
                        : code == SQLITE_READONLY ? "database is read-only"
                        : code == SQLITE_IOERR    ? "I/O error"
                        : code == SQLITE_TOOBIG   ? "row too big"
                        : code == SQLITE_CORRUPT  ? "database is corrupted"
                        : code == SQLITE_CANTOPEN ? "cannot open the database file"
                        : code == SQLITE_NOMEM    ? "out of memory"
                                                  : nullptr;
    return cause ? std::string(cause) + " (" + e.what() + ")" : std::string(e.what());
}

} // namespace

void Store::Impl::setHealth(const std::string &error)
{
    std::lock_guard lock(mutex);
    if (health.empty())
        health = error;
}

void Store::Impl::rememberFile()
{
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        fileDevice = st.st_dev;
        fileInode = st.st_ino;
    }
}

std::string Store::Impl::checkFile() const
{
    if (path.empty() || path == ":memory:" || fileInode == 0)
        return {};
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return "database file was deleted (" + path + ")";
    if (st.st_dev != fileDevice || st.st_ino != fileInode)
        return "database file was replaced by another file (" + path + ")";
    return {};
}

void Store::Impl::writerLoop()
{
    for (;;) {
        std::deque<WriteItem> batch;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [&] { return stopping || !queue.empty(); });
            if (queue.empty() && stopping)
                return;
            batch.swap(queue);
        }
        commitBatch(batch);
        {
            std::lock_guard lock(mutex);
            committed += batch.size();
        }
        drained.notify_all();
    }
}

void Store::Impl::commitBatch(std::deque<WriteItem> &batch)
{
    // One transaction for the whole batch (one fsync); each item in a savepoint so a failing item
    // cannot take the others down with it.
    sql::Db db(writer);
    std::vector<std::string> errors(batch.size());
    bool began = true;
    try {
        db.exec("BEGIN IMMEDIATE");
    } catch (const sql::Error &e) {
        began = false;
        for (auto &err : errors)
            err = "cannot start a transaction: " + describeWriteFailure(e);
    }
    if (began) {
        for (size_t i = 0; i < batch.size(); ++i) {
            try {
                db.exec("SAVEPOINT item");
                batch[i].fn(db);
                db.exec("RELEASE item");
            } catch (const std::exception &e) {
                errors[i] = describeWriteFailure(e);
                try {
                    db.exec("ROLLBACK TO item");
                    db.exec("RELEASE item");
                } catch (...) {
                }
            }
        }
        try {
            db.exec("COMMIT");
        } catch (const sql::Error &e) {
            try {
                db.exec("ROLLBACK");
            } catch (...) {
            }
            for (auto &err : errors)
                if (err.empty())
                    err = "commit failed: " + describeWriteFailure(e);
        }
    }
    // SQLite keeps writing to a deleted file's inode without an error: nothing written is reachable.
    if (const std::string gone = checkFile(); !gone.empty())
        for (auto &err : errors)
            if (err.empty())
                err = gone;
    for (size_t i = 0; i < batch.size(); ++i) {
        // Fire-and-forget writes have no caller to tell but the health; execSync callers get the error.
        if (!errors[i].empty() && !batch[i].done)
            setHealth(errors[i]);
        if (batch[i].onDone)
            batch[i].onDone(errors[i]);
        if (batch[i].done)
            batch[i].done->set_value(errors[i]);
    }
}

void Store::post(std::function<void(sql::Db &)> fn, std::function<void(const std::string &)> onDone)
{
    {
        std::lock_guard lock(d->mutex);
        d->queue.push_back({std::move(fn), std::move(onDone), nullptr});
        ++d->posted;
    }
    d->wake.notify_one();
}

bool Store::execSync(const std::function<void(sql::Db &)> &fn, std::string *error)
{
    std::promise<std::string> done;
    auto result = done.get_future();
    {
        std::lock_guard lock(d->mutex);
        d->queue.push_back({fn, {}, &done});
        ++d->posted;
    }
    d->wake.notify_one();
    const std::string e = result.get();
    if (!e.empty() && error)
        *error = e;
    return e.empty();
}

std::string Store::flush()
{
    std::unique_lock lock(d->mutex);
    const uint64_t target = d->posted;
    d->drained.wait(lock, [&] { return d->committed >= target; });
    return d->health;
}

std::string Store::health() const
{
    std::lock_guard lock(d->mutex);
    return d->health;
}

void Store::resetHealth()
{
    std::lock_guard lock(d->mutex);
    d->health.clear();
}

} // namespace ds
