#include "sim/SimModels.h"

#include "sim/SimHelper.h"
#include "sim/SimJudge.h"
#include "sim/SimRandom.h"
#include "sim/SimText.h"
#include "sim/TextGenerator.h"
#include "util/TaskBlocks.h"

#include <algorithm>
#include <functional>

namespace ds::sim {

const char *kindName(SimAnswer::Kind kind)
{
    switch (kind) {
    case SimAnswer::Kind::Own:
        return "own";
    case SimAnswer::Kind::Copy:
        return "copy";
    case SimAnswer::Kind::Identity:
        return "identity";
    case SimAnswer::Kind::IdentityLeak:
        return "identity-leak";
    case SimAnswer::Kind::RseJudge:
        return "rse-judge";
    case SimAnswer::Kind::IceJudge:
        return "ice-judge";
    case SimAnswer::Kind::Mutation:
        return "mutation";
    case SimAnswer::Kind::Refusal:
        return "refusal";
    }
    return "own";
}

SimWorld::SimWorld(SimConfig config) : m_config(std::move(config)), m_vendors(worldVendors(m_config))
{
    // Teachers first, so a student can inherit part of its teacher's vocabulary.
    std::function<const ModelProfile &(const SimModelConfig &)> build = [&](const SimModelConfig &m) -> const ModelProfile & {
        if (auto it = m_profiles.find(m.name); it != m_profiles.end())
            return it->second;
        const ModelProfile *teacher = nullptr;
        if (const auto *t = m_config.find(m.studentOf); t && !m.studentOf.empty())
            teacher = &build(*t);
        return m_profiles.emplace(m.name, makeProfile(m, m_config.seed, teacher, m.copyRate * 0.5)).first->second;
    };
    for (const auto &m : m_config.models)
        build(m);
}

const ModelProfile *SimWorld::profile(std::string_view name) const
{
    auto it = m_profiles.find(name);
    return it == m_profiles.end() ? nullptr : &it->second;
}

Persona SimWorld::personaOf(const SimModelConfig &m) const
{
    return {m.displayName(), m.creator, vendorKeyOf(m)};
}

double SimWorld::leakRate(const SimModelConfig &m, std::string_view prompt) const
{
    double rate = m.identityLeakRate.value_or(m.studentOf.empty() ? 0.0 : m.copyRate * 0.4);
    if (looksLikeRolePlay(prompt))
        rate = std::min(0.95, rate * 2.0);
    return rate;
}

SimAnswer SimWorld::answer(std::string_view model, std::string_view userPrompt) const
{
    return answer(model, std::vector<ChatMessage>{{"user", std::string(userPrompt)}});
}

SimAnswer SimWorld::answer(std::string_view model, const std::vector<ChatMessage> &messages) const
{
    const SimModelConfig *m = m_config.find(model);
    if (!m)
        return {};
    // The whole conversation is the determinism key; the task line may sit in system or user text.
    std::string key, taskText, question;
    for (const auto &msg : messages) {
        key += msg.role + ":" + msg.content + "\n";
        if (msg.role != "assistant")
            taskText += msg.content + "\n";
        if (msg.role == "user")
            question = msg.content;
    }
    if (question.empty())
        question = taskText;
    const std::string task = ds::task::taskOf(taskText);
    if (!task.empty()) {
        SimAnswer a = answerTask(*m, task, taskText, key);
        if (a.kind != SimAnswer::Kind::Own)
            return a;
    }
    if (isIdentityQuestion(question))
        return answerIdentity(*m, question, key);
    return answerPrompt(*m, messages, question, key, 0);
}

SimAnswer SimWorld::answerTask(const SimModelConfig &m, const std::string &task, const std::string &text, const std::string &key) const
{
    const uint64_t seed = hashParts(m_config.seed, {m.name, "task", key});
    // Models that are not judges write their JSON less tidily; non-helpers sometimes refuse to mutate.
    JudgeStyle judge{m.judgeSloppyRate.value_or(m_config.judgeSloppyRate)};
    if (m.role != "judge" && !m.judgeSloppyRate)
        judge.sloppyRate = std::min(0.3, judge.sloppyRate * 3);
    if (task == "rse-judge")
        return {judgeRse(text, judge, seed), {}, SimAnswer::Kind::RseJudge};
    if (task == "ice-judge-loose")
        return {judgeIceLoose(text, m_vendors, judge, seed), {}, SimAnswer::Kind::IceJudge};
    if (task == "ice-judge-strict")
        return {judgeIceStrict(text, m_vendors, judge, seed), {}, SimAnswer::Kind::IceJudge};
    const std::string prefix = "ice-mutate-";
    if (task.rfind(prefix, 0) == 0) {
        HelperStyle hs{m.helperDropSlotRate.value_or(m_config.helperDropSlotRate), m.helperChatterRate.value_or(m_config.helperChatterRate),
                       m.role == "helper" ? 0.0 : 0.25};
        std::string out = mutateTemplate(task.substr(prefix.size()), text, hs, seed);
        const bool refused = out.rfind("I'm sorry", 0) == 0;
        return {out, {}, refused ? SimAnswer::Kind::Refusal : SimAnswer::Kind::Mutation};
    }
    return {}; // unknown task: answer as an ordinary prompt
}

SimAnswer SimWorld::answerIdentity(const SimModelConfig &m, const std::string &question, const std::string &key) const
{
    Rng rng(hashParts(m_config.seed, {m.name, "identity", key}));
    const bool chinese = cjkShare(question) > 0.15;
    const double leak = leakRate(m, question);
    if (leak > 0 && unitFraction(m_config.seed, {m.name, "leak?", key}) < leak) {
        // A student answers as its teacher would (teacher's name, maker and style); a model with a
        // leak rate but no teacher takes the identity most often confused for: ChatGPT by OpenAI.
        const SimModelConfig *t = m.studentOf.empty() ? nullptr : m_config.find(m.studentOf);
        Persona p = t ? personaOf(*t) : Persona{"ChatGPT", "OpenAI", "openai"};
        const Style style = profile(t ? t->name : m.name)->style;
        return {identityAnswer(style, p, question, chinese, rng), {}, SimAnswer::Kind::IdentityLeak};
    }
    return {identityAnswer(profile(m.name)->style, personaOf(m), question, chinese, rng), {}, SimAnswer::Kind::Identity};
}

SimAnswer SimWorld::answerPrompt(const SimModelConfig &m, const std::vector<ChatMessage> &messages, const std::string &question,
                                 const std::string &key, int depth) const
{
    const ModelProfile &prof = *profile(m.name);
    const Topic topic = extractTopic(question);
    SimAnswer a;
    const SimModelConfig *teacher = m.studentOf.empty() ? nullptr : m_config.find(m.studentOf);
    if (teacher && depth < 16 && unitFraction(m_config.seed, {m.name, "copy?", key}) < m.copyRate) {
        const SimAnswer t = answerPrompt(*teacher, messages, question, key, depth + 1);
        a.text = paraphraseAnswer(t.text, prof, topic, hashParts(m_config.seed, {m.name, "paraphrase", key}));
        a.kind = SimAnswer::Kind::Copy;
    } else {
        a.text = composeAnswer(prof, topic, hashParts(m_config.seed, {m.name, "answer", key}));
    }
    if (m.reasoning)
        a.reasoning = reasoningTrace(prof, topic);
    return a;
}

} // namespace ds::sim
