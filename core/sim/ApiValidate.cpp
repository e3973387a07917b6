#include "sim/ApiValidate.h"

#include <algorithm>
#include <regex>
#include <set>

namespace ds::sim {

using nlohmann::json;

namespace {

std::string number(const json &v)
{
    std::string s = v.dump();
    return s;
}

std::optional<ApiError> range(const json &body, const char *name, double lo, double hi, bool openai)
{
    if (!body.contains(name) || body[name].is_null())
        return std::nullopt;
    const json &v = body[name];
    if (!v.is_number())
        return ApiError{openai ? std::string("Invalid type for '") + name + "': expected a decimal, but got " + v.type_name() + " instead."
                               : std::string(name) + ": Input should be a valid number",
                        name, "invalid_type"};
    const double x = v.get<double>();
    if (x < lo)
        return ApiError{openai ? std::string("Invalid '") + name + "': decimal below minimum value. Expected a value >= " + number(lo) +
                                     ", but got " + number(v) + " instead."
                               : std::string(name) + ": range: " + number(lo) + " <= " + name + " <= " + number(hi),
                        name, "decimal_below_min_value"};
    if (x > hi)
        return ApiError{openai ? std::string("Invalid '") + name + "': decimal above maximum value. Expected a value <= " + number(hi) +
                                     ", but got " + number(v) + " instead."
                               : std::string(name) + ": range: " + number(lo) + " <= " + name + " <= " + number(hi),
                        name, "decimal_above_max_value"};
    return std::nullopt;
}

std::optional<ApiError> stopList(const json &v, const char *name, size_t maxItems, bool openai)
{
    if (v.is_null() || v.is_string())
        return std::nullopt;
    if (!v.is_array() || !std::all_of(v.begin(), v.end(), [](const json &s) { return s.is_string(); }))
        return ApiError{openai ? std::string("Invalid type for '") + name + "': expected a string or an array of strings."
                               : std::string(name) + ": Input should be a valid list of strings",
                        name, "invalid_type"};
    if (v.size() > maxItems)
        return ApiError{std::string("Invalid '") + name + "': array too long. Expected an array with maximum length " +
                            std::to_string(maxItems) + ", but got an array with length " + std::to_string(v.size()) + " instead.",
                        name, "array_above_max_length"};
    return std::nullopt;
}

// An argument the API does not know is refused before anything else is looked at.
std::optional<ApiError> unknownOpenAIArgument(const json &body)
{
    static const std::set<std::string> known = {"model",
                                                "messages",
                                                "stream",
                                                "stream_options",
                                                "max_tokens",
                                                "max_completion_tokens",
                                                "temperature",
                                                "top_p",
                                                "n",
                                                "stop",
                                                "presence_penalty",
                                                "frequency_penalty",
                                                "logit_bias",
                                                "logprobs",
                                                "top_logprobs",
                                                "user",
                                                "seed",
                                                "response_format",
                                                "tools",
                                                "tool_choice",
                                                "parallel_tool_calls",
                                                "reasoning_effort",
                                                "metadata",
                                                "store",
                                                "service_tier",
                                                "modalities",
                                                "prediction",
                                                "audio",
                                                "web_search_options",
                                                "verbosity",
                                                "prompt_cache_key",
                                                "safety_identifier",
                                                "functions",
                                                "function_call"};
    for (const auto &[k, v] : body.items())
        if (!known.count(k))
            return ApiError{"Unrecognized request argument supplied: " + k, "", ""};
    return std::nullopt;
}

// Reasoning models refuse max_tokens and a temperature other than 1; other models refuse reasoning_effort.
std::optional<ApiError> openAIReasoningArguments(const json &body)
{
    const std::string model = body.value("model", "");
    if (isReasoningId(model)) {
        if (body.contains("max_tokens"))
            return ApiError{"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
                            "max_tokens", "unsupported_parameter"};
        if (body.contains("temperature") && !(body["temperature"].is_number() && body["temperature"].get<double>() == 1.0))
            return ApiError{"Unsupported value: 'temperature' does not support " + number(body["temperature"]) +
                                " with this model. Only the default (1) value is supported.",
                            "temperature", "unsupported_value"};
    } else if (body.contains("reasoning_effort")) {
        return ApiError{"Unrecognized request argument supplied: reasoning_effort", "", ""};
    }
    if (body.contains("reasoning_effort")) {
        static const std::set<std::string> efforts = {"minimal", "low", "medium", "high"};
        if (!body["reasoning_effort"].is_string() || !efforts.count(body["reasoning_effort"].get<std::string>()))
            return ApiError{"Invalid value: '" + body["reasoning_effort"].dump() +
                                "'. Supported values are: 'minimal', 'low', 'medium', and 'high'.",
                            "reasoning_effort", "invalid_value"};
    }
    return std::nullopt;
}

// Sampling ranges, token limits, n and stop.
std::optional<ApiError> openAINumbers(const json &body)
{
    if (auto e = range(body, "temperature", 0, 2, true))
        return e;
    if (auto e = range(body, "top_p", 0, 1, true))
        return e;
    if (auto e = range(body, "presence_penalty", -2, 2, true))
        return e;
    if (auto e = range(body, "frequency_penalty", -2, 2, true))
        return e;
    for (const char *k : {"max_tokens", "max_completion_tokens"})
        if (body.contains(k) && !body[k].is_null() && (!body[k].is_number_integer() || body[k].get<int64_t>() < 1))
            return ApiError{std::string("Invalid '") + k + "': integer below minimum value. Expected a value >= 1, but got " +
                                body[k].dump() + " instead.",
                            k, "integer_below_min_value"};
    if (body.contains("n") && !body["n"].is_null() &&
        (!body["n"].is_number_integer() || body["n"].get<int64_t>() < 1 || body["n"].get<int64_t>() > 128))
        return ApiError{"Invalid 'n': integer out of range. Expected a value between 1 and 128, but got " + body["n"].dump() + " instead.",
                        "n", "integer_out_of_range"};
    if (body.contains("stop"))
        if (auto e = stopList(body["stop"], "stop", 4, true))
            return e;
    return std::nullopt;
}

std::optional<ApiError> openAIResponseFormat(const json &body)
{
    if (body.contains("response_format")) {
        const json &f = body["response_format"];
        static const std::set<std::string> formats = {"text", "json_object", "json_schema"};
        if (!f.is_object() || !f.contains("type") || !f["type"].is_string() || !formats.count(f["type"].get<std::string>()))
            return ApiError{"Invalid value: 'response_format.type'. Supported values are: 'text', 'json_object', and 'json_schema'.",
                            "response_format.type", "invalid_value"};
        if (f["type"] == "json_schema" && (!f.contains("json_schema") || !f["json_schema"].is_object()))
            return ApiError{"Missing required parameter: 'response_format.json_schema'.", "response_format.json_schema",
                            "missing_required_parameter"};
    }
    return std::nullopt;
}

// Every role must be known, and there must be at least one message.
std::optional<ApiError> openAIMessages(const json &body)
{
    if (body.contains("messages") && body["messages"].is_array()) {
        static const std::set<std::string> roles = {"system", "developer", "user", "assistant", "tool", "function"};
        for (size_t i = 0; i < body["messages"].size(); ++i) {
            const json &m = body["messages"][i];
            const std::string role = m.is_object() && m.contains("role") && m["role"].is_string() ? m["role"].get<std::string>() : "";
            if (!roles.count(role))
                return ApiError{"Invalid value: '" + role +
                                    "'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
                                "messages[" + std::to_string(i) + "].role", "invalid_value"};
        }
        if (body["messages"].empty())
            return ApiError{"Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                            "messages", "empty_array"};
    }
    return std::nullopt;
}

} // namespace

bool isReasoningId(const std::string &model)
{
    std::string id = model.substr(model.rfind('/') == std::string::npos ? 0 : model.rfind('/') + 1);
    static const std::regex reasoning(R"(^(o[1-9](-.*)?|gpt-5(?!-chat).*)$)");
    return std::regex_match(id, reasoning);
}

std::optional<ApiError> validateOpenAI(const json &body)
{
    // The checks run in the order the API reports them: the first failing one is the error.
    for (auto check : {unknownOpenAIArgument, openAIReasoningArguments, openAINumbers, openAIResponseFormat, openAIMessages})
        if (auto e = check(body))
            return e;
    return std::nullopt;
}

std::optional<ApiError> validateAnthropic(const json &body)
{
    static const std::set<std::string> known = {"model",       "messages",       "max_tokens", "system",     "temperature", "top_p",
                                                "top_k",       "stop_sequences", "stream",     "metadata",   "thinking",    "tools",
                                                "tool_choice", "service_tier",   "container",  "mcp_servers"};
    for (const auto &[k, v] : body.items())
        if (!known.count(k))
            return ApiError{k + ": Extra inputs are not permitted", "", ""};
    if (auto e = range(body, "temperature", 0, 1, false))
        return e;
    if (auto e = range(body, "top_p", 0, 1, false))
        return e;
    if (body.contains("max_tokens") && (!body["max_tokens"].is_number_integer() || body["max_tokens"].get<int64_t>() < 1))
        return ApiError{"max_tokens: Input should be greater than or equal to 1", "", ""};
    if (body.contains("stop_sequences") && !body["stop_sequences"].is_array())
        return ApiError{"stop_sequences: Input should be a valid list", "", ""};
    if (body.contains("stop_sequences"))
        if (auto e = stopList(body["stop_sequences"], "stop_sequences", 8191, false))
            return ApiError{"stop_sequences: Input should be a valid list of strings", "", ""};
    if (body.contains("messages") && body["messages"].is_array()) {
        const json &msgs = body["messages"];
        for (size_t i = 0; i < msgs.size(); ++i) {
            const std::string role =
                msgs[i].is_object() && msgs[i].contains("role") && msgs[i]["role"].is_string() ? msgs[i]["role"].get<std::string>() : "";
            if (role == "system")
                return ApiError{"messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, not "
                                "\"system\" as an input message role.",
                                "", ""};
            if (role != "user" && role != "assistant")
                return ApiError{"messages." + std::to_string(i) + ".role: Input should be 'user' or 'assistant'", "", ""};
        }
    }
    if (body.contains("thinking") && body["thinking"].is_object() && body["thinking"].value("type", "") == "enabled") {
        const json &t = body["thinking"];
        if (!t.contains("budget_tokens") || !t["budget_tokens"].is_number_integer())
            return ApiError{"thinking.enabled.budget_tokens: Field required", "", ""};
        const int64_t budget = t["budget_tokens"].get<int64_t>();
        if (budget < 1024)
            return ApiError{"thinking.enabled.budget_tokens: Input should be greater than or equal to 1024", "", ""};
        if (body.contains("max_tokens") && body["max_tokens"].is_number_integer() && budget >= body["max_tokens"].get<int64_t>())
            return ApiError{"`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at "
                            "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size",
                            "", ""};
        if (body.contains("temperature") && !(body["temperature"].is_number() && body["temperature"].get<double>() == 1.0))
            return ApiError{"`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at "
                            "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility",
                            "", ""};
    }
    return std::nullopt;
}

} // namespace ds::sim
