#pragma once
// Labelled scatter plot with optional 95% interval bars on both axes (ICE vs RSE) or an equal-aspect
// map without axes values (2-D MDS of a similarity matrix).
#include "charts/Figure.h"

#include <cmath>
#include <vector>

namespace ds::ui {

struct ScatterPoint {
    QString label;
    double x = 0, y = 0;
    double xlo = NAN, xhi = NAN, ylo = NAN, yhi = NAN;
    int group = 0; ///< colour index
};

struct ScatterData {
    QString title, xLabel, yLabel;
    std::vector<ScatterPoint> points;
    bool equalAspect = false; ///< MDS maps: same scale on both axes
    QString note;             ///< one line under the title (e.g. what the points allow one to read)
    int decimals = 3;
};

class ScatterFigure : public FigureOf<ScatterData, ScatterFigure> {
public:
    using FigureOf::FigureOf;
    static FigureLabels labelsOf(const ScatterData &d) { return {d.title, d.xLabel, d.yLabel, !d.equalAspect, !d.equalAspect}; }
    static void applyLabels(ScatterData &d, const FigureLabels &l) { d.title = l.title, d.xLabel = l.xLabel, d.yLabel = l.yLabel; }
    double heightFor(double widthPt, const FigureStyle &style) const override;
    /// A scatter scales to any frame: on screen it takes its panel's height rather than scrolling.
    double minimumHeightFor(double widthPt, const FigureStyle &style) const override;
    void paint(QPainter &p, const QRectF &rect, const FigureStyle &style) const override;
    /// Where each point's label is drawn in `rect` (for tests: labels must not overlap or leave it).
    std::vector<QRectF> labelBoxes(const QRectF &rect, const FigureStyle &style) const;
    std::optional<FigureHit> hitTest(const QPointF &pos, const QRectF &rect, const FigureStyle &style) const override;

private:
    struct Layout {
        QRectF plot;
        double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
        double titleH = 0, noteTop = 0;
        fig::TitleBlock title;
    };
    Layout layout(const QRectF &rect, const FigureStyle &s) const;
    QPointF map(const Layout &L, double x, double y) const;
    /// Label boxes (one per point) that avoid the points, each other and the frame's edge.
    std::vector<QRectF> placeLabels(const Layout &L, const FigureStyle &s, const std::vector<QPointF> &centres, double r,
                                    double labelPt) const;
};

} // namespace ds::ui
