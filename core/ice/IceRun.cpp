#include "ice/IceRun.h"

#include "ice/IceStore.h"
#include "ice/LlmJudge.h"
#include "ice/Mutators.h"
#include "ice/PaperImport.h"
#include "ice/Questions.h"
#include "ice/RuleJudge.h"
#include "ice/Templates.h"
#include "jobs/Eta.h"
#include "jobs/Pipeline.h"
#include "net/LlmClient.h"
#include "store/Store.h"
#include "util/StableHash.h"

#include <QElapsedTimer>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>

namespace ds::ice {

nlohmann::json IceRunConfig::toJson() const
{
    return {{"name", name},
            {"target", target},
            {"vendor", vendor},
            {"fact", fact},
            {"helper", helper},
            {"judge", judge},
            {"templates", templates},
            {"questions", questions},
            {"languages", languages},
            {"iterations", iterations},
            {"max_remutate", maxRemutate},
            {"selector",
             {{"kind", selector.kind}, {"c", selector.c}, {"alpha", selector.alpha}, {"beta", selector.beta}, {"seed", selector.seed}}},
            {"strict_vendors", strictVendors},
            {"spend_limit", spendLimit}};
}

IceRunConfig IceRunConfig::fromJson(const nlohmann::json &j)
{
    IceRunConfig c;
    c.name = j.value("name", "");
    c.target = j.value("target", "");
    c.vendor = j.value("vendor", "");
    c.fact = j.value("fact", "");
    c.helper = j.value("helper", "");
    c.judge = j.value("judge", "rules");
    c.templates = j.value("templates", "builtin");
    c.questions = j.value("questions", "builtin");
    c.languages = j.value("languages", std::vector<std::string>{"en", "zh"});
    c.iterations = j.value("iterations", 20);
    c.maxRemutate = j.value("max_remutate", 3);
    if (j.contains("selector")) {
        const auto &s = j["selector"];
        c.selector.kind = s.value("kind", "mcts");
        c.selector.c = s.value("c", 0.5);
        c.selector.alpha = s.value("alpha", 0.1);
        c.selector.beta = s.value("beta", 0.2);
        c.selector.seed = s.value("seed", uint64_t{1});
    }
    c.strictVendors = j.value("strict_vendors", std::vector<std::string>{"openai", "anthropic"});
    c.spendLimit = j.value("spend_limit", 0.0);
    return c;
}

// Kept whole (~85 lines): validation in the order the user fixes things, then the run and its
// questions are stored; every early return says what is wrong.
bool createIceRun(Store &store, const IceRunConfig &cfgIn, int64_t *runId, std::string *error)
{
    IceRunConfig cfg = cfgIn;
    auto fail = [&](const std::string &m) {
        if (error)
            *error = m;
        return false;
    };
    if (!store.model(cfg.target))
        return fail("unknown target model '" + cfg.target + "' (add it with `model add`)");
    TargetIdentity id;
    if (!resolveTarget(cfg.vendor, cfg.fact, &id, error))
        return false;
    cfg.vendor = id.vendor;
    cfg.fact = id.fact;
    if (cfg.judge != "rules" && !store.model(cfg.judge))
        return fail("unknown judge model '" + cfg.judge + "' (or use --judge rules)");
    if (cfg.selector.kind != "mcts" && cfg.selector.kind != "round-robin" && cfg.selector.kind != "random")
        return fail("--selector must be mcts, round-robin or random");
    if (cfg.iterations < 1)
        return fail("--iterations must be at least 1");
    if (!(cfg.spendLimit >= 0))
        return fail("--spend-limit must be a non-negative amount of USD");
    const auto &reg = VendorRegistry::builtin();
    for (const auto &v : cfg.strictVendors)
        if (!reg.find(v))
            return fail("unknown strict vendor '" + v + "'");
    // Questions.
    std::vector<IceQuestion> qs;
    if (cfg.questions == "builtin") {
        qs = builtinQuestions(cfg.languages, error);
        if (qs.empty())
            return false;
    } else {
        if (!importQuestions(cfg.questions, &qs, error))
            return false;
        qs = filterLanguages(std::move(qs), cfg.languages);
        if (qs.empty())
            return fail("no questions in the selected languages");
    }
    // Templates.
    std::vector<IceTemplateRow> ts;
    if (cfg.templates.rfind("frozen:", 0) == 0) {
        const auto src = store.run(cfg.templates.substr(7));
        if (!src || src->kind != RunKind::Ice)
            return fail("no ICE run '" + cfg.templates.substr(7) + "' to take frozen templates from");
        IceStore srcIce(store);
        for (const auto &t : srcIce.templates(src->id))
            if (t.inFinal)
                ts.push_back({static_cast<int>(ts.size()), t.text, "frozen", "", -1, -1, true, t.namesVendor,
                              "from run " + std::to_string(src->id) + " template " + std::to_string(t.idx)});
        if (ts.empty())
            return fail("run " + std::to_string(src->id) + " has no final templates");
        cfg.templates = "frozen:" + std::to_string(src->id);
    } else {
        if (!store.model(cfg.helper))
            return fail("unknown helper model '" + cfg.helper + "' (fuzzing needs --helper; or use --templates frozen:RUN)");
        std::vector<IceTemplate> seeds;
        if (cfg.templates == "builtin")
            seeds = builtinTemplates(error);
        else if (!importTemplates(cfg.templates, &seeds, error))
            return false;
        if (seeds.empty())
            return false;
        for (const auto &s : seeds)
            ts.push_back({static_cast<int>(ts.size()), s.text, "seed", "", -1, -1, false, reg.namesVendor(s.text), s.id});
    }
    RunInfo run;
    run.name = cfg.name.empty() ? "ice " + cfg.target : cfg.name;
    run.kind = RunKind::Ice;
    run.status = RunStatus::Created;
    run.configJson = cfg.toJson().dump();
    if (!store.createRun(run, error))
        return false;
    std::vector<IceQuestionRow> qrows;
    for (size_t i = 0; i < qs.size(); ++i)
        qrows.push_back({static_cast<int>(i), qs[i].id, qs[i].text, qs[i].language, qs[i].aspect});
    IceStore ice(store);
    if (!ice.importRun(run.id, ts, qrows, {}, error)) {
        store.setRunStatus(run.id, RunStatus::Failed, error ? *error : "");
        return false;
    }
    *runId = run.id;
    return true;
}

namespace {

/// The mutation prompt's seed, in 64 bits (the same values as the int arithmetic it replaced, so
/// stored mutation requests keep their keys).
unsigned long long seedOf(int64_t runId, int iter, int attempt)
{
    return static_cast<unsigned long long>(runId) * 100003ULL + static_cast<unsigned long long>(iter) * 17ULL +
           static_cast<unsigned long long>(attempt);
}

struct Fetched {
    ResponseRecord rec;
    Outcome outcome = Outcome::Cancelled;
    bool cached = false;
    bool stored = true;
};

LlmRequest makeRequest(const ModelConfig &m, const std::string &prompt, const std::string &kind, int64_t runId, const std::string &version,
                       int sample)
{
    LlmRequest r;
    r.model = m;
    r.messages = {{"user", prompt}};
    r.kind = kind;
    r.runId = runId;
    r.key = requestKey(m, r.messages, 0, version, sample);
    return r;
}

class Runner {
public:
    Runner(Store &store, LlmClient &client, std::shared_ptr<CancelToken> token, int64_t runId,
           std::function<void(const JobProgress &)> progress)
        : m_store(store), m_ice(store), m_cfg(storedConfig(store, runId)), m_pipe(store, client, token, runId, {true, m_cfg.spendLimit}),
          m_token(std::move(token)), m_runId(runId), m_progressFn(std::move(progress))
    {
        m_prog.runId = runId;
        m_timer.start();
    }

