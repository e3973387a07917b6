#include "net/RetryPolicy.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <random>

namespace ds {

bool RetryPolicy::isBillingError(const AttemptResult &r)
{
    // Quota and spend-limit stops: retrying cannot succeed and may keep charging.
    const std::string &c = r.errorCode;
    if (c == "insufficient_quota" || c == "billing_hard_limit_reached" || c == "enforced_spend_limit_reached" || c == "billing_not_active")
        return true;
    const std::string m = [&] {
        std::string s = r.errorMessage;
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
        return s;
    }();
    if (r.httpStatus == 400 || r.httpStatus == 402 || r.httpStatus == 403 || r.httpStatus == 429)
        if (m.find("spend limit") != std::string::npos || m.find("credit balance") != std::string::npos ||
            m.find("exceeded your current quota") != std::string::npos)
            return true;
    return r.httpStatus == 402;
}

static std::optional<std::chrono::system_clock::time_point> parseHttpDate(const std::string &v)
{
    std::tm tm{};
    const char *end = strptime(v.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
    if (!end)
        return std::nullopt;
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::optional<std::chrono::milliseconds> RetryPolicy::serverWait(const std::map<std::string, std::string> &headers,
                                                                 std::chrono::system_clock::time_point now)
{
    using namespace std::chrono;
    if (auto it = headers.find("retry-after-ms"); it != headers.end()) {
        try {
            const double ms = std::stod(it->second);
            if (ms >= 0)
                return milliseconds(int64_t(ms));
        } catch (...) {
        }
    }
    if (auto it = headers.find("retry-after"); it != headers.end()) {
        try {
            size_t used = 0;
            const double s = std::stod(it->second, &used);
            if (used == it->second.size() && s >= 0)
                return milliseconds(int64_t(s * 1000));
        } catch (...) {
        }
        if (auto when = parseHttpDate(it->second)) {
            const auto diff = duration_cast<milliseconds>(*when - now);
            return std::max(diff, milliseconds(0));
        }
    }
    return std::nullopt;
}

RetryDecision RetryPolicy::decide(const AttemptResult &r, int attempt) const
{
    RetryDecision d;
    if (isBillingError(r)) {
        d.billingStop = true;
        d.reason = "billing: " + (r.errorMessage.empty() ? r.errorCode : r.errorMessage);
        return d;
    }
    bool retryable = r.transportError || r.httpStatus == 408 || r.httpStatus == 409 || r.httpStatus == 429 || r.httpStatus >= 500;
    if (auto it = r.headers.find("x-should-retry"); it != r.headers.end()) {
        if (it->second == "true")
            retryable = true;
        else if (it->second == "false")
            retryable = false;
    }
    d.reason = r.transportError ? "transport error" : "http " + std::to_string(r.httpStatus);
    if (!retryable || attempt >= maxRetries)
        return d;
    d.retry = true;
    if (auto server = serverWait(r.headers); server && server->count() <= int64_t(maxServerWaitS * 1000)) {
        d.wait = *server;
        return d;
    }
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    const double u = random01 ? random01() : std::uniform_real_distribution<double>(0, 1)(rng);
    const double base = std::min(baseDelayS * std::pow(2.0, attempt), maxDelayS);
    d.wait = std::chrono::milliseconds(int64_t(base * (1.0 + jitter * u) * 1000));
    return d;
}

} // namespace ds
