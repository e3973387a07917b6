#include "rse/RseConfig.h"

#include <nlohmann/json.hpp>

namespace ds::rse {

std::string RseConfig::toJson() const
{
    nlohmann::json j = {{"reference", reference}, {"tests", tests}, {"datasets", datasets},     {"judge", judge},
                        {"swap", swap},           {"salt", salt},   {"spend_limit", spendLimit}};
    return j.dump();
}

std::string RseConfig::fromJson(const std::string &text, RseConfig &out)
{
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return "run configuration is not valid JSON";
    try {
        out.reference = j.at("reference").get<std::string>();
        out.tests = j.at("tests").get<std::vector<std::string>>();
        out.datasets = j.at("datasets").get<std::vector<std::string>>();
        out.judge = j.at("judge").get<std::string>();
        out.swap = j.value("swap", false);
        out.salt = j.value("salt", uint64_t(0));
        out.spendLimit = j.value("spend_limit", 0.0);
    } catch (const std::exception &e) {
        return std::string("run configuration incomplete: ") + e.what();
    }
    return {};
}

} // namespace ds::rse