    bool load(std::string *error, bool needTarget = true)
    {
        const auto run = m_store.run(m_runId);
        if (!run || run->kind != RunKind::Ice) {
            *error = "run " + std::to_string(m_runId) + " is not an ICE run";
            return false;
        }
        const auto target = m_store.model(m_cfg.target);
        if (!target && needTarget) {
            *error = "target model '" + m_cfg.target + "' no longer exists";
            return false;
        }
        if (target)
            m_target = *target;
        m_questions = m_ice.questions(m_runId);
        m_templates = m_ice.templates(m_runId);
        for (const auto &v : m_cfg.strictVendors)
            if (const Vendor *x = VendorRegistry::builtin().find(v))
                m_strictNames.push_back(x->company);
        return true;
    }

    bool setJudge(const std::string &judge, std::string *error)
    {
        m_judge = judge;
        if (judge != "rules") {
            const auto jm = m_store.model(judge);
            if (!jm) {
                *error = "unknown judge model '" + judge + "'";
                return false;
            }
            m_judgeModel = *jm;
        }
        return true;
    }

    /// 0 complete, 3 paused/cancelled, 1 failed
    int fuzz(std::string *message)
    {
        const bool frozen = m_cfg.templates.rfind("frozen:", 0) == 0;
        std::vector<int> seeds;
        for (const auto &t : m_templates)
            if (t.origin == "seed" || t.origin == "frozen")
                seeds.push_back(t.idx);
        const int perTemplate = static_cast<int>(m_questions.size());
        m_prog.total = static_cast<int64_t>(frozen ? seeds.size() : static_cast<size_t>(m_cfg.iterations)) * perTemplate;
        // The target lane's plan is known: one request per question and template. Helper and judge
        // lanes depend on the answers (re-mutations, strict follow-ups) and stay without a total, as
        // does a target that also plays helper or judge (one lane, no single plan).
        const bool ownLane = m_cfg.target != m_cfg.helper && m_cfg.target != m_judge;
        if (ownLane)
            m_prog.lanes[m_cfg.target].total = m_prog.total;
        if (frozen) {
            for (int idx : seeds) {
                if (stopRequested(message))
                    return 3;
                if (evaluate(idx, message) < 0)
                    return 3;
            }
            return 0;
        }
        const auto helper = m_store.model(m_cfg.helper);
        if (!helper) {
            *message = "helper model '" + m_cfg.helper + "' no longer exists";
            return 1;
        }
        SelectorParams sp = m_cfg.selector;
        SeedSelector selector(seeds, sp);
        std::set<std::string> seen;
        for (const auto &t : m_templates)
            if (t.origin == "seed")
                seen.insert(templateFingerprint(t.text));
        int nextIdx = static_cast<int>(seeds.size());
        std::uniform_int_distribution<size_t> pickOp(0, allMutationOps().size() - 1);
        std::uniform_int_distribution<size_t> pickSeed(0, seeds.size() - 1);
        for (int iter = 0; iter < m_cfg.iterations; ++iter) {
            if (stopRequested(message))
                return 3;
            m_prog.phase = "mutating (iteration " + std::to_string(iter + 1) + "/" + std::to_string(m_cfg.iterations) + ")";
            report();
            const int parent = selector.select();
            const std::string &parentText = textOf(parent);
            std::optional<IceTemplateRow> accepted;
            for (int attempt = 0; attempt <= m_cfg.maxRemutate && !accepted; ++attempt) {
                const MutationOp op = allMutationOps()[pickOp(selector.rng())];
                const std::string &other = textOf(seeds[pickSeed(selector.rng())]);
                const std::string prompt = mutationPrompt(op, parentText, other, seedOf(m_runId, iter, attempt));
                auto got = fetchAll({makeRequest(*helper, prompt, "mutate", m_runId, "ice-mutate-v1", iter * 16 + attempt)});
                count(got[0], m_cfg.helper);
                if (stopRequested(message))
                    return 3;
                if (got[0].outcome != Outcome::Ok)
                    continue;
                MutantCheck c = cleanMutant(got[0].rec.text);
                std::string candidate = c.text;
                if (op == MutationOp::Expand && c.problem == "no-slot")
                    candidate = mutateResult(op, c.text, parentText);
                const MutantCheck final = cleanMutant(candidate);
                if (!final.ok || !seen.insert(templateFingerprint(final.text)).second) {
                    m_store.addEvent({m_runId,
                                      "info",
                                      "mutant-rejected",
                                      opName(op) + " at iteration " + std::to_string(iter + 1) + ": " +
                                          (final.ok ? std::string("duplicate") : final.problem),
                                      {}});
                    continue;
                }
                accepted = IceTemplateRow{
                    nextIdx, final.text, "mutant", opName(op), parent, iter, true, VendorRegistry::builtin().namesVendor(final.text), ""};
            }
            if (!accepted) {
                selector.update(0.0, -1);
                m_prog.done += perTemplate;
                if (ownLane) // this iteration asks the target nothing
                    m_prog.lanes[m_cfg.target].total -= perTemplate;
                continue;
            }
            m_ice.putTemplate(m_runId, *accepted);
            m_templates.push_back(*accepted);
            ++nextIdx;
            const int hits = evaluate(accepted->idx, message);
            if (hits < 0)
                return 3;
            selector.update(perTemplate > 0 ? static_cast<double>(hits) / perTemplate : 0.0, hits > 0 ? accepted->idx : -1);
        }
        return 0;
    }

