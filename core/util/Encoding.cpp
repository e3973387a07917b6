#include "util/Encoding.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace ds {

size_t firstInvalidUtf8(std::string_view s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; // no overlong forms
            if (c == 0xED)
                hi = 0x9F; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F; // nothing above U+10FFFF
        } else {
            return i;
        }
        if (i + len > n || p[i + 1] < lo || p[i + 1] > hi)
            return i;
        for (size_t k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string describeBytePosition(std::string_view s, size_t offset)
{
    offset = std::min(offset, s.size());
    const size_t line = 1 + size_t(std::count(s.begin(), s.begin() + std::ptrdiff_t(offset), '\n'));
    const size_t lineStart = s.rfind('\n', offset == 0 ? 0 : offset - 1);
    const size_t column = offset - (lineStart == std::string_view::npos || offset == 0 ? 0 : lineStart + 1) + 1;
    char byte[16] = "";
    if (offset < s.size())
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(s[offset]));
    return "line " + std::to_string(line) + ", column " + std::to_string(column) +
           (offset < s.size() ? " (byte " + std::string(byte) + ")" : "");
}

namespace {

void appendCodePoint(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// Windows-1252 0x80-0x9F; 0 = unassigned.
constexpr std::array<char32_t, 32> kCp1252High = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                                  0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                                  0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

} // namespace

bool convertToUtf8(std::string_view s, std::string_view encoding, std::string *out, std::string *error)
{
    std::string name;
    for (char c : encoding)
        name += char(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    const bool latin1 = name == "latin1" || name == "latin-1" || name == "iso-8859-1" || name == "iso8859-1";
    const bool cp1252 = name == "windows-1252" || name == "cp1252";
    if (!latin1 && !cp1252) {
        if (error)
            *error = "unknown encoding '" + std::string(encoding) + "' (latin1 or windows-1252; UTF-8 needs no conversion)";
        return false;
    }
    std::string result;
    result.reserve(s.size() + s.size() / 8);
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = c;
        if (cp1252 && c >= 0x80 && c <= 0x9F) {
            cp = kCp1252High[c - 0x80];
            if (cp == 0) {
                if (error)
                    *error = describeBytePosition(s, i) + " has no character in Windows-1252";
                return false;
            }
        }
        appendCodePoint(result, cp);
    }
    *out = std::move(result);
    return true;
}

} // namespace ds
