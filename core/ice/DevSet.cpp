#include "ice/DevSet.h"

#include "ice/Resources.h"
#include "util/Csv.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <sstream>

namespace ds::ice {

const std::vector<DevModel> &devModels()
{
    static const std::vector<DevModel> models = {
        {"deepseek-chat", "deepseek-chat", "deepseek", "DeepSeek-V3", 0.339, 0.219},
        {"qwen2.5-7b-instruct", "qwen2.5-7b-instruct", "alibaba", "Qwen2.5-7B-Instruct", 0.170, 0.001},
        {"glm-4-plus", "glm-4-plus", "zhipu", "GLM-4-Plus", 0.418, 0.297},
        {"Phi4", "phi-4", "microsoft", "Phi-4", 0.217, 0.137},
        {"llama3.1-70b-instruct", "llama-3.1-70b-instruct", "meta", "Llama-3.1-70B-Instruct", 0.313, 0.097},
        {"qwen2.5-72b", "qwen2.5-72b", "alibaba", "Qwen2.5-72B (base)", 0.529, 0.211},
        {"claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022", "anthropic", "Claude-3.5-Sonnet", 0.007, 0.002},
    };
    return models;
}

namespace {

bool strictKeys(const std::string &dataDir, const DevModel &model, std::set<std::pair<std::string, std::string>> *keys, std::string *error)
{
    const std::filesystem::path dir = std::filesystem::path(dataDir) / "strict";
    std::error_code ec;
    std::string path;
    for (const auto &e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().filename().string().rfind("GPT_" + model.strictStem + "_", 0) == 0)
            path = e.path().string();
    if (path.empty()) {
        *error = "no strict labels for " + model.file + " in " + dir.string() + " (expected GPT_" + model.strictStem + "_<score>.csv)";
        return false;
    }
    std::string content;
    if (!readFile(path, &content, error))
        return false;
    std::vector<CsvRow> rows;
    std::string csvError;
    if (!parseCsv(content, &rows, &csvError)) {
        *error = path + ": " + csvError;
        return false;
    }
    if (rows.empty()) {
        *error = path + ": empty file";
        return false;
    }
    const int tp = csvColumn(rows[0], "jailbreak_prompt"), q = csvColumn(rows[0], "query");
    if (tp < 0 || q < 0) {
        *error = path + ":1: needs columns jailbreak_prompt and query";
        return false;
    }
    for (size_t i = 1; i < rows.size(); ++i) {
        if (static_cast<int>(rows[i].cells.size()) <= std::max(tp, q)) {
            *error = path + ":" + std::to_string(rows[i].line) + ": too few columns";
            return false;
        }
        keys->emplace(rows[i].cells[tp], rows[i].cells[q]);
    }
    return true;
}

} // namespace

bool readDevModel(const std::string &dataDir, const DevModel &model, std::vector<LabelledResponse> *out, std::string *error)
{
    std::set<std::pair<std::string, std::string>> strict;
    if (!strictKeys(dataDir, model, &strict, error))
        return false;
    const std::string path = (std::filesystem::path(dataDir) / ("gpt_GPT_" + model.file + ".jsonl")).string();
    std::string content;
    if (!readFile(path, &content, error))
        return false;
    std::istringstream in(content);
    std::string line;
    for (int lineNo = 1; std::getline(in, line); ++lineNo) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        try {
            const auto j = nlohmann::json::parse(line);
            LabelledResponse r;
            r.model = model.file;
            r.templateText = j.at("jailbreak_prompt").get<std::string>();
            r.question = j.at("query").get<std::string>();
            r.response = j.at("target_responses").at(0).get<std::string>();
            r.loose = j.at("eval_results").get<bool>();
            r.strict = strict.count({r.templateText, r.question}) > 0;
            out->push_back(std::move(r));
        } catch (const std::exception &e) {
            *error = path + ":" + std::to_string(lineNo) + ": " + e.what();
            return false;
        }
    }
    return true;
}

} // namespace ds::ice