    /// Sends every question through template `idx`, judges, stores. Returns loose hits, -1 on stop.
    int evaluate(int idx, std::string *message)
    {
        const std::string &tpl = textOf(idx);
        m_prog.phase = "collecting";
        std::vector<LlmRequest> reqs;
        std::vector<IceItem> items;
        for (const auto &q : m_questions) {
            IceItem it;
            it.templateIdx = idx;
            it.questionIdx = q.idx;
            it.prompt = fillTemplate(tpl, q.text);
            reqs.push_back(makeRequest(m_target, it.prompt, "ice", m_runId, "ice-v1", 0));
            it.responseKey = reqs.back().key;
            items.push_back(std::move(it));
        }
        auto got = fetchAll(std::move(reqs));
        std::vector<size_t> okIdx;
        for (size_t i = 0; i < got.size(); ++i) {
            count(got[i], m_cfg.target);
            if (got[i].outcome == Outcome::Cancelled || !got[i].stored)
                continue; // not received or not stored: asked again on resume
            ++m_prog.done;
            items[i].status = got[i].outcome != Outcome::Ok ? AnswerStatus::Error : got[i].rec.status;
            items[i].response = got[i].rec.text;
            items[i].error = got[i].rec.error;
            m_ice.putItem(m_runId, items[i]);
            if (items[i].status == AnswerStatus::Ok)
                okIdx.push_back(i);
        }
        report();
        if (stopRequested(message))
            return -1;
        m_prog.phase = "judging";
        int hits = 0;
        std::vector<IceItem> ok;
        for (size_t i : okIdx) {
            items[i].question = m_questions[static_cast<size_t>(items[i].questionIdx)].text;
            ok.push_back(items[i]);
        }
        const auto labels = judge(ok, message);
        if (!labels)
            return -1;
        for (size_t k = 0; k < ok.size(); ++k)
            for (const auto &l : (*labels)[k]) {
                m_ice.putLabel(m_runId, ok[k].templateIdx, ok[k].questionIdx, l);
                if (l.judge == m_judge && l.loose.value_or(false))
                    ++hits;
            }
        report();
        return hits;
    }

