#pragma once
/// @file JudgeFeatures.h
/// What the learned half of the identity judge sees of one response: the rule judge's findings, which
/// vendors are named, language, refusal and length, and the response's words with every vendor name
/// replaced by its role (<true> for the target's own vendor, <other> / <strict> for others), so that the
/// weights speak about how identity is claimed, not about which model answered. Thread-safe.
#include "ice/LogisticModel.h"
#include "ice/RuleJudge.h"

#include <string>

namespace ds::ice {

struct FeatureOptions {
    bool words = true; ///< include the delexicalised word unigrams and bigrams
};

/// Features of `response` to `question` for a target whose true vendor is `trueVendor`, given the
/// rule judge's verdict on it. `strictVendors` are the vendors of the strict label.
Features judgeFeatures(const VendorRegistry &registry, const std::string &trueVendor, const std::vector<std::string> &strictVendors,
                       const std::string &response, const std::string &question, const RuleVerdict &rules, const FeatureOptions &opt = {});

} // namespace ds::ice
