#pragma once
/// @file JudgeAgreement.h
/// How closely a judge's labels follow the paper's on one development model: Cohen's kappa for loose
/// and strict, the two rates, and the paper's loose rate with its template-bootstrap 95% interval
/// (the target is a judge whose rate falls inside it). Pure computation, thread-safe.
#include "ice/DevSet.h"
#include "ice/Stats.h"

#include <optional>
#include <vector>

namespace ds::ice {

/// One judge's labels for a list of responses (same order as the LabelledResponse list).
struct JudgeLabels {
    std::vector<bool> loose, strict;
};

struct Agreement {
    size_t n = 0;
    std::optional<double> looseKappa, strictKappa; ///< nullopt when undefined (a constant rater)
    double paperLoose = 0, judgeLoose = 0;         ///< rates over n
    double paperStrict = 0, judgeStrict = 0;
    Interval paperLooseCi; ///< template-bootstrap 95% interval of the paper's loose rate
    bool looseInsidePaperCi() const { return judgeLoose >= paperLooseCi.lo && judgeLoose <= paperLooseCi.hi; }
};

/// Agreement of `judge` with the paper's labels in `data`; sizes must match (else n = 0).
Agreement agreementWithPaper(const std::vector<LabelledResponse> &data, const JudgeLabels &judge);

} // namespace ds::ice
