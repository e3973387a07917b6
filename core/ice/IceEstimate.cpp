#include "ice/IceEstimate.h"

#include "jobs/CostTally.h"
#include "store/Store.h"

#include <algorithm>

namespace ds::ice {

IceEstimate estimateIce(Store &store, const IceEstimateInput &in)
{
    IceEstimate e;
    const auto target = store.model(in.target);
    if (!target) {
        e.error = "no target model '" + in.target + "'";
        return e;
    }
    CostTally tally, ceiling;
    const int64_t answers = int64_t(in.questions) * in.iterations;
    const int64_t answerOut = std::min(target->maxTokens, 400);
    e.answerRequests = answers;
    tally.charge(*target, answers, 170, answerOut);
    ceiling.charge(*target, answers, 170, target->maxTokens);
    if (!in.judge.empty() && in.judge != "rules") {
        const auto judge = store.model(in.judge);
        if (!judge) {
            e.error = "no judge model '" + in.judge + "'";
            return e;
        }
        e.judgeRequests = answers;
        tally.charge(*judge, answers, 300 + answerOut, 100);
        ceiling.charge(*judge, answers, 300 + target->maxTokens, judge->maxTokens);
    }
    if (!in.helper.empty()) {
        if (const auto helper = store.model(in.helper)) {
            tally.charge(*helper, in.iterations, 400, 400);
            ceiling.charge(*helper, in.iterations, 400, helper->maxTokens);
        } else
            e.notes.push_back("no helper model '" + in.helper + "'");
    }
    e.tokensIn = tally.tokensIn;
    e.tokensOut = tally.tokensOut;
    e.cost = tally.cost;
    e.costAtMaxTokens = ceiling.cost;
    for (auto &n : tally.notes())
        e.notes.push_back(std::move(n));
    return e;
}

} // namespace ds::ice
