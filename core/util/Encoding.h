#pragma once
// Text encodings at the import boundary: everything stored is valid UTF-8. Files in another
// encoding are refused with the place of the first bad byte, or converted when the user names
// the encoding (Latin-1, Windows-1252).
#include <cstddef>
#include <string>
#include <string_view>

namespace ds {

/// Offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF count as malformed); npos when `s` is valid.
size_t firstInvalidUtf8(std::string_view s);

/// Where that byte is, for a message: "line 12, column 7 (byte 0xE9)". Line and column are 1-based.
std::string describeBytePosition(std::string_view s, size_t offset);

/// Decodes `s` from `encoding` ("latin1" / "iso-8859-1" or "windows-1252" / "cp1252") to UTF-8.
/// False + *error for an unknown encoding, or for a Windows-1252 byte with no character.
bool convertToUtf8(std::string_view s, std::string_view encoding, std::string *out, std::string *error);

} // namespace ds
