#include "data/OutputImport.h"

#include "store/Store.h"

#include <filesystem>

namespace ds::data {

namespace {

/// Reads and matches one file into `records`; "" or why the import stops.
std::string matchFile(const OutputFile &file, const std::vector<PromptItem> &prompts, const OutputImportOptions &options,
                      OutputImportResult &result, std::vector<ResponseRecord> &records)
{
    const auto parsed = readOutputs(file.path, options.encoding);
    if (!parsed.ok())
        return parsed.error + " (nothing imported)";
    result.warnings.insert(result.warnings.end(), parsed.warnings.begin(), parsed.warnings.end());
    const std::string fileName = std::filesystem::path(file.path).filename().string();
    OutputFileSummary s{file.path, file.model, int(parsed.items.size()), 0,
                        matchOutputs(prompts, parsed.items, file.model, fileName, options.duplicates)};
    MatchedOutputs &m = s.matched;
    if (m.duplicates && options.duplicates == DuplicatePolicy::Refuse)
        return file.path + ":" + std::to_string(m.firstDuplicateLine) + ": a second answer to a prompt already answered in this file (" +
               std::to_string(m.duplicates) + " duplicates, " + std::to_string(m.conflictingDuplicates) +
               " with a different text; nothing imported)";
    if (m.records.empty())
        return file.path + ": none of the " + std::to_string(parsed.items.size()) + " answers matches a prompt of dataset '" +
               result.dataset.name + "' (nothing imported)";
    s.answers = int(m.records.size()) - m.unusable;
    result.answers += s.answers;
    result.unusable += m.unusable;
    std::move(m.records.begin(), m.records.end(), std::back_inserter(records));
    m.records.clear();
    result.files.push_back(std::move(s));
    return {};
}

} // namespace

OutputImportResult importOutputs(Store &store, const std::string &dataset, const std::vector<OutputFile> &files,
                                 const OutputImportOptions &options)
{
    OutputImportResult result;
    const auto d = store.dataset(dataset);
    if (!d) {
        result.error = "no dataset named '" + dataset + "'";
        return result;
    }
    result.dataset = *d;
    const auto prompts = store.prompts(d->id);
    std::vector<ResponseRecord> records;
    for (const auto &file : files)
        if (result.error = matchFile(file, prompts, options, result, records); !result.error.empty())
            break;
    std::string error;
    if (result.ok() && !store.importResponses(records, &error))
        result.error = error + " (nothing imported)";
    if (!result.ok()) {
        result.files.clear();
        result.answers = result.unusable = 0;
    }
    return result;
}

} // namespace ds::data
