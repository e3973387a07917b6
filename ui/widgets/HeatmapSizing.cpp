#include "widgets/HeatmapSizing.h"

#include "charts/FigureWidget.h"
#include "charts/HeatmapFigure.h"

#include <algorithm>
#include <cmath>

namespace ds::ui {

namespace {

constexpr int kDefaultMinWidthPx = 200; // FigureWidget's own minimum
constexpr double kLongestLabelPt = 240; // longer row labels may be shortened in the middle

/// True when the layout at `widthPt` meets what readableHeatmapWidthPt() promises.
bool readableAt(const HeatmapFigure &fig, const FigureStyle &s, double widthPt, double needCellPt, double needLabelPt)
{
    const QRectF rect(0, 0, widthPt, fig.heightFor(widthPt, s));
    const auto cell = fig.itemRect(0, 0, rect, s);
    if (!cell)
        return true;
    const double pad = s.fontPt * 0.6; // the heatmap's outer margin
    return cell->width() >= needCellPt && cell->left() - rect.left() - pad >= needLabelPt;
}

} // namespace

double readableHeatmapWidthPt(const HeatmapFigure &fig, const FigureStyle &s)
{
    const HeatmapData &d = fig.data();
    if (d.rows.isEmpty() || d.cols.isEmpty())
        return 0;
    const QString zero = QString::number(0.0, 'f', d.decimals);
    // Values are drawn at 0.9 em (0.85 of that in square matrices) and need a point either side.
    double needCell = fig::textWidth(s, s.fontPt * 0.9, zero) + 2.5;
    if (d.square)
        needCell = std::max(needCell, fig::lineHeight(s, s.fontPt) * 1.1);
    double labels = 0;
    for (const QString &r : d.rows)
        labels = std::max(labels, fig::textWidth(s, s.fontPt, r));
    const double needLabel = std::min(labels, kLongestLabelPt) + 4;
    double lo = 50, hi = 50;
    while (!readableAt(fig, s, hi, needCell, needLabel) && hi < 30000)
        hi *= 2;
    if (hi <= lo)
        return lo;
    lo = hi / 2;
    while (hi - lo > 1) { // cells and label room only grow with the width
        const double mid = (lo + hi) / 2;
        (readableAt(fig, s, mid, needCell, needLabel) ? hi : lo) = mid;
    }
    return std::ceil(hi);
}

void keepHeatmapReadable(FigureWidget *w)
{
    const auto *heatmap = dynamic_cast<const HeatmapFigure *>(w->figure().get());
    if (!heatmap) {
        w->setMinimumWidth(kDefaultMinWidthPx);
        return;
    }
    const double pxPerPt = double(w->logicalDpiX() > 0 ? w->logicalDpiX() : 96) / 72.0;
    w->setMinimumWidth(std::max(kDefaultMinWidthPx, int(std::ceil(readableHeatmapWidthPt(*heatmap, w->currentStyle()) * pxPerPt))));
}

} // namespace ds::ui
