#include "rse/RseJob.h"

#include "jobs/Eta.h"
#include "jobs/Pipeline.h"
#include "net/PromptMessages.h"
#include "rse/JudgePrompt.h"
#include "rse/RsePlan.h"
#include "store/Store.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <random>
#include <set>
#include <unordered_map>

namespace ds::rse {

namespace {

using Clock = std::chrono::steady_clock;

/// What a ticket was for.
struct Ticket {
    enum Kind { Answer, Judge, JudgmentCommit } kind = Answer;
    std::string model; ///< answering model, or the test model for a judgment
    size_t dataset = 0;
    size_t promptIndex = 0;
    JudgeOrder order = JudgeOrder::ReferenceFirst; ///< judge
    int repair = 0;                                ///< judge: 0 first ask, 1 after a parse failure
    std::vector<ChatMessage> messages;
    bool cached = false, failed = false; ///< JudgmentCommit: how to count it once stored
};

/// One session of an RSE run. Plan: resolve the config and what is already stored. Dispatch: every
/// missing answer, then each pair's judgments as soon as both answers are in. Record: count and store
/// what arrives. All state lives here; the pipeline owns what its callbacks touch.
class RseSession {
public:
    RseSession(Store &store, LlmClient &client, std::shared_ptr<CancelToken> token, int64_t runId, bool retryFailed,
               std::function<void(const JobProgress &)> report)
        : m_store(store), m_client(client), m_token(std::move(token)), m_runId(runId), m_retryFailed(retryFailed),
          m_report(std::move(report))
    {
        m_progress.runId = runId;
        m_progress.phase = "collecting answers and judging";
    }

    JobResult run()
    {
        plan();
        Pipeline pipe(m_store, m_client, m_token, m_runId, {!m_retryFailed, m_w.cfg.spendLimit});
        m_pipe = &pipe;
        m_started = Clock::now();
        dispatchAnswers();
        Arrival a;
        while (pipe.outstanding() > 0) {
            if (pipe.next(a, std::chrono::milliseconds(200)))
                record(a);
            report(false);
        }
        report(true);
        m_pipe = nullptr;
        return finish();
    }

private:
    // ---- plan ---------------------------------------------------------------------------------------
    void plan()
    {
        const auto runInfo = m_store.run(m_runId);
        if (!runInfo)
            throw std::runtime_error("no run with id " + std::to_string(m_runId));
        RseConfig cfg;
        if (auto e = RseConfig::fromJson(runInfo->configJson, cfg); !e.empty())
            throw std::runtime_error(e);
        // Resolved up front (rse/RsePlan.h): a typo should fail before anything is paid for.
        m_w = resolveRseWork(m_store, cfg, m_runId, m_retryFailed);
        if (!m_w.errors.empty())
            throw std::runtime_error(joinProblems(m_w.errors));
        const int64_t judgePerPrompt = int64_t(m_w.orders.size() * m_w.cfg.tests.size());
        for (const auto &w : m_w.datasets) {
            const int64_t n = int64_t(w.prompts.size());
            for (const auto &name : m_w.answering) {
                m_progress.lanes[name].total += n;
                m_progress.total += n;
            }
            m_progress.lanes[m_w.cfg.judge].total += n * judgePerPrompt;
            m_progress.total += n * judgePerPrompt;
            for (const auto &p : w.prompts)
                for (const auto &t : m_w.cfg.tests)
                    for (const auto &o : m_w.orders)
                        if (m_w.judged.count({t, p.id, o}))
                            countDone(m_w.cfg.judge, true, false);
        }
    }

    // ---- dispatch -----------------------------------------------------------------------------------
    uint64_t newTicket(Ticket t)
    {
        const uint64_t id = ++m_lastTicket;
        m_tickets.emplace(id, std::move(t));
        return id;
    }

