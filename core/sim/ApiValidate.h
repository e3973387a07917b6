#pragma once
// What the real APIs reject, with their words: unknown parameters, out-of-range values, reasoning
// models' rules (OpenAI), `system` as a message role and thinking constraints (Anthropic).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace ds::sim {

struct ApiError {
    std::string message;
    std::string param; ///< OpenAI `param` ("" = null)
    std::string code;  ///< OpenAI `code` ("" = null)
};

/// True for OpenAI reasoning model ids (o1, o3, o4-mini, gpt-5 families).
bool isReasoningId(const std::string &model);

/// nullopt when the OpenAI chat completion body is acceptable.
std::optional<ApiError> validateOpenAI(const nlohmann::json &body);
/// nullopt when the Anthropic messages body is acceptable.
std::optional<ApiError> validateAnthropic(const nlohmann::json &body);

} // namespace ds::sim
