#pragma once
// Sends the requests of batch-enabled models through the provider's batch API instead of live calls.
// The pipeline hands it requests as it would hand them to LlmClient; it groups them per model (a
// group is submitted once no request joined it for a moment), records each submitted batch and its
// request keys in the store (table `batches`), polls with growing intervals, and reads the results
// line by line, calling each request's callback exactly as LlmClient would (same parser, batch price).
// A request whose key is in a batch already submitted (by this run, or another one) joins that
// batch's polling instead: a resumed run never submits (and pays) again. The batch is recorded before
// it is sent and confirmed after, so a kill in between is settled with the provider's batch list on
// resume. When the run stops, polling stops; the batch keeps running at the provider and the next
// `run resume` picks it up.
#include "net/BatchApi.h"
#include "net/LlmClient.h"
#include "store/BatchLedger.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ds {
class Store;

class BatchRunner {
public:
    BatchRunner(Store &store, std::shared_ptr<CancelToken> token, int64_t runId);
    ~BatchRunner(); ///< answers what is left as Cancelled and joins the thread
    BatchRunner(const BatchRunner &) = delete;
    BatchRunner &operator=(const BatchRunner &) = delete;

    /// Thread-safe; `done` runs later on the runner's thread, exactly once (never inside submit).
    void submit(LlmRequest req, LlmClient::Callback done);
    /// "batch batch_abc (ref): in_progress 3/10, 1 failed; ..." ("" when no batch is open).
    std::string state() const;

private:
    struct Item {
        LlmRequest req;
        LlmClient::Callback done;
    };
    struct Group {
        ModelConfig model;
        std::vector<Item> items;
        size_t bytes = 0;
        std::chrono::steady_clock::time_point last;
    };
    struct Batch {
        int64_t row = 0;
        std::string id;
        ModelConfig model;
        std::unordered_map<std::string, Item> items; ///< request key -> its waiting request
        std::string state = "submitted";
        int64_t total = 0, done = 0, failed = 0;
        std::chrono::steady_clock::time_point nextPoll;
        std::chrono::milliseconds interval{200};
    };

    void loop();
    void route(Item item);
    /// Settles an unconfirmed batch row with the provider; false when `item` was failed because
    /// nobody can tell whether the provider holds it (then it is never submitted again).
    bool settle(BatchLedger::Open &open, Item &item);
    void create(Group &g);
    /// Polls; true when the batch is finished with (every item answered).
    bool poll(Batch &b);
    void answerLine(Batch &b, const std::string &line);
    void fail(Item &item, const std::string &why);
    void stopAll();
    void publish();

    Store &m_store;
    std::shared_ptr<CancelToken> m_token;
    int64_t m_runId;
    std::chrono::milliseconds m_maxPoll;

    mutable std::mutex m_mutex; // guards m_incoming, m_quit, m_state
    std::condition_variable m_cv;
    std::vector<Item> m_incoming;
    bool m_quit = false;
    std::string m_state;

    // runner thread only
    std::map<std::string, Group> m_groups;      ///< model name -> requests not yet submitted
    std::map<int64_t, Batch> m_batches;         ///< store row -> submitted batch being polled
    std::map<int64_t, batch::Lookup> m_settled; ///< interrupted submissions asked about this session
    std::thread m_thread;
};

} // namespace ds
