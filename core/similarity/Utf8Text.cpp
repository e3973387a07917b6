#include "Utf8Text.h"

#include "UnicodeTables.h"
#include "util/StableHash.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace ds::similarity {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

const std::array<bool, 128> kAsciiWord = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c < 128; ++c)
        t[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return t;
}();

bool isAsciiPunct(char32_t cp)
{
    return cp < 128 && cp > 32 && !kAsciiWord[cp];
}

/// Appends the lowercase form of `cp` (Python semantics). `prevWord`/`nextWord` give the context
/// for the final-sigma rule, which Python applies in str.lower().
void appendLower(std::string &out, char32_t cp, bool prevWord, bool nextWord)
{
    if (cp < 128) {
        out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        return;
    }
    if (cp == 0x3A3) { // GREEK CAPITAL SIGMA: word-final form at the end of a word
        appendUtf8(out, prevWord && !nextWord ? 0x3C2 : 0x3C3);
        return;
    }
    using namespace unicode;
    const auto *end = kLowerSingle + kLowerSingleCount;
    const auto *it = std::lower_bound(kLowerSingle, end, cp, [](const LowerPair &p, char32_t c) { return p.from < c; });
    if (it != end && it->from == cp) {
        appendUtf8(out, it->to);
        return;
    }
    for (std::size_t i = 0; i < kLowerMultiCount; ++i)
        if (kLowerMulti[i].from == cp) {
            for (int k = 0; k < kLowerMulti[i].count; ++k)
                appendUtf8(out, kLowerMulti[i].to[k]);
            return;
        }
    appendUtf8(out, cp);
}

/// Lowercases `text` into `buf` and calls onRun(begin, end, codePoints) for every maximal run of
/// \w characters of the lowered text (byte offsets into buf), onOther for every other code point.
/// ASCII bytes take a fast path: most answers are almost all ASCII.
template <class OnRun, class OnOther> void scanLowered(std::string_view text, std::string &buf, OnRun onRun, OnOther onOther)
{
    buf.resize(text.size() * 3 + 8); // lowering never more than triples the bytes of a code point
    char *out = buf.data();
    std::size_t n = 0;
    std::size_t runStart = 0;
    int runLen = 0;
    bool prevWordOrig = false;
    std::string tmp;
    auto classify = [&](char32_t lc, std::size_t at, std::size_t end) {
        if (isWordChar(lc)) {
            if (runLen == 0)
                runStart = at;
            ++runLen;
        } else {
            if (runLen > 0)
                onRun(runStart, at, runLen);
            runLen = 0;
            onOther(lc, at, end);
        }
    };
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto b = static_cast<unsigned char>(text[pos]);
        if (b < 0x80) {
            const char lc = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
            out[n] = lc;
            if (kAsciiWord[b]) {
                if (runLen == 0)
                    runStart = n;
                ++runLen;
            } else {
                if (runLen > 0)
                    onRun(runStart, n, runLen);
                runLen = 0;
                onOther(static_cast<char32_t>(b), n, n + 1);
            }
            ++n;
            ++pos;
            prevWordOrig = kAsciiWord[b];
            continue;
        }
        const char32_t cp = decodeUtf8(text, pos);
        bool nextWord = false;
        if (cp == 0x3A3 && pos < text.size()) {
            std::size_t peek = pos;
            nextWord = isWordChar(decodeUtf8(text, peek));
        }
        tmp.clear();
        appendLower(tmp, cp, prevWordOrig, nextWord);
        std::copy(tmp.begin(), tmp.end(), out + n); // bytes into the output buffer, not a C string
        // lowering may yield two code points (U+0130 -> i + U+0307): classify each
        std::size_t q = 0;
        while (q < tmp.size()) {
            const std::size_t at = n + q;
            const char32_t lc = decodeUtf8(tmp, q);
            classify(lc, at, n + q);
        }
        n += tmp.size();
        prevWordOrig = isWordChar(cp);
    }
    if (runLen > 0)
        onRun(runStart, n, runLen);
    buf.resize(n);
}

} // namespace

