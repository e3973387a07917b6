#pragma once
// UTF-8 text primitives shared by the metrics: decoding, Python-compatible lowercasing and word
// classification, and the tokenizers each metric uses. No locale, no std::regex (too slow).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ds::similarity {

/// Decodes one code point at `pos` and advances it. Invalid bytes decode as U+FFFD (one byte).
char32_t decodeUtf8(std::string_view s, std::size_t &pos);
void appendUtf8(std::string &out, char32_t cp);

/// True when Python's `re` (Unicode mode) matches `cp` with \w: str.isalnum() or '_'.
bool isWordChar(char32_t cp);

/// Python's str.lower() of a UTF-8 string (full mapping; final sigma approximated by word context).
std::string lowercase(std::string_view utf8);

/// scikit-learn's default analyzer: lowercase, then every match of (?u)\b\w\w+\b.
/// Views point into `loweredBuffer`, which the function fills and the caller keeps alive.
void sklearnWordTokens(std::string_view text, std::string &loweredBuffer, std::vector<std::string_view> &tokens);

/// hashBytes() of every token of sklearnWordTokens(), appended to `out`, in one pass without
/// materialising the tokens (the tfidf featurizer).
void sklearnTokenHashes(std::string_view text, std::vector<uint64_t> &out);

/// Lowercased \w+ runs (single characters too) - the token stream for ROUGE-L and phrases.
void wordRuns(std::string_view text, std::string &loweredBuffer, std::vector<std::string_view> &tokens);

/// Lowercased words and single punctuation marks in text order ("i hope this helps !"):
/// the units of marker phrases, so that "!" or ":" can belong to a habit.
void phraseTokens(std::string_view text, std::string &loweredBuffer, std::vector<std::string_view> &tokens);

/// 64-bit keys of all character n-grams (code points) of the lowercased text with whitespace
/// runs collapsed to one space. Works for any script, including Chinese and code. For n <= 3 the
/// key is a bijection of the packed code points (distinct n-grams never collide); longer n-grams are hashed.
void charNgramHashes(std::string_view text, int n, std::vector<uint64_t> &out);
/// The same, appended to `out` (no allocation once the thread's buffers have grown).
void appendCharNgramHashes(std::string_view text, int n, std::vector<uint64_t> &out);

uint64_t hashBytes(std::string_view s);

} // namespace ds::similarity