    void dispatchAnswers()
    {
        // Interleave models per prompt so that pairs complete early and the judge lane starts at once.
        for (size_t d = 0; d < m_w.datasets.size(); ++d) {
            const auto &w = m_w.datasets[d];
            for (size_t pi = 0; pi < w.prompts.size(); ++pi) {
                for (const auto &name : m_w.answering) {
                    const auto &imp = w.imported.at(name);
                    if (auto it = imp.find(w.prompts[pi].id); it != imp.end()) {
                        m_answerOf[{name, d, pi}] = it->second.text;
                        countDone(name, true, false);
                        continue;
                    }
                    m_pipe->request(newTicket({Ticket::Answer, name, d, pi, {}, 0, {}}),
                                    answerRequest(m_w.models.at(name), w.prompts[pi], m_runId));
                }
            }
        }
        for (size_t d = 0; d < m_w.datasets.size(); ++d)
            for (size_t pi = 0; pi < m_w.datasets[d].prompts.size(); ++pi)
                for (const auto &t : m_w.cfg.tests)
                    maybeJudge(d, pi, t);
    }

    void requestJudge(Ticket t)
    {
        LlmRequest req = judgeRequest(m_w.judge, t.messages, m_runId, m_w.datasets[t.dataset].prompts[t.promptIndex].id);
        m_pipe->request(newTicket(std::move(t)), std::move(req));
    }

    /// Sends the judgments of (test, reference) on one prompt once both answers are in.
    void maybeJudge(size_t d, size_t pi, const std::string &test)
    {
        if (m_token->stopping())
            return;
        const auto ref = m_answerOf.find({m_w.cfg.reference, d, pi});
        const auto tst = m_answerOf.find({test, d, pi});
        if (ref == m_answerOf.end() || tst == m_answerOf.end())
            return;
        const PromptItem &p = m_w.datasets[d].prompts[pi];
        for (const auto &order : m_w.orders) {
            if (!m_w.judged.insert({test, p.id, order}).second)
                continue;
            if (!ref->second || !tst->second) {
                // An answer failed or is unusable: this pair cannot be judged. Counted, not fatal.
                countDone(m_w.cfg.judge, false, true);
                continue;
            }
            Ticket t{Ticket::Judge, test, d, pi, order, 0, {}};
            t.messages = pairMessages(m_w.cfg, test, order, p.text, *ref->second, *tst->second);
            requestJudge(std::move(t));
        }
    }

    // ---- record -------------------------------------------------------------------------------------
    void record(Arrival &a)
    {
        auto node = m_tickets.extract(a.ticket);
        if (node.empty())
            return;
        Ticket &t = node.mapped();
        if (t.kind == Ticket::JudgmentCommit) {
            if (a.stored)
                countDone(m_w.cfg.judge, t.cached, t.failed);
            else
                ++m_notStored;
            return;
        }
        m_progress.countRetriedFailures(a.record.retriedFailures); // attempts that failed happened, whatever came after
        if (a.outcome == Outcome::Cancelled)
            return; // not sent or aborted: left for the resume
        if (!a.cached && !a.duplicate)
            countSpend(a.record);
        if (!a.stored) {
            ++m_notStored;
            return;
        }
        if (a.outcome != Outcome::Ok)
            countError(a.record);
        if (t.kind == Ticket::Answer)
            recordAnswer(t, a);
        else
            recordJudge(t, a);
    }

    void recordAnswer(const Ticket &t, const Arrival &a)
    {
        std::optional<std::string> text;
        bool failed = false;
        if (a.outcome != Outcome::Ok) {
            failed = true;
        } else if (isUnusableAnswer(a.record.status)) {
            ++m_progress.unusable;
            ++m_unusableKinds[answerStatusName(a.record.status)];
        } else {
            text = answerText(a.record);
        }
        countDone(t.model, a.cached, failed);
        m_answerOf[{t.model, t.dataset, t.promptIndex}] = text;
        if (t.model == m_w.cfg.reference) {
            for (const auto &test : m_w.cfg.tests)
                maybeJudge(t.dataset, t.promptIndex, test);
        } else {
            maybeJudge(t.dataset, t.promptIndex, t.model);
        }
    }

