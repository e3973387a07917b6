#pragma once
// A labelled heatmap drawn as vector shapes: rows x columns of coloured cells with values (and 95%
// intervals when they fit), a colour scale with ticks, optional separators (e.g. before "Overall").
// Row labels stay readable for 60+ rows: the figure grows in height instead of shrinking fonts below
// a floor, and square matrices (similarity) rotate their column labels.
#include "charts/Figure.h"

#include <QStringList>
#include <cmath>
#include <vector>

namespace ds::ui {

class ColorMap;

struct HeatmapData {
    QString title;
    QString scaleLabel; ///< e.g. "mean similarity (1-5)"
    QStringList rows, cols;
    std::vector<double> values;    ///< rows x cols, row-major; NaN = no data
    std::vector<double> lo, hi;    ///< optional 95% interval per cell (same shape), NaN = none
    std::vector<int> counts;       ///< optional n per cell (tooltips)
    double vmin = NAN, vmax = NAN; ///< colour range; NaN = from the data
    bool diverging = false;        ///< use the diverging map centred on `center`
    double center = 0;
    bool square = false; ///< square cells, rotated column labels (model x model matrices)
    int decimals = 2;
    std::vector<int> separatorsBefore; ///< column indexes that get a thicker line on their left
    /// Rows and columns are the same items (a model against itself on the diagonal): the diagonal is
    /// drawn flat grey with "self", off the colour scale and never hatched like missing data.
    bool selfDiagonal = false;

    double value(int r, int c) const { return values[size_t(r) * size_t(cols.size()) + size_t(c)]; }
    bool isSelf(int r, int c) const { return selfDiagonal && r == c; }
    bool hasInterval(int r, int c) const;
};

class HeatmapFigure : public FigureOf<HeatmapData, HeatmapFigure> {
public:
    using FigureOf::FigureOf;
    static FigureLabels labelsOf(const HeatmapData &d) { return {d.title, d.scaleLabel, {}, true, false}; }
    static void applyLabels(HeatmapData &d, const FigureLabels &l) { d.title = l.title, d.scaleLabel = l.xLabel; }
    double heightFor(double widthPt, const FigureStyle &style) const override;
    void paint(QPainter &p, const QRectF &rect, const FigureStyle &style) const override;
    std::optional<FigureHit> hitTest(const QPointF &pos, const QRectF &rect, const FigureStyle &style) const override;
    std::optional<QRectF> itemRect(int row, int col, const QRectF &rect, const FigureStyle &style) const override;

private:
    struct Layout {
        QRectF cells;
        double cellW = 0, cellH = 0;
        double rowPt = 0, colPt = 0, valuePt = 0;
        bool rotateCols = false, showValues = false, showCi = false;
        QRectF scale;
        double titleH = 0;
        fig::TitleBlock title;
        double rowLabelW = 0;
        double colLabelH = 0;
    };
    Layout layout(const QRectF &rect, const FigureStyle &s, bool forHeight = false) const;
    std::pair<double, double> range() const;
    bool hasCounts() const; ///< every cell has an n to print
    QString cellText(int r, int c, bool withCi) const;
    QColor cellColour(int r, int c, const ColorMap &map, double lo, double hi, const FigureStyle &s) const;
    void paintCells(QPainter &p, const Layout &L, const ColorMap &map, double lo, double hi, const FigureStyle &s) const;
    void paintLabels(QPainter &p, const Layout &L, const FigureStyle &s) const;
    void paintScale(QPainter &p, const Layout &L, const ColorMap &map, double lo, double hi, const FigureStyle &s) const;
    void paintScaleCaption(QPainter &p, const Layout &L, double x, const FigureStyle &s) const;
};

} // namespace ds::ui
