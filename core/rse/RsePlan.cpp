#include "rse/RsePlan.h"

#include "jobs/CostTally.h"
#include "jobs/Pipeline.h"
#include "net/PromptMessages.h"
#include "rse/JudgePrompt.h"
#include "store/Store.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace ds::rse {

namespace {

uint64_t mix(uint64_t h, const std::string &s)
{
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

bool listed(const std::vector<std::string> &v, const std::string &x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}

/// Names missing or given twice. A reference among the tests is refused for new runs only: a run
/// created before this rule still resumes (the reference is then judged against itself).
void checkNames(const RseConfig &cfg, bool newRun, RseWork &w)
{
    if (cfg.reference.empty())
        w.errors.push_back("no reference model");
    if (cfg.tests.empty())
        w.errors.push_back("no test model");
    if (cfg.datasets.empty())
        w.errors.push_back("no dataset");
    if (cfg.judge.empty())
        w.errors.push_back("no judge model");
    std::set<std::string> seen;
    for (const auto &t : cfg.tests) {
        if (t == cfg.reference)
            (newRun ? w.errors : w.warnings).push_back("'" + t + "' is both the reference and a test model");
        else if (!seen.insert(t).second)
            w.errors.push_back("test model '" + t + "' is listed twice");
    }
    seen.clear();
    for (const auto &d : cfg.datasets)
        if (!seen.insert(d).second)
            w.errors.push_back("dataset '" + d + "' is listed twice");
}

void loadDatasets(Store &store, RseWork &w)
{
    std::set<std::string> loaded;
    for (const auto &name : w.cfg.datasets) {
        if (!loaded.insert(name).second)
            continue;
        const auto info = store.dataset(name);
        if (!info) {
            w.errors.push_back("unknown dataset '" + name + "' (see `dataset list`)");
            continue;
        }
        DatasetWork d{*info, store.prompts(info->id), {}};
        for (const auto &m : w.answering) {
            auto answers = store.answers(m, info->id);
            std::erase_if(answers, [](const auto &kv) { return kv.second.source != "import"; });
            d.imported[m] = std::move(answers);
        }
        w.datasets.push_back(std::move(d));
    }
}

/// A model without an endpoint is replayed: it needs an imported answer to every prompt.
void checkReplayOnly(RseWork &w)
{
    for (const auto &name : w.answering) {
        if (w.models.count(name))
            continue;
        for (const auto &d : w.datasets) {
            const size_t have = d.imported.at(name).size();
            if (have < d.prompts.size())
                w.errors.push_back("unknown model '" + name + "' and no imported answers for all of dataset '" + d.info.name + "' (" +
                                   std::to_string(have) + " of " + std::to_string(d.prompts.size()) +
                                   "): add it with `model add` or import its answers with `responses import`");
        }
    }
}

} // namespace

std::string joinProblems(const std::vector<std::string> &problems)
{
    std::string all;
    for (const auto &p : problems)
        all += (all.empty() ? "" : "; ") + p;
    return all;
}

std::vector<std::string> roleWarnings(const RseConfig &cfg)
{
    const bool judgeIsTest = listed(cfg.tests, cfg.judge);
    if (cfg.judge == cfg.reference && judgeIsTest)
        return {cfg.judge + " is reference, judge and a test model at once."};
    if (cfg.judge == cfg.reference)
        return {"the judge is also the reference; judges favour answers like their own."};
    if (judgeIsTest)
        return {"the judge " + cfg.judge + " is also a test model; judges favour answers like their own."};
    return {};
}

RseWork resolveRseWork(Store &store, const RseConfig &cfg, int64_t runId, bool retryFailed)
{
    RseWork w;
    w.cfg = cfg;
    checkNames(cfg, runId == 0, w);
    for (auto &warning : roleWarnings(cfg))
        w.warnings.push_back(std::move(warning));
    w.answering = {cfg.reference};
    for (const auto &t : cfg.tests)
        if (!listed(w.answering, t))
            w.answering.push_back(t);
    for (const auto &name : w.answering)
        if (auto m = store.model(name))
            w.models[name] = *m;
    if (auto judge = store.model(cfg.judge))
        w.judge = *judge;
    else if (!cfg.judge.empty())
        w.errors.push_back("unknown judge model '" + cfg.judge + "' (see `model list`)");
    loadDatasets(store, w);
    checkReplayOnly(w);
    if (runId)
        for (const auto &j : store.judgments(runId))
            if (j.judgeModel == cfg.judge && (scored(j.status) || !retryFailed))
                w.judged.insert({j.testModel, j.promptId, j.order});
    w.orders = cfg.swap ? std::vector<JudgeOrder>{JudgeOrder::ReferenceFirst, JudgeOrder::TestFirst}
                        : std::vector<JudgeOrder>{JudgeOrder::ReferenceFirst};
    return w;
}

LlmRequest answerRequest(const ModelConfig &m, const PromptItem &p, int64_t runId)
{
    LlmRequest req;
    req.model = m;
    req.messages = promptMessages(p);
    req.kind = "answer";
    req.runId = runId;
    req.promptId = p.id;
    req.key = requestKey(m, req.messages);
    return req;
}

std::vector<ChatMessage> pairMessages(const RseConfig &cfg, const std::string &test, JudgeOrder order, const std::string &prompt,
                                      const std::string &refAnswer, const std::string &testAnswer)
{
    // Seeded by the prompt's text: duplicate prompts make the same judge request (sent once).
    // The order's stored name is hashed, as before the enum: stored judge requests keep their keys.
    const uint64_t seed = mix(mix(mix(cfg.salt, test), judgeOrderName(order)), prompt);
    return order == JudgeOrder::ReferenceFirst ? judgeMessages(prompt, refAnswer, testAnswer, seed)
                                               : judgeMessages(prompt, testAnswer, refAnswer, seed);
}

LlmRequest judgeRequest(const ModelConfig &judge, std::vector<ChatMessage> messages, int64_t runId, int64_t promptId)
{
    LlmRequest req;
    req.model = judge;
    req.messages = std::move(messages);
    req.kind = "judge";
    req.runId = runId;
    req.promptId = promptId;
    req.key = requestKey(judge, req.messages, 0, "rse-judge-v1");
    return req;
}

std::string answerText(const ResponseRecord &r)
{
    return r.text.empty() ? r.reasoning : r.text;
}

namespace {

int64_t tokensOf(size_t chars)
{
    return int64_t(chars / 4);
}

size_t charsOf(const std::vector<ChatMessage> &messages)
{
    size_t n = 0;
    for (const auto &m : messages)
        n += m.content.size();
    return n;
}

/// One answer as the run will hold it when its pair is judged.
struct PlannedAnswer {
    bool usable = true;
    bool pending = false;  ///< still to be sent
    std::string identity;  ///< the text, or the request key while pending
    int64_t tokens = 0;    ///< its length (estimated while pending)
    bool fromStore = true; ///< imported or stored for the same request (else pending)
};

/// Walks the work in the job's order with the job's rules (RseJob's dispatch and Pipeline::request).
class Planner {
public:
    Planner(Store &store, const RseWork &w, int64_t runId, bool retryFailed, RsePlan &plan)
        : m_store(store), m_w(w), m_runId(runId), m_reuseUnusable(!retryFailed), m_plan(plan)
    {
        m_rubricChars = charsOf(judgeMessages({}, {}, {}, 0));
    }

