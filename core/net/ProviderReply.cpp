// Reply and error parsing for the provider wire formats (see Providers.h).
#include "net/Providers.h"

#include <nlohmann/json.hpp>

namespace ds::provider {

using json = nlohmann::json;

namespace {

std::optional<int64_t> optInt(const json &o, const char *key)
{
    if (o.is_object() && o.contains(key) && o[key].is_number_integer())
        return o[key].get<int64_t>();
    return std::nullopt;
}

std::string str(const json &o, const char *key)
{
    if (o.is_object() && o.contains(key) && o[key].is_string())
        return o[key].get<std::string>();
    return {};
}

/// A code that may be a string ("rate_limit_exceeded") or a number (OpenRouter/Gemini: 429).
std::string codeOf(const json &o, const char *key)
{
    if (!o.is_object() || !o.contains(key))
        return {};
    if (o[key].is_string())
        return o[key].get<std::string>();
    if (o[key].is_number_integer())
        return std::to_string(o[key].get<int64_t>());
    return {};
}

/// Fills the error fields of `r` from any known error shape; false when `j` carries no error.
bool readError(const json &in, ParsedReply &r)
{
    // Gemini's OpenAI-compatible endpoint wraps its error in a one-element array.
    const json &j = in.is_array() && !in.empty() ? in[0] : in;
    if (!j.is_object())
        return false;
    if (j.contains("error") && !j["error"].is_null()) {
        const json &e = j["error"];
        if (e.is_object()) {
            // OpenAI {message,type,code}; Anthropic {type,message}; Gemini/OpenRouter {code:int,message,status}.
            r.errorCode = codeOf(e, "code");
            if (e.contains("code") && e["code"].is_number_integer()) {
                const int64_t status = e["code"].get<int64_t>();
                if (status >= 400 && status < 600)
                    r.errorStatus = int(status);
                r.errorCode = str(e, "status").empty() ? str(e, "type") : str(e, "status");
            }
            if (r.errorCode.empty())
                r.errorCode = str(e, "type");
            r.errorMessage = str(e, "message");
            if (e.contains("metadata") && e["metadata"].is_object() && !str(e["metadata"], "provider_name").empty())
                r.errorMessage += " (upstream " + str(e["metadata"], "provider_name") + ")";
        } else if (e.is_string()) {
            r.errorMessage = e.get<std::string>();
        }
        if (r.errorMessage.empty())
            r.errorMessage = j["error"].dump();
        return true;
    }
    if (str(j, "object") == "error" || str(j, "type") == "error") { // vLLM flat form
        r.errorCode = str(j, "type") == "error" ? str(j, "code") : str(j, "type");
        r.errorMessage = str(j, "message");
        return true;
    }
    // Gateways: {"status": 503, "message": "..."} or {"status": "error", "message": "..."}; FastAPI {"detail": ...}.
    if (j.contains("message") && j.contains("status") && !j.contains("choices") && !j.contains("content")) {
        r.errorCode = codeOf(j, "status");
        r.errorMessage = str(j, "message");
        return true;
    }
    if (j.contains("detail") && !j.contains("choices")) {
        r.errorMessage = j["detail"].is_string() ? j["detail"].get<std::string>() : j["detail"].dump();
        return true;
    }
    return false;
}

std::string snippet(const std::string &body)
{
    std::string s = body.substr(0, 200);
    for (char &c : s)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    return s;
}

} // namespace

std::string splitThink(std::string &text)
{
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos || text.compare(start, 7, "<think>") != 0)
        return {};
    const auto end = text.find("</think>", start + 7);
    std::string reasoning;
    if (end == std::string::npos) { // cut off while thinking: no answer yet
        reasoning = text.substr(start + 7);
        text.clear();
        return reasoning;
    }
    reasoning = text.substr(start + 7, end - start - 7);
    const auto rest = text.find_first_not_of(" \t\r\n", end + 8);
    text = rest == std::string::npos ? std::string() : text.substr(rest);
    return reasoning;
}

ParsedReply parse(const std::string &provider, int httpStatus, const std::string &body)
{
    ParsedReply r;
    json j = json::parse(body, nullptr, false);
    const bool success = httpStatus >= 200 && httpStatus < 300;
    if (j.is_discarded() || (!j.is_object() && !j.is_array())) {
        r.errorCode = success ? "malformed" : "";
        r.errorMessage =
            success ? "HTTP " + std::to_string(httpStatus) + ": response body is not JSON (" + std::to_string(body.size()) + " bytes)"
                    : "HTTP " + std::to_string(httpStatus) + (body.empty() ? "" : ": " + snippet(body));
        return r;
    }
    if (readError(j, r) || !success) {
        if (r.errorMessage.empty())
            r.errorMessage = "HTTP " + std::to_string(httpStatus) + (body.empty() ? "" : ": " + snippet(body));
        return r;
    }
    if (!j.is_object()) {
        r.errorCode = "malformed";
        r.errorMessage = "reply is a JSON array, not an object";
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
        const json &choice = j["choices"][0];
        const json &msg = choice["message"];
        if (msg.contains("content") && msg["content"].is_string())
            r.text = msg["content"].get<std::string>();
        r.reasoning = str(msg, "reasoning_content");
        if (r.reasoning.empty())
            r.reasoning = str(msg, "reasoning");
        r.refusal = str(msg, "refusal");
        r.finishReason = str(choice, "finish_reason");
        if (j.contains("usage") && j["usage"].is_object()) {
            const json &u = j["usage"];
            r.tokensIn = optInt(u, "prompt_tokens");
            r.tokensOut = optInt(u, "completion_tokens");
            if (u.contains("completion_tokens_details") && u["completion_tokens_details"].is_object())
                r.tokensReasoning = optInt(u["completion_tokens_details"], "reasoning_tokens");
        }
    }
    // Open models served raw (vLLM, Ollama) put their reasoning in the answer: keep it apart.
    const std::string think = splitThink(r.text);
    if (!think.empty())
        r.reasoning = r.reasoning.empty() ? think : r.reasoning + "\n" + think;
    r.ok = true;
    return r;
}

} // namespace ds::provider
