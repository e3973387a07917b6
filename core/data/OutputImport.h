#pragma once
// Importing published outputs into the store: read each file (readOutputs), match its answers to a
// dataset's prompts (matchOutputs: by question_id, else by normalised text) and store every file's
// records in one transaction. The one import flow behind `responses import` and the import dialog.
//
// Blocking (reads files, writes the store): call from a worker. Never throws on bad input: a bad
// file, a refused duplicate or a failed write is `error`, and then nothing is imported.
#include "data/Importers.h"

#include <string>
#include <vector>

namespace ds {
class Store;
}

namespace ds::data {

struct OutputFile {
    std::string path;
    std::string model; ///< whose answers the file holds
};

struct OutputImportOptions {
    DuplicatePolicy duplicates = DuplicatePolicy::KeepFirst;
    std::string encoding; ///< as for readOutputs
};

/// What one file contributed.
struct OutputFileSummary {
    std::string path, model;
    int rows = 0;           ///< answers read from the file
    int answers = 0;        ///< usable answers matched to a prompt (status ok)
    MatchedOutputs matched; ///< counts and first lines of unmatched, duplicate and unusable outputs (records moved out)
};

struct OutputImportResult {
    std::string error; ///< why nothing was imported ("" = imported)
    DatasetInfo dataset;
    std::vector<OutputFileSummary> files;
    std::vector<std::string> warnings; ///< the parser's notes (an encoding converted, ...)
    int64_t answers = 0;               ///< usable answers stored
    int64_t unusable = 0;              ///< outputs stored with status empty / invalid (never judged)
    bool ok() const { return error.empty(); }
};

/// Imports `files` into dataset `dataset`, all or nothing.
OutputImportResult importOutputs(Store &store, const std::string &dataset, const std::vector<OutputFile> &files,
                                 const OutputImportOptions &options = {});

} // namespace ds::data
