#pragma once
// RSE figures built from RseResults value types (the same data the results tables show).
#include "charts/BarFigure.h"
#include "charts/HeatmapFigure.h"
#include "rse/RseReport.h"

#include <vector>

namespace ds::ui {

enum class RseAspect { Overall, Style, Logic, Content };
QString aspectName(RseAspect a);

struct RseRowKey {
    size_t run = 0; ///< index into the runs given
    std::string model;
};

/// Models x (datasets + Overall) heatmap; rows ordered by overall score (best first). Several runs
/// are stacked as row groups ("model · run"); when their references differ, each row names its
/// reference ("model vs reference · run") and the title lists them, so scores against different
/// references are never read as one comparison. The colour scale is the judge's 1-5 range, so colours
/// compare across runs and figures; `fitToData` spans the data instead. `rowKeys` (optional)
/// receives what each row shows.
HeatmapData rseHeatmap(const std::vector<rse::RseResults> &runs, RseAspect aspect, std::vector<RseRowKey> *rowKeys = nullptr,
                       bool fitToData = false);
/// Overall score per model with 95% whiskers, one series per run.
BarData rseBars(const std::vector<rse::RseResults> &runs, RseAspect aspect);

/// Per-cell value of an aspect (NaN when the cell has no judged prompts).
double aspectValue(const rse::RseCell &c, RseAspect a);
stats::Interval aspectCi(const rse::RseCell &c, RseAspect a);

} // namespace ds::ui
