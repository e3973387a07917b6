#pragma once
// Horizontal bar chart: categories (models) down the side, one bar per series (runs, rates), 95%
// interval whiskers, optional stacking (shares such as claimed vendors) and reference lines.
#include "charts/Figure.h"

#include <QStringList>
#include <cmath>
#include <vector>

namespace ds::ui {

struct BarSeries {
    QString name;
    std::vector<double> values; ///< one per category; NaN = missing
    std::vector<double> lo, hi; ///< optional 95% interval per category
    std::vector<int> n;         ///< optional denominators (tooltips)
};

struct BarData {
    QString title;
    QString valueLabel; ///< axis caption
    QStringList categories;
    std::vector<BarSeries> series;
    double vmin = NAN, vmax = NAN; ///< axis range; NaN = from the data (0 included)
    bool stacked = false;
    int decimals = 3;
    std::vector<double> refLines; ///< dashed vertical lines (e.g. the reference score)
};

class BarFigure : public FigureOf<BarData, BarFigure> {
public:
    using FigureOf::FigureOf;
    static FigureLabels labelsOf(const BarData &d) { return {d.title, d.valueLabel, {}, true, false}; }
    static void applyLabels(BarData &d, const FigureLabels &l) { d.title = l.title, d.valueLabel = l.xLabel; }
    double heightFor(double widthPt, const FigureStyle &style) const override;
    void paint(QPainter &p, const QRectF &rect, const FigureStyle &style) const override;
    std::optional<FigureHit> hitTest(const QPointF &pos, const QRectF &rect, const FigureStyle &style) const override;

private:
    struct Layout {
        double titleH = 0, legendH = 0, labelW = 0, bandH = 0, barH = 0;
        fig::TitleBlock title;
        QRectF plot;
        double lo = 0, hi = 1;
        std::vector<QRectF> legendItems;
    };
    Layout layout(const QRectF &rect, const FigureStyle &s) const;
    QRectF barRect(const Layout &L, int cat, int ser) const;
    double x(const Layout &L, double v) const { return L.plot.left() + (v - L.lo) / (L.hi - L.lo) * L.plot.width(); }
    QString tooltip(int cat, int ser) const;
};

} // namespace ds::ui
