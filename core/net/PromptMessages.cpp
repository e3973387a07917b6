#include "net/PromptMessages.h"

#include <nlohmann/json.hpp>

namespace ds {

std::vector<ChatMessage> promptMessages(const PromptItem &p)
{
    std::vector<ChatMessage> single = {{"user", p.text}}; // not const: each return moves it
    if (p.turnsJson.empty())
        return single;
    const auto turns = nlohmann::json::parse(p.turnsJson, nullptr, false);
    if (!turns.is_array())
        return single;
    std::vector<ChatMessage> messages;
    bool anyAssistant = false;
    for (const auto &t : turns) {
        if (!t.is_object() || !t.contains("role") || !t.contains("content") || !t["role"].is_string() || !t["content"].is_string())
            return single;
        messages.push_back({t["role"].get<std::string>(), t["content"].get<std::string>()});
        anyAssistant = anyAssistant || messages.back().role == "assistant";
    }
    if (!anyAssistant)
        return single;
    while (!messages.empty() && messages.back().role != "user")
        messages.pop_back(); // the recorded reply to the last user turn is what the model is asked for
    return messages.empty() ? single : messages;
}

} // namespace ds
