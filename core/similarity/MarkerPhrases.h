#pragma once
// Marker phrases: word n-grams a model uses in far more of its answers than the pool does
// ("i hope this helps!"), scored by log-odds with an informative Dirichlet prior (Monroe, Colaresi
// & Quinn 2008, "Fightin' Words"), here on answer counts (does an answer contain the phrase?).
#include "Corpus.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace ds::similarity {

struct MarkerOptions {
    int minN = 2;             ///< shortest phrase, in tokens (words and punctuation marks)
    int maxN = 5;             ///< longest phrase
    double minShare = 0.03;   ///< a phrase must appear in at least this share of some model's answers
    double priorAnswers = 20; ///< alpha_0: strength of the pool prior, in pseudo-answers
    double minZ = 3.0;        ///< z-score a marker must reach
    std::size_t limit = 20;   ///< at most this many phrases returned
    unsigned threads = 0;     ///< 0 = all cores
};

/// How many answers of each model contain each candidate phrase. Only phrases that reach
/// minShare in at least one model are kept (that bounds memory); their counts are exact for all.
class PhraseCounts {
public:
    static PhraseCounts count(const Corpus &corpus, const MarkerOptions &options = {});
    std::size_t models() const { return m_models; }
    std::size_t answers() const { return m_answers; }
    /// Answers of `model` containing phrase `hash` (0 when not a candidate).
    uint32_t count(uint64_t hash, std::size_t model) const;
    const std::unordered_map<uint64_t, std::string> &phrases() const { return m_text; }

private:
    std::size_t m_models = 0, m_answers = 0;
    std::unordered_map<uint64_t, std::vector<uint32_t>> m_counts;
    std::unordered_map<uint64_t, std::string> m_text;
};

/// A phrase that marks a model (or a pair of models) against a reference pool.
struct MarkerPhrase {
    std::string phrase;         ///< display text, punctuation attached: "i hope this helps!"
    double z = 0;               ///< log-odds z-score (for a pair: the smaller of the two)
    std::vector<double> shares; ///< share of answers using it, one per model asked about
    double poolShare = 0;       ///< share among the reference models' answers
};

/// Log-odds z-score of `y` of `n` answers against `yRef` of `nRef`, with prior share `prior`.
double logOddsZ(double y, double n, double yRef, double nRef, double prior, double priorAnswers);

/// Phrases that mark `model` against the `reference` models (indices into the corpus).
std::vector<MarkerPhrase> markerPhrases(const PhraseCounts &counts, std::size_t model, const std::vector<std::size_t> &reference,
                                        const MarkerOptions &options = {});

/// Phrases that mark both `a` and `b` against `reference`: the shared habits that make two models
/// look alike. Sorted by the smaller z; phrases contained in a better one are dropped.
std::vector<MarkerPhrase> sharedMarkers(const PhraseCounts &counts, std::size_t a, std::size_t b, const std::vector<std::size_t> &reference,
                                        const MarkerOptions &options = {});

} // namespace ds::similarity
