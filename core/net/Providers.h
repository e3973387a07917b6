#pragma once
// Wire formats of the supported APIs: OpenAI-compatible chat completions (OpenAI, Azure, Gemini,
// DeepSeek, OpenRouter, vLLM, Ollama /v1, ...) and the Anthropic Messages API. Pure functions, no I/O.
// Request building lives in Providers.cpp, reply and error parsing in ProviderReply.cpp.
#include "net/LlmClient.h"

#include <map>
#include <string>
#include <vector>

namespace ds::provider {

struct HttpRequestSpec {
    std::string url;
    std::vector<std::string> headers; ///< without credentials
    std::string body;                 ///< JSON
};

/// True for models that take max_completion_tokens and reject a non-default temperature (o1, o3,
/// o4-mini, gpt-5 families, with or without a "vendor/" prefix). The model's `reasoning` option
/// ("on"/"off") overrides the id.
bool isReasoningModel(const ModelConfig &m);

/// The body of one request as the provider expects it (also a batch line's body).
std::string buildBody(const LlmRequest &req);
/// Builds the request; the system prompt of the model config goes first (OpenAI) or into `system`
/// (Anthropic). Extra headers, query parameters and body fields of the model are applied.
HttpRequestSpec build(const LlmRequest &req);
/// The header carrying the key, e.g. "Authorization: Bearer ", "x-api-key: " or Azure's "api-key: ".
std::string authHeaderPrefix(const ModelConfig &m);
/// Headers every request to the model carries besides the key: User-Agent, anthropic-version, the
/// model's extra headers.
std::vector<std::string> commonHeaders(const ModelConfig &m);
/// `base` + `path` with the base URL's own query, the model's query parameters appended (a query in
/// the base URL is never glued into the path).
std::string endpointUrl(const ModelConfig &m, const std::string &path);

struct ParsedReply {
    bool ok = false;
    std::string text; ///< the answer without any leading <think>...</think> block
    std::string reasoning;
    std::string finishReason; ///< finish_reason (OpenAI) / stop_reason (Anthropic), "" when absent
    std::string refusal;      ///< OpenAI message.refusal text, if any
    std::optional<int64_t> tokensIn, tokensOut, tokensReasoning;
    std::string errorCode;    ///< provider error code or type
    std::string errorMessage; ///< human readable; for ok==false always set
    int errorStatus = 0;      ///< HTTP status an error object carries inside a 200 (OpenRouter); 0 = none
};

/// Parses a response body (any status). Handles the error shapes of OpenAI, Anthropic, vLLM,
/// Gemini (a JSON array), gateways ({status, message}, {detail}) and errors inside a 200; reasoning
/// fields and <think> blocks; missing usage (NULL, not 0).
ParsedReply parse(const std::string &provider, int httpStatus, const std::string &body);
/// Fills the answer fields of `r` from a successful reply exactly as a live call stores them (status,
/// text, reasoning, usage, raw body, cost); `priceFactor` scales the cost (a batch's discount).
void fillAnswer(ResponseRecord &r, const ParsedReply &parsed, const std::string &body, const ModelConfig &m, double priceFactor = 1.0);
/// Splits a leading <think>...</think> block off `text` (an unclosed block is all reasoning).
/// Returns the reasoning; `text` keeps the answer.
std::string splitThink(std::string &text);

/// `/models` URL for listing.
std::string modelsUrl(const ModelConfig &m);

} // namespace ds::provider
