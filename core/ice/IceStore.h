#pragma once
/// @file IceStore.h
/// All SQL of the ICE tables (ice_templates, ice_questions, ice_items, ice_labels), on the store's
/// connections. Thread-safe like Store: writes go through the store's writer thread (put* are
/// group-committed asynchronously; import* run in one transaction and wait), reads use the caller's
/// reader. The first call creates or migrates the ICE tables (ModuleSchema); when that fails, reads
/// throw sql::Error, import* return false and put* fail as writes do (the store's health says why).
#include "ice/IceTypes.h"

#include <atomic>
#include <string>
#include <tuple>
#include <vector>

namespace ds {
class Store;

class IceStore {
public:
    explicit IceStore(Store &store) : m_store(store) {}

    /// Inserts or replaces templates by (run, idx). Waits for the commit.
    bool putTemplates(int64_t runId, const std::vector<ice::IceTemplateRow> &ts, std::string *error);
    /// Queues one template upsert (group commit).
    void putTemplate(int64_t runId, const ice::IceTemplateRow &t);
    std::vector<ice::IceTemplateRow> templates(int64_t runId);

    bool putQuestions(int64_t runId, const std::vector<ice::IceQuestionRow> &qs, std::string *error);
    std::vector<ice::IceQuestionRow> questions(int64_t runId);

    /// Queues an item upsert by (run, template, question); an ok item is never replaced by an error.
    void putItem(int64_t runId, const ice::IceItem &item);
    /// Queues a label upsert for the item (run, templateIdx, questionIdx) and label.judge.
    void putLabel(int64_t runId, int templateIdx, int questionIdx, const ice::IceLabel &label);

    /// Writes templates, questions, items and their labels in ONE transaction (all or nothing).
    bool importRun(int64_t runId, const std::vector<ice::IceTemplateRow> &ts, const std::vector<ice::IceQuestionRow> &qs,
                   const std::vector<ice::IceItem> &items, std::string *error);
    /// Sets one label column ("loose" or "strict") of `judge` for many items in one transaction.
    /// Each tuple: template idx, question idx, value.
    bool importLabelColumn(int64_t runId, const std::string &judge, const std::string &column,
                           const std::vector<std::tuple<int, int, bool>> &values, std::string *error);

    /// Items of the run joined with template/question data and every judge's labels, ordered by
    /// template then question.
    std::vector<ice::IceItem> items(int64_t runId);
    /// Judges with at least one label in the run.
    std::vector<std::string> judges(int64_t runId);

private:
    /// "" once the ICE tables are at the newest version (checked once per IceStore), else why not.
    std::string tables();
    /// Writes every row in one transaction (`write(db, runId, row)`); false + *error when refused.
    template <class Row, class Write> bool writeAll(int64_t runId, const std::vector<Row> &rows, Write write, std::string *error);

    Store &m_store;
    std::atomic<bool> m_tablesReady{false};
};

} // namespace ds
