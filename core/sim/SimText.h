#pragma once
// Text utilities the simulated models and judges share: UTF-8 aware tokenising, CJK detection,
// sentence splitting, term-frequency cosine and a rough token count for `usage`.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ds::sim {

/// Decodes UTF-8 into code points; invalid bytes become U+FFFD.
std::u32string decodeUtf8(std::string_view s);
/// Encodes one code point as UTF-8.
std::string encodeUtf8(char32_t cp);
/// True for CJK ideographs (the BMP blocks and extension A).
bool isCjk(char32_t cp);
/// True when `s` contains at least one CJK ideograph.
bool hasCjk(std::string_view s);
/// Share of CJK ideographs among the non-space code points of `s` (0 for empty text).
double cjkShare(std::string_view s);

/// ASCII-lowercased copy (UTF-8 bytes above 0x7f are kept).
std::string toLower(std::string_view s);
/// Upper-cases the first ASCII letter of `s`.
std::string capitalizeFirst(std::string s);
std::string trim(std::string_view s);
/// Case-insensitive ASCII search for `needle` in `hay`.
bool containsNoCase(std::string_view hay, std::string_view needle);
/// Like containsNoCase, but the match must not touch a letter or digit on either side.
bool containsWord(std::string_view hay, std::string_view word);
/// Replaces every occurrence of `from` with `to`.
std::string replaceAll(std::string s, std::string_view from, std::string_view to);

/// A word as it appears in the text: letters/digits with inner apostrophes or hyphens.
struct WordToken {
    std::string text;  ///< original spelling
    std::string lower; ///< ASCII-lowercased
};
/// Latin-script words of `s` in order (CJK characters are skipped).
std::vector<WordToken> latinWords(std::string_view s);
/// Common English function words (and prompt boilerplate such as "explain", "please").
bool isStopword(std::string_view lowerWord);

/// Term counts for similarity: non-stopword Latin words (lowercased) plus CJK character bigrams.
using TermCounts = std::map<std::string, double>;
TermCounts contentTerms(std::string_view s);
/// Cosine of two term-count vectors (0 when either is empty).
double cosine(const TermCounts &a, const TermCounts &b);

/// Sentences of `s`: split at . ! ? 。！？ followed by space/end, and at line breaks. Trimmed, non-empty.
std::vector<std::string> splitSentences(std::string_view s);
/// Lines of `s` (without the line break).
std::vector<std::string> splitLines(std::string_view s);

/// Rough token count for `usage`: 1.3 per Latin word, 0.75 per CJK character, at least 1.
int approxTokens(std::string_view s);

} // namespace ds::sim