    /// Labels of the current judge (plus the rule cross-check when the judge is a model).
    std::optional<std::vector<std::vector<IceLabel>>> judge(const std::vector<IceItem> &items, std::string *message)
    {
        RuleJudge rules(VendorRegistry::builtin(), m_cfg.vendor, m_cfg.strictVendors);
        if (!rules.error().empty()) {
            if (message)
                *message = "offline identity judge: " + rules.error();
            return std::nullopt;
        }
        std::vector<std::vector<IceLabel>> out(items.size());
        for (size_t i = 0; i < items.size(); ++i) {
            out[i].push_back(ruleLabel(rules.judge(items[i].response, items[i].question)));
        }
        if (m_judge == "rules")
            return out;
        std::vector<LlmRequest> loose;
        loose.reserve(items.size());
        for (const auto &it : items)
            loose.push_back(makeRequest(m_judgeModel, looseJudgePrompt(m_cfg.fact, it.question, it.response, stableHash64(it.responseKey)),
                                        "ice-judge", m_runId, "ice-judge-loose-v1", 0));
        auto lg = fetchAll(std::move(loose));
        if (stopRequested(message))
            return std::nullopt;
        std::vector<size_t> needStrict;
        std::vector<IceLabel> labels(items.size());
        for (size_t i = 0; i < items.size(); ++i) {
            count(lg[i], m_judge);
            IceLabel &l = labels[i];
            l.judge = m_judge;
            l.raw = lg[i].rec.text;
            if (lg[i].outcome != Outcome::Ok) {
                l.status = JudgmentStatus::RequestFailed;
                l.reason = "judge request failed: " + lg[i].rec.error;
                continue;
            }
            const JudgeReply r = parseLooseReply(lg[i].rec.text);
            if (!r.ok) {
                l.status = JudgmentStatus::Unreadable;
                l.reason = r.error;
                ++m_prog.flagged;
                m_store.addEvent({m_runId, "warning", "judge-parse", r.error, {}});
                continue;
            }
            l.loose = r.value;
            l.reason = r.reason;
            if (r.value)
                needStrict.push_back(i);
            else
                l.strict = false;
        }
        std::vector<LlmRequest> strict;
        strict.reserve(needStrict.size());
        for (size_t i : needStrict)
            strict.push_back(
                makeRequest(m_judgeModel,
                            strictJudgePrompt(m_strictNames, items[i].question, items[i].response, stableHash64(items[i].responseKey) + 1),
                            "ice-judge", m_runId, "ice-judge-strict-v1", 0));
        auto sg = fetchAll(std::move(strict));
        if (stopRequested(message))
            return std::nullopt;
        for (size_t k = 0; k < needStrict.size(); ++k) {
            IceLabel &l = labels[needStrict[k]];
            count(sg[k], m_judge);
            if (sg[k].outcome != Outcome::Ok) {
                l.status = JudgmentStatus::RequestFailed;
                l.reason += " | strict judge request failed";
                continue;
            }
            const JudgeReply r = parseStrictReply(sg[k].rec.text);
            if (!r.ok) {
                l.status = JudgmentStatus::Unreadable;
                l.reason += " | strict: " + r.error;
                m_store.addEvent({m_runId, "warning", "judge-parse", "strict: " + r.error, {}});
                continue;
            }
            l.strict = r.value;
            l.vendor = r.vendor.empty() ? std::string() : VendorRegistry::builtin().resolve(r.vendor);
        }
        for (size_t i = 0; i < items.size(); ++i)
            out[i].push_back(labels[i]);
        return out;
    }

