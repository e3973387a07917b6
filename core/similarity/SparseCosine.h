#pragma once
// The engine behind the bag-of-features metrics (tfidf, char, style): documents become sparse
// term-count vectors, weighted like scikit-learn's TfidfTransformer, and every pair of models is
// compared by cosine on each prompt.
#include "Corpus.h"
#include "Similarity.h"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace ds::similarity {

/// Emits the feature hashes of one document, with repetition (a term occurring 3 times is emitted
/// 3 times). Called concurrently: it must not touch shared mutable state.
using Featurizer = std::function<void(std::string_view text, std::vector<uint64_t> &terms)>;

struct Weighting {
    bool sublinearTf = true; ///< tf -> 1 + ln(tf)
    bool useIdf = true;      ///< idf = ln((1 + n) / (1 + df)) + 1, fitted on all documents compared
    bool cacheCounts = true; ///< keep term counts between the passes (faster; off for char n-grams,
                             ///< whose hundreds of distinct terms per answer would cost too much memory)
};

/// Mean (and optionally per-prompt) cosine of every model pair. Two passes over the texts (document
/// frequencies, then vectors per prompt) so memory stays at one prompt's vectors per thread.
PairScores sparseCosine(const Corpus &corpus, const Featurizer &featurize, Weighting weighting,
                        const SimilarityOptions &options);

} // namespace ds::similarity
