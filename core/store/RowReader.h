#pragma once
// A record's SELECT columns and the reading of a row into it, written once as one table: the column
// list a query selects and the order the reader expects cannot drift apart, and every record type
// is read by the same loop instead of its own column-by-column copy. Private to core/store/, like
// Sql.h.
#include "store/Sql.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace ds::sql {

/// Column `col` of the current row into `v`; NULL reads as 0, "" or nullopt.
inline void readColumn(const Stmt &s, int col, std::string &v)
{
    v = s.text(col);
}
inline void readColumn(const Stmt &s, int col, int64_t &v)
{
    v = s.i64(col);
}
inline void readColumn(const Stmt &s, int col, int &v)
{
    v = int(s.i64(col));
}
inline void readColumn(const Stmt &s, int col, bool &v)
{
    v = s.i64(col) != 0;
}
inline void readColumn(const Stmt &s, int col, double &v)
{
    v = s.f64(col);
}
inline void readColumn(const Stmt &s, int col, std::optional<int64_t> &v)
{
    v = s.optI64(col);
}

/// Reads a column straight into the member M: `{"name", member<&ModelConfig::name>}`.
template <auto M, class T> void member(T &record, const Stmt &s, int col)
{
    readColumn(s, col, record.*M);
}

template <class T> class RowReader {
public:
    using Read = void (*)(T &, const Stmt &, int);
    struct Column {
        const char *name; ///< a column, or any SQL expression when list() is called without an alias
        Read read;
    };
    RowReader(std::initializer_list<Column> columns) : m_columns(columns) {}

    /// The columns for a SELECT list, in reading order: "a, b" or, with `alias` "r", "r.a, r.b".
    std::string list(std::string_view alias = {}) const
    {
        std::string out;
        for (const Column &c : m_columns) {
            if (!out.empty())
                out += ", ";
            if (!alias.empty())
                out.append(alias).append(".");
            out += c.name;
        }
        return out;
    }
    /// The current row of a statement that selected list(), from its first column.
    T read(const Stmt &s) const
    {
        T record;
        int col = 0;
        for (const Column &c : m_columns)
            c.read(record, s, col++);
        return record;
    }

private:
    std::vector<Column> m_columns;
};

} // namespace ds::sql
