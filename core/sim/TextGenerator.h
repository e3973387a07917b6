#pragma once
// Pure text generation for simulated models: what a prompt is about, a model's own answer in its
// style, and a student's light paraphrase of its teacher's answer. No I/O, no shared state; every
// function is deterministic in its arguments.
#include "sim/SimPhrasebook.h"
#include "sim/SimProfile.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ds::sim {

/// What a question is about, as far as the generator needs to know.
struct Topic {
    std::string phrase;                ///< main subject, e.g. "binary search" ("这个问题" style for Chinese)
    std::vector<std::string> keywords; ///< other content words of the question, most frequent first
    Intent intent = Intent::Generic;
    bool chinese = false; ///< answer in Chinese
};

/// Extracts the topic of `question` (the user's text). Chinese when the question has CJK characters.
Topic extractTopic(std::string_view question);
Intent detectIntent(std::string_view question);

/// The model's own answer to a question on `topic`. `answerSeed` picks among the model's habits,
/// so different prompts on the same topic still get different answers.
std::string composeAnswer(const ModelProfile &profile, const Topic &topic, uint64_t answerSeed);

/// A student's light paraphrase of `teacherText`: a share `swapRate` of the concept words take the
/// student's preferred variant; with probability `editRate` each, one sentence of a paragraph goes,
/// two neighbouring items trade places, and one sentence of the student's own about `topic` is added.
/// Structure and most wording are kept: that is what copying looks like to a judge.
std::string paraphraseAnswer(std::string_view teacherText, const ModelProfile &student, const Topic &topic, uint64_t seed,
                             double swapRate = 0.5, double editRate = 0.45);

/// A short chain-of-thought text for models configured with `reasoning: true`.
std::string reasoningTrace(const ModelProfile &profile, const Topic &topic);

} // namespace ds::sim
