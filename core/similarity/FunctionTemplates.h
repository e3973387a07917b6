#pragma once
// Function-word templates: a POS-like skeleton of an answer, after "Who Taught You That?" (arXiv
// 2502.06659), which found syntactic templates better at attributing students to teachers than word
// n-gram overlap. Without a tagger, each token becomes its class: function words (functionWords())
// and punctuation stay as they are, digit runs become "#", every other word "w", and each line starts
// with "^". The features are the template n-grams, n = 1..4 ("^ w :", "here are some w w").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ds::similarity {

/// The class sequence of one answer (for tests and display).
std::vector<std::string> functionTemplate(std::string_view text);

/// Feature hashes of one answer: every n-gram (n = 1..4) of functionTemplate(), with repetition.
/// The `template` metric compares them by TF-IDF cosine (sublinear tf, idf).
void functionTemplateFeatures(std::string_view text, std::vector<uint64_t> &out);

} // namespace ds::similarity
