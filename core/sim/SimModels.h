#pragma once
// The simulated models as pure functions: answer(model, conversation) -> text. Handles the tasks
// DistillScope frames with ds::task (RSE judge, ICE judges, template mutation), identity questions
// (with student leaks) and ordinary prompts (own style, or a paraphrase of the teacher's answer).
// Thread-safe after construction: all state is immutable.
#include "sim/SimConfig.h"
#include "sim/SimIdentity.h"
#include "sim/SimProfile.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ds::sim {

struct ChatMessage {
    std::string role; ///< "system", "user" or "assistant"
    std::string content;
};

/// What a simulated model produced, and why (the ground truth tests and /sim/stats report).
struct SimAnswer {
    enum class Kind { Own, Copy, Identity, IdentityLeak, RseJudge, IceJudge, Mutation, Refusal };
    std::string text;
    std::string reasoning; ///< empty unless the model has `reasoning: true`
    Kind kind = Kind::Own;
};
const char *kindName(SimAnswer::Kind kind);

class SimWorld {
public:
    explicit SimWorld(SimConfig config);

    const SimConfig &config() const { return m_config; }
    /// The model called `name`, or nullptr.
    const SimModelConfig *model(std::string_view name) const { return m_config.find(name); }
    /// The writing habits of `name`; nullptr for unknown models.
    const ModelProfile *profile(std::string_view name) const;
    /// Vendors the simulated ICE judges know (built-ins plus the configured models).
    const std::vector<VendorInfo> &vendors() const { return m_vendors; }

    /// The answer of `model` to the conversation. Deterministic in (seed, model, messages).
    /// Unknown models get an empty Own answer (the server rejects them before asking).
    SimAnswer answer(std::string_view model, const std::vector<ChatMessage> &messages) const;
    /// Convenience: a single user message.
    SimAnswer answer(std::string_view model, std::string_view userPrompt) const;

    /// The identity leak rate of `model` for a prompt, after the role-play boost.
    double leakRate(const SimModelConfig &model, std::string_view prompt) const;

private:
    SimAnswer answerTask(const SimModelConfig &m, const std::string &task, const std::string &taskText, const std::string &key) const;
    SimAnswer answerIdentity(const SimModelConfig &m, const std::string &question, const std::string &key) const;
    SimAnswer answerPrompt(const SimModelConfig &m, const std::vector<ChatMessage> &messages, const std::string &question,
                           const std::string &key, int depth) const;
    Persona personaOf(const SimModelConfig &m) const;

    SimConfig m_config;
    std::map<std::string, ModelProfile, std::less<>> m_profiles;
    std::vector<VendorInfo> m_vendors;
};

} // namespace ds::sim
