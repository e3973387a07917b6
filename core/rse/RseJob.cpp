#include "rse/RseJob.h"

#include "jobs/Fetcher.h"
#include "net/PromptMessages.h"
#include "rse/JudgePrompt.h"
#include "store/Store.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <set>
#include <unordered_map>

namespace ds::rse {

namespace {

using Clock = std::chrono::steady_clock;

/// What a finished request was for.
struct Ticket {
    enum Kind { Answer, Judge } kind = Answer;
    std::string model; ///< answering model, or the test model for a judgment
    std::string dataset;
    size_t promptIndex = 0;
    std::string order; ///< judge: "rt" or "tr"
    int repair = 0;    ///< judge: 0 first ask, 1 after a parse failure
    std::vector<ChatMessage> messages;
};

struct Arrival {
    Ticket ticket;
    ResponseRecord record;
    Outcome outcome;
    bool cached;
};

uint64_t mix(uint64_t h, const std::string &s)
{
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

} // namespace

RseJob::RseJob(Store &store, LlmClient &client, int64_t runId, bool retryFailed, QObject *parent)
    : Job(parent), m_store(store), m_client(client), m_runId(runId), m_retryFailed(retryFailed)
{
}

int64_t RseJob::createRun(Store &store, const RseConfig &cfgIn, const std::string &name, std::string *error)
{
    RseConfig cfg = cfgIn;
    if (cfg.salt == 0)
        cfg.salt = std::random_device{}() | (uint64_t(std::random_device{}()) << 32);
    RunInfo run;
    run.name = name;
    run.kind = "rse";
    run.configJson = cfg.toJson();
    if (!store.createRun(run, error))
        return 0;
    return run.id;
}

std::string RseJob::execute()
{
    const auto runInfo = m_store.run(m_runId);
    if (!runInfo)
        throw std::runtime_error("no run with id " + std::to_string(m_runId));
    RseConfig cfg;
    if (auto e = RseConfig::fromJson(runInfo->configJson, cfg); !e.empty())
        throw std::runtime_error(e);

    // Resolve models and datasets up front: a typo should fail before anything is paid for.
    std::unordered_map<std::string, ModelConfig> models;
    std::vector<std::string> answering = {cfg.reference};
    for (const auto &t : cfg.tests)
        if (t != cfg.reference)
            answering.push_back(t);
    for (const auto &name : answering)
        if (auto m = m_store.model(name))
            models[name] = *m;
    auto judgeModel = m_store.model(cfg.judge);
    if (!judgeModel)
        throw std::runtime_error("unknown judge model '" + cfg.judge + "' (see `model list`)");

    struct DatasetWork {
        DatasetInfo info;
        std::vector<PromptItem> prompts;
        std::unordered_map<std::string, std::unordered_map<int64_t, ResponseRecord>> imported;
    };
    std::vector<DatasetWork> work;
    for (const auto &dsName : cfg.datasets) {
        auto info = m_store.dataset(dsName);
        if (!info)
            throw std::runtime_error("unknown dataset '" + dsName + "' (see `dataset list`)");
        DatasetWork w{*info, m_store.prompts(info->id), {}};
        for (const auto &name : answering) {
            auto answers = m_store.answers(name, info->id);
            for (auto it = answers.begin(); it != answers.end();)
                it = it->second.source == "import" ? std::next(it) : answers.erase(it);
            w.imported[name] = std::move(answers);
        }
        work.push_back(std::move(w));
    }
    for (const auto &name : answering) {
        if (m_store.model(name))
            continue;
        // A model without an endpoint is fine if every prompt has an imported answer.
        for (const auto &w : work)
            if (w.imported.at(name).size() < w.prompts.size())
                throw std::runtime_error("unknown model '" + name + "' and no imported answers for all of dataset '" + w.info.name + "'");
    }

    // Judgments already stored for this run.
    std::set<std::tuple<std::string, int64_t, std::string>> judged; // (test, prompt id, order)
    for (const auto &j : m_store.judgments(m_runId))
        if (j.judgeModel == cfg.judge && (j.parseStatus != "error" || !m_retryFailed))
            judged.insert({j.testModel, j.promptId, j.order});

    m_store.setRunStatus(m_runId, "running");
    Fetcher fetcher(m_store, m_client);

    std::mutex mutex;
    std::condition_variable cv;
    std::deque<Arrival> arrivals;
    int64_t outstanding = 0;

    JobProgress progress;
    progress.runId = m_runId;
    progress.phase = "collecting answers and judging";
    const auto started = Clock::now();
    int64_t freshDone = 0; // requests actually sent and finished (for the ETA)

    const std::vector<std::string> orders = cfg.swap ? std::vector<std::string>{"rt", "tr"} : std::vector<std::string>{"rt"};
    for (const auto &w : work) {
        const int64_t n = int64_t(w.prompts.size());
        for (const auto &name : answering) {
            progress.lanes[name].total += n;
            progress.total += n;
        }
        progress.lanes[cfg.judge].total += n * int64_t(orders.size() * cfg.tests.size());
        progress.total += n * int64_t(orders.size() * cfg.tests.size());
    }

    // Answers known so far: (model, dataset, prompt index) -> text, or error.
    std::map<std::tuple<std::string, std::string, size_t>, std::optional<std::string>> answerOf;
    bool billingStop = false;
    std::string billingMessage;
    double spent = 0;

    auto submit = [&](Ticket ticket, LlmRequest req) {
        {
            std::lock_guard lock(mutex);
            ++outstanding;
        }
        fetcher.fetch(std::move(req), [&, ticket](const ResponseRecord &r, Outcome o, bool cached) {
            std::lock_guard lock(mutex);
            arrivals.push_back({ticket, r, o, cached});
            cv.notify_one();
        });
    };

    auto requestJudge = [&](const DatasetWork &w, size_t pi, const std::string &test, const std::string &order, const std::string &refText,
                            const std::string &testText) {
        const PromptItem &p = w.prompts[pi];
        Ticket t;
        t.kind = Ticket::Judge;
        t.model = test;
        t.dataset = w.info.name;
        t.promptIndex = pi;
        t.order = order;
        const uint64_t seed = mix(mix(mix(cfg.salt, test), order), std::to_string(p.id));
        t.messages = order == "rt" ? judgeMessages(p.text, refText, testText, seed) : judgeMessages(p.text, testText, refText, seed);
        LlmRequest req;
        req.model = *judgeModel;
        req.messages = t.messages;
        req.kind = "judge";
        req.runId = m_runId;
        req.promptId = p.id;
        req.key = requestKey(*judgeModel, req.messages, 0, "rse-judge-v1");
        submit(std::move(t), std::move(req));
    };

    auto maybeJudge = [&](const DatasetWork &w, size_t pi, const std::string &test) {
        const auto ref = answerOf.find({cfg.reference, w.info.name, pi});
        const auto tst = answerOf.find({test, w.info.name, pi});
        if (ref == answerOf.end() || tst == answerOf.end())
            return;
        for (const auto &order : orders) {
            if (judged.count({test, w.prompts[pi].id, order}))
                continue;
            if (!ref->second || !tst->second) {
                // An answer failed: this pair cannot be judged. Counted, not fatal.
                progress.lanes[cfg.judge].failed++;
                progress.lanes[cfg.judge].done++;
                progress.done++;
                progress.failed++;
                continue;
            }
            judged.insert({test, w.prompts[pi].id, order});
            requestJudge(w, pi, test, order, *ref->second, *tst->second);
        }
    };

    // Mark stored judgments as done in the progress counters.
    for (const auto &w : work)
        for (const auto &p : w.prompts)
            for (const auto &t : cfg.tests)
                for (const auto &o : orders)
                    if (judged.count({t, p.id, o})) {
                        progress.done++;
                        progress.cached++;
                        progress.lanes[cfg.judge].done++;
                        progress.lanes[cfg.judge].cached++;
                    }

    // Dispatch every answer; judges follow as answers arrive. Interleave models per prompt so that
    // pairs complete early and the judge lane starts working right away.
    for (const auto &w : work) {
        for (size_t pi = 0; pi < w.prompts.size(); ++pi) {
            for (const auto &name : answering) {
                const auto &imp = w.imported.at(name);
                if (auto it = imp.find(w.prompts[pi].id); it != imp.end()) {
                    answerOf[{name, w.info.name, pi}] = it->second.text;
                    progress.done++;
                    progress.cached++;
                    progress.lanes[name].done++;
                    progress.lanes[name].cached++;
                    continue;
                }
                const ModelConfig &m = models.at(name);
                Ticket t;
                t.kind = Ticket::Answer;
                t.model = name;
                t.dataset = w.info.name;
                t.promptIndex = pi;
                LlmRequest req;
                req.model = m;
                req.messages = promptMessages(w.prompts[pi]);
                req.kind = "answer";
                req.runId = m_runId;
                req.promptId = w.prompts[pi].id;
                req.key = requestKey(m, req.messages);
                submit(std::move(t), std::move(req));
            }
        }
    }
    for (const auto &w : work)
        for (size_t pi = 0; pi < w.prompts.size(); ++pi)
            for (const auto &t : cfg.tests)
                maybeJudge(w, pi, t);

    auto lastReport = Clock::now() - std::chrono::seconds(1);
    auto report = [&](bool force) {
        const auto now = Clock::now();
        if (!force && now - lastReport < std::chrono::milliseconds(200))
            return;
        lastReport = now;
        progress.elapsedS = std::chrono::duration<double>(now - started).count();
        const int64_t remaining = progress.total - progress.done;
        progress.etaS = freshDone > 0 ? progress.elapsedS / double(freshDone) * double(remaining) : -1;
        reportProgress(progress);
    };

    const DatasetWork *byName = nullptr;
    auto datasetNamed = [&](const std::string &name) -> const DatasetWork & {
        if (byName && byName->info.name == name)
            return *byName;
        for (const auto &w : work)
            if (w.info.name == name)
                return *(byName = &w);
        throw std::runtime_error("internal: dataset vanished");
    };

    bool cancelling = false;
    for (;;) {
        Arrival a;
        {
            std::unique_lock lock(mutex);
            if (outstanding == 0 && arrivals.empty())
                break;
            cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return !arrivals.empty(); });
            if (arrivals.empty()) {
                lock.unlock();
                if (isCancelled() && !cancelling) {
                    cancelling = true;
                    m_client.cancelAll();
                }
                report(false);
                continue;
            }
            a = std::move(arrivals.front());
            arrivals.pop_front();
            --outstanding;
        }
        if (isCancelled() && !cancelling) {
            cancelling = true;
            m_client.cancelAll();
        }
        const auto &w = datasetNamed(a.ticket.dataset);
        const std::string lane = a.ticket.kind == Ticket::Answer ? a.ticket.model : cfg.judge;
        auto &lp = progress.lanes[lane];
        if (a.outcome == Outcome::Cancelled)
            continue;
        if (!a.cached) {
            freshDone++;
            progress.tokensIn += a.record.tokensIn.value_or(0);
            progress.tokensOut += a.record.tokensOut.value_or(0);
            progress.cost += a.record.cost;
            spent += a.record.cost;
            if (a.record.attempts > 1)
                progress.retried++;
        }
        if (a.outcome == Outcome::BillingStop && !billingStop) {
            billingStop = true;
            billingMessage = "billing stop from " + a.record.model + ": " + a.record.error;
            m_store.addEvent({m_runId, "error", "billing", billingMessage, {}});
            m_client.cancelAll();
            cancelling = true;
        }
        if (a.outcome == Outcome::Paused && !billingStop) {
            billingStop = true;
            billingMessage = "rate limited by " + a.record.model + ": " + a.record.error;
            m_store.addEvent({m_runId, "warning", "rate-limit", billingMessage, {}});
            m_client.cancelAll();
            cancelling = true;
        }
        if (cfg.spendLimit > 0 && spent >= cfg.spendLimit && !cancelling) {
            billingStop = true;
            billingMessage = "spend ceiling of $" + std::to_string(cfg.spendLimit) + " reached";
            m_store.addEvent({m_runId, "warning", "spend-limit", billingMessage, {}});
            m_client.cancelAll();
            cancelling = true;
        }
        if (a.outcome == Outcome::Error || a.outcome == Outcome::BillingStop || a.outcome == Outcome::Paused) {
            const std::string kind = a.record.httpStatus ? "http-" + std::to_string(a.record.httpStatus) : "transport";
            progress.errorKinds[kind]++;
            progress.lastError = a.record.model + " / prompt " + std::to_string(a.record.promptId) + ": " + a.record.error;
            m_store.addEvent({m_runId, "error", kind, progress.lastError, {}});
        }

