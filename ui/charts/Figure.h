#pragma once
// The chart abstraction: a Figure paints itself with QPainter into a rectangle measured in points
// (1/72 in), so the same code draws into a widget, a PNG at any DPI, an SVG and a PDF. No Qt Charts:
// it is deprecated from Qt 6.10 and has no heatmap; everything here is vector drawing.
#include <QColor>
#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <memory>
#include <optional>

class QPainter;
class QPalette;

namespace ds::ui {

/// How a figure looks: base font size, colour map, foreground/background.
struct FigureStyle {
    double fontPt = 8.0;
    QString palette = QStringLiteral("viridis"); ///< sequential map; diverging figures use `divergingPalette`
    QString divergingPalette = QStringLiteral("puor");
    QColor foreground = Qt::black;
    QColor background = Qt::white;
    QColor grid = QColor(0xd0, 0xd0, 0xd0);
    QString fontFamily; ///< empty = application default sans

    /// Publication style (white background) or the widget's palette (dark mode aware).
    static FigureStyle print(double fontPt = 8.0, const QString &palette = QStringLiteral("viridis"));
    static FigureStyle fromPalette(const QPalette &pal, double fontPt = 9.0);
};

/// What lies under a point of a figure (for tooltips and drill-down).
struct FigureHit {
    int row = -1;    ///< heatmap row / bar category / scatter point
    int col = -1;    ///< heatmap column / bar series / stacked segment
    QString tooltip; ///< plain text
};

class Figure {
public:
    virtual ~Figure() = default;
    virtual QString title() const = 0;
    /// Natural height (pt) for `widthPt`; content-driven figures (many rows) grow with their data.
    virtual double heightFor(double widthPt, const FigureStyle &style) const = 0;
    /// Paints the whole figure (background included) into `rect` (pt units of the painter).
    virtual void paint(QPainter &p, const QRectF &rect, const FigureStyle &style) const = 0;
    virtual std::optional<FigureHit> hitTest(const QPointF &pos, const QRectF &rect, const FigureStyle &style) const
    {
        (void)pos, (void)rect, (void)style;
        return std::nullopt;
    }
    /// Where the item (row, col) of a hit lies, to outline the clicked cell; nullopt = not drawable.
    virtual std::optional<QRectF> itemRect(int row, int col, const QRectF &rect, const FigureStyle &style) const
    {
        (void)row, (void)col, (void)rect, (void)style;
        return std::nullopt;
    }
};

using FigurePtr = std::shared_ptr<const Figure>;

namespace fig {
/// A font of `pt` points for drawing with painter `p` whose world unit is one point.
QFont font(const QPainter &p, const FigureStyle &s, double pt, bool bold = false);
/// A font of `pt` points for measuring in point units (independent of the paint device).
QFont measureFont(const FigureStyle &s, double pt, bool bold = false);
double textWidth(const FigureStyle &s, double pt, const QString &text, bool bold = false);
double lineHeight(const FigureStyle &s, double pt);
/// `text` shortened with an ellipsis to fit `widthPt`.
QString elide(const FigureStyle &s, double pt, const QString &text, double widthPt);
/// "Nice" tick values covering [lo, hi].
std::vector<double> ticks(double lo, double hi, int maxTicks = 6);
QString tickLabel(double v, double step);
} // namespace fig

} // namespace ds::ui
