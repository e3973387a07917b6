#pragma once
// Table models over the store's value types: models, datasets, prompts, runs.
#include "jobs/Job.h"
#include "models/ValueTableModel.h"
#include "util/Types.h"

#include <map>
#include <set>

namespace ds::ui {

class ModelsModel : public ValueTableModel<ModelConfig> {
public:
    enum Column { Name, Provider, Endpoint, ModelId, Key, Concurrency, Price, ColumnCount };
    using ValueTableModel::ValueTableModel;
    /// Models whose key is held in memory for this session only (no keychain took it).
    void setSessionOnly(std::set<std::string> names) { m_sessionOnly = std::move(names); }
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::set<std::string> m_sessionOnly;
};

class DatasetsModel : public ValueTableModel<DatasetInfo> {
public:
    enum Column { Name, Prompts, Format, Source, Created, ColumnCount };
    using ValueTableModel::ValueTableModel;
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
};

class PromptsModel : public ValueTableModel<PromptItem> {
public:
    enum Column { Index, ExtId, Category, Text, ColumnCount };
    using ValueTableModel::ValueTableModel;
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
};

class RunsModel : public ValueTableModel<RunInfo> {
public:
    enum Column { Id, Name, Kind, Status, Progress, Driver, Updated, Message, ColumnCount };
    using ValueTableModel::ValueTableModel;
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    /// Live progress of running runs (updates only the Progress cell of that row).
    void setProgress(int64_t runId, const JobProgress &p);
    int rowOfRun(int64_t runId) const;

private:
    std::map<int64_t, JobProgress> m_progress;
};

/// First line of `text`, cut to `max` characters (table cells; full text goes to viewers).
QString preview(const std::string &text, int max = 160);

/// A dataset's source as a table shows it: the file name of a stored path ("demo.jsonl" for
/// "/home/x/data/demo.jsonl"), anything else as stored.
QString sourceName(const std::string &source);

} // namespace ds::ui