    /// Rejudges every ok item of the run with the current judge.
    int rejudge(std::string *message)
    {
        std::vector<IceItem> ok;
        for (auto &it : m_ice.items(m_runId))
            if (it.status == AnswerStatus::Ok)
                ok.push_back(std::move(it));
        m_prog.total = static_cast<int64_t>(ok.size());
        m_prog.phase = "judging";
        const size_t batch = 50;
        for (size_t b = 0; b < ok.size(); b += batch) {
            if (stopRequested(message))
                return 3;
            std::vector<IceItem> part(ok.begin() + static_cast<long>(b), ok.begin() + static_cast<long>(std::min(ok.size(), b + batch)));
            const auto labels = judge(part, message);
            if (!labels)
                return 3;
            for (size_t k = 0; k < part.size(); ++k)
                for (const auto &l : (*labels)[k])
                    if (l.judge == m_judge)
                        m_ice.putLabel(m_runId, part[k].templateIdx, part[k].questionIdx, l);
            m_prog.done += static_cast<int64_t>(part.size());
            report();
        }
        return 0;
    }

    const IceRunConfig &config() const { return m_cfg; }
    const JobProgress &progress() const { return m_prog; }

private:
    /// The run's stored config (defaults when there is none: load() then says why).
    static IceRunConfig storedConfig(Store &store, int64_t runId)
    {
        const auto run = store.run(runId);
        const auto j = run ? nlohmann::json::parse(run->configJson, nullptr, false) : nlohmann::json();
        return IceRunConfig::fromJson(j.is_object() ? j : nlohmann::json::object());
    }

    const std::string &textOf(int idx) const
    {
        for (const auto &t : m_templates)
            if (t.idx == idx)
                return t.text;
        static const std::string empty;
        return empty;
    }

    bool stopRequested(std::string *message)
    {
        if (m_pipe.token().stopping()) {
            *message = m_pipe.token().message();
            return true;
        }
        return false;
    }

    /// Sends (or reads from the store) a batch of requests and waits for all of them. Cancellation
    /// reaches it through the run's token: queued requests come back Cancelled at once, what is in
    /// flight is received and stored.
    std::vector<Fetched> fetchAll(std::vector<LlmRequest> reqs)
    {
        std::vector<Fetched> out(reqs.size());
        const uint64_t base = m_nextTicket;
        m_nextTicket += reqs.size();
        for (size_t i = 0; i < reqs.size(); ++i)
            m_pipe.request(base + i, std::move(reqs[i]));
        Arrival a;
        while (m_pipe.outstanding() > 0) {
            if (!m_pipe.next(a, std::chrono::milliseconds(200))) {
                m_prog.pending = m_pipe.inFlight();
                report();
                continue;
            }
            if (a.ticket >= base && a.ticket < base + out.size())
                out[a.ticket - base] = {std::move(a.record), a.outcome, a.cached, a.stored};
        }
        m_prog.pending = 0;
        return out;
    }

