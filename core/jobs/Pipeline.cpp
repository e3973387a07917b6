#include "jobs/Pipeline.h"

#include "jobs/BatchRunner.h"
#include "store/Store.h"

#include <cstdio>

namespace ds {

double estimateCost(const LlmRequest &r)
{
    size_t chars = r.model.systemPrompt.size();
    for (const auto &m : r.messages)
        chars += m.content.size();
    const double tokensIn = double(chars) / 4.0 + 16;
    const double tokensOut = double(r.maxTokensOverride > 0 ? r.maxTokensOverride : r.model.maxTokens);
    return tokensIn * r.model.priceInPerMTok / 1e6 + tokensOut * r.model.priceOutPerMTok / 1e6;
}

bool reusesStored(const ResponseRecord &stored, bool reuseUnusable)
{
    return stored.status == AnswerStatus::Ok || (reuseUnusable && isUnusableAnswer(stored.status));
}

namespace {

std::string dollars(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "$%.4f", v);
    return buf;
}

} // namespace

/// Everything the network and writer callbacks touch; they hold it by shared_ptr.
struct Pipeline::Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Arrival> inbox;
    int64_t outstanding = 0;                                          ///< tickets not yet taken with next()
    int64_t inFlight = 0;                                             ///< requests handed to the client and not yet back
    int64_t callbacks = 0;                                            ///< client or writer callbacks still to run
    std::unordered_map<std::string, std::vector<uint64_t>> ticketsOf; ///< key -> tickets waiting for it
    std::unordered_map<std::string, std::pair<ResponseRecord, Outcome>> committing;
    std::unordered_map<std::string, double> reservation; ///< key -> estimated cost while in flight
    double reserved = 0, sessionSpend = 0, spentBefore = 0, spendLimit = 0;
    std::shared_ptr<CancelToken> token;

    /// With the mutex held: one arrival per waiting ticket of `key`.
    void deliver(const std::string &key, const ResponseRecord &r, Outcome o, bool stored)
    {
        auto it = ticketsOf.find(key);
        if (it == ticketsOf.end())
            return;
        for (size_t i = 0; i < it->second.size(); ++i)
            inbox.push_back({it->second[i], r, o, false, stored, i > 0});
        ticketsOf.erase(it);
    }

    /// Network thread, right before a send: the spend ceiling counts what is in flight.
    bool admit(const LlmRequest &r)
    {
        std::lock_guard lock(mutex);
        const double estimate = estimateCost(r);
        const double total = spentBefore + sessionSpend + reserved;
        if (total + estimate > spendLimit) {
            token->stopSending(StopReason::SpendCeiling, "spend ceiling of " + dollars(spendLimit) +
                                                             " reached: " + dollars(spentBefore + sessionSpend) + " spent over the run, " +
                                                             dollars(reserved) + " in flight");
            return false;
        }
        reservation[r.key] += estimate;
        reserved += estimate;
        return true;
    }
};

Pipeline::Pipeline(Store &store, LlmClient &client, std::shared_ptr<CancelToken> token, int64_t runId, PipelineOptions options)
    : m_shared(std::make_shared<Shared>()), m_token(std::move(token)), m_store(store), m_client(client), m_runId(runId), m_options(options)
{
    m_shared->token = m_token;
    m_shared->spendLimit = options.spendLimit;
    if (const auto run = store.run(runId))
        m_shared->spentBefore = run->spent;
    if (options.spendLimit > 0) {
        std::weak_ptr<Shared> weak = m_shared;
        m_token->setAdmission([weak](const LlmRequest &r) {
            const auto shared = weak.lock();
            return !shared || shared->admit(r);
        });
        if (m_shared->spentBefore >= options.spendLimit)
            m_token->stopSending(StopReason::SpendCeiling, "spend ceiling of " + dollars(options.spendLimit) +
                                                               " reached: " + dollars(m_shared->spentBefore) + " spent over the run");
    }
}

Pipeline::~Pipeline()
{
    std::unique_lock lock(m_shared->mutex);
    if (m_shared->callbacks > 0)
        m_token->abort(); // the job is leaving early (an exception): nothing may call back into it later
    m_shared->changed.wait(lock, [&] { return m_shared->callbacks == 0; });
    lock.unlock();
    if (m_options.spendLimit > 0)
        m_token->setAdmission({});
}