    void run()
    {
        for (size_t d = 0; d < m_w.datasets.size(); ++d)
            for (size_t pi = 0; pi < m_w.datasets[d].prompts.size(); ++pi)
                for (const auto &name : m_w.answering)
                    m_answers[{name, d, pi}] = planAnswer(name, m_w.datasets[d], m_w.datasets[d].prompts[pi]);
        for (size_t d = 0; d < m_w.datasets.size(); ++d)
            for (size_t pi = 0; pi < m_w.datasets[d].prompts.size(); ++pi)
                for (const auto &test : m_w.cfg.tests)
                    for (const auto &order : m_w.orders)
                        planJudgment(d, pi, test, order);
        m_plan.tokensIn = m_tally.tokensIn;
        m_plan.tokensOut = m_tally.tokensOut;
        m_plan.cost = m_tally.cost;
        for (auto &n : m_tally.notes())
            m_plan.warnings.push_back(std::move(n));
    }

private:
    PlannedAnswer planAnswer(const std::string &model, const DatasetWork &d, const PromptItem &p)
    {
        const auto &imported = d.imported.at(model);
        if (const auto it = imported.find(p.id); it != imported.end()) {
            ++m_plan.reusedAnswers; // the job judges an import's text as it is (RseSession::dispatchAnswers)
            return {true, false, it->second.text, tokensOf(it->second.text.size())};
        }
        const ModelConfig &m = m_w.models.at(model); // resolveRseWork refused models with neither
        const LlmRequest req = answerRequest(m, p, m_runId);
        if (const auto seen = m_byKey.find(req.key); seen != m_byKey.end()) {
            ++(seen->second.fromStore ? m_plan.reusedAnswers : m_plan.sharedAnswers);
            return seen->second;
        }
        PlannedAnswer a;
        if (const auto stored = m_store.responseByKey(req.key); stored && reusesStored(*stored, m_reuseUnusable)) {
            ++m_plan.reusedAnswers;
            a.usable = stored->status == AnswerStatus::Ok;
            a.identity = a.usable ? answerText(*stored) : std::string();
            a.tokens = tokensOf(a.identity.size());
        } else {
            ++m_plan.answerRequests;
            const int64_t out = std::min(m.maxTokens, 600);
            m_tally.charge(m, 1, tokensOf(m.systemPrompt.size() + charsOf(req.messages)), out);
            a = {true, true, req.key, out, false};
        }
        return m_byKey[req.key] = a;
    }

