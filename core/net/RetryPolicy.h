#pragma once
// When and how long to wait before retrying an LLM API call (RELIABILITY.md). Pure logic with an
// injectable random source so it can be tested deterministically.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace ds {

/// What came back from one attempt, as far as retry decisions are concerned.
struct AttemptResult {
    int httpStatus = 0; ///< 0 = transport error (connect, timeout, reset)
    bool transportError = false;
    std::map<std::string, std::string> headers; ///< lower-case names
    std::string errorCode;                      ///< provider error code/type, e.g. "insufficient_quota"
    std::string errorMessage;
};

struct RetryDecision {
    bool retry = false;
    bool billingStop = false; ///< quota / spend limit: never retried, pause the run
    std::chrono::milliseconds wait{0};
    std::string reason;
};

class RetryPolicy {
public:
    int maxRetries = 4;      ///< retries after the first attempt
    double baseDelayS = 0.5; ///< backoff min(base * 2^n, maxDelay)
    double maxDelayS = 8.0;
    double jitter = 0.25;             ///< up to +25% random jitter on backoff
    double maxServerWaitS = 120.0;    ///< honour Retry-After up to this long
    std::function<double()> random01; ///< [0,1); default: std::mt19937 seeded from random_device

    /// `attempt` is 0 for the first failure.
    RetryDecision decide(const AttemptResult &r, int attempt) const;

    static bool isBillingError(const AttemptResult &r);
    /// Parses Retry-After (seconds or HTTP date, relative to `now`) / retry-after-ms.
    static std::optional<std::chrono::milliseconds>
    serverWait(const std::map<std::string, std::string> &headers,
               std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
};

} // namespace ds
