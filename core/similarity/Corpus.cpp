#include "Corpus.h"

#include <set>

namespace ds::similarity {

int Corpus::indexOf(const std::string &model) const
{
    for (std::size_t i = 0; i < models.size(); ++i)
        if (models[i] == model)
            return static_cast<int>(i);
    return -1;
}

std::string Corpus::validate() const
{
    if (texts.size() != models.size())
        return "texts and models differ in size";
    std::set<std::string> seen;
    for (std::size_t m = 0; m < models.size(); ++m) {
        if (!seen.insert(models[m]).second)
            return "duplicate model name: " + models[m];
        if (texts[m].size() != promptCount())
            return "model " + models[m] + " has a different number of answers";
    }
    if (!promptKeys.empty() && promptKeys.size() != promptCount())
        return "promptKeys do not match the number of prompts";
    return {};
}

Corpus Corpus::select(const std::vector<std::string> &subset) const
{
    Corpus out;
    out.promptKeys = promptKeys;
    for (const auto &name : subset) {
        const int i = indexOf(name);
        if (i < 0)
            continue;
        out.models.push_back(name);
        out.texts.push_back(texts[i]);
    }
    return out;
}

Corpus alignShared(const std::vector<std::string> &models, const std::vector<std::map<std::string, std::string>> &answersByPrompt)
{
    Corpus c;
    c.models = models;
    c.texts.resize(models.size());
    if (answersByPrompt.empty())
        return c;
    for (const auto &[key, text] : answersByPrompt.front()) {
        bool all = true;
        for (std::size_t m = 1; m < answersByPrompt.size() && all; ++m)
            all = answersByPrompt[m].count(key) > 0;
        if (!all)
            continue;
        c.promptKeys.push_back(key);
        for (std::size_t m = 0; m < answersByPrompt.size(); ++m)
            c.texts[m].push_back(answersByPrompt[m].at(key));
    }
    return c;
}

} // namespace ds::similarity
