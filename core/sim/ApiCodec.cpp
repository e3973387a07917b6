#include "sim/ApiCodec.h"

#include "sim/SimRandom.h"
#include "sim/SimText.h"

#include <nlohmann/json.hpp>

#include <ctime>

namespace ds::sim {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

// Content is a string or a list of parts; only text parts matter to a text model.
bool contentText(const json &c, std::string &out)
{
    if (c.is_null())
        return true;
    if (c.is_string()) {
        out = c.get<std::string>();
        return true;
    }
    if (!c.is_array())
        return false;
    for (const auto &part : c) {
        if (part.is_string())
            out += part.get<std::string>();
        else if (part.is_object() && part.value("type", "") == "text" && part.contains("text") && part["text"].is_string())
            out += part["text"].get<std::string>();
    }
    return true;
}

std::optional<int> intField(const json &j, const char *k)
{
    if (j.contains(k) && j[k].is_number_integer())
        return j[k].get<int>();
    return std::nullopt;
}

} // namespace

bool parseApiRequest(ApiFlavor flavor, const std::string &body, ApiRequest &out, ApiError &apiError)
{
    apiError = {};
    std::string &error = apiError.message;
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        error = "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library "
                "correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.";
        if (flavor == ApiFlavor::Anthropic)
            error = "There was an issue with your request body: it is not valid JSON.";
        return false;
    }
    if (auto e = flavor == ApiFlavor::OpenAI ? validateOpenAI(j) : validateAnthropic(j)) {
        apiError = *e;
        return false;
    }
    if (!j.contains("model") || !j["model"].is_string()) {
        error = "you must provide a model parameter";
        return false;
    }
    out.model = j["model"].get<std::string>();
    if (!j.contains("messages") || !j["messages"].is_array()) {
        error = flavor == ApiFlavor::OpenAI ? "Missing required parameter: 'messages'." : "messages: Field required";
        apiError.param = "messages";
        apiError.code = "missing_required_parameter";
        return false;
    }
    if (flavor == ApiFlavor::Anthropic && j.contains("system")) {
        std::string sys;
        if (!contentText(j["system"], sys)) {
            error = "system: expected a string or a list of text blocks";
            return false;
        }
        if (!sys.empty())
            out.messages.push_back({"system", sys});
    }
    for (size_t i = 0; i < j["messages"].size(); ++i) {
        const auto &m = j["messages"][i];
        if (!m.is_object() || !m.contains("role") || !m["role"].is_string()) {
            error = "messages." + std::to_string(i) + ".role: field required";
            return false;
        }
        ChatMessage msg{m["role"].get<std::string>(), {}};
        if (!contentText(m.contains("content") ? m["content"] : json(), msg.content)) {
            error = "messages." + std::to_string(i) + ".content: expected a string or a list of parts";
            return false;
        }
        if (msg.role == "developer")
            msg.role = "system";
        out.messages.push_back(std::move(msg));
    }
    if (out.messages.empty()) {
        error = "messages: at least one message is required";
        return false;
    }
    out.stream = j.value("stream", false);
    if (j.contains("stream_options") && j["stream_options"].is_object())
        out.includeUsage = j["stream_options"].value("include_usage", false);
    out.maxTokens = intField(j, "max_completion_tokens");
    if (!out.maxTokens)
        out.maxTokens = intField(j, "max_tokens");
    if (flavor == ApiFlavor::Anthropic && !out.maxTokens) {
        error = "max_tokens: Field required";
        return false;
    }
    const char *stopKey = flavor == ApiFlavor::OpenAI ? "stop" : "stop_sequences";
    if (j.contains(stopKey) && j[stopKey].is_string())
        out.stop.push_back(j[stopKey].get<std::string>());
    else if (j.contains(stopKey) && j[stopKey].is_array())
        for (const auto &s : j[stopKey])
            out.stop.push_back(s.get<std::string>());
    std::erase_if(out.stop, [](const std::string &s) { return s.empty(); });
    out.n = intField(j, "n").value_or(1);
    if (j.contains("response_format") && j["response_format"].is_object())
        out.responseFormat = j["response_format"].value("type", "");
    if (j.contains("thinking") && j["thinking"].is_object() && j["thinking"].value("type", "") == "enabled")
        out.thinkingBudget = intField(j["thinking"], "budget_tokens").value_or(0);
    return true;
}

