#pragma once
// ICE tables: breakdown rows (by template / aspect / language) and response items with labels.
#if __has_include("ice/Scores.h")
#include "ice/Scores.h"
#include "models/ValueTableModel.h"

namespace ds::ui {

class IceBreakdownModel : public ValueTableModel<ice::IceBreakdownRow> {
public:
    enum Column { Key, Label, N, Loose, LooseCi, Strict, StrictCi, Hard, HardCi, ColumnCount };
    using ValueTableModel::ValueTableModel;
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
};

class IceItemsModel : public ValueTableModel<ice::IceItem> {
public:
    enum Column { Template, Language, Aspect, Question, Loose, Strict, Vendor, Response, ColumnCount };
    using ValueTableModel::ValueTableModel;
    /// Judge whose labels the Loose/Strict/Vendor columns show.
    void setJudge(const std::string &judge);
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::string m_judge = "rules";
};

} // namespace ds::ui
#endif
