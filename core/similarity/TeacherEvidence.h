#pragma once
// The observable habits behind a teacher ranking: marker phrases and layout habits that the student
// and one candidate share against the reference pool. Descriptive only; the verdict never uses them.
#include "Corpus.h"

#include <cstddef>
#include <string>
#include <vector>

namespace ds::similarity {

/// One observable habit behind the result.
struct Evidence {
    std::string kind;          ///< "marker" (phrase) or "structure" (layout habit)
    std::string text;          ///< the phrase, or the habit ("uses headings")
    double studentShare = 0;   ///< share of the student's answers showing it
    double candidateShare = 0; ///< share of the top candidate's answers
    double poolShare = 0;      ///< share among the reference pool's answers
};

/// Habits that `student` and `candidate` share against `reference` (indices into `corpus`):
/// up to `limit` marker phrases (sharedMarkers, strongest first), then layout habits on which both
/// deviate from the pool the same way by >= 10 percentage points (largest common deviation first).
std::vector<Evidence> sharedHabits(const Corpus &corpus, std::size_t student, std::size_t candidate,
                                   const std::vector<std::size_t> &reference, std::size_t limit, unsigned threads);

} // namespace ds::similarity