// Kept whole (~85 lines): the three ways a request is answered (shared with one in flight, from the
// store, sent) and the commit-then-deliver callback follow one lock discipline, read top to bottom.
void Pipeline::request(uint64_t ticket, LlmRequest req)
{
    {
        std::lock_guard lock(m_shared->mutex);
        ++m_shared->outstanding;
        auto it = m_shared->ticketsOf.find(req.key);
        if (it != m_shared->ticketsOf.end()) { // the same request is already on its way: share its answer
            it->second.push_back(ticket);
            return;
        }
    }
    if (auto stored = m_store.responseByKey(req.key); stored && reusesStored(*stored, m_options.reuseUnusable)) {
        std::lock_guard lock(m_shared->mutex);
        m_shared->inbox.push_back({ticket, std::move(*stored), Outcome::Ok, true, true, false});
        m_shared->changed.notify_all();
        return;
    }
    std::lock_guard lock(m_shared->mutex);
    if (m_token->stopping()) {
        ResponseRecord r;
        r.requestKey = req.key;
        r.model = req.model.name;
        r.promptId = req.promptId;
        r.kind = req.kind;
        r.status = AnswerStatus::Error;
        r.error = "not sent: the run is stopping";
        m_shared->inbox.push_back({ticket, std::move(r), Outcome::Cancelled, false, true, false});
        m_shared->changed.notify_all();
        return;
    }
    m_shared->ticketsOf[req.key].push_back(ticket);
    ++m_shared->inFlight;
    ++m_shared->callbacks;
    req.token = m_token;
    Store *store = &m_store;
    const int64_t runId = m_runId;
    std::shared_ptr<Shared> shared = m_shared;
    auto done = [shared, store, runId](const ResponseRecord &r, Outcome o) {
        std::unique_lock lock(shared->mutex);
        --shared->inFlight;
        if (auto res = shared->reservation.find(r.requestKey); res != shared->reservation.end()) {
            shared->reserved -= res->second;
            shared->reservation.erase(res);
        }
        if (o == Outcome::Paused) // the server asked for a wait past the retry cap: asked again on resume
            shared->token->stopSending(StopReason::RateLimited, "rate limited by " + r.model + ": " + r.error);
        if (o == Outcome::Cancelled || o == Outcome::Paused) { // not sent, aborted or deferred: nothing to store
            shared->deliver(r.requestKey, r, Outcome::Cancelled, true);
            --shared->callbacks;
            shared->changed.notify_all();
            return;
        }
        shared->sessionSpend += r.cost;
        if (o == Outcome::BillingStop)
            shared->token->stopSending(StopReason::BillingStop, "billing stop from " + r.model + ": " + r.error);
        else if (o == Outcome::Error && (r.httpStatus == 401 || r.httpStatus == 403))
            shared->token->stopSending(StopReason::Unauthorized,
                                       r.model + " refused the credentials (" + r.error + "); fix the API key, then resume");
        if (shared->spendLimit > 0 && shared->spentBefore + shared->sessionSpend >= shared->spendLimit)
            shared->token->stopSending(StopReason::SpendCeiling, "spend ceiling of " + dollars(shared->spendLimit) + " reached");
        shared->committing[r.requestKey] = {r, o};
        lock.unlock();
        // Record: commit first, deliver after, so that what the job counts is what is stored.
        store->addRunSpend(runId, r.cost);
        store->putResponse(r, [shared, key = r.requestKey](const std::string &error) {
            std::lock_guard lock2(shared->mutex);
            auto node = shared->committing.extract(key);
            if (!error.empty())
                shared->token->stopSending(StopReason::StorageFailure, "cannot store results: " + error);
            if (!node.empty())
                shared->deliver(key, node.mapped().first, node.mapped().second, error.empty());
            --shared->callbacks;
            shared->changed.notify_all();
        });
    };
    if (req.model.options.batch) {
        if (!m_batch)
            m_batch = std::make_unique<BatchRunner>(m_store, m_token, m_runId);
        m_batch->submit(std::move(req), std::move(done));
    } else {
        m_client.submit(std::move(req), std::move(done));
    }
}

std::string Pipeline::batchState() const
{
    return m_batch ? m_batch->state() : std::string();
}

std::function<void(const std::string &)> Pipeline::onCommit(uint64_t ticket)
{
    {
        std::lock_guard lock(m_shared->mutex);
        ++m_shared->outstanding;
        ++m_shared->callbacks;
    }
    return [shared = m_shared, ticket](const std::string &error) {
        std::lock_guard lock(shared->mutex);
        if (!error.empty())
            shared->token->stopSending(StopReason::StorageFailure, "cannot store results: " + error);
        Arrival a;
        a.ticket = ticket;
        a.outcome = Outcome::Ok;
        a.stored = error.empty();
        a.commitOnly = true;
        shared->inbox.push_back(std::move(a));
        --shared->callbacks;
        shared->changed.notify_all();
    };
}

bool Pipeline::next(Arrival &out, std::chrono::milliseconds timeout)
{
    if (const std::string health = m_store.health(); !health.empty())
        m_token->stopSending(StopReason::StorageFailure, "cannot store results: " + health);
    std::unique_lock lock(m_shared->mutex);
    if (!m_shared->changed.wait_for(lock, timeout, [&] { return !m_shared->inbox.empty(); }))
        return false;
    out = std::move(m_shared->inbox.front());
    m_shared->inbox.pop_front();
    --m_shared->outstanding;
    return true;
}

int64_t Pipeline::outstanding() const
{
    std::lock_guard lock(m_shared->mutex);
    return m_shared->outstanding;
}

int64_t Pipeline::inFlight() const
{
    std::lock_guard lock(m_shared->mutex);
    return m_shared->inFlight;
}

double Pipeline::sessionSpend() const
{
    std::lock_guard lock(m_shared->mutex);
    return m_shared->sessionSpend;
}

double Pipeline::runSpend() const
{
    std::lock_guard lock(m_shared->mutex);
    return m_shared->spentBefore + m_shared->sessionSpend;
}

} // namespace ds
