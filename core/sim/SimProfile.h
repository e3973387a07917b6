#pragma once
// A simulated model's writing habits, derived once from its config: style, preferred variant of
// every concept, the subset of sentence templates it uses, its signature openers and closers.
// Derived deterministically from (seed, model name), so a restart yields the same model.
#include "sim/SimConfig.h"
#include "sim/SimPhrasebook.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ds::sim {

enum class Style { Structured, Casual, Terse, Academic, Verbose };

/// Maps a style name to a Style; unknown or empty names hash (with the model name) onto one.
Style styleFromName(std::string_view style, std::string_view modelName);
const char *styleName(Style style);

/// The habits of one model in one language.
struct LanguageHabits {
    std::vector<int> primary;             ///< preferred variant per concept (index into Concept::variants)
    std::vector<int> secondary;           ///< occasional alternative per concept
    std::vector<int> points;              ///< template indices this model uses (ordered by preference)
    std::vector<std::vector<int>> intros; ///< per Intent: 2 preferred intro indices
    std::vector<int> closers;             ///< 2 preferred closer indices
    int title = 0, sectionLabel = 0, summaryLabel = 0;
    std::vector<int> casualOpeners, casualClosers, connectors, citations;
    int interjection = 0, conclusion = 0, verboseLeadIn = 0, verboseRestate = 0, verboseEnding = 0, terseEnding = 0;
    std::vector<int> fallbackKeywords;
    std::vector<int> topicRefs; ///< 2 preferred ways to refer back to the topic
};

struct ModelProfile {
    std::string name;
    Style style = Style::Structured;
    uint64_t seed = 0; ///< config seed (answers hash it with the model name and prompt)
    LanguageHabits en, zh;
    std::string labelSeparator = ": "; ///< structured: "1. **Label**: text" or " - "
    std::string bullet = "-";          ///< verbose bullet character
    double subBulletRate = 0.0;        ///< structured: chance of a nested bullet under an item
    double exclaimRate = 0.3;          ///< casual: share of sentences ending in "!"
    int topicMentions = 2;             ///< full mentions of the topic before referring back to it

    const LanguageHabits &habits(bool chinese) const { return chinese ? zh : en; }
};

/// Derives the profile of `model`. When `teacher` is given, a share `inherit` of the word choices
/// is taken from it (distillation leaks vocabulary even into answers that are not copied).
ModelProfile makeProfile(const SimModelConfig &model, uint64_t seed, const ModelProfile *teacher = nullptr, double inherit = 0.0);

} // namespace ds::sim