    void planJudgment(size_t d, size_t pi, const std::string &test, JudgeOrder order)
    {
        const PromptItem &p = m_w.datasets[d].prompts[pi];
        if (m_w.judged.count({test, p.id, order})) {
            ++m_plan.reusedJudgments;
            return;
        }
        const PlannedAnswer &ref = m_answers.at({m_w.cfg.reference, d, pi});
        const PlannedAnswer &tst = m_answers.at({test, d, pi});
        if (!ref.usable || !tst.usable) {
            ++m_plan.unjudgeable;
            return;
        }
        // Same test, order, prompt text and answers: the same request (see pairMessages), sent once.
        const auto [seen, fresh] = m_judgeSeen.try_emplace({test, order, p.text, ref.identity, tst.identity}, false);
        if (!fresh) {
            m_plan.reusedJudgments += seen->second ? 1 : 0;
            return;
        }
        // A new run draws its salt when it is created: no stored judge reply can match it yet.
        if (!ref.pending && !tst.pending && m_w.cfg.salt != 0) {
            const auto req = judgeRequest(m_w.judge, pairMessages(m_w.cfg, test, order, p.text, ref.identity, tst.identity), m_runId, p.id);
            if (const auto stored = m_store.responseByKey(req.key); stored && reusesStored(*stored, m_reuseUnusable)) {
                ++m_plan.reusedJudgments;
                seen->second = true;
                return;
            }
        }
        ++m_plan.judgeRequests;
        m_tally.charge(m_w.judge, 1, tokensOf(m_rubricChars + p.text.size()) + ref.tokens + tst.tokens, 200);
    }

    Store &m_store;
    const RseWork &m_w;
    int64_t m_runId;
    bool m_reuseUnusable;
    RsePlan &m_plan;
    CostTally m_tally;
    size_t m_rubricChars = 0;
    std::map<std::tuple<std::string, size_t, size_t>, PlannedAnswer> m_answers; ///< (model, dataset, prompt index)
    std::unordered_map<std::string, PlannedAnswer> m_byKey;                     ///< answer request key -> its answer
    /// (test, order, prompt text, reference answer, test answer) -> answered from the store
    std::map<std::tuple<std::string, JudgeOrder, std::string, std::string, std::string>, bool> m_judgeSeen;
};

} // namespace

RsePlan planRun(Store &store, const RseConfig &cfg, int64_t runId, bool retryFailed)
{
    const RseWork w = resolveRseWork(store, cfg, runId, retryFailed);
    RsePlan plan;
    plan.errors = w.errors;
    plan.warnings = w.warnings;
    if (plan.ok())
        Planner(store, w, runId, retryFailed, plan).run();
    return plan;
}

std::string planText(const RsePlan &p)
{
    std::string out;
    if (p.ok()) {
        char cost[64];
        std::snprintf(cost, sizeof cost, "%.4f", p.cost);
        out += "answer requests: " + std::to_string(p.answerRequests) + " (" + std::to_string(p.reusedAnswers) +
               " stored answers reused, " + std::to_string(p.sharedAnswers) + " shared by duplicate prompts)\n";
        out += "judge requests: " + std::to_string(p.judgeRequests) + " (" + std::to_string(p.reusedJudgments) +
               " stored judgments reused, " + std::to_string(p.unjudgeable) + " pairs with an unusable answer not judged)\n";
        out += "tokens: ~" + std::to_string(p.tokensIn) + " in, ~" + std::to_string(p.tokensOut) + " out\n";
        out += "cost: ~$" + std::string(cost) + " (request counts are exact; tokens and cost are estimates)\n";
    }
    for (const auto &w : p.warnings)
        out += "warning: " + w + "\n";
    for (const auto &e : p.errors)
        out += "error: " + e + "\n";
    return out;
}

} // namespace ds::rse
