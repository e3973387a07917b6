#include "store/Sql.h"

namespace ds::sql {

static void check(sqlite3 *db, int rc, std::string_view what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw Error(std::string(what) + ": " + sqlite3_errmsg(db), sqlite3_extended_errcode(db));
}

Stmt::Stmt(sqlite3 *db, std::string_view sql) : m_db(db)
{
    check(db, sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &m_st, nullptr), "prepare");
}

Stmt::~Stmt()
{
    if (m_st)
        sqlite3_finalize(m_st);
}

Stmt &Stmt::bind(int i, std::nullptr_t)
{
    check(m_db, sqlite3_bind_null(m_st, i), "bind");
    return *this;
}

Stmt &Stmt::bind(int i, int64_t v)
{
    check(m_db, sqlite3_bind_int64(m_st, i, v), "bind");
    return *this;
}

Stmt &Stmt::bind(int i, double v)
{
    check(m_db, sqlite3_bind_double(m_st, i, v), "bind");
    return *this;
}

Stmt &Stmt::bind(int i, std::string_view v)
{
    check(m_db, sqlite3_bind_text(m_st, i, v.data(), int(v.size()), SQLITE_TRANSIENT), "bind");
    return *this;
}

bool Stmt::step()
{
    const int rc = sqlite3_step(m_st);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    throw Error(std::string("step: ") + sqlite3_errmsg(m_db), sqlite3_extended_errcode(m_db));
}

void Stmt::run()
{
    while (step()) {
    }
    reset();
}

void Stmt::reset()
{
    sqlite3_reset(m_st);
    sqlite3_clear_bindings(m_st);
}

int64_t Stmt::i64(int col) const
{
    return sqlite3_column_int64(m_st, col);
}
double Stmt::f64(int col) const
{
    return sqlite3_column_double(m_st, col);
}

std::string Stmt::text(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_st, col));
    return p ? std::string(p, size_t(sqlite3_column_bytes(m_st, col))) : std::string();
}

bool Stmt::isNull(int col) const
{
    return sqlite3_column_type(m_st, col) == SQLITE_NULL;
}

std::optional<int64_t> Stmt::optI64(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return i64(col);
}

std::optional<double> Stmt::optF64(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return f64(col);
}

void Db::exec(std::string_view sql)
{
    char *msg = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(m_h, s.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string e = msg ? msg : "unknown error";
        sqlite3_free(msg);
        throw Error(e, sqlite3_extended_errcode(m_h));
    }
}

} // namespace ds::sql