bool truncateToTokens(std::string &text, int maxTokens)
{
    if (maxTokens <= 0 || approxTokens(text) <= maxTokens)
        return false;
    // Walk forward word by word (CJK characters count singly) until the budget is spent.
    double used = 0;
    size_t cut = 0;
    bool inWord = false;
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : 4;
        const bool cjk = len == 3 && hasCjk(std::string_view(text).substr(i, 3));
        const bool wordByte = c < 0x80 && std::isalnum(c);
        if (cjk)
            used += 0.75;
        else if (wordByte && !inWord)
            used += 1.3;
        inWord = wordByte;
        if (used > maxTokens)
            break;
        i += len;
        cut = i;
    }
    text.resize(std::min(cut, text.size()));
    return true;
}

std::string applyStop(std::string &text, const std::vector<std::string> &stops)
{
    size_t best = std::string::npos;
    std::string found;
    for (const auto &s : stops) {
        const size_t at = text.find(s);
        if (at != std::string::npos && (best == std::string::npos || at < best)) {
            best = at;
            found = s;
        }
    }
    if (best != std::string::npos)
        text.resize(best);
    return found;
}

namespace {

std::string openAiFinish(const ApiReply &r)
{
    if (r.finish == "content_filter")
        return "content_filter";
    return r.truncated ? "length" : "stop";
}

std::string anthropicStop(const ApiReply &r)
{
    if (r.finish == "content_filter" || r.finish == "refusal")
        return "refusal";
    if (r.truncated)
        return "max_tokens";
    return r.stopSequence.empty() ? "end_turn" : "stop_sequence";
}

ojson openAiUsage(const ApiReply &r)
{
    return {{"prompt_tokens", r.promptTokens},
            {"completion_tokens", r.completionTokens},
            {"total_tokens", r.promptTokens + r.completionTokens},
            {"prompt_tokens_details", {{"cached_tokens", 0}, {"audio_tokens", 0}}},
            {"completion_tokens_details",
             {{"reasoning_tokens", r.reasoningTokens},
              {"audio_tokens", 0},
              {"accepted_prediction_tokens", 0},
              {"rejected_prediction_tokens", 0}}}};
}

ojson anthropicUsage(const ApiReply &r, int outputTokens)
{
    return {{"input_tokens", r.promptTokens},
            {"cache_creation_input_tokens", 0},
            {"cache_read_input_tokens", 0},
            {"output_tokens", outputTokens},
            {"service_tier", "standard"}};
}

/// Anthropic signs thinking blocks so they can be sent back; clients only pass it through.
std::string signature(const ApiReply &r)
{
    static const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint64_t h = hashText(r.id + r.reasoning);
    std::string s = "Eq";
    for (int i = 0; i < 86; ++i) {
        h = h * 6364136223846793005ULL + 1442695040888963407ULL;
        s += alphabet[(h >> 58) & 63];
    }
    return s + "==";
}

} // namespace

std::string encodeReply(ApiFlavor flavor, const ApiReply &r)
{
    if (flavor == ApiFlavor::OpenAI) {
        auto message = [&](const std::string &text) {
            ojson msg = {{"role", "assistant"}};
            if (!r.refusal.empty() || r.finish == "content_filter")
                msg["content"] = nullptr;
            else
                msg["content"] = text;
            msg["refusal"] = r.refusal.empty() ? ojson() : ojson(r.refusal);
            msg["annotations"] = ojson::array();
            if (!r.reasoning.empty() && !r.hiddenReasoning)
                msg["reasoning_content"] = r.reasoning;
            return msg;
        };
        ojson choices =
            ojson::array({ojson{{"index", 0}, {"message", message(r.text)}, {"logprobs", nullptr}, {"finish_reason", openAiFinish(r)}}});
        for (size_t i = 0; i < r.extraChoices.size(); ++i)
            choices.push_back(
                {{"index", i + 1}, {"message", message(r.extraChoices[i])}, {"logprobs", nullptr}, {"finish_reason", openAiFinish(r)}});
        ojson j = {{"id", r.id},
                   {"object", "chat.completion"},
                   {"created", r.created},
                   {"model", r.model},
                   {"choices", choices},
                   {"usage", openAiUsage(r)},
                   {"service_tier", "default"},
                   {"system_fingerprint", "fp_distillscope_sim"}};
        return j.dump();
    }
    ojson content = ojson::array();
    if (!r.reasoning.empty())
        content.push_back({{"type", "thinking"}, {"thinking", r.reasoning}, {"signature", signature(r)}});
    if (r.finish.empty() || !r.text.empty())
        content.push_back({{"type", "text"}, {"text", r.text}});
    ojson j = {{"id", r.id},
               {"type", "message"},
               {"role", "assistant"},
               {"model", r.model},
               {"content", content},
               {"stop_reason", anthropicStop(r)},
               {"stop_sequence", r.stopSequence.empty() ? ojson() : ojson(r.stopSequence)},
               {"usage", anthropicUsage(r, r.completionTokens)}};
    return j.dump();
}