    void recordJudge(const Ticket &t, const Arrival &a)
    {
        const DatasetWork &w = m_w.datasets[t.dataset];
        const PromptItem &p = w.prompts[t.promptIndex];
        Judgment j;
        j.runId = m_runId;
        j.promptId = p.id;
        j.dataset = w.info.name;
        j.testModel = t.model;
        j.refModel = m_w.cfg.reference;
        j.judgeModel = m_w.cfg.judge;
        j.order = t.order;
        j.requestKey = a.record.requestKey;
        j.raw = a.record.text;
        if (a.outcome != Outcome::Ok || a.record.status != AnswerStatus::Ok) {
            j.status = a.outcome != Outcome::Ok ? JudgmentStatus::RequestFailed : JudgmentStatus::Unreadable;
            j.rationale = a.outcome != Outcome::Ok ? "judge request failed: " + a.record.error
                                                   : "judge reply unusable (" + std::string(answerStatusName(a.record.status)) +
                                                         ", finish reason '" + a.record.finishReason + "')";
        } else {
            std::string problem;
            if (auto s = parseJudgeReply(a.record.text, &problem)) {
                j.style = s->style;
                j.logic = s->logic;
                j.content = s->content;
                j.overall = s->overall;
                j.rationale = s->rationale;
                j.status = t.repair ? JudgmentStatus::Repaired : JudgmentStatus::Ok;
            } else if (t.repair == 0 && !m_token->stopping()) {
                // One repair attempt with the reason, then a recorded judge error.
                m_progress.errorKinds["judge-parse"]++;
                Ticket again = t;
                again.repair = 1;
                again.messages = repairMessages(t.messages, a.record.text, problem);
                requestJudge(std::move(again));
                return;
            } else {
                j.status = JudgmentStatus::Unreadable;
                j.rationale = "unreadable judge reply: " + problem;
                m_progress.errorKinds["judge-parse"]++;
                m_store.addEvent({m_runId,
                                  "warning",
                                  "judge-parse",
                                  m_w.cfg.judge + " on " + t.model + " / prompt " + std::to_string(p.idx) + ": " + problem,
                                  {}});
            }
        }
        const auto &ref = m_answerOf[{m_w.cfg.reference, t.dataset, t.promptIndex}];
        const auto &tst = m_answerOf[{t.model, t.dataset, t.promptIndex}];
        j.flagged = (ref && looksJudgeDirected(*ref)) || (tst && looksJudgeDirected(*tst));
        if (j.flagged)
            m_progress.flagged++;
        Ticket commit{Ticket::JudgmentCommit, t.model, t.dataset, t.promptIndex, t.order, 0, {}};
        commit.cached = a.cached;
        commit.failed = !scored(j.status);
        m_store.putJudgment(j, m_pipe->onCommit(newTicket(std::move(commit))));
    }

    // ---- counting -----------------------------------------------------------------------------------
    void countDone(const std::string &lane, bool cached, bool failed)
    {
        auto &lp = m_progress.lanes[lane];
        lp.done++;
        m_progress.done++;
        if (cached) {
            lp.cached++;
            m_progress.cached++;
        }
        if (failed) {
            lp.failed++;
            m_progress.failed++;
        }
    }

    void countSpend(const ResponseRecord &r)
    {
        ++m_freshDone;
        m_progress.tokensIn += r.tokensIn.value_or(0);
        m_progress.tokensOut += r.tokensOut.value_or(0);
        m_progress.cost += r.cost;
        if (r.attempts > 1)
            m_progress.retried++;
    }

    void countError(const ResponseRecord &r)
    {
        const std::string kind = failureKind(r.httpStatus);
        m_progress.errorKinds[kind]++;
        m_progress.lastError = r.model + " / prompt " + std::to_string(r.promptId) + ": " + r.error;
        m_store.addEvent({m_runId, "error", kind, m_progress.lastError, {}});
    }

