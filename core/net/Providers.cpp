#include "net/Providers.h"

#include <nlohmann/json.hpp>

namespace ds::provider {

using json = nlohmann::json;

static std::string trimSlash(std::string s)
{
    while (!s.empty() && s.back() == '/')
        s.pop_back();
    return s;
}

HttpRequestSpec build(const LlmRequest &req)
{
    const ModelConfig &m = req.model;
    HttpRequestSpec spec;
    const int maxTokens = req.maxTokensOverride > 0 ? req.maxTokensOverride : m.maxTokens;
    json body;
    body["model"] = m.modelId.empty() ? m.name : m.modelId;
    body["max_tokens"] = maxTokens;
    body["temperature"] = m.temperature;
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
        spec.url = trimSlash(m.baseUrl) + "/messages";
        spec.headers = {"content-type: application/json", "anthropic-version: 2023-06-01"};
    } else {
        if (!m.systemPrompt.empty())
            msgs.push_back({{"role", "system"}, {"content", m.systemPrompt}});
        for (const auto &msg : req.messages)
            msgs.push_back({{"role", msg.role}, {"content", msg.content}});
        spec.url = trimSlash(m.baseUrl) + "/chat/completions";
        spec.headers = {"Content-Type: application/json"};
    }
    body["messages"] = std::move(msgs);
    spec.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return spec;
}

std::string authHeaderPrefix(const std::string &provider)
{
    return provider == "anthropic" ? "x-api-key: " : "Authorization: Bearer ";
}

std::string modelsUrl(const ModelConfig &m)
{
    return trimSlash(m.baseUrl) + "/models";
}

static std::optional<int64_t> optInt(const json &o, const char *key)
{
    if (o.is_object() && o.contains(key) && o[key].is_number_integer())
        return o[key].get<int64_t>();
    return std::nullopt;
}

static std::string str(const json &o, const char *key)
{
    if (o.is_object() && o.contains(key) && o[key].is_string())
        return o[key].get<std::string>();
    return {};
}

ParsedReply parse(const std::string &provider, int httpStatus, const std::string &body)
{
    ParsedReply r;
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        r.errorCode = "malformed";
        r.errorMessage = "HTTP " + std::to_string(httpStatus) + ": response body is not JSON (" + std::to_string(body.size()) + " bytes)";
        return r;
    }
    // Error shapes: OpenAI {"error":{message,type,code}}, Anthropic {"type":"error","error":{type,message}},
    // vLLM flat {"object":"error","message"}.
    if (j.contains("error") && !j["error"].is_null()) {
        const json &e = j["error"];
        if (e.is_object()) {
            r.errorCode = str(e, "code");
            if (r.errorCode.empty())
                r.errorCode = str(e, "type");
            r.errorMessage = str(e, "message");
        } else if (e.is_string()) {
            r.errorMessage = e.get<std::string>();
        }
    } else if (str(j, "object") == "error") {
        r.errorCode = str(j, "type");
        r.errorMessage = str(j, "message");
    }
    if (httpStatus < 200 || httpStatus >= 300 || !r.errorMessage.empty() || !r.errorCode.empty()) {
        if (r.errorMessage.empty())
            r.errorMessage = "HTTP " + std::to_string(httpStatus);
        return r;
    }
    if (provider == "anthropic") {
        if (!j.contains("content") || !j["content"].is_array()) {
            r.errorCode = "malformed";
            r.errorMessage = "Anthropic reply without a content list";
            return r;
        }
        for (const auto &block : j["content"]) {
            const std::string type = str(block, "type");
            if (type == "text")
                r.text += str(block, "text");
            else if (type == "thinking")
                r.reasoning += str(block, "thinking");
        }
        r.finishReason = str(j, "stop_reason");
        if (j.contains("usage")) {
            r.tokensIn = optInt(j["usage"], "input_tokens");
            r.tokensOut = optInt(j["usage"], "output_tokens");
        }
    } else {
        if (!j.contains("choices") || !j["choices"].is_array() || j["choices"].empty() || !j["choices"][0].contains("message")) {
            r.errorCode = "malformed";
            r.errorMessage = "chat completion without choices[0].message";
            return r;
        }
        const json &msg = j["choices"][0]["message"];
        if (msg.contains("content") && msg["content"].is_string())
            r.text = msg["content"].get<std::string>();
        r.finishReason = str(j["choices"][0], "finish_reason");
        r.refused = !str(msg, "refusal").empty();
        r.reasoning = str(msg, "reasoning_content");
        if (r.reasoning.empty())
            r.reasoning = str(msg, "reasoning");
        if (j.contains("usage")) {
            r.tokensIn = optInt(j["usage"], "prompt_tokens");
            r.tokensOut = optInt(j["usage"], "completion_tokens");
        }
    }
    r.ok = true;
    return r;
}

} // namespace ds::provider
