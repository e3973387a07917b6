#pragma once
// Stylometric features: how a model writes, independent of what it writes about.
#include <cstdint>
#include <string_view>
#include <vector>

namespace ds::similarity {

/// The English function words counted by the style metric (articles, pronouns, auxiliaries,
/// prepositions, conjunctions, discourse adverbs). Content-free, so topic does not leak in.
const std::vector<std::string_view> &functionWords();

/// Feature hashes of one answer, with repetition: "f:<function word>" per function word,
/// "o:<word>" per sentence opener (first word after start, '.', '!', '?' or ':'),
/// "p:<mark>" per punctuation mark (ASCII and typographic: em dash, curly quotes, ellipsis, bullet).
/// The style metric compares these bags by cosine (sublinear tf, no idf).
void styleFeatures(std::string_view text, std::vector<uint64_t> &out);

} // namespace ds::similarity
