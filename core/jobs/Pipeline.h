#pragma once
// The dispatch stage shared by every run (RSE and ICE): plan -> dispatch -> record.
//
// A job plans work items, asks the pipeline for each item's request (tagged with a ticket number the
// job chooses), and records what arrives. The pipeline:
//  - answers from the store what is already stored ("never pay twice"), and sends each distinct
//    request key once, however many tickets want it (duplicate prompts are requested once);
//  - commits every response it receives before delivering it, so an arrival means "stored" and
//    progress counts only what is committed; a failed commit stops the run (StorageFailure);
//  - stops the run's sending on a billing stop, a 401/403, or when the spend ceiling (the run's total
//    across sessions plus what is in flight) would be passed; what is in flight is still received;
//  - sends the requests of models with `batch` on through their provider's batch API (BatchRunner),
//    whose results are committed and delivered exactly like live ones;
//  - owns everything its callbacks touch: no network or writer thread ever holds a reference into a
//    job's stack frame, and the destructor waits until the last callback has run.
// Used from one job thread; the callbacks it hands out run on the network and writer threads.
#include "net/LlmClient.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace ds {
class Store;
class BatchRunner;

struct Arrival {
    uint64_t ticket = 0;
    ResponseRecord record;
    Outcome outcome = Outcome::Error;
    bool cached = false;     ///< answered from the store, nothing was sent
    bool stored = true;      ///< false: received (and paid) but the commit failed
    bool duplicate = false;  ///< another ticket of this run sent the same request
    bool commitOnly = false; ///< the commit of a write the job posted itself (see onCommit); `stored` says how it went
};

struct PipelineOptions {
    /// Reuse stored answers that are empty / refused / filtered / truncated (plain resume); false
    /// re-sends them (`run resume --retry-failed`).
    bool reuseUnusable = true;
    double spendLimit = 0; ///< USD over the run's whole life; 0 = none
};

class Pipeline {
public:
    Pipeline(Store &store, LlmClient &client, std::shared_ptr<CancelToken> token, int64_t runId, PipelineOptions options);
    ~Pipeline(); ///< waits for every outstanding callback (aborting in-flight requests if some remain)
    Pipeline(const Pipeline &) = delete;
    Pipeline &operator=(const Pipeline &) = delete;

    /// Delivers `ticket`'s arrival later through next(): from the store when stored, else sent.
    /// Nothing is sent once the token is stopping (the arrival says Cancelled).
    void request(uint64_t ticket, LlmRequest req);
    /// A completion callback for a write the job posts itself (a judgment, an ICE label): its commit
    /// arrives through next() under `ticket` with commitOnly set.
    std::function<void(const std::string &)> onCommit(uint64_t ticket);
    /// Waits up to `timeout` for the next arrival. False on timeout. Also watches the store's health:
    /// a failed write anywhere stops the run's sending.
    bool next(Arrival &out, std::chrono::milliseconds timeout);
    /// Tickets requested whose arrival was not yet taken with next().
    int64_t outstanding() const;
    /// Requests sent and not yet back from the network (what a stop keeps and stores).
    int64_t inFlight() const;
    /// Spend of this session (received responses) and of the run's whole life (incl. earlier sessions).
    double sessionSpend() const;
    double runSpend() const;
    CancelToken &token() { return *m_token; }
    /// What the batches of batch-enabled models are doing ("" when none is open), for progress.
    std::string batchState() const;

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    std::shared_ptr<CancelToken> m_token;
    Store &m_store;
    LlmClient &m_client;
    int64_t m_runId;
    PipelineOptions m_options;
    std::unique_ptr<BatchRunner> m_batch; ///< created on the first request of a model with batch on
};

/// Whether a request is answered from `stored`, its stored response, instead of being sent: an ok
/// response always, an unusable one (empty, refused, ...) unless the run re-sends those. The one
/// reuse rule: run plans (rse/RsePlan.h) count with it.
bool reusesStored(const ResponseRecord &stored, bool reuseUnusable);

/// Upper bound of what one request can cost: its prompt (about 4 characters a token) and its whole
/// output allowance at the model's prices.
double estimateCost(const LlmRequest &r);

} // namespace ds
