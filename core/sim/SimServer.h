#pragma once
// The simulator's HTTP server: OpenAI (POST /v1/chat/completions, GET /v1/models) and Anthropic
// (POST /v1/messages) endpoints over simulated models, with latency and injected faults, plus
// GET /sim/stats. Binds 127.0.0.1 only. One thread per connection (keep-alive), so hundreds of
// concurrent clients are served while each waits out its simulated latency.
#include "sim/ApiCodec.h"
#include "sim/SimConfig.h"
#include "sim/SimFaults.h"
#include "sim/SimModels.h"
#include "sim/SimStats.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

namespace ds::sim {

class HttpConnection;
struct BatchBook;
struct CompletionReply;
struct HttpRequest;

class SimServer {
public:
    explicit SimServer(SimConfig config);
    /// Stops the server if it is still running.
    ~SimServer();
    SimServer(const SimServer &) = delete;
    SimServer &operator=(const SimServer &) = delete;

    /// Binds 127.0.0.1:`port` (0 = any free port) and starts serving on a background thread.
    /// Returns the bound port, or -1 with `error` set. Call once.
    int start(int port, std::string *error = nullptr);
    /// Closes the listener and every connection (in-flight requests are dropped unanswered) and
    /// waits for all connection threads to finish. Idempotent; safe to call from any thread
    /// except a connection thread.
    void stop();

    int port() const { return m_port; }
    bool running() const { return m_running.load(); }
    /// Counters as served at GET /sim/stats (JSON text).
    std::string statsJson() const { return m_stats.json(); }
    const SimWorld &world() const { return m_world; }

private:
    void acceptLoop();
    void serveConnection(int fd);
    /// Handles one request; returns false when the connection must be closed.
    bool handle(HttpConnection &conn, const HttpRequest &req);
    bool handleCompletion(HttpConnection &conn, const HttpRequest &req, int flavor);
    /// The reply of an injected fault that is not an answer; nullopt for none (or one the answer carries).
    /// The value: whether the connection stays open.
    std::optional<bool> replyWithFault(const CompletionReply &out, const SimModelConfig &model, Fault fault, int latency);
    /// The answer to a request that got through, after its latency; `headers` are its rate-limit headers.
    bool answerCompletion(const CompletionReply &out, const ApiRequest &api, const SimModelConfig &model, Fault fault,
                          std::vector<std::pair<std::string, std::string>> headers, int latency);
    bool handleModels(HttpConnection &conn, const HttpRequest &req);
    bool handleCountTokens(HttpConnection &conn, const HttpRequest &req);
    /// OpenAI files + batches and Anthropic message batches (SimBatch.cpp).
    bool handleBatch(HttpConnection &conn, const HttpRequest &req);
    /// The answer to one validated chat request, as served live and inside batches.
    ApiReply makeReply(ApiFlavor flavor, const ApiRequest &api, const SimModelConfig &model, Fault fault, const std::string &requestId,
                       SimAnswer::Kind &kind) const;
    /// Counts a request against `model`'s per-minute window; returns the rate-limit headers of the
    /// flavor and whether the request is over the limit.
    bool countRequest(const std::string &model, bool openai, std::vector<std::pair<std::string, std::string>> &headers);
    /// Sleeps `ms` unless the server stops first; returns false when stopping.
    bool pause(int ms);
    std::string nextRequestId();

    SimWorld m_world;
    FaultPlan m_faults;
    SimStats m_stats;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_running{false};
    std::atomic<uint64_t> m_requestCounter{0};
    int m_listenFd = -1;
    int m_port = -1;
    std::thread m_acceptor;

    std::mutex m_mutex; ///< guards m_connections, m_active, and the stop wake-ups
    std::condition_variable m_cv;
    std::set<int> m_connections;
    int m_active = 0;

    std::unique_ptr<BatchBook> m_batches; ///< files and batches (SimBatch.cpp)

    std::mutex m_rateMutex;
    std::map<std::string, std::pair<long long, int>> m_rateWindows; ///< model -> (minute, requests in it)
};

} // namespace ds::sim
