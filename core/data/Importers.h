#pragma once
// Reading prompt sets and published model outputs from files. Pure parsing: the caller stores the
// result (in one transaction), so a bad file never leaves anything half-imported.
#include "util/Types.h"

#include <string>
#include <vector>

namespace ds::data {

/// Result of parsing: either items, or an error naming the file and line ("file:12: ...").
template <class T> struct Parsed {
    std::vector<T> items;
    std::string error;
    std::string detectedFormat;
    std::vector<std::string> warnings;
    bool ok() const { return error.empty(); }
};

struct DatasetImportOptions {
    std::string format = "auto"; ///< auto|jsonl|csv|json|arena-hard|alpacaeval|sharegpt|numina
    std::string field;           ///< prompt field for generic formats ("" = guess)
    int sample = 0;              ///< 0 = all
    uint64_t seed = 0;
};

/// Parses a prompt file. Sampling: when `sample` > 0 and smaller than the file, a seeded
/// Fisher-Yates shuffle (std::mt19937_64(seed)) picks `sample` prompts, which keep their file order;
/// the same file, size and seed always give the same subset on every platform.
Parsed<PromptItem> readPrompts(const std::string &path, const DatasetImportOptions &opt);

/// One published answer as found in an outputs file, before matching to a dataset's prompts.
struct OutputRow {
    int line = 0;
    std::string promptText; ///< instruction / prompt text (AlpacaEval, generic)
    std::string extId;      ///< question_id (Arena-Hard)
    std::string output;
    std::string generator;
};

/// Parses AlpacaEval model_outputs.json, Arena-Hard model_answer JSONL, or generic JSON/JSONL with
/// prompt/instruction + output/response fields.
Parsed<OutputRow> readOutputs(const std::string &path);

/// Splits CSV text (RFC 4180: quotes, doubled quotes, newlines inside quotes). Each row carries the
/// 1-based line where it starts.
struct CsvRow {
    int line = 0;
    std::vector<std::string> cells;
};
std::vector<CsvRow> parseCsv(const std::string &text, std::string *error);

/// Normalises text for matching outputs to prompts (trim, collapse whitespace).
std::string matchKey(const std::string &text);

} // namespace ds::data

namespace ds::data {

/// Published answers matched to a dataset's prompts (by question_id, else by normalised text).
struct MatchedOutputs {
    std::vector<ResponseRecord> records; ///< ready for Store::importResponses (source "import")
    int unmatched = 0;                   ///< answers whose prompt is not in the dataset
    int firstUnmatchedLine = 0;          ///< line (JSONL) or item (JSON list) of the first of them
    int duplicates = 0;                  ///< second answers to a prompt (the first one counts)
};

/// Builds import records for `model` from parsed outputs. `fileName` is kept in each record's raw
/// JSON with the line, so every imported answer can be traced to its source.
MatchedOutputs matchOutputs(const std::vector<PromptItem> &prompts, const std::vector<OutputRow> &rows, const std::string &model,
                            const std::string &fileName);

} // namespace ds::data
