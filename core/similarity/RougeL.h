#pragma once
// ROUGE-L: longest common subsequence of word tokens.
#include "Corpus.h"
#include "Similarity.h"

#include <cstdint>
#include <vector>

namespace ds::similarity {

/// Length of the longest common subsequence of two token sequences (bit-parallel, O(|a||b|/64)).
std::size_t lcsLength(const std::vector<uint64_t> &a, const std::vector<uint64_t> &b);

/// ROUGE-L F1 = 2 * LCS / (|a| + |b|) (the harmonic mean of LCS precision and recall; symmetric).
/// 0 when either sequence is empty.
double rougeLF1(const std::vector<uint64_t> &a, const std::vector<uint64_t> &b);

/// Per-prompt ROUGE-L F1 over lowercased \w+ tokens for every model pair.
PairScores rougeLScores(const Corpus &corpus, const SimilarityOptions &options);

} // namespace ds::similarity
