#pragma once
// Reading prompt sets and published model outputs from files. Pure parsing: the caller stores the
// result (in one transaction), so a bad file never leaves anything half-imported. Only regular
// files are read (a FIFO or device is refused, never waited on), and only valid UTF-8 is returned:
// a file in another encoding is refused naming file, line and byte, unless the caller names its
// encoding, in which case it is converted and a warning says so.
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
    std::string encoding; ///< "" = UTF-8 (refused when invalid); "latin1" or "windows-1252" converts
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
    /// "ok"; "empty" (null, "" or only whitespace); "invalid" (a number, list, object or boolean).
    /// Unusable outputs are stored with that status, never as answers, and never judged.
    AnswerStatus status = AnswerStatus::Ok;
    std::string problem; ///< why the output is unusable ("" when ok)
};

/// Parses AlpacaEval model_outputs.json, Arena-Hard model_answer JSONL, or generic JSON/JSONL with
/// prompt/instruction + output/response fields. `encoding` as in DatasetImportOptions.
Parsed<OutputRow> readOutputs(const std::string &path, const std::string &encoding = {});

/// Normalises text for matching outputs to prompts (trim, collapse whitespace).
std::string matchKey(const std::string &text);

} // namespace ds::data

namespace ds::data {

/// What to do with a second answer to the same prompt in one file.
enum class DuplicatePolicy {
    KeepFirst, ///< the first answer counts; later ones are counted and reported
    KeepLast,  ///< the last answer counts
    Refuse,    ///< the import fails, naming the line of the first duplicate
};

/// Published answers matched to a dataset's prompts (by question_id, else by normalised text).
struct MatchedOutputs {
    std::vector<ResponseRecord> records; ///< ready for Store::importResponses (source "import")
    int unmatched = 0;                   ///< answers whose prompt is not in the dataset
    int firstUnmatchedLine = 0;          ///< line (JSONL) or item (JSON list) of the first of them
    int duplicates = 0;                  ///< further answers to a prompt already answered in the file
    int conflictingDuplicates = 0;       ///< of those, answers whose text differs from the kept one
    int firstDuplicateLine = 0;
    int unusable = 0; ///< records stored as Empty or Invalid (not answers)
    int firstUnusableLine = 0;
};

/// Builds import records for `model` from parsed outputs. `fileName` is kept in each record's raw
/// JSON with the line, so every imported answer can be traced to its source.
MatchedOutputs matchOutputs(const std::vector<PromptItem> &prompts, const std::vector<OutputRow> &rows, const std::string &model,
                            const std::string &fileName, DuplicatePolicy duplicates = DuplicatePolicy::KeepFirst);

} // namespace ds::data
