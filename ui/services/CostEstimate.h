#pragma once
// Cost estimate of an RSE run before it starts: requests still to send (stored answers are reused),
// tokens and money, judge calls included. Blocking (reads the store): call from a worker.
#include "rse/RseConfig.h"

#include <QStringList>

namespace ds {
class Store;
}

namespace ds::ui {

struct CostEstimate {
    int64_t answerRequests = 0; ///< answers still missing (reference + tests)
    int64_t reusedAnswers = 0;  ///< already stored (never paid twice)
    int64_t judgeRequests = 0;
    int64_t tokensIn = 0, tokensOut = 0;
    double cost = 0;   ///< USD, from the models' prices
    QStringList notes; ///< e.g. models without a price
    QString error;
};

/// Output tokens are assumed to be min(max tokens, 600) per answer and 200 per judgment; input
/// tokens are the prompt length / 4 (+ both answers and a 400-token rubric for judge calls).
CostEstimate estimateRse(Store &store, const rse::RseConfig &cfg);

/// What an ICE run will send: iterations x questions to the target, as many judge calls when the
/// judge is a model (none for the offline "rules" judge) and one mutation per iteration from the
/// helper. Tokens: template + question ≈ 170 in, min(max tokens, 400) out per answer; 300 + the answer
/// in and 100 out per judgment; 400 in and 400 out per mutation. Fields as for RSE (judgeRequests
/// counts the judge calls, answerRequests the target's).
struct IceEstimateInput {
    std::string target, helper, judge; ///< judge "rules" = offline
    int questions = 0;                 ///< per iteration
    int iterations = 0;
};
CostEstimate estimateIce(Store &store, const IceEstimateInput &in);

} // namespace ds::ui
