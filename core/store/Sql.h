#pragma once
// Thin RAII wrapper over the SQLite C API. Only code under core/store/ includes this header:
// the store component owns all SQL.
#include <cstdint>
#include <optional>
#include <sqlite3.h>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ds::sql {

/// A prepared statement. Bind indexes are 1-based, column indexes 0-based (as in SQLite).
class Stmt {
public:
    Stmt(sqlite3 *db, std::string_view sql);
    ~Stmt();
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    Stmt(Stmt &&o) noexcept : m_db(o.m_db), m_st(o.m_st) { o.m_st = nullptr; }

    Stmt &bind(int i, std::nullptr_t);
    Stmt &bind(int i, int64_t v);
    Stmt &bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Stmt &bind(int i, double v);
    Stmt &bind(int i, std::string_view v);
    Stmt &bind(int i, const std::string &v) { return bind(i, std::string_view(v)); }
    Stmt &bind(int i, const char *v) { return bind(i, std::string_view(v)); }
    template <class T> Stmt &bind(int i, const std::optional<T> &v) { return v ? bind(i, *v) : bind(i, nullptr); }
    /// Binds `vs` to ?1..?N in order: an INSERT's values listed once, in the order of its columns.
    template <class... Ts> Stmt &bindAll(const Ts &...vs)
    {
        int i = 0;
        (bind(++i, vs), ...);
        return *this;
    }

    /// Advances; true while a row is available. Throws sql::Error on failure.
    bool step();
    /// Runs to completion (for statements without rows).
    void run();
    void reset();

    int64_t i64(int col) const;
    double f64(int col) const;
    std::string text(int col) const;
    bool isNull(int col) const;
    std::optional<int64_t> optI64(int col) const;
    std::optional<double> optF64(int col) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_st = nullptr;
};

/// Thrown by Stmt/Db on SQLite errors. Writes catch it on the writer thread (Store::post reports the
/// reason, execSync returns it); reads let it through to the front ends, which name the damaged file.
struct Error : std::runtime_error {
    explicit Error(const std::string &what, int code = 0) : std::runtime_error(what), code(code) {}
    int code; ///< SQLite extended result code (0 when not from SQLite)
};

/// One connection. Used only by the thread that opened it.
class Db {
public:
    explicit Db(sqlite3 *h) : m_h(h) {}
    sqlite3 *handle() const { return m_h; }
    void exec(std::string_view sql);
    Stmt prepare(std::string_view sql) { return Stmt(m_h, sql); }
    int64_t lastInsertId() const { return sqlite3_last_insert_rowid(m_h); }
    int changes() const { return sqlite3_changes(m_h); }

private:
    sqlite3 *m_h;
};

} // namespace ds::sql
