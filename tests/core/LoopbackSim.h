#pragma once
// The project's simulator in-process on 127.0.0.1, for the core tests that drive real runs over HTTP.
#include "sim/SimServer.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace ds::test {

struct LoopbackSim {
    std::unique_ptr<sim::SimServer> server;
    std::string url; ///< base URL, ending in /v1

    /// A counter of GET /sim/stats ("completions", "batches_created", ...).
    int64_t stat(const char *name) const { return nlohmann::json::parse(server->statsJson())[name].get<int64_t>(); }
    /// Completions served, to every model or to `model`.
    int64_t completions(const std::string &model = {}) const
    {
        const auto j = nlohmann::json::parse(server->statsJson());
        if (model.empty())
            return j["completions"].get<int64_t>();
        return j["models"].contains(model) ? j["models"][model]["completions"].get<int64_t>() : 0;
    }
};

/// Starts a simulator with `configJson` (see sim/SimConfig.h) on a free port; nullptr on failure.
inline std::unique_ptr<LoopbackSim> startLoopbackSim(const std::string &configJson)
{
    auto parsed = sim::parseSimConfig(configJson);
    if (!parsed.ok())
        return nullptr;
    auto s = std::make_unique<LoopbackSim>();
    s->server = std::make_unique<sim::SimServer>(*parsed.config);
    const int port = s->server->start(0);
    if (port <= 0)
        return nullptr;
    s->url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
    return s;
}

} // namespace ds::test
