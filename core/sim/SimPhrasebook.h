#pragma once
// The simulator's phrasebook: word choices ("concepts" with interchangeable variants) and sentence
// templates, in English and Chinese. Every model draws its own subset and its own preferred variant
// of each concept, which is what makes two models of the same style still sound different, and what
// a student's light paraphrase of its teacher swaps.
//
// Template placeholders: {T} topic phrase, {Tt} topic in title case, {K} / {K2} a topic keyword,
// {c:key} the model's variant of concept `key`.
#include <string>
#include <vector>

namespace ds::sim {

/// A word choice with interchangeable variants (same grammatical role, unique across concepts).
struct Concept {
    std::string key;
    std::vector<std::string> variants;
};

/// A sentence about the topic, with a short label used by list styles ("**Label**: sentence").
struct PointTemplate {
    std::string label;
    std::string text;
};

/// What the prompt asks for; selects the introduction.
enum class Intent { Explain, Guide, Mistakes, Compare, Tips, History, Code, Math, Generic, Count };

/// Everything one language offers the generator.
struct Phrasebook {
    std::vector<Concept> concepts;
    std::vector<PointTemplate> points;
    std::vector<std::vector<std::string>> intros; ///< indexed by Intent
    std::vector<std::string> closers;             ///< summary sentences
    std::vector<std::string> titles;              ///< structured: heading patterns
    std::vector<std::string> sectionLabels;       ///< structured: "### Key Points"
    std::vector<std::string> summaryLabels;       ///< structured: "### Summary"
    std::vector<std::string> casualOpeners;
    std::vector<std::string> casualClosers;
    std::vector<std::string> interjections;   ///< casual: "Honestly, "
    std::vector<std::string> connectors;      ///< academic: "Furthermore, "
    std::vector<std::string> citations;       ///< academic: "(cf. the literature on {K})"
    std::vector<std::string> conclusions;     ///< academic: "In conclusion, "
    std::vector<std::string> verboseLeadIns;  ///< verbose: "Let me walk you through ..."
    std::vector<std::string> verboseRestates; ///< verbose: "To put it another way, "
    std::vector<std::string> verboseEndings;
    std::vector<std::string> fallbackKeywords; ///< used when the prompt offers too few keywords
    std::vector<std::string> terseEndings;
    std::vector<std::string> topicRefs; ///< "it", "this topic": later mentions of {T}
};

const Phrasebook &englishPhrasebook();
const Phrasebook &chinesePhrasebook();
inline const Phrasebook &phrasebook(bool chinese)
{
    return chinese ? chinesePhrasebook() : englishPhrasebook();
}

} // namespace ds::sim
