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
    int decimals = 3;
};

class ScatterFigure : public Figure {
public:
    explicit ScatterFigure(ScatterData data) : m_d(std::move(data)) {}
    QString title() const override { return m_d.title; }
    double heightFor(double widthPt, const FigureStyle &style) const override;
    void paint(QPainter &p, const QRectF &rect, const FigureStyle &style) const override;
    std::optional<FigureHit> hitTest(const QPointF &pos, const QRectF &rect, const FigureStyle &style) const override;
    const ScatterData &data() const { return m_d; }

private:
    struct Layout {
        QRectF plot;
        double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
        double titleH = 0;
    };
    Layout layout(const QRectF &rect, const FigureStyle &s) const;
    QPointF map(const Layout &L, double x, double y) const;
    ScatterData m_d;
};

} // namespace ds::ui
