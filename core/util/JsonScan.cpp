#include "util/JsonScan.h"

namespace ds {

size_t balancedObjectEnd(std::string_view s, size_t start, size_t &work)
{
    int depth = 0;
    bool inString = false, escaped = false;
    for (size_t i = start; i < s.size(); ++i) {
        ++work;
        const char c = s[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

} // namespace ds