        if (a.ticket.kind == Ticket::Answer) {
            lp.done++;
            progress.done++;
            if (a.cached) {
                lp.cached++;
                progress.cached++;
            }
            std::optional<std::string> text;
            if (a.outcome == Outcome::Ok)
                text = a.record.text.empty() ? a.record.reasoning : a.record.text;
            else {
                lp.failed++;
                progress.failed++;
            }
            answerOf[{a.ticket.model, w.info.name, a.ticket.promptIndex}] = text;
            if (!cancelling) {
                if (a.ticket.model == cfg.reference) {
                    for (const auto &t : cfg.tests)
                        maybeJudge(w, a.ticket.promptIndex, t);
                } else {
                    maybeJudge(w, a.ticket.promptIndex, a.ticket.model);
                }
            }
        } else {
            const PromptItem &p = w.prompts[a.ticket.promptIndex];
            Judgment j;
            j.runId = m_runId;
            j.promptId = p.id;
            j.dataset = w.info.name;
            j.testModel = a.ticket.model;
            j.refModel = cfg.reference;
            j.judgeModel = cfg.judge;
            j.order = a.ticket.order;
            j.requestKey = a.record.requestKey;
            j.raw = a.record.text;
            bool finished = true;
            if (a.outcome != Outcome::Ok) {
                j.parseStatus = "error";
                j.rationale = "judge request failed: " + a.record.error;
            } else {
                std::string problem;
                if (auto s = parseJudgeReply(a.record.text, &problem)) {
                    j.style = s->style;
                    j.logic = s->logic;
                    j.content = s->content;
                    j.overall = s->overall;
                    j.rationale = s->rationale;
                    j.parseStatus = a.ticket.repair ? "repaired" : "ok";
                } else if (a.ticket.repair == 0 && !cancelling) {
                    // One repair attempt with the reason, then a recorded judge error.
                    finished = false;
                    Ticket t = a.ticket;
                    t.repair = 1;
                    t.messages = repairMessages(a.ticket.messages, a.record.text, problem);
                    LlmRequest req;
                    req.model = *judgeModel;
                    req.messages = t.messages;
                    req.kind = "judge";
                    req.runId = m_runId;
                    req.promptId = p.id;
                    req.key = requestKey(*judgeModel, req.messages, 0, "rse-judge-v1");
                    progress.errorKinds["judge-parse"]++;
                    submit(std::move(t), std::move(req));
                } else {
                    j.parseStatus = "error";
                    j.rationale = "unreadable judge reply: " + problem;
                    progress.errorKinds["judge-parse"]++;
                    m_store.addEvent({m_runId,
                                      "warning",
                                      "judge-parse",
                                      cfg.judge + " on " + a.ticket.model + " / prompt " + std::to_string(p.idx) + ": " + problem,
                                      {}});
                }
            }
            if (finished) {
                const auto ref = answerOf[{cfg.reference, w.info.name, a.ticket.promptIndex}];
                const auto tst = answerOf[{a.ticket.model, w.info.name, a.ticket.promptIndex}];
                j.flagged = (ref && looksJudgeDirected(*ref)) || (tst && looksJudgeDirected(*tst));
                if (j.flagged)
                    progress.flagged++;
                m_store.putJudgment(j);
                lp.done++;
                progress.done++;
                if (a.cached) {
                    lp.cached++;
                    progress.cached++;
                }
                if (j.parseStatus == "error") {
                    lp.failed++;
                    progress.failed++;
                }
            }
        }
        report(false);
    }
    m_store.flush();
    report(true);

    if (billingStop) {
        m_store.setRunStatus(m_runId, "paused", billingMessage);
        m_store.flush();
        m_ok = false;
        return "run paused: " + billingMessage + " (resume with `run resume " + std::to_string(m_runId) + "`)";
    }
    if (isCancelled()) {
        m_store.setRunStatus(m_runId, "cancelled", "cancelled by the user");
        m_store.flush();
        m_ok = false;
        return "run cancelled; resume with `run resume " + std::to_string(m_runId) + "`";
    }
    const std::string summary = progress.failed ? std::to_string(progress.failed) + " items failed" : "";
    m_store.setRunStatus(m_runId, "complete", summary);
    m_store.flush();
    return {};
}

} // namespace ds::rse
