#pragma once
// What an ICE run will send, before it starts. Blocking (reads the store): call from a worker.
#include <cstdint>
#include <string>
#include <vector>

namespace ds {
class Store;
}

namespace ds::ice {

struct IceEstimateInput {
    std::string target, helper, judge; ///< judge "rules" = offline; helper "" = frozen templates
    int questions = 0;                 ///< per iteration
    int iterations = 0;
};

/// Iterations x questions to the target, as many judge calls when the judge is a model (none for the
/// offline "rules" judge) and one mutation per iteration from the helper. Tokens: template + question
/// ≈ 170 in, min(max tokens, 400) out per answer; 300 + the answer in and 100 out per judgment; 400
/// in and 400 out per mutation. Answers a resumed or repeated run finds stored are not subtracted:
/// the counts are what a run from nothing sends. costAtMaxTokens bounds the spend from above by
/// charging every reply its model's max tokens (retries aside, which a failed request is not billed for).
struct IceEstimate {
    int64_t answerRequests = 0; ///< the target's
    int64_t judgeRequests = 0;
    int64_t tokensIn = 0, tokensOut = 0;
    double cost = 0;                ///< USD, from the models' prices
    double costAtMaxTokens = 0;     ///< USD if every reply ran to its model's max tokens
    std::vector<std::string> notes; ///< models without a price, a helper that does not exist
    std::string error;              ///< the target or the judge does not exist
};
IceEstimate estimateIce(Store &store, const IceEstimateInput &in);

} // namespace ds::ice
