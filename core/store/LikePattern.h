#pragma once
// LIKE patterns for searches. Private to core/store/.
#include <string>

namespace ds::sql {

/// A LIKE pattern matching `text` literally anywhere (use with ESCAPE '\': backslash escapes % and _).
inline std::string containsPattern(const std::string &text)
{
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

} // namespace ds::sql
