#pragma once
// Which fault (if any) the server injects into a completion request. Drawn from the config seed and
// a per-server request counter, so a run with the same request order sees the same faults.
#include "sim/SimConfig.h"

#include <atomic>
#include <cstdint>

namespace ds::sim {

enum class Fault { None, RateLimit, Billing, ServerError, Overloaded, Timeout, Malformed, ContentFilter, Refusal, Empty };
const char *faultName(Fault f); ///< "rate_limited", "billing", ... ("none")

class FaultPlan {
public:
    FaultPlan(FaultConfig config, uint64_t seed) : m_config(config), m_seed(seed) {}
    /// The fault for the next completion request. Thread-safe.
    Fault next();
    /// The fault for request number `n` (pure; what next() uses).
    Fault at(uint64_t n) const;
    const FaultConfig &config() const { return m_config; }

private:
    FaultConfig m_config;
    uint64_t m_seed;
    std::atomic<uint64_t> m_counter{0};
};

} // namespace ds::sim
