#pragma once
// ICE tables: breakdown rows (by template / aspect / language) and response items with labels.
#include "ice/Scores.h"
#include "models/ValueTableModel.h"

#include <QString>
#include <map>

namespace ds::ui {

/// A breakdown row of one run, tagged with the run's model so several ticked runs share one table.
struct IceRunBreakdownRow {
    qint64 runId = 0;
    QString model;
    ice::IceBreakdownRow row;
};

/// A response of one run, tagged with its run and model (drill-down over several ticked runs).
struct IceRunItem {
    qint64 runId = 0;
    QString model;
    ice::IceItem item;
};

class IceBreakdownModel : public ValueTableModel<IceRunBreakdownRow> {
public:
    enum Column { Model, Key, Label, N, Lost, Loose, LooseCi, Strict, StrictCi, Hard, HardCi, CiMethod, ColumnCount };
    using ValueTableModel::ValueTableModel;
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
};

class IceItemsModel : public ValueTableModel<IceRunItem> {
public:
    enum Column { Model, Template, Language, Aspect, Question, Loose, Strict, Vendor, Response, ColumnCount };
    using ValueTableModel::ValueTableModel;
    /// Judge whose labels the Loose/Strict/Vendor columns show, per run (runs may use different judges).
    void setJudges(std::map<qint64, std::string> judgeByRun);
    std::string judgeOf(qint64 runId) const;
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::map<qint64, std::string> m_judges;
};

} // namespace ds::ui
