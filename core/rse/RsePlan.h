#pragma once
// What an RSE run will do, decided before anything is sent. The one place that checks a run
// configuration against the store and that builds the run's requests: RseJob starts every session
// from resolveRseWork() and sends answerRequest() / judgeRequest(); planRun() walks the same work
// with the pipeline's reuse rule (reusesStored) to count what the run will send. The CLI (`rse
// plan`, `rse run`), the New Run page and RseJob::createRun all validate through it.
//
// Blocking: reads the store (call from a worker, never the GUI thread). Store reads throw sql::Error
// on a damaged file; every problem of the configuration itself is returned in `errors`.
#include "net/LlmClient.h"
#include "rse/RseConfig.h"

#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace ds {
class Store;
}

namespace ds::rse {

/// One dataset of a run: its prompts, and the ok imported answers of each answering model.
struct DatasetWork {
    DatasetInfo info;
    std::vector<PromptItem> prompts;
    std::unordered_map<std::string, std::unordered_map<int64_t, ResponseRecord>> imported; ///< model -> prompt id -> answer
};

/// A run configuration resolved against the store. Plain values; the caller owns it.
struct RseWork {
    RseConfig cfg;
    std::vector<std::string> answering;                  ///< the reference, then each test model
    std::unordered_map<std::string, ModelConfig> models; ///< answering models that have an endpoint
    ModelConfig judge;
    std::vector<DatasetWork> datasets;
    std::vector<JudgeOrder> orders;                                ///< ReferenceFirst, and TestFirst with swap
    std::set<std::tuple<std::string, int64_t, JudgeOrder>> judged; ///< (test, prompt id, order) stored in the run
    std::vector<std::string> errors;                               ///< why the run cannot start; empty = it can
    std::vector<std::string> warnings;                             ///< it can, but look (judge is also a candidate)
};

/// Checks `cfg` and loads what the run needs: datasets, judge and answering models exist, every
/// model without an endpoint has imported answers to every prompt, no model is both reference and
/// test, nothing is listed twice. `runId` 0 plans a run not created yet (nothing judged);
/// `retryFailed` judges again what ended in an error (as `run resume --retry-failed`).
RseWork resolveRseWork(Store &store, const RseConfig &cfg, int64_t runId = 0, bool retryFailed = false);

/// "a; b; c": errors in one message (an exception's, a refused createRun's).
std::string joinProblems(const std::vector<std::string> &problems);

/// Warnings about roles: the judge is also the reference or a test model (it favours its own style).
std::vector<std::string> roleWarnings(const RseConfig &cfg);

/// The request for `m`'s answer to `p`.
LlmRequest answerRequest(const ModelConfig &m, const PromptItem &p, int64_t runId);
/// The messages judging `test` against the reference on `prompt` in `order` ("rt": reference first);
/// seeded by the run's salt, the test, the order and the prompt's text, so a resume sends the same.
std::vector<ChatMessage> pairMessages(const RseConfig &cfg, const std::string &test, JudgeOrder order, const std::string &prompt,
                                      const std::string &refAnswer, const std::string &testAnswer);
LlmRequest judgeRequest(const ModelConfig &judge, std::vector<ChatMessage> messages, int64_t runId, int64_t promptId);
/// The text of a usable answer (the reasoning when a reasoning model left the text empty).
std::string answerText(const ResponseRecord &r);

/// What a run (or the next session of one) will send. Request counts are exact for the store as it
/// is now, assuming the answers still to come are usable (an unusable one drops its pair's
/// judgments) and judge replies parse (a parse failure adds one repair request). Tokens and money
/// are estimates: prompt and message text / 4 in; min(max tokens, 600) out per answer, 200 per
/// judgment; an answer still to come counts as min(max tokens, 600) tokens in its judgments.
struct RsePlan {
    std::vector<std::string> errors, warnings; ///< as in RseWork, plus models without a price
    int64_t answerRequests = 0;                ///< distinct answer requests to send
    int64_t reusedAnswers = 0;                 ///< answers taken from the store (imported, or stored for the same request)
    int64_t sharedAnswers = 0;                 ///< answers to duplicate prompts that share another prompt's request
    int64_t judgeRequests = 0;                 ///< distinct judge requests to send
    int64_t reusedJudgments = 0;               ///< judgments stored in the run, or judge replies stored for the same request
    int64_t unjudgeable = 0;                   ///< pairs with a stored unusable answer: never judged
    int64_t tokensIn = 0, tokensOut = 0;
    double cost = 0; ///< USD, from the models' prices
    bool ok() const { return errors.empty(); }
};

/// Plans `cfg` (runId 0: a new run) or the next session of run `runId` (its stored judgments and, with
/// `retryFailed`, the re-sending of unusable answers taken into account). Counts nothing when the
/// configuration has errors.
RsePlan planRun(Store &store, const RseConfig &cfg, int64_t runId = 0, bool retryFailed = false);

/// The plan as text, one fact a line (errors and warnings last), for the CLI.
std::string planText(const RsePlan &plan);

} // namespace ds::rse
