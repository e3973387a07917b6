#pragma once
// Non-widget side of the import wizard: sniffing a file's fields, previewing a parse, creating the
// dataset, and importing published outputs (data::importOutputs, the flow `responses import` runs
// too). All blocking: call from workers.
#include "data/Importers.h"

#include <QStringList>

namespace ds {
class Store;
}

namespace ds::ui {

struct FileSniff {
    QString error;
    QString guessedFormat; ///< jsonl, json, csv
    QString kind;          ///< known prompt-set shape from the fields: arena-hard, alpacaeval, sharegpt, numina ("" = generic)
    QStringList fields;    ///< keys of the first record / CSV header
};
FileSniff sniffFile(const QString &path);

struct PromptPreview {
    QString error;
    QString detectedFormat;
    QStringList warnings;
    int total = 0;                 ///< prompts after sampling
    std::vector<PromptItem> first; ///< up to 50 for the preview table
};
PromptPreview previewPrompts(const QString &path, const data::DatasetImportOptions &opt);

struct ImportResult {
    QString error;
    int count = 0;
    int unmatched = 0;
    QString summary;
};
/// Parses and stores a dataset in one transaction.
ImportResult createDataset(Store &store, const QString &name, const QString &path, const data::DatasetImportOptions &opt);
/// Imports published answers of `model` for the prompts of `dataset` (data::importOutputs; matched by
/// id, else by text). `count` is the usable answers; null, empty and non-text outputs are stored
/// with their status and named in the summary.
ImportResult importOutputs(Store &store, const QString &path, const QString &model, const QString &dataset);

} // namespace ds::ui