char32_t decodeUtf8(std::string_view s, std::size_t &pos)
{
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    int len = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        ++pos;
        return kReplacement;
    }
    if (pos + len > s.size()) {
        ++pos;
        return kReplacement;
    }
    for (int i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return kReplacement;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    pos += len;
    return cp;
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool isWordChar(char32_t cp)
{
    if (cp < 128)
        return kAsciiWord[cp];
    using namespace unicode;
    const auto *end = kWordRanges + kWordRangeCount;
    const auto *it = std::upper_bound(kWordRanges, end, cp, [](char32_t c, const CodeRange &r) { return c < r.first; });
    return it != kWordRanges && cp <= (it - 1)->last;
}

std::string lowercase(std::string_view utf8)
{
    std::string buf;
    scanLowered(
        utf8, buf, [](std::size_t, std::size_t, int) {}, [](char32_t, std::size_t, std::size_t) {});
    return buf;
}

void sklearnWordTokens(std::string_view text, std::string &buf, std::vector<std::string_view> &tokens)
{
    tokens.clear();
    thread_local std::vector<std::pair<std::size_t, std::size_t>> spans;
    spans.clear();
    scanLowered(
        text, buf,
        [&](std::size_t b, std::size_t e, int len) {
            if (len >= 2)
                spans.emplace_back(b, e);
        },
        [](char32_t, std::size_t, std::size_t) {});
    for (auto [b, e] : spans)
        tokens.emplace_back(buf.data() + b, e - b);
}

void sklearnTokenHashes(std::string_view text, std::vector<uint64_t> &out)
{
    thread_local std::string buf;
    scanLowered(
        text, buf,
        [&](std::size_t b, std::size_t e, int len) {
            if (len >= 2) // the run's bytes are already lowered into buf when it is reported
                out.push_back(hashBytes(std::string_view(buf.data() + b, e - b)));
        },
        [](char32_t, std::size_t, std::size_t) {});
}

void wordRuns(std::string_view text, std::string &buf, std::vector<std::string_view> &tokens)
{
    tokens.clear();
    thread_local std::vector<std::pair<std::size_t, std::size_t>> spans;
    spans.clear();
    scanLowered(
        text, buf, [&](std::size_t b, std::size_t e, int) { spans.emplace_back(b, e); }, [](char32_t, std::size_t, std::size_t) {});
    for (auto [b, e] : spans)
        tokens.emplace_back(buf.data() + b, e - b);
}

void phraseTokens(std::string_view text, std::string &buf, std::vector<std::string_view> &tokens)
{
    tokens.clear();
    thread_local std::vector<std::pair<std::size_t, std::size_t>> spans;
    spans.clear();
    scanLowered(
        text, buf, [&](std::size_t b, std::size_t e, int) { spans.emplace_back(b, e); },
        [&](char32_t cp, std::size_t b, std::size_t e) {
            if (isAsciiPunct(cp))
                spans.emplace_back(b, e);
        });
    for (auto [b, e] : spans)
        tokens.emplace_back(buf.data() + b, e - b);
}

void charNgramHashes(std::string_view text, int n, std::vector<uint64_t> &out)
{
    out.clear();
    appendCharNgramHashes(text, n, out);
}

void appendCharNgramHashes(std::string_view text, int n, std::vector<uint64_t> &out)
{
    if (n <= 0)
        return;
    thread_local std::string lowered;
    scanLowered(
        text, lowered, [](std::size_t, std::size_t, int) {}, [](char32_t, std::size_t, std::size_t) {});
    // Code points of the lowered text with whitespace runs collapsed to one space (leading trimmed).
    auto forEachCodePoint = [&](auto fn) {
        std::size_t pos = 0;
        bool lastSpace = true;
        while (pos < lowered.size()) {
            const auto b = static_cast<unsigned char>(lowered[pos]);
            char32_t cp = b < 0x80 ? (++pos, char32_t(b)) : decodeUtf8(lowered, pos);
            const bool space = cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == 0xA0 || cp == 0x3000;
            if (space) {
                if (lastSpace)
                    continue;
                cp = ' ';
            }
            lastSpace = space;
            fn(cp);
        }
    };
    if (n <= 3) {
        // Exact: n code points (21 bits each) packed into one integer, flagged so it is never 0,
        // then put through a bijective mixer so hash tables see well spread keys. Distinct n-grams
        // therefore never share a key.
        const uint64_t mask = (uint64_t(1) << (21 * n)) - 1;
        uint64_t packed = 0;
        int have = 0;
        forEachCodePoint([&](char32_t cp) {
            packed = ((packed << 21) | cp) & mask;
            if (++have >= n) {
                uint64_t k = packed | (uint64_t(1) << 63); // murmur3 fmix64 (a bijection)
                k ^= k >> 33;
                k *= 0xff51afd7ed558ccdULL;
                k ^= k >> 33;
                k *= 0xc4ceb9fe1a85ec53ULL;
                k ^= k >> 33;
                out.push_back(k);
            }
        });
        return;
    }
    thread_local std::vector<char32_t> cps;
    cps.clear();
    forEachCodePoint([&](char32_t cp) { cps.push_back(cp); });
    if (cps.size() < static_cast<std::size_t>(n))
        return;
    out.reserve(out.size() + cps.size());
    for (std::size_t i = 0; i + n <= cps.size(); ++i) {
        uint64_t h = 1469598103934665603ULL;
        for (int k = 0; k < n; ++k) {
            h ^= cps[i + k];
            h *= 1099511628211ULL;
            h ^= h >> 29;
        }
        out.push_back(h);
    }
}

uint64_t hashBytes(std::string_view s)
{
    return stableHash64(s);
}

} // namespace ds::similarity
