#pragma once
// The store's private state, shared by the files that implement Store (Store.cpp: opening, migrating
// and the read connections; StoreWriter.cpp: the writer thread and its health; RunLeases.cpp: run
// leases; one file of queries per aggregate). Only code under core/store/ includes this header.
#include "store/Store.h"

#include <sqlite3.h>
#include <sys/types.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>

namespace ds {
namespace sql {
class Db;
}

struct WriteItem {
    std::function<void(sql::Db &)> fn;
    std::function<void(const std::string &)> onDone; ///< after the commit: "" = committed, else why not
    std::promise<std::string> *done = nullptr;       ///< execSync: set after the commit, "" = ok
};

struct Store::Impl {
    std::string path;
    uint64_t serial = 0;
    sqlite3 *writer = nullptr;
    std::thread thread;
    std::mutex mutex; // guards everything below
    std::condition_variable wake;
    std::condition_variable drained;
    std::deque<WriteItem> queue;
    uint64_t posted = 0, committed = 0;
    bool stopping = false;
    /// The first failed write (sticky until resetHealth()); "" while every write landed.
    std::string health;
    /// The database file as opened: a deleted or replaced file is a storage failure, although SQLite
    /// goes on writing to the unlinked inode without an error.
    dev_t fileDevice = 0;
    ino_t fileInode = 0;

    void writerLoop();
    void commitBatch(std::deque<WriteItem> &batch);
    void setHealth(const std::string &error);
    /// "" when the file at `path` is still the one opened, else the storage failure.
    std::string checkFile() const;
    void rememberFile();
};

/// Opens one connection with the store's settings. nullptr + *error on failure.
sqlite3 *openConnection(const std::string &path, bool readOnly, std::string *error);

} // namespace ds
