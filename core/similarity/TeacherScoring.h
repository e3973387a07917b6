#pragma once
// Scoring of candidate teachers from per-prompt pair similarities.
//
// For a student s and a candidate c, two per-prompt series matter:
//   toStudent[p] = sim_p(s, c)                      how alike the student's and c's answers are
//   toPool[p]    = mean over r in R(c) of sim_p(c, r) how alike c's answers and its reference models' are
// where R(c) is the reference pool without s and c: models the user treats as unrelated to c.
// The ranking key is the plain mean of toStudent. The verdict also asks whether the student is closer
// to c than c's nearest reference model is (an unrelated model as close as the student shows that
// closeness alone proves nothing). Neither the pool mean nor the nearest reference ranks, because
// ranking by the difference (the hubness correction) measured worse on every split we have (README,
// teacher identification): widely distilled teachers are hubs partly because they were distilled.
#include "Similarity.h"

#include <cstddef>
#include <vector>

namespace ds::similarity {

struct CandidateSeries {
    std::size_t model = 0;                        ///< index into the corpus
    std::vector<double> toStudent;                ///< per prompt
    std::vector<double> toPool;                   ///< per prompt
    std::vector<std::size_t> references;          ///< R(c), indices into the corpus
    std::vector<std::vector<double>> toReference; ///< [r][p] = sim_p(c, references[r])
    std::vector<double> perReferenceMeans;        ///< mean over prompts of sim(c, r), one per reference model

    double similarity() const;            ///< mean of toStudent
    double poolMean() const;              ///< mean of toPool
    double poolSpread() const;            ///< population sd of perReferenceMeans (0 with one reference)
    std::size_t nearestReference() const; ///< position in `references` of the highest perReferenceMeans
};

/// The series of each candidate. references[k] are the reference models of candidates[k] (never
/// empty, never holding the student or the candidate). `scores` must hold per-prompt scores.
std::vector<CandidateSeries> candidateSeries(const PairScores &scores, std::size_t student, const std::vector<std::size_t> &candidates,
                                             const std::vector<std::vector<std::size_t>> &references);

} // namespace ds::similarity
