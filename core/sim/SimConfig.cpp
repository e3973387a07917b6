#include "sim/SimConfig.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ds::sim {

using nlohmann::json;

const SimModelConfig *SimConfig::find(std::string_view name) const
{
    for (const auto &m : models)
        if (m.name == name)
            return &m;
    return nullptr;
}

namespace {

// Thrown inside the parser only; parseSimConfig turns it into SimConfigResult::error.
struct ConfigError {
    std::string message;
};

[[noreturn]] void fail(const std::string &where, const std::string &what)
{
    throw ConfigError{where + ": " + what};
}

std::string key(const std::string &where, const char *k)
{
    return where.empty() ? k : where + "." + k;
}

/// obj[k], a number within [lo, hi] (`range` names the bounds in the error); `fallback` when absent.
double boundedNumber(const json &obj, const std::string &where, const char *k, double fallback, double lo, double hi, const char *range)
{
    if (!obj.contains(k))
        return fallback;
    const auto &v = obj.at(k);
    if (!v.is_number())
        fail(key(where, k), "must be a number");
    const double d = v.get<double>();
    if (!(d >= lo && d <= hi))
        fail(key(where, k), std::string("must be between ") + range);
    return d;
}

double rate(const json &obj, const std::string &where, const char *k, double fallback)
{
    return boundedNumber(obj, where, k, fallback, 0.0, 1.0, "0 and 1");
}

std::optional<double> optionalRate(const json &obj, const std::string &where, const char *k)
{
    if (!obj.contains(k) || obj.at(k).is_null())
        return std::nullopt;
    return rate(obj, where, k, 0.0);
}

int nonNegativeInt(const json &obj, const std::string &where, const char *k, int fallback)
{
    return static_cast<int>(boundedNumber(obj, where, k, fallback, 0.0, 3.6e6, "0 and 3600000"));
}

std::string text(const json &obj, const std::string &where, const char *k, std::string fallback = {})
{
    if (!obj.contains(k) || obj.at(k).is_null())
        return fallback;
    if (!obj.at(k).is_string())
        fail(key(where, k), "must be a string");
    return obj.at(k).get<std::string>();
}

void warnUnknown(const json &obj, const std::string &where, const std::set<std::string> &known, std::vector<std::string> &warnings)
{
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (!known.count(it.key()))
            warnings.push_back("unknown key '" + key(where, it.key().c_str()) + "' ignored");
}

SimModelConfig parseModel(const json &m, const std::string &where, std::vector<std::string> &warnings)
{
    if (!m.is_object())
        fail(where, "must be an object");
    SimModelConfig c;
    c.name = text(m, where, "name");
    if (c.name.empty())
        fail(key(where, "name"), "is required and must not be empty");
    c.creator = text(m, where, "creator", c.creator);
    c.style = text(m, where, "style");
    c.latencyMs = nonNegativeInt(m, where, "latency_ms", 0);
    c.latencyJitterMs = m.contains("latency_jitter_ms") ? nonNegativeInt(m, where, "latency_jitter_ms", 0) : -1;
    c.studentOf = text(m, where, "student_of");
    c.copyRate = rate(m, where, "copy_rate", 0.0);
    c.identityLeakRate = optionalRate(m, where, "identity_leak_rate");
    c.role = text(m, where, "role");
    if (!c.role.empty() && c.role != "judge" && c.role != "helper")
        fail(key(where, "role"), "must be \"judge\" or \"helper\"");
    c.vendor = text(m, where, "vendor");
    c.modelFamily = text(m, where, "model_family");
    if (m.contains("reasoning")) {
        if (!m.at("reasoning").is_boolean())
            fail(key(where, "reasoning"), "must be true or false");
        c.reasoning = m.at("reasoning").get<bool>();
    }
    c.judgeSloppyRate = optionalRate(m, where, "judge_sloppy_rate");
    c.helperDropSlotRate = optionalRate(m, where, "helper_drop_slot_rate");
    c.helperChatterRate = optionalRate(m, where, "helper_chatter_rate");
    if (c.studentOf.empty() && c.copyRate > 0)
        warnings.push_back(key(where, "copy_rate") + " has no effect without student_of");
    warnUnknown(m, where,
                {"name", "creator", "style", "latency_ms", "latency_jitter_ms", "student_of", "copy_rate", "identity_leak_rate", "role",
                 "vendor", "model_family", "reasoning", "judge_sloppy_rate", "helper_drop_slot_rate", "helper_chatter_rate", "comment"},
                warnings);
    return c;
}

FaultConfig parseFaults(const json &f, std::vector<std::string> &warnings)
{
    const std::string where = "faults";
    if (!f.is_object())
        fail(where, "must be an object");
    FaultConfig c;
    c.rate429 = rate(f, where, "rate_429", 0.0);
    c.retryAfterS = nonNegativeInt(f, where, "retry_after_s", 1);
    c.rate500 = rate(f, where, "rate_500", 0.0);
    c.rateTimeout = rate(f, where, "rate_timeout", 0.0);
    c.rateMalformed = rate(f, where, "rate_malformed", 0.0);
    c.rateBilling = rate(f, where, "rate_billing", 0.0);
    c.rateOverloaded = rate(f, where, "rate_overloaded", 0.0);
    c.timeoutHoldS = nonNegativeInt(f, where, "timeout_hold_s", 30);
    c.rateContentFilter = rate(f, where, "rate_content_filter", 0.0);
    c.rateRefusal = rate(f, where, "rate_refusal", 0.0);
    c.rateEmpty = rate(f, where, "rate_empty", 0.0);
    c.requestsPerMinute = nonNegativeInt(f, where, "requests_per_minute", 0);
    if (c.total() > 1.0 + 1e-9)
        fail(where, "the fault rates add up to more than 1");
    warnUnknown(f, where,
                {"rate_429", "retry_after_s", "rate_500", "rate_timeout", "rate_malformed", "rate_billing", "rate_overloaded",
                 "timeout_hold_s", "rate_content_filter", "rate_refusal", "rate_empty", "requests_per_minute", "comment"},
                warnings);
    return c;
}

// Students of students are fine; a cycle would make answer generation recurse forever.
void checkTeachers(const SimConfig &cfg)
{
    for (size_t i = 0; i < cfg.models.size(); ++i) {
        const auto &m = cfg.models[i];
        if (m.studentOf.empty())
            continue;
        const std::string where = "models[" + std::to_string(i) + "].student_of";
        if (!cfg.find(m.studentOf))
            fail(where, "no model named '" + m.studentOf + "'");
        const SimModelConfig *cur = &m;
        for (size_t hops = 0; cur && !cur->studentOf.empty(); ++hops) {
            if (hops > cfg.models.size())
                fail(where, "teacher chain of '" + m.name + "' forms a cycle");
            cur = cfg.find(cur->studentOf);
        }
    }
}

SimConfig parseRoot(const json &root, std::vector<std::string> &warnings)
{
    if (!root.is_object())
        fail("config", "must be a JSON object");
    SimConfig cfg;
    if (root.contains("seed")) {
        const auto &s = root.at("seed");
        if (s.is_number_unsigned())
            cfg.seed = s.get<uint64_t>();
        else if (s.is_number_integer())
            cfg.seed = static_cast<uint64_t>(s.get<int64_t>());
        else
            fail("seed", "must be an integer");
    }
    if (!root.contains("models") || !root.at("models").is_array() || root.at("models").empty())
        fail("models", "is required and must be a non-empty list");
    std::set<std::string> names;
    const auto &models = root.at("models");
    for (size_t i = 0; i < models.size(); ++i) {
        auto m = parseModel(models[i], "models[" + std::to_string(i) + "]", warnings);
        if (!names.insert(m.name).second)
            fail("models[" + std::to_string(i) + "].name", "duplicate model name '" + m.name + "'");
        cfg.models.push_back(std::move(m));
    }
    checkTeachers(cfg);
    if (root.contains("faults"))
        cfg.faults = parseFaults(root.at("faults"), warnings);
    if (root.contains("batch")) {
        const json &b = root.at("batch");
        if (!b.is_object())
            fail("batch", "must be an object");
        cfg.batch.durationMs = nonNegativeInt(b, "batch", "duration_ms", cfg.batch.durationMs);
        cfg.batch.outcome = text(b, "batch", "outcome", cfg.batch.outcome);
        if (cfg.batch.outcome != "completed" && cfg.batch.outcome != "expired" && cfg.batch.outcome != "failed")
            fail("batch.outcome", "must be \"completed\", \"expired\" or \"failed\"");
        cfg.batch.lineErrorRate = rate(b, "batch", "line_error_rate", 0.0);
        warnUnknown(b, "batch", {"duration_ms", "outcome", "line_error_rate", "comment"}, warnings);
    }
    cfg.requireKey = text(root, "", "require_key");
    if (root.contains("echo_key_in_errors")) {
        if (!root.at("echo_key_in_errors").is_boolean())
            fail("echo_key_in_errors", "must be true or false");
        cfg.echoKeyInErrors = root.at("echo_key_in_errors").get<bool>();
    }
    cfg.judgeSloppyRate = rate(root, "", "judge_sloppy_rate", cfg.judgeSloppyRate);
    cfg.helperDropSlotRate = rate(root, "", "helper_drop_slot_rate", cfg.helperDropSlotRate);
    cfg.helperChatterRate = rate(root, "", "helper_chatter_rate", cfg.helperChatterRate);
    warnUnknown(root, "",
                {"seed", "models", "faults", "batch", "require_key", "echo_key_in_errors", "judge_sloppy_rate", "helper_drop_slot_rate",
                 "helper_chatter_rate", "comment", "description"},
                warnings);
    return cfg;
}

} // namespace

SimConfigResult parseSimConfig(std::string_view jsonText)
{
    SimConfigResult r;
    json root = json::parse(jsonText.begin(), jsonText.end(), nullptr, false);
    if (root.is_discarded()) {
        r.error = "config: not valid JSON";
        return r;
    }
    try {
        r.config = parseRoot(root, r.warnings);
    } catch (const ConfigError &e) {
        r.error = e.message;
    } catch (const json::exception &e) {
        r.error = std::string("config: ") + e.what();
    }
    return r;
}

SimConfigResult loadSimConfigFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        SimConfigResult r;
        r.error = "cannot read config file '" + path + "'";
        return r;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return parseSimConfig(ss.str());
}

} // namespace ds::sim
