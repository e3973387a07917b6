#pragma once
// Non-widget side of the import wizard: sniffing a file's fields, previewing a parse, creating the
// dataset, and matching published outputs to a dataset's prompts. All blocking: call from workers.
// TODO(core): matchOutputs duplicates `responses import` in app/cli/cmd_dataset.cpp; it belongs in
// core/data so both front ends share it.
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
/// Imports published answers of `model` for the prompts of `dataset` (matched by id, else by text).
ImportResult importOutputs(Store &store, const QString &path, const QString &model, const QString &dataset);

} // namespace ds::ui
