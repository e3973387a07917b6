#include "sim/SimStats.h"

#include <nlohmann/json.hpp>

namespace ds::sim {

void SimStats::request()
{
    std::lock_guard lock(m_mutex);
    ++m_requests;
}

void SimStats::modelRequest(const std::string &model)
{
    std::lock_guard lock(m_mutex);
    ++m_models[model].requests;
}

void SimStats::completion(const std::string &model, int promptTokens, int completionTokens, const std::string &kind)
{
    std::lock_guard lock(m_mutex);
    ++m_completions;
    auto &m = m_models[model];
    ++m.completions;
    m.promptTokens += static_cast<uint64_t>(promptTokens);
    m.completionTokens += static_cast<uint64_t>(completionTokens);
    ++m.kinds[kind];
}

void SimStats::fault(const std::string &model, const std::string &faultName)
{
    std::lock_guard lock(m_mutex);
    ++m_faults[faultName];
    ++m_models[model].faults;
}

void SimStats::rejected(const std::string &reason)
{
    std::lock_guard lock(m_mutex);
    ++m_rejected[reason];
}

void SimStats::batchCreated()
{
    std::lock_guard lock(m_mutex);
    ++m_batchesCreated;
}

void SimStats::connectionOpened()
{
    std::lock_guard lock(m_mutex);
    ++m_connections;
    ++m_openConnections;
}

void SimStats::connectionClosed()
{
    std::lock_guard lock(m_mutex);
    --m_openConnections;
}

void SimStats::reset()
{
    std::lock_guard lock(m_mutex);
    m_requests = m_completions = m_batchesCreated = 0;
    m_faults.clear();
    m_rejected.clear();
    m_models.clear();
}

std::string SimStats::json() const
{
    std::lock_guard lock(m_mutex);
    nlohmann::ordered_json j;
    j["requests"] = m_requests;
    j["completions"] = m_completions;
    j["batches_created"] = m_batchesCreated;
    uint64_t faultTotal = 0;
    nlohmann::ordered_json faults = nlohmann::ordered_json::object();
    for (const char *k : {"rate_limited", "billing", "server_error", "overloaded", "timeout", "malformed"}) {
        auto it = m_faults.find(k);
        faults[k] = it == m_faults.end() ? 0 : it->second;
        faultTotal += it == m_faults.end() ? 0 : it->second;
    }
    j["faults_total"] = faultTotal;
    j["faults"] = faults;
    j["rejected"] = m_rejected;
    nlohmann::ordered_json models = nlohmann::ordered_json::object();
    for (const auto &[name, m] : m_models) {
        models[name] = {{"requests", m.requests},
                        {"completions", m.completions},
                        {"faults", m.faults},
                        {"prompt_tokens", m.promptTokens},
                        {"completion_tokens", m.completionTokens},
                        {"copied", m.kinds.count("copy") ? m.kinds.at("copy") : 0},
                        {"identity_leaks", m.kinds.count("identity-leak") ? m.kinds.at("identity-leak") : 0},
                        {"answer_kinds", m.kinds}};
    }
    j["models"] = models;
    j["connections_total"] = m_connections;
    j["connections_open"] = m_openConnections;
    return j.dump();
}

} // namespace ds::sim