    void report(bool force)
    {
        const auto now = Clock::now();
        if (!force && now - m_lastReport < std::chrono::milliseconds(200))
            return;
        m_lastReport = now;
        m_progress.pending = m_pipe ? m_pipe->inFlight() : 0;
        const std::string batches = m_pipe ? m_pipe->batchState() : std::string();
        m_progress.phase = "collecting answers and judging" + (batches.empty() ? std::string() : "; " + batches);
        m_progress.elapsedS = std::chrono::duration<double>(now - m_started).count();
        m_progress.etaS = estimateEtaS(m_progress, m_freshDone);
        if (m_report)
            m_report(m_progress);
    }

    JobResult finish()
    {
        JobResult r;
        r.counters = m_progress;
        const std::string resume = "`run resume " + std::to_string(m_runId) + "`";
        if (m_token->stopping()) {
            const StopReason why = m_token->reason();
            r.status = why == StopReason::Cancelled ? RunStatus::Cancelled : RunStatus::Paused;
            r.message = m_token->message() + "; " + std::to_string(m_progress.done) + "/" + std::to_string(m_progress.total) +
                        " items stored; resume with " + resume;
            if (why == StopReason::BillingStop || why == StopReason::SpendCeiling || why == StopReason::Unauthorized)
                m_store.addEvent({m_runId, "error", why == StopReason::SpendCeiling ? "spend-limit" : "billing", m_token->message(), {}});
            else if (why == StopReason::RateLimited)
                m_store.addEvent({m_runId, "warning", "rate-limit", m_token->message(), {}});
            return r;
        }
        if (m_progress.failed > 0 || m_progress.unusable > 0) {
            r.status = RunStatus::Incomplete;
            std::string kinds;
            for (const auto &[k, n] : m_unusableKinds)
                kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + k;
            r.message = std::to_string(m_progress.failed) + " items failed" +
                        (m_progress.unusable ? ", " + std::to_string(m_progress.unusable) + " answers unusable (" + kinds + ")" : "") +
                        "; `run resume " + std::to_string(m_runId) + " --retry-failed` re-sends them";
            return r;
        }
        r.status = RunStatus::Complete;
        return r;
    }

    Store &m_store;
    LlmClient &m_client;
    std::shared_ptr<CancelToken> m_token;
    int64_t m_runId;
    bool m_retryFailed;
    std::function<void(const JobProgress &)> m_report;

    RseWork m_w; ///< m_w.judged grows with every judgment sent: (test, prompt id, order) stored or sent
    /// (model, dataset index, prompt index) -> answer text, or nullopt when failed / unusable.
    std::map<std::tuple<std::string, size_t, size_t>, std::optional<std::string>> m_answerOf;
    std::unordered_map<uint64_t, Ticket> m_tickets;
    uint64_t m_lastTicket = 0;
    Pipeline *m_pipe = nullptr;

    JobProgress m_progress;
    std::map<std::string, int64_t> m_unusableKinds;
    int64_t m_freshDone = 0, m_notStored = 0;
    Clock::time_point m_started = Clock::now(), m_lastReport = Clock::now() - std::chrono::seconds(1);
};

} // namespace

RseJob::RseJob(Store &store, LlmClient &client, int64_t runId, bool retryFailed, QObject *parent)
    : Job(store, runId, parent), m_client(client), m_retryFailed(retryFailed)
{
}

int64_t RseJob::createRun(Store &store, const RseConfig &cfgIn, const std::string &name, std::string *error)
{
    // The same checks as every session's plan, so a typo leaves no run behind.
    const RseWork work = resolveRseWork(store, cfgIn);
    if (!work.errors.empty()) {
        if (error)
            *error = joinProblems(work.errors);
        return 0;
    }
    RseConfig cfg = cfgIn;
    if (cfg.salt == 0)
        cfg.salt = std::random_device{}() | (uint64_t(std::random_device{}()) << 32);
    RunInfo run;
    run.name = name;
    run.kind = RunKind::Rse;
    run.configJson = cfg.toJson();
    if (!store.createRun(run, error))
        return 0;
    return run.id;
}

JobResult RseJob::execute()
{
    RseSession session(store(), m_client, token(), runId(), m_retryFailed, [this](const JobProgress &p) { reportProgress(p); });
    return session.run();
}

} // namespace ds::rse
