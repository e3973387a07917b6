#pragma once
// Numbered SQL placeholders for a list of values ("?7,?8,?9") and the binding of those values, so that
// no query builds its parameter list by splicing "?" into SQL text. Private to core/store/, like Sql.h.
#include "store/Sql.h"

#include <cstddef>
#include <span>
#include <string>

namespace ds::sql {

/// `count` placeholders numbered from `first` (1-based, as SQLite binds): ?first .. ?first+count-1.
/// A query states its fixed parameters first and puts a list after them; next() is where the
/// parameters after the list start.
class Placeholders {
public:
    Placeholders(int first, std::size_t count) : m_first(first), m_count(count) {}

    std::size_t size() const { return m_count; }
    /// The bind index of the k-th placeholder.
    int index(std::size_t k) const { return m_first + int(k); }
    /// The k-th placeholder ("?first+k"), for a value used on its own in the SQL.
    std::string operator[](std::size_t k) const { return "?" + std::to_string(index(k)); }
    /// All of them, comma-separated, for an IN list ("?7,?8,?9"; "" when there are none, and SQLite's
    /// "x IN ()" is false).
    std::string list() const;
    /// The first bind index after these.
    int next() const { return m_first + int(m_count); }

    /// Binds values[k] to placeholder k; values.size() must be size().
    template <class T> void bind(Stmt &s, std::span<const T> values) const
    {
        for (std::size_t k = 0; k < values.size() && k < m_count; ++k)
            s.bind(index(k), values[k]);
    }

private:
    int m_first;
    std::size_t m_count;
};

} // namespace ds::sql
