#pragma once
// "Export all figures" of a set of runs: every applicable chart kind (RSE heatmaps per aspect, bars;
// ICE scores, aspects, vendors; ICE vs RSE) as PDF, SVG and PNG, plus the RSE tables (CSV, LaTeX),
// into one folder. Thread-safe (call from a worker).
#include "charts/ChartKinds.h"
#include "charts/FigureExport.h"

#include <QStringList>

namespace ds::ui {

/// Returns the files written; *error names the first failure (the rest is still attempted).
QStringList exportAllFigures(const ChartInputs &in, const QString &dir, const ExportOptions &options, QString *error);

} // namespace ds::ui
