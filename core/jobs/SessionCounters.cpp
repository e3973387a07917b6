#include "jobs/SessionCounters.h"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

namespace ds {

std::string countersToJson(const JobProgress &p)
{
    nlohmann::json j = {{"done", p.done},           {"total", p.total},        {"failed", p.failed},
                        {"cached", p.cached},       {"retried", p.retried},    {"flagged", p.flagged},
                        {"unusable", p.unusable},   {"tokens_in", p.tokensIn}, {"tokens_out", p.tokensOut},
                        {"cost", p.cost},           {"elapsed_s", p.elapsedS}, {"error_kinds", p.errorKinds},
                        {"last_error", p.lastError}};
    nlohmann::json lanes = nlohmann::json::object();
    for (const auto &[name, l] : p.lanes)
        lanes[name] = {{"done", l.done}, {"total", l.total}, {"failed", l.failed}, {"cached", l.cached}};
    j["lanes"] = std::move(lanes);
    // Replacement, not an exception, for text a provider sent that is not UTF-8 (an error message).
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<JobProgress> countersFromJson(const std::string &text)
{
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("done") || !j.contains("total"))
        return std::nullopt;
    try {
        JobProgress p;
        p.done = j.at("done").get<int64_t>();
        p.total = j.at("total").get<int64_t>();
        p.failed = j.value("failed", int64_t(0));
        p.cached = j.value("cached", int64_t(0));
        p.retried = j.value("retried", int64_t(0));
        p.flagged = j.value("flagged", int64_t(0));
        p.unusable = j.value("unusable", int64_t(0));
        p.tokensIn = j.value("tokens_in", int64_t(0));
        p.tokensOut = j.value("tokens_out", int64_t(0));
        p.cost = j.value("cost", 0.0);
        p.elapsedS = j.value("elapsed_s", 0.0);
        p.lastError = j.value("last_error", std::string());
        if (j.contains("error_kinds"))
            p.errorKinds = j.at("error_kinds").get<std::map<std::string, int64_t>>();
        if (j.contains("lanes"))
            for (const auto &[name, l] : j.at("lanes").items())
                p.lanes[name] = {l.value("done", int64_t(0)), l.value("total", int64_t(0)), l.value("failed", int64_t(0)),
                                 l.value("cached", int64_t(0))};
        return p;
    } catch (const nlohmann::json::exception &) {
        return std::nullopt; // a field of the wrong type: the whole row is unknown
    }
}

std::string utcTimestamp(std::chrono::system_clock::time_point t)
{
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm); // gmtime is not thread-safe; jobs end on their own threads
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[40];
    std::snprintf(out, sizeof out, "%s.%03dZ", buf, int(ms));
    return out;
}

RunHistory runHistory(const std::vector<RunSession> &sessions)
{
    RunHistory h;
    h.sessions = int(sessions.size());
    for (const RunSession &s : sessions) {
        if (h.firstStartedAt.empty())
            h.firstStartedAt = s.startedAt;
        h.lastEndedAt = s.endedAt;
        h.lastStatus = s.status;
        const auto p = countersFromJson(s.countersJson);
        if (!p) {
            ++h.unreadableSessions;
            h.last.reset(); // the newest counters are unknown: never show an older session's as current
            continue;
        }
        h.last = p;
        h.elapsedS += p->elapsedS;
        h.retried += p->retried;
        h.tokensIn += p->tokensIn;
        h.tokensOut += p->tokensOut;
        h.cost += p->cost;
        for (const auto &[kind, n] : p->errorKinds)
            h.errorKinds[kind] += n;
    }
    return h;
}

std::string errorKindsText(const std::map<std::string, int64_t> &kinds)
{
    std::vector<std::pair<std::string, int64_t>> sorted(kinds.begin(), kinds.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    std::string out;
    for (const auto &[kind, n] : sorted)
        out += (out.empty() ? "" : ", ") + kind + " \u00d7" + std::to_string(n);
    return out;
}

} // namespace ds
