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
    bool permanent = false;                     ///< TLS verification, DNS, proxy 407: never retried
    std::map<std::string, std::string> headers; ///< lower-case names
    std::string errorCode;                      ///< provider error code/type, e.g. "insufficient_quota"
    std::string errorMessage;
};

struct RetryDecision {
    bool retry = false;
    bool billingStop = false;          ///< quota / spend limit: never retried, pause the run
    bool pauseRun = false;             ///< the server asked to wait longer than we retry for: pause, resume later
    std::chrono::milliseconds wait{0}; ///< before the retry, or (pauseRun) until the server reopens
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
    /// Time until the longest exhausted rate-limit window reopens: OpenAI x-ratelimit-reset-* ("6m0s")
    /// and Anthropic anthropic-ratelimit-*-reset (RFC 3339) where the matching remaining count is 0.
    /// nullopt when no window is exhausted.
    static std::optional<std::chrono::milliseconds> resetWait(const std::map<std::string, std::string> &headers,
                                                              std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
    /// How long the whole model lane must hold off after a response with `httpStatus`: a 429 waits
    /// for Retry-After, else the reset headers, else `fallback`; other replies only when a window is
    /// exhausted. nullopt = no pause.
    static std::optional<std::chrono::milliseconds> lanePause(int httpStatus, const std::map<std::string, std::string> &headers,
                                                              std::chrono::milliseconds fallback,
                                                              std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
    /// OpenAI's reset durations: "1s", "6m0s", "20ms", "1h2m3.5s".
    static std::optional<std::chrono::milliseconds> parseDuration(const std::string &v);
    /// RFC 3339 ("2026-01-02T03:04:05Z", fractions and offsets allowed). A stamp in whole seconds is
    /// taken as the end of that second: servers truncate, and waiting less would be too early.
    static std::optional<std::chrono::system_clock::time_point> parseRfc3339(const std::string &v);
};

} // namespace ds
