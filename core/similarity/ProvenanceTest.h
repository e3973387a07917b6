#pragma once
// Multiple testing for a teacher verdict. Naming the top candidate as the teacher claims several
// things at once: the student is closer to it than to each other candidate, and closer to it than
// the candidate's unrelated reference models are. Each claim gets a bootstrap p-value; the family is
// corrected with Holm-Bonferroni (Holm 1979), which controls the chance of any false claim at alpha
// without assuming the tests are independent (they are not: they share the student's answers).
#include <string>
#include <vector>

namespace ds::similarity {

/// Holm-Bonferroni adjusted p-values, in the input order: sort ascending, p_(i) * (m - i + 1),
/// made monotone (running maximum), capped at 1. Empty in, empty out.
std::vector<double> holmAdjust(const std::vector<double> &p);

/// One claim behind a verdict.
struct ProvenanceTest {
    std::string claim;  ///< e.g. "closer to gpt4 than to claude"
    double effect = 0;  ///< the observed difference the claim is about (metric units)
    double p = 1;       ///< one-sided bootstrap p-value of "effect <= 0"
    double pHolm = 1;   ///< Holm-adjusted over the family
    bool holds = false; ///< pHolm < alpha
};

/// Fills pHolm and holds of every test in `family`.
void correctFamily(std::vector<ProvenanceTest> &family, double alpha);

/// Bootstrap p-value of "effect <= 0" from `atMostZero` of `resamples` resampled effects at or below
/// zero: (k + 1) / (B + 1), never 0, so a finite bootstrap cannot claim certainty.
double bootstrapP(int atMostZero, int resamples);

} // namespace ds::similarity
