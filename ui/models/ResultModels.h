#pragma once
// Table models over result value types: RSE cells and per-prompt scores.
#include "models/ValueTableModel.h"
#include "rse/RseReport.h"

namespace ds::ui {

/// One row per (run, model, dataset) cell; several runs side by side.
struct RseCellRow {
    QString run;
    rse::RseCell cell;
};

class RseCellsModel : public ValueTableModel<RseCellRow> {
public:
    enum Column { Run, Model, Dataset, N, Mean, CiLow, CiHigh, Style, Logic, Content, SwapGap, JudgeErrors, Flagged, ColumnCount };
    using ValueTableModel::ValueTableModel;
    void setResults(const std::vector<rse::RseResults> &runs);
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
};

class PromptScoresModel : public ValueTableModel<rse::RsePromptScore> {
public:
    enum Column { Index, Prompt, Overall, Style, Logic, Content, Parse, Flagged, ColumnCount };
    using ValueTableModel::ValueTableModel;
    int columnCount(const QModelIndex &p = {}) const override { return p.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
};

} // namespace ds::ui
