#pragma once
// Wire formats of the supported APIs: OpenAI-compatible chat completions (OpenAI, vLLM, Ollama /v1,
// DeepSeek, ...) and the Anthropic Messages API. Pure functions, no I/O.
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

/// Builds the request; the system prompt of the model config goes first (OpenAI) or into `system`
/// (Anthropic).
HttpRequestSpec build(const LlmRequest &req);
/// The header carrying the key, e.g. "Authorization: Bearer " or "x-api-key: ".
std::string authHeaderPrefix(const std::string &provider);

struct ParsedReply {
    bool ok = false;
    std::string text;
    std::string reasoning;
    std::string finishReason; ///< finish_reason (OpenAI) / stop_reason (Anthropic), "" when absent
    bool refused = false;     ///< OpenAI message.refusal was set
    std::optional<int64_t> tokensIn, tokensOut;
    std::string errorCode;    ///< provider error code or type
    std::string errorMessage; ///< human readable; for ok==false always set
};

/// Parses a response body (any status). Handles OpenAI, Anthropic and vLLM error shapes, reasoning
/// fields and missing usage (NULL, not 0).
ParsedReply parse(const std::string &provider, int httpStatus, const std::string &body);

/// `/models` URL for listing.
std::string modelsUrl(const ModelConfig &m);

} // namespace ds::provider