    void count(const Fetched &f, const std::string &lane)
    {
        m_prog.countRetriedFailures(f.rec.retriedFailures);
        if (f.outcome == Outcome::Cancelled || !f.stored)
            return;
        LaneProgress &l = m_prog.lanes[lane];
        ++l.done;
        if (f.cached) {
            ++l.cached;
            ++m_prog.cached;
        }
        if (f.outcome != Outcome::Ok || f.rec.status != AnswerStatus::Ok) {
            ++l.failed;
            ++m_prog.failed;
            m_prog.lastError = f.rec.error;
            ++m_prog.errorKinds[f.outcome != Outcome::Ok ? failureKind(f.rec.httpStatus) : answerStatusName(f.rec.status)];
        }
        if (!f.cached) {
            if (f.rec.attempts > 1)
                ++m_prog.retried;
            m_prog.tokensIn += f.rec.tokensIn.value_or(0);
            m_prog.tokensOut += f.rec.tokensOut.value_or(0);
            m_prog.cost += f.rec.cost;
        }
    }

    void report()
    {
        m_prog.elapsedS = static_cast<double>(m_timer.elapsed()) / 1000.0;
        // Cached items are counted in done but cost no time: extrapolate from the fresh ones.
        m_prog.etaS = estimateEtaS(m_prog, m_prog.done - m_prog.cached);
        if (m_progressFn)
            m_progressFn(m_prog);
    }

    Store &m_store;
    IceStore m_ice;
    IceRunConfig m_cfg; ///< before m_pipe: the pipeline takes its spend ceiling
    Pipeline m_pipe;
    std::shared_ptr<CancelToken> m_token;
    uint64_t m_nextTicket = 1;
    int64_t m_runId;
    std::function<void(const JobProgress &)> m_progressFn;
    ModelConfig m_target, m_judgeModel;
    std::string m_judge = "rules";
    std::vector<std::string> m_strictNames;
    std::vector<IceQuestionRow> m_questions;
    std::vector<IceTemplateRow> m_templates;
    JobProgress m_prog;
    QElapsedTimer m_timer;
};

} // namespace

int resumeRun(Store &store, LlmClient &client, int64_t runId, const std::function<void(const JobProgress &)> &progress,
              const std::function<bool()> &cancelled, std::string *message)
{
    IceRunJob job(store, client, runId);
    QObject::connect(&job, &Job::progress, &job, [&](const JobProgress &p) {
        if (progress)
            progress(p);
        if (cancelled && cancelled())
            job.cancel();
    });
    const JobResult r = job.runHere();
    if (message)
        *message = r.message;
    return r.exitCode();
}

int rejudgeRun(Store &store, LlmClient &client, int64_t runId, const std::string &judge,
               const std::function<void(const JobProgress &)> &progress, std::string *message)
{
    std::string msg;
    int rc = 1;
    try {
        Runner r(store, client, std::make_shared<CancelToken>(), runId, progress);
        if (r.load(&msg, false) && r.setJudge(judge, &msg))
            rc = r.rejudge(&msg);
    } catch (const std::exception &e) {
        msg = e.what();
    }
    if (const std::string health = store.flush(); !health.empty() && rc == 0) {
        msg = "cannot store the labels: " + health;
        rc = 1;
    }
    if (message)
        *message = msg;
    return rc;
}

JobResult IceRunJob::execute()
{
    Runner r(store(), m_client, token(), runId(), [this](const JobProgress &p) { reportProgress(p); });
    JobResult result;
    if (!r.load(&result.message) || !r.setJudge(r.config().judge, &result.message)) {
        result.status = RunStatus::Failed;
        return result;
    }
    const int rc = r.fuzz(&result.message);
    result.counters = r.progress();
    if (token()->stopping()) {
        const StopReason why = token()->reason();
        result.status = why == StopReason::Cancelled ? RunStatus::Cancelled : RunStatus::Paused;
        result.message = token()->message() + "; resume with `run resume " + std::to_string(runId()) + "`";
        // The same event kinds as RSE runs, so the Runs page lists why the run stopped.
        if (why == StopReason::BillingStop || why == StopReason::SpendCeiling || why == StopReason::Unauthorized)
            store().addEvent({runId(), "error", why == StopReason::SpendCeiling ? "spend-limit" : "billing", token()->message(), {}});
        else if (why == StopReason::RateLimited)
            store().addEvent({runId(), "warning", "rate-limit", token()->message(), {}});
    } else if (rc != 0) {
        result.status = RunStatus::Failed;
    } else if (result.counters.failed > 0) {
        result.status = RunStatus::Incomplete;
        result.message = std::to_string(result.counters.failed) + " requests failed or gave unusable answers";
    } else {
        result.status = RunStatus::Complete;
        result.message.clear();
    }
    return result;
}

} // namespace ds::ice
