#pragma once
// Counters the simulator exposes at GET /sim/stats: what was asked, what was served, which faults
// were injected, and the ground truth behind each answer (copies, identity leaks).
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace ds::sim {

class SimStats {
public:
    /// Any HTTP request except GET /sim/stats itself.
    void request();
    void modelRequest(const std::string &model);
    /// A 200 answer was generated and is being sent (counted before the write, like billing).
    void completion(const std::string &model, int promptTokens, int completionTokens, const std::string &kind);
    void fault(const std::string &model, const std::string &faultName);
    /// A request rejected before reaching a model ("unauthorized", "not_found", "bad_request").
    void rejected(const std::string &reason);
    /// A batch was created (OpenAI or Anthropic): what a resume must never do twice.
    void batchCreated();
    void connectionOpened();
    void connectionClosed();
    void reset();

    /// The counters as JSON: {requests, completions, faults{...}, rejected{...}, models{name{...}}, ...}.
    std::string json() const;

private:
    struct ModelCounts {
        uint64_t requests = 0, completions = 0, promptTokens = 0, completionTokens = 0, faults = 0;
        std::map<std::string, uint64_t> kinds;
    };
    mutable std::mutex m_mutex;
    uint64_t m_batchesCreated = 0, m_requests = 0, m_completions = 0, m_connections = 0, m_openConnections = 0;
    std::map<std::string, uint64_t> m_faults, m_rejected;
    std::map<std::string, ModelCounts> m_models;
};

} // namespace ds::sim
