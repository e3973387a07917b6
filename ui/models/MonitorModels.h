#pragma once
// Live run monitor tables: per-model lanes and errors grouped by kind, fed from JobProgress.
#include "jobs/Job.h"
#include "models/ValueTableModel.h"

#include <QString>

namespace ds::ui {

struct LaneRow {
    QString model;
    LaneProgress p;
};

class LanesModel : public ValueTableModel<LaneRow> {
public:
    enum Column { Model, Done, Total, Percent, Failed, Cached, ColumnCount };
    using ValueTableModel::ValueTableModel;
    /// Updates in place when the set of lanes is unchanged (no reset, selection kept).
    void setProgress(const JobProgress &p);
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
};

struct ErrorKindRow {
    QString kind;
    qint64 count = 0;
};

class ErrorKindsModel : public ValueTableModel<ErrorKindRow> {
public:
    enum Column { Kind, Count, ColumnCount };
    using ValueTableModel::ValueTableModel;
    void setProgress(const JobProgress &p);
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
};

} // namespace ds::ui
