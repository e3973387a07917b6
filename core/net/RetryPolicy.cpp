#include "net/RetryPolicy.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <random>
#include <regex>

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
            m.find("exceeded your current quota") != std::string::npos || m.find("api usage limits") != std::string::npos)
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

std::optional<std::chrono::milliseconds> RetryPolicy::parseDuration(const std::string &v)
{
    static const std::regex part(R"((\d+(?:\.\d+)?)(ms|s|m|h))");
    double total = 0;
    bool any = false;
    for (auto it = std::sregex_iterator(v.begin(), v.end(), part); it != std::sregex_iterator(); ++it) {
        const double n = std::stod((*it)[1]);
        const std::string unit = (*it)[2];
        total += unit == "ms" ? n / 1000 : unit == "s" ? n : unit == "m" ? n * 60 : n * 3600;
        any = true;
    }
    if (!any) {
        try { // a bare number of seconds
            size_t used = 0;
            total = std::stod(v, &used);
            any = used == v.size();
        } catch (...) {
        }
    }
    if (!any || total < 0)
        return std::nullopt;
    return std::chrono::milliseconds(int64_t(total * 1000));
}

std::optional<std::chrono::system_clock::time_point> RetryPolicy::parseRfc3339(const std::string &v)
{
    static const std::regex stamp(R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$)");
    std::smatch m;
    if (!std::regex_match(v, m, stamp))
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = std::stoi(m[1]) - 1900;
    tm.tm_mon = std::stoi(m[2]) - 1;
    tm.tm_mday = std::stoi(m[3]);
    tm.tm_hour = std::stoi(m[4]);
    tm.tm_min = std::stoi(m[5]);
    tm.tm_sec = std::stoi(m[6]);
    auto t = std::chrono::system_clock::from_time_t(timegm(&tm));
    if (m[7].matched)
        t += std::chrono::microseconds(int64_t(std::stod("0" + m[7].str()) * 1e6));
    else
        t += std::chrono::seconds(1);
    const std::string zone = m[8];
    if (zone != "Z" && zone != "z") {
        const int sign = zone[0] == '-' ? -1 : 1;
        const std::string digits = std::regex_replace(zone.substr(1), std::regex(":"), "");
        const int minutes = std::stoi(digits.substr(0, 2)) * 60 + std::stoi(digits.substr(2, 2));
        t -= std::chrono::minutes(sign * minutes);
    }
    return t;
}

std::optional<std::chrono::milliseconds> RetryPolicy::resetWait(const std::map<std::string, std::string> &headers,
                                                                std::chrono::system_clock::time_point now)
{
    using namespace std::chrono;
    std::optional<milliseconds> longest;
    auto consider = [&](milliseconds w) {
        if (!longest || w > *longest)
            longest = w;
    };
    auto exhausted = [&](const std::string &name) {
        auto it = headers.find(name);
        return it != headers.end() && it->second == "0";
    };
    for (const char *limit : {"requests", "tokens"}) {
        if (!exhausted(std::string("x-ratelimit-remaining-") + limit))
            continue;
        auto reset = headers.find(std::string("x-ratelimit-reset-") + limit);
        if (reset == headers.end())
            continue;
        if (auto d = parseDuration(reset->second))
            consider(*d);
    }
    for (const char *limit : {"requests", "tokens", "input-tokens", "output-tokens"}) {
        if (!exhausted(std::string("anthropic-ratelimit-") + limit + "-remaining"))
            continue;
        auto reset = headers.find(std::string("anthropic-ratelimit-") + limit + "-reset");
        if (reset == headers.end())
            continue;
        if (auto when = parseRfc3339(reset->second))
            consider(std::max(duration_cast<milliseconds>(*when - now), milliseconds(0)));
    }
    return longest;
}

std::optional<std::chrono::milliseconds> RetryPolicy::lanePause(int httpStatus, const std::map<std::string, std::string> &headers,
                                                                std::chrono::milliseconds fallback,
                                                                std::chrono::system_clock::time_point now)
{
    const auto reset = resetWait(headers, now);
    if (httpStatus == 429) {
        const auto server = serverWait(headers, now);
        if (server && reset)
            return std::max(*server, *reset);
        return server ? server : reset ? reset : std::optional(fallback);
    }
    return reset;
}

RetryDecision RetryPolicy::decide(const AttemptResult &r, int attempt) const
{
    RetryDecision d;
    if (isBillingError(r)) {
        d.billingStop = true;
        d.reason = "billing: " + (r.errorMessage.empty() ? r.errorCode : r.errorMessage);
        return d;
    }
    bool retryable =
        !r.permanent && (r.transportError || r.httpStatus == 408 || r.httpStatus == 409 || r.httpStatus == 429 || r.httpStatus >= 500);
    if (auto it = r.headers.find("x-should-retry"); it != r.headers.end() && !r.permanent) {
        if (it->second == "true")
            retryable = true;
        else if (it->second == "false")
            retryable = false;
    }
    d.reason = r.transportError ? "transport error" : "http " + std::to_string(r.httpStatus);
    if (!retryable)
        return d;
    std::optional<std::chrono::milliseconds> server = serverWait(r.headers);
    if (auto reset = resetWait(r.headers); reset && (r.httpStatus == 429 || !server))
        server = server ? std::max(*server, *reset) : *reset;
    if (server && server->count() > int64_t(maxServerWaitS * 1000)) {
        // Retrying early would only be refused again; the run pauses and can resume at that time.
        d.pauseRun = true;
        d.wait = *server;
        d.reason = "the server asked to wait " + std::to_string(server->count() / 1000) + " s";
        return d;
    }
    if (attempt >= maxRetries)
        return d;
    d.retry = true;
    if (server) {
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
