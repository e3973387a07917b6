#pragma once
// Request and response bodies of the two APIs the simulator speaks: OpenAI chat completions and
// Anthropic messages (plain JSON and server-sent events), plus their error shapes.
#include "sim/ApiValidate.h"
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
    bool includeUsage = false;     ///< OpenAI stream_options.include_usage
    std::optional<int> maxTokens;  ///< max_tokens / max_completion_tokens
    std::vector<std::string> stop; ///< stop / stop_sequences
    int n = 1;                     ///< OpenAI choices
    std::string responseFormat;    ///< "", "text", "json_object", "json_schema"
    int thinkingBudget = 0;        ///< Anthropic thinking.budget_tokens (0 = off)
};

/// Parses and validates a request body of `flavor` the way the real API does; on failure returns
/// false and sets `error` (message, and OpenAI's param / code).
bool parseApiRequest(ApiFlavor flavor, const std::string &body, ApiRequest &out, ApiError &error);

/// A finished answer ready to be encoded.
struct ApiReply {
    std::string id; ///< "chatcmpl-..." / "msg_..."
    std::string model;
    std::string text;
    std::string reasoning; ///< "" = none
    int promptTokens = 0;
    int completionTokens = 0;
    int reasoningTokens = 0;               ///< part of completionTokens (OpenAI completion_tokens_details)
    bool hiddenReasoning = false;          ///< OpenAI reasoning models bill reasoning but never show it
    bool truncated = false;                ///< cut at max_tokens
    std::string stopSequence;              ///< the stop sequence that ended the answer ("" = none)
    std::string finish;                    ///< overrides the finish reason: "content_filter" or "refusal"
    std::string refusal;                   ///< OpenAI message.refusal (content is then null)
    std::vector<std::string> extraChoices; ///< OpenAI n > 1: the texts of choices 1..n-1
    long long created = 0;                 ///< unix seconds
};

/// Cuts `text` at the first of `stops`; returns the sequence found ("" = none).
std::string applyStop(std::string &text, const std::vector<std::string> &stops);

/// Cuts `text` to about `maxTokens` tokens (same estimate as approxTokens). Returns true if cut.
bool truncateToTokens(std::string &text, int maxTokens);

std::string encodeReply(ApiFlavor flavor, const ApiReply &r);
/// Server-sent events (each "event: ...\ndata: ...\n\n" or "data: ...\n\n") for a streamed reply.
std::vector<std::string> encodeStream(ApiFlavor flavor, const ApiReply &r, bool includeUsage);

/// An error body: OpenAI {"error":{"message","type","code"}} or Anthropic
/// {"type":"error","error":{"type","message"}}.
std::string encodeError(ApiFlavor flavor, const std::string &message, const std::string &type, const std::string &code);
/// A validation error (400 invalid_request_error) with OpenAI's `param`.
std::string encodeApiError(ApiFlavor flavor, const ApiError &e);

/// GET /v1/models body in OpenAI's list shape.
std::string encodeModelList(const SimConfig &config, long long created);
/// One model object, for GET /v1/models/{id}.
std::string encodeModel(const SimModelConfig &model, long long created);
/// Anthropic's paged list ({data:[{type,id,display_name,created_at}], has_more, first_id, last_id})
/// after `afterId` ("" = from the start), at most `limit` models.
std::string encodeAnthropicModelList(const SimConfig &config, long long created, const std::string &afterId, int limit);
std::string encodeAnthropicModel(const SimModelConfig &model, long long created);

} // namespace ds::sim
