#pragma once
// Bootstrap over prompts for a teacher ranking: prompts are drawn with replacement (fixed seed, so
// runs are reproducible) and every candidate's means are recomputed on the same draw.
#include "TeacherScoring.h"

#include <cstdint>
#include <vector>

namespace ds::similarity {

struct ResampleCounts {
    int resamples = 0;
    std::vector<int> wins;      ///< per candidate: resamples in which it has the highest similarity
    std::vector<int> notBehind; ///< per candidate: resamples with sim(top) - sim(c) <= 0 (0 for top)
    int leadAtMostZero = 0;     ///< resamples in which sim(top) - max over top's references of sim(top, r) <= 0
};

/// Counts, over `resamples` bootstrap draws of the prompts, how often each candidate leads, how
/// often `top` fails to lead each other candidate, and how often a reference model of top is at least
/// as close to top as the student is (the maximum is taken within each resample, so choosing the
/// nearest reference does not bias the test). Cost: resamples x prompts x (candidates + references).
ResampleCounts resamplePrompts(const std::vector<CandidateSeries> &series, std::size_t top, int resamples, uint64_t seed);

} // namespace ds::similarity
