#include "net/ModelOptions.h"

#include <nlohmann/json.hpp>

namespace ds {

using json = nlohmann::json;

static json pairs(const std::vector<std::pair<std::string, std::string>> &v)
{
    json a = json::array();
    for (const auto &[k, val] : v)
        a.push_back({k, val});
    return a;
}

static std::vector<std::pair<std::string, std::string>> readPairs(const json &j, const char *key)
{
    std::vector<std::pair<std::string, std::string>> out;
    if (!j.contains(key) || !j[key].is_array())
        return out;
    for (const auto &p : j[key])
        if (p.is_array() && p.size() == 2 && p[0].is_string() && p[1].is_string())
            out.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
    return out;
}

std::string modelOptionsToJson(const ModelOptions &o)
{
    json j = json::object();
    if (!o.preset.empty())
        j["preset"] = o.preset;
    if (!o.headers.empty())
        j["headers"] = pairs(o.headers);
    if (!o.query.empty())
        j["query"] = pairs(o.query);
    if (!o.bodyJson.empty())
        j["body"] = json::parse(o.bodyJson, nullptr, false);
    if (!o.reasoning.empty())
        j["reasoning"] = o.reasoning;
    if (!o.reasoningEffort.empty())
        j["reasoning_effort"] = o.reasoningEffort;
    if (o.thinkingBudget > 0)
        j["thinking_budget"] = o.thinkingBudget;
    if (o.batch)
        j["batch"] = true;
    if (o.batchDiscount != 0.5)
        j["batch_discount"] = o.batchDiscount;
    if (o.maxResponseMiB != ModelOptions{}.maxResponseMiB)
        j["max_response_mib"] = o.maxResponseMiB;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

ModelOptions modelOptionsFromJson(const std::string &text)
{
    ModelOptions o;
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return o;
    auto str = [&](const char *k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
    o.preset = str("preset");
    o.headers = readPairs(j, "headers");
    o.query = readPairs(j, "query");
    if (j.contains("body") && j["body"].is_object())
        o.bodyJson = j["body"].dump();
    o.reasoning = str("reasoning");
    o.reasoningEffort = str("reasoning_effort");
    if (j.contains("thinking_budget") && j["thinking_budget"].is_number_integer())
        o.thinkingBudget = j["thinking_budget"].get<int>();
    o.batch = j.value("batch", false);
    if (j.contains("batch_discount") && j["batch_discount"].is_number())
        o.batchDiscount = j["batch_discount"].get<double>();
    if (j.contains("max_response_mib") && j["max_response_mib"].is_number_integer() && j["max_response_mib"].get<int>() > 0)
        o.maxResponseMiB = j["max_response_mib"].get<int>();
    return o;
}

} // namespace ds
