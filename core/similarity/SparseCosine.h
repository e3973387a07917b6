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
    bool cacheCounts = true; ///< with idf: keep each prompt's term counts between the two passes
                             ///< (8 bytes per distinct term per answer) instead of featurizing twice;
                             ///< off for char n-grams, whose hundreds of distinct terms per answer would
                             ///< cost ~0.6 GB at 200 models x 805 prompts
};

/// Mean (and optionally per-prompt) cosine of every model pair.
///
/// Algorithm (exact; no feature hashing into buckets, so no approximation beyond the 64-bit term hashes):
///  1. Per prompt, the answers' term hashes are mapped to a prompt-local vocabulary (ids 0..V_p-1)
///     and counted. With idf, a first pass sums document frequencies over all prompts; the counts
///     are kept for the second pass when `cacheCounts` (8 bytes per distinct term per answer),
///     otherwise the second pass featurizes again.
///  2. Per prompt, every answer becomes an l2-normalised row of X_p (models x V_p) and all pair
///     cosines come at once as the Gram matrix S_p = X_p X_pᵀ: columns of terms shared by >= 30% of
///     the answers are multiplied densely (column-blocked, AVX2/FMA when available), the rare tail
///     from per-term lists of (model, weight) at df² / 2 products per term.
///  3. Prompts are spread over `options.threads` workers; each adds its S_p into its own sums.
/// Results equal a pairwise sparse dot product up to the order of floating-point additions (~1e-16).
/// Memory: the cached counts plus per thread one prompt's X_p (dense part) and S_p.
PairScores sparseCosine(const Corpus &corpus, const Featurizer &featurize, Weighting weighting, const SimilarityOptions &options);

} // namespace ds::similarity
