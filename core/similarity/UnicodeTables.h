#pragma once
// Unicode tables generated from Python (see gen_unicode_tables.py) so that tokenization matches
// Python's `re` \w and str.lower() - and thereby scikit-learn - exactly.
#include <cstddef>
#include <cstdint>

namespace ds::similarity::unicode {

struct CodeRange {
    char32_t first, last;
};
struct LowerPair {
    char32_t from, to;
};
struct LowerMulti {
    char32_t from;
    char32_t to[3];
    int count;
};

extern const CodeRange kWordRanges[]; ///< sorted, disjoint: str.isalnum() or '_'
extern const std::size_t kWordRangeCount;
extern const LowerPair kLowerSingle[]; ///< sorted by `from`: one-code-point lowercase mappings
extern const std::size_t kLowerSingleCount;
extern const LowerMulti kLowerMulti[]; ///< the few mappings to several code points (U+0130)
extern const std::size_t kLowerMultiCount;

} // namespace ds::similarity::unicode
