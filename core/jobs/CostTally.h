#pragma once
// Tokens and money of the requests a run plan counts (RSE and ICE estimates). Only these are
// estimates; the request counts themselves come from the plans.
#include "util/Types.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace ds {

struct CostTally {
    int64_t tokensIn = 0, tokensOut = 0;
    double cost = 0;                ///< USD, from the models' prices
    std::set<std::string> unpriced; ///< models charged requests without a price

    /// Adds `requests` requests of `m` of `inPer` input and `outPer` output tokens each.
    void charge(const ModelConfig &m, int64_t requests, int64_t inPer, int64_t outPer);
    /// One line per model without a price ("X has no price set (counted as free)").
    std::vector<std::string> notes() const;
};

} // namespace ds
