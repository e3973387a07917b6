#pragma once
// How wide a heatmap must be on screen to stay readable. A FigureWidget fits its figure to the
// pane's width: a 12-model similarity matrix in a 700 px pane gets 35 px cells, and the figure then
// shrinks its labels towards a 4 pt floor. Pages give the widget this width as a minimum instead,
// so the chart panel's scroll area scrolls and labels keep the base font size.
#include "charts/Figure.h"

namespace ds::ui {
class FigureWidget;
class HeatmapFigure;

/// The narrowest width (pt) at which every cell of `fig` shows its value and, for square matrices,
/// is at least a label line tall (labels at full size, so neighbouring labels never overlap), and
/// row labels up to a sensible length are not cut. Found with the figure's own layout (itemRect).
double readableHeatmapWidthPt(const HeatmapFigure &fig, const FigureStyle &style);

/// Sets `w`'s minimum width to the readable width of its figure when that is a heatmap (back to the
/// default minimum otherwise). Call after each setFigure().
void keepHeatmapReadable(FigureWidget *w);

} // namespace ds::ui
