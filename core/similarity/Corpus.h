#pragma once
// The input of every similarity computation: several models' answers to the same prompts.
#include <map>
#include <string>
#include <vector>

namespace ds::similarity {

/// Answers of several models, aligned by prompt: texts[m][p] is model m's answer to prompt p.
/// Every model has exactly one (possibly empty) answer per prompt - build it from the prompts all
/// models share (see alignShared). Plain value type; safe to share read-only between threads.
struct Corpus {
    std::vector<std::string> models;             ///< model names, unique
    std::vector<std::vector<std::string>> texts; ///< [model][prompt]
    std::vector<std::string> promptKeys;         ///< optional identity of each prompt (for reports)

    std::size_t modelCount() const { return models.size(); }
    std::size_t promptCount() const { return texts.empty() ? 0 : texts.front().size(); }
    /// Index of `model` in `models`, or -1.
    int indexOf(const std::string &model) const;
    /// Empty when well formed, otherwise what is wrong (duplicate names, ragged texts, ...).
    std::string validate() const;
    /// The same corpus restricted to `subset` (in that order). Unknown names are skipped.
    Corpus select(const std::vector<std::string> &subset) const;
};

/// Builds a Corpus from per-model answers keyed by prompt, keeping only the prompts every model
/// answered (sorted by key, so the result does not depend on map or file order).
Corpus alignShared(const std::vector<std::string> &models, const std::vector<std::map<std::string, std::string>> &answersByPrompt);

} // namespace ds::similarity
