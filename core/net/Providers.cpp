#include "net/Providers.h"

#include "net/Presets.h"

#include <nlohmann/json.hpp>

#include <regex>

namespace ds::provider {

using json = nlohmann::json;

static std::string trimSlash(std::string s)
{
    while (!s.empty() && s.back() == '/')
        s.pop_back();
    return s;
}

static std::string percentEncode(const std::string &s)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

bool isReasoningModel(const ModelConfig &m)
{
    if (m.options.reasoning == "on")
        return true;
    if (m.options.reasoning == "off")
        return false;
    std::string id = m.modelId.empty() ? m.name : m.modelId;
    if (const auto slash = id.rfind('/'); slash != std::string::npos)
        id = id.substr(slash + 1); // "openai/o3-mini" on OpenRouter
    std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    // gpt-5-chat-latest is the non-reasoning chat model of the family.
    static const std::regex reasoning(R"(^(o[1-9](-.*)?|gpt-5(?!-chat).*)$)");
    return std::regex_match(id, reasoning);
}

std::string endpointUrl(const ModelConfig &m, const std::string &path)
{
    std::string base = m.baseUrl, query;
    if (const auto q = base.find('?'); q != std::string::npos) {
        query = base.substr(q + 1);
        base = base.substr(0, q);
    }
    for (const auto &[k, v] : m.options.query)
        query += (query.empty() ? "" : "&") + percentEncode(k) + "=" + percentEncode(v);
    return trimSlash(base) + path + (query.empty() ? "" : "?" + query);
}

std::string authHeaderPrefix(const ModelConfig &m)
{
    if (const ProviderPreset *p = findPreset(m.options.preset))
        return p->authHeader;
    return m.provider == "anthropic" ? "x-api-key: " : "Authorization: Bearer ";
}

std::vector<std::string> commonHeaders(const ModelConfig &m)
{
    std::vector<std::string> h = {std::string("User-Agent: DistillScope/") + DS_VERSION};
    if (m.provider == "anthropic")
        h.push_back("anthropic-version: 2023-06-01");
    for (const auto &[name, value] : m.options.headers)
        h.push_back(name + ": " + value);
    return h;
}

std::string buildBody(const LlmRequest &req)
{
    const ModelConfig &m = req.model;
    const int maxTokens = req.maxTokensOverride > 0 ? req.maxTokensOverride : m.maxTokens;
    json body;
    body["model"] = m.modelId.empty() ? m.name : m.modelId;
    json msgs = json::array();
    if (m.provider == "anthropic") {
        std::string system = m.systemPrompt;
        for (const auto &msg : req.messages) {
            if (msg.role == "system") {
                system += (system.empty() ? "" : "\n\n") + msg.content;
                continue;
            }
            msgs.push_back({{"role", msg.role}, {"content", msg.content}});
        }
        if (!system.empty())
            body["system"] = system;
        if (m.options.thinkingBudget > 0) {
            // Thinking needs max_tokens above the budget and the default temperature.
            body["thinking"] = {{"type", "enabled"}, {"budget_tokens", m.options.thinkingBudget}};
            body["max_tokens"] = maxTokens > m.options.thinkingBudget ? maxTokens : m.options.thinkingBudget + maxTokens;
        } else {
            body["max_tokens"] = maxTokens;
            body["temperature"] = m.temperature;
        }
    } else {
        if (!m.systemPrompt.empty())
            msgs.push_back({{"role", "system"}, {"content", m.systemPrompt}}); // OpenAI reads it as "developer" for o-series
        for (const auto &msg : req.messages)
            msgs.push_back({{"role", msg.role}, {"content", msg.content}});
        if (isReasoningModel(m)) {
            body["max_completion_tokens"] = maxTokens;
            if (!m.options.reasoningEffort.empty())
                body["reasoning_effort"] = m.options.reasoningEffort;
        } else {
            body["max_tokens"] = maxTokens;
            body["temperature"] = m.temperature;
        }
    }
    body["messages"] = std::move(msgs);
    if (!m.options.bodyJson.empty()) {
        const json extra = json::parse(m.options.bodyJson, nullptr, false);
        if (extra.is_object()) {
            json messages = body["messages"];
            body.merge_patch(extra); // e.g. seed, top_p, stop, provider routing, chat_template_kwargs
            body["messages"] = std::move(messages);
        }
    }
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

HttpRequestSpec build(const LlmRequest &req)
{
    const ModelConfig &m = req.model;
    HttpRequestSpec spec;
    spec.url = endpointUrl(m, m.provider == "anthropic" ? "/messages" : "/chat/completions");
    spec.headers = commonHeaders(m);
    spec.headers.insert(spec.headers.begin(), "Content-Type: application/json");
    spec.body = buildBody(req);
    return spec;
}

std::string modelsUrl(const ModelConfig &m)
{
    return endpointUrl(m, "/models");
}

} // namespace ds::provider
