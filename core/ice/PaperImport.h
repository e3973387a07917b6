#pragma once
/// @file PaperImport.h
/// Replaying the paper's published ICE results: its attack-result JSONL as an ICE run (labels from
/// judge "imported", plus the offline rule judge as a cross-check), and its loose/strict CSV files
/// as label columns.
#include <cstdint>
#include <string>

namespace ds {
class Store;
}

namespace ds::ice {

/// Who the target really is: a registry vendor key and/or a custom fact sentence.
struct TargetIdentity {
    std::string vendor; ///< registry key ("" = unknown)
    std::string fact;   ///< the true identity sentence used by LLM judges
};

/// Resolves `--vendor KEY` or `--fact TEXT` through the registry: a vendor key/alias gives its
/// registered fact; a fact naming a vendor gives that vendor. False + *error for an unknown key.
bool resolveTarget(const std::string &vendorKey, const std::string &fact, TargetIdentity *out, std::string *error);

struct PaperImportResult {
    int64_t runId = 0;
    int items = 0, templates = 0, questions = 0;
    int looseHits = 0;
};

/// Imports the paper's JSONL (keys jailbreak_prompt, query, target_responses, eval_results) as a
/// complete ICE run named `name` (default: "<model> (paper)"). Every line is validated before
/// anything is written; the run's data is written in one transaction. Errors name file and line.
bool importPaperResults(Store &store, const std::string &path, const std::string &model, const TargetIdentity &target,
                        const std::string &name, PaperImportResult *result, std::string *error);

/// Imports the paper's loose or strict CSV (`kind` "loose"|"strict") as one label column of `judge`
/// (default "imported"): rows in the file are positives (strict uses the re_judge column when
/// present), every other item of the run gets false. A row that matches no item is an error.
bool importPaperLabels(Store &store, int64_t runId, const std::string &path, const std::string &kind, const std::string &judge,
                       int *matched, std::string *error);

} // namespace ds::ice
