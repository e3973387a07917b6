#pragma once
// Finding a JSON object's extent in text without parsing it (judge replies, the head of a large file).
#include <cstddef>
#include <string_view>

namespace ds {

/// End (one past the closing brace) of the balanced {...} starting at `start`, honouring JSON
/// strings so braces inside them do not count; npos when it never closes. Adds the bytes read to
/// `work` (callers bound their total work with it).
size_t balancedObjectEnd(std::string_view s, size_t start, size_t &work);

} // namespace ds
