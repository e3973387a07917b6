#include "data/StoreCorpus.h"

#include "store/Store.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace ds::data {

namespace {

std::string joined(const std::vector<std::string> &v)
{
    std::string s;
    for (const auto &x : v)
        s += (s.empty() ? "" : ", ") + x;
    return s;
}

} // namespace

std::string loadCorpus(Store &store, const std::string &dataset, std::vector<std::string> models, similarity::Corpus &corpus)
{
    const auto info = store.dataset(dataset);
    if (!info)
        return "unknown dataset: " + dataset;
    if (models.empty())
        models = store.modelsWithAnswers(info->id);
    if (models.empty())
        return "no model has answers in dataset " + dataset;
    // One query for all models, texts only (the full records also carry raw JSON and metadata).
    auto byModel = store.answerTexts(info->id, models);
    std::set<std::string> seen;
    for (const auto &m : models) {
        if (!byModel.count(m))
            return "model " + m + " has no answers in dataset " + dataset +
                   " (models with answers: " + joined(store.modelsWithAnswers(info->id)) + ")";
        if (!seen.insert(m).second)
            return "model listed twice: " + m;
    }
    std::vector<std::unordered_map<int64_t, std::string> *> texts;
    texts.reserve(models.size());
    for (const auto &m : models)
        texts.push_back(&byModel[m]);
    std::vector<int64_t> shared;
    for (const auto &[id, text] : *texts.front()) {
        bool all = true;
        for (std::size_t i = 1; i < texts.size() && all; ++i)
            all = texts[i]->count(id) > 0;
        if (all)
            shared.push_back(id);
    }
    // By id, numerically: the order of the prompts (and so of any resampling) is the dataset's.
    std::sort(shared.begin(), shared.end());
    corpus = {};
    corpus.models = models;
    corpus.texts.assign(models.size(), {});
    for (std::size_t i = 0; i < models.size(); ++i) {
        corpus.texts[i].reserve(shared.size());
        for (int64_t id : shared)
            corpus.texts[i].push_back(std::move((*texts[i])[id]));  // moved, not copied
        std::unordered_map<int64_t, std::string>().swap(*texts[i]); // free the leftovers now
    }
    for (int64_t id : shared)
        corpus.promptKeys.push_back(std::to_string(id));
    if (shared.empty())
        return "the models share no answered prompt in dataset " + dataset;
    return {};
}

} // namespace ds::data
