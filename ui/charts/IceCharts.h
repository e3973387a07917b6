#pragma once
// ICE figures built from ice::IceScores value types (core/ice).
#include "charts/BarFigure.h"
#include "charts/HeatmapFigure.h"
#include "charts/ScatterFigure.h"
#include "ice/Scores.h"
#include "rse/RseReport.h"

#include <vector>

namespace ds::ui {

enum class IceMetric { Loose, Strict, Hard };
QString iceMetricName(IceMetric m);
const ice::IceRate &iceRate(const ice::IceBreakdownRow &r, IceMetric m);
const ice::IceRate &iceRate(const ice::IceScores &s, IceMetric m);

/// Loose / strict / hard rate per run (model) with template-bootstrap 95% whiskers.
BarData iceScoreBars(const std::vector<ice::IceScores> &runs);
/// Aspect x language heatmap of one metric (rows grouped per run when several).
HeatmapData iceAspectHeatmap(const std::vector<ice::IceScores> &runs, IceMetric metric);
/// Share of responses claiming each vendor, stacked per run.
BarData iceVendorBars(const std::vector<ice::IceScores> &runs);
/// One point per model present in both: x = RSE overall, y = ICE rate.
ScatterData iceVsRse(const std::vector<ice::IceScores> &ice, const std::vector<rse::RseResults> &rse, IceMetric metric);
/// The scatter's note: Pearson's r over the points, or, from fewer than 3 points (or no spread), that
/// no correlation can be read.
QString correlationNote(const std::vector<ScatterPoint> &points);

} // namespace ds::ui
