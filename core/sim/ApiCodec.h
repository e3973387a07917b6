#pragma once
// Request and response bodies of the two APIs the simulator speaks: OpenAI chat completions and
// Anthropic messages (plain JSON and server-sent events), plus their error shapes.
#include "sim/SimConfig.h"
#include "sim/SimModels.h"

#include <optional>
#include <string>
#include <vector>

namespace ds::sim {

enum class ApiFlavor { OpenAI, Anthropic };

/// The parts of a chat request the simulator uses.
struct ApiRequest {
    std::string model;
    std::vector<ChatMessage> messages; ///< system prompt first (Anthropic's top-level `system` too)
    bool stream = false;
    bool includeUsage = false;    ///< OpenAI stream_options.include_usage
    std::optional<int> maxTokens; ///< max_tokens / max_completion_tokens
};

/// Parses a request body of `flavor`; on failure returns false and sets `error`.
bool parseApiRequest(ApiFlavor flavor, const std::string &body, ApiRequest &out, std::string &error);

/// A finished answer ready to be encoded.
struct ApiReply {
    std::string id; ///< "chatcmpl-..." / "msg_..."
    std::string model;
    std::string text;
    std::string reasoning; ///< "" = none
    int promptTokens = 0;
    int completionTokens = 0;
    bool truncated = false; ///< cut at max_tokens
    long long created = 0;  ///< unix seconds
};

/// Cuts `text` to about `maxTokens` tokens (same estimate as approxTokens). Returns true if cut.
bool truncateToTokens(std::string &text, int maxTokens);

std::string encodeReply(ApiFlavor flavor, const ApiReply &r);
/// Server-sent events (each "event: ...\ndata: ...\n\n" or "data: ...\n\n") for a streamed reply.
std::vector<std::string> encodeStream(ApiFlavor flavor, const ApiReply &r, bool includeUsage);

/// An error body: OpenAI {"error":{"message","type","code"}} or Anthropic
/// {"type":"error","error":{"type","message"}}.
std::string encodeError(ApiFlavor flavor, const std::string &message, const std::string &type, const std::string &code);

/// GET /v1/models body (OpenAI list shape; Anthropic clients accept `data` with `id` too).
std::string encodeModelList(const SimConfig &config, long long created);
/// One model object, for GET /v1/models/{id}.
std::string encodeModel(const SimModelConfig &model, long long created);

} // namespace ds::sim