namespace {

// Splits text into small pieces (a few words each) the way token streams arrive.
std::vector<std::string> pieces(const std::string &text)
{
    std::vector<std::string> out;
    std::string cur;
    int spaces = 0;
    for (char c : text) {
        cur += c;
        if (c == ' ' || c == '\n')
            ++spaces;
        if (spaces >= 3 || cur.size() >= 24) {
            out.push_back(cur);
            cur.clear();
            spaces = 0;
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    // Never split inside a UTF-8 sequence: move continuation bytes to the previous piece.
    for (size_t i = 1; i < out.size(); ++i)
        while (!out[i].empty() && (static_cast<unsigned char>(out[i][0]) & 0xc0) == 0x80) {
            out[i - 1] += out[i][0];
            out[i].erase(0, 1);
        }
    std::erase_if(out, [](const std::string &s) { return s.empty(); });
    return out;
}

std::string sse(const ojson &j)
{
    return "data: " + j.dump() + "\n\n";
}
std::string sse(const char *event, const ojson &j)
{
    return std::string("event: ") + event + "\n" + sse(j);
}

} // namespace

std::vector<std::string> encodeStream(ApiFlavor flavor, const ApiReply &r, bool includeUsage)
{
    std::vector<std::string> ev;
    if (flavor == ApiFlavor::OpenAI) {
        auto chunk = [&](ojson delta, const ojson &finish) {
            ojson c = {
                {"id", r.id},
                {"object", "chat.completion.chunk"},
                {"created", r.created},
                {"model", r.model},
                {"service_tier", "default"},
                {"system_fingerprint", "fp_distillscope_sim"},
                {"choices", ojson::array({ojson{{"index", 0}, {"delta", delta}, {"logprobs", nullptr}, {"finish_reason", finish}}})}};
            if (includeUsage)
                c["usage"] = nullptr; // every chunk but the last says usage: null
            return sse(c);
        };
        ev.push_back(chunk({{"role", "assistant"}, {"content", ""}, {"refusal", nullptr}}, nullptr));
        if (!r.hiddenReasoning)
            for (const auto &p : pieces(r.reasoning))
                ev.push_back(chunk({{"reasoning_content", p}}, nullptr));
        if (!r.refusal.empty())
            for (const auto &p : pieces(r.refusal))
                ev.push_back(chunk({{"refusal", p}}, nullptr));
        else if (r.finish != "content_filter")
            for (const auto &p : pieces(r.text))
                ev.push_back(chunk({{"content", p}}, nullptr));
        ev.push_back(chunk(ojson::object(), openAiFinish(r)));
        if (includeUsage)
            ev.push_back(sse({{"id", r.id},
                              {"object", "chat.completion.chunk"},
                              {"created", r.created},
                              {"model", r.model},
                              {"service_tier", "default"},
                              {"system_fingerprint", "fp_distillscope_sim"},
                              {"choices", ojson::array()},
                              {"usage", openAiUsage(r)}}));
        ev.push_back("data: [DONE]\n\n");
        return ev;
    }
    ev.push_back(sse("message_start", {{"type", "message_start"},
                                       {"message",
                                        {{"id", r.id},
                                         {"type", "message"},
                                         {"role", "assistant"},
                                         {"model", r.model},
                                         {"content", ojson::array()},
                                         {"stop_reason", nullptr},
                                         {"stop_sequence", nullptr},
                                         {"usage", anthropicUsage(r, 1)}}}}));
    int index = 0;
    if (!r.reasoning.empty()) {
        ev.push_back(sse("content_block_start",
                         {{"type", "content_block_start"}, {"index", index}, {"content_block", {{"type", "thinking"}, {"thinking", ""}}}}));
        for (const auto &p : pieces(r.reasoning))
            ev.push_back(
                sse("content_block_delta",
                    {{"type", "content_block_delta"}, {"index", index}, {"delta", {{"type", "thinking_delta"}, {"thinking", p}}}}));
        ev.push_back(sse(
            "content_block_delta",
            {{"type", "content_block_delta"}, {"index", index}, {"delta", {{"type", "signature_delta"}, {"signature", signature(r)}}}}));
        ev.push_back(sse("content_block_stop", {{"type", "content_block_stop"}, {"index", index}}));
        ++index;
    }
    ev.push_back(sse("content_block_start",
                     {{"type", "content_block_start"}, {"index", index}, {"content_block", {{"type", "text"}, {"text", ""}}}}));
    ev.push_back(sse("ping", {{"type", "ping"}}));
    for (const auto &p : pieces(r.text))
        ev.push_back(sse("content_block_delta",
                         {{"type", "content_block_delta"}, {"index", index}, {"delta", {{"type", "text_delta"}, {"text", p}}}}));
    ev.push_back(sse("content_block_stop", {{"type", "content_block_stop"}, {"index", index}}));
    ev.push_back(
        sse("message_delta",
            {{"type", "message_delta"},
             {"delta", {{"stop_reason", anthropicStop(r)}, {"stop_sequence", r.stopSequence.empty() ? ojson() : ojson(r.stopSequence)}}},
             {"usage", {{"output_tokens", r.completionTokens}}}}));
    ev.push_back(sse("message_stop", {{"type", "message_stop"}}));
    return ev;
}

std::string encodeError(ApiFlavor flavor, const std::string &message, const std::string &type, const std::string &code)
{
    if (flavor == ApiFlavor::Anthropic)
        return ojson{{"type", "error"}, {"error", {{"type", type}, {"message", message}}}}.dump();
    ojson err = {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code.empty() ? ojson() : ojson(code)}};
    return ojson{{"error", err}}.dump();
}

std::string encodeApiError(ApiFlavor flavor, const ApiError &e)
{
    if (flavor == ApiFlavor::Anthropic)
        return encodeError(flavor, e.message, "invalid_request_error", "");
    ojson err = {{"message", e.message},
                 {"type", "invalid_request_error"},
                 {"param", e.param.empty() ? ojson() : ojson(e.param)},
                 {"code", e.code.empty() ? ojson() : ojson(e.code)}};
    return ojson{{"error", err}}.dump();
}

std::string encodeModel(const SimModelConfig &m, long long created)
{
    return ojson{{"id", m.name},          {"object", "model"}, {"created", created},
                 {"owned_by", m.creator}, {"type", "model"},   {"display_name", m.displayName()}}
        .dump();
}

std::string encodeAnthropicModel(const SimModelConfig &m, long long created)
{
    const std::time_t t = created;
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return ojson{{"type", "model"}, {"id", m.name}, {"display_name", m.displayName()}, {"created_at", stamp}}.dump();
}

std::string encodeAnthropicModelList(const SimConfig &config, long long created, const std::string &afterId, int limit)
{
    ojson data = ojson::array();
    size_t start = 0;
    if (!afterId.empty())
        for (size_t i = 0; i < config.models.size(); ++i)
            if (config.models[i].name == afterId)
                start = i + 1;
    const size_t end = std::min(config.models.size(), start + size_t(std::max(1, limit)));
    for (size_t i = start; i < end; ++i)
        data.push_back(ojson::parse(encodeAnthropicModel(config.models[i], created)));
    return ojson{{"data", data},
                 {"has_more", end < config.models.size()},
                 {"first_id", data.empty() ? ojson() : data.front()["id"]},
                 {"last_id", data.empty() ? ojson() : data.back()["id"]}}
        .dump();
}

std::string encodeModelList(const SimConfig &config, long long created)
{
    ojson data = ojson::array();
    for (const auto &m : config.models)
        data.push_back(ojson::parse(encodeModel(m, created)));
    return ojson{{"object", "list"}, {"data", data}, {"has_more", false}}.dump();
}

} // namespace ds::sim
