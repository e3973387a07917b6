#pragma once
/// @file DevSet.h
/// The paper's published ICE outputs with its judge's labels, read as a development set for the offline
/// identity judge: one labelled response per line of `gpt_GPT_<model>.jsonl`, its strict label from
/// `strict/GPT_<model>_*.csv`. The files stay where they are (../shared/data/ice); nothing is copied.
#include <string>
#include <vector>

namespace ds::ice {

/// One development model: file stem, registry vendor key, and the paper's published figures.
struct DevModel {
    std::string file;       ///< stem in gpt_GPT_<file>.jsonl
    std::string strictStem; ///< stem in strict/GPT_<strictStem>_<score>.csv
    std::string vendor;     ///< registry key of the true vendor
    std::string label;      ///< display name ("DeepSeek-V3")
    double publishedLoose = 0;
    double publishedStrict = 0;
};

/// The seven models of the paper whose outputs are in ../shared/data/ice.
const std::vector<DevModel> &devModels();

struct LabelledResponse {
    std::string model; ///< DevModel::file
    std::string templateText;
    std::string question;
    std::string response;
    bool loose = false;  ///< paper judge: conflicts with the true identity
    bool strict = false; ///< paper's second judge: claims an OpenAI / Anthropic identity
};

/// Reads one model's responses and labels from `dataDir`. False + *error naming the file and line on
/// unreadable or malformed input (a missing strict file is an error too: strict would read as 0).
bool readDevModel(const std::string &dataDir, const DevModel &model, std::vector<LabelledResponse> *out, std::string *error);

} // namespace ds::ice
