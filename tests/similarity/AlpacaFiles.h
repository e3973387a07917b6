#pragma once
// Loads AlpacaEval output files ([{instruction, output, generator}]) into a Corpus, the same way
// ../shared/checks/sklearn_tfidf_matrix.py reads them: model = file name without .json, key =
// instruction (last one wins), missing output = "", only instructions every file has.
#include "similarity/Corpus.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace ds::similarity::testing {

inline Corpus loadAlpacaFiles(const std::vector<std::string> &files, std::string *error = nullptr)
{
    std::vector<std::string> models;
    std::vector<std::map<std::string, std::string>> answers;
    for (const auto &f : files) {
        std::ifstream in(f);
        if (!in) {
            if (error)
                *error = "cannot open " + f;
            return {};
        }
        const auto doc = nlohmann::json::parse(in);
        std::map<std::string, std::string> byPrompt;
        for (const auto &r : doc) {
            const auto &out = r.contains("output") ? r["output"] : nlohmann::json();
            byPrompt[r.at("instruction").get<std::string>()] = out.is_string() ? out.get<std::string>() : std::string();
        }
        models.push_back(std::filesystem::path(f).stem().string());
        answers.push_back(std::move(byPrompt));
    }
    return alignShared(models, answers);
}

} // namespace ds::similarity::testing
