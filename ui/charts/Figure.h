#pragma once
// The chart abstraction: a Figure paints itself with QPainter into a rectangle measured in points
// (1/72 in), so the same code draws into a widget, a PNG at any DPI, an SVG and a PDF. No Qt Charts:
// it is deprecated from Qt 6.10 and has no heatmap; everything here is vector drawing.
#include <QColor>
#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <utility>

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

/// The texts of a figure a user may rewrite before exporting it. An empty label hides that caption.
/// xLabel: bar charts' value axis, scatter x axis, heatmap colour-scale caption; yLabel: scatter y axis.
struct FigureLabels {
    QString title, xLabel, yLabel;
    bool hasX = false, hasY = false; ///< which of the axis labels this figure draws
};

class Figure;
using FigurePtr = std::shared_ptr<const Figure>;

class Figure {
public:
    virtual ~Figure() = default;
    virtual FigureLabels labels() const = 0;
    /// A copy of this figure with other texts (the data stay the same).
    virtual FigurePtr withLabels(const FigureLabels &labels) const = 0;
    virtual QString title() const = 0;
    /// Natural height (pt) for `widthPt`; content-driven figures (many rows) grow with their data.
    virtual double heightFor(double widthPt, const FigureStyle &style) const = 0;
    /// The least height (pt) at which the figure still reads well. A widget asks for this much and
    /// gives the figure the rest of its panel; figures whose rows need their height keep the natural one.
    virtual double minimumHeightFor(double widthPt, const FigureStyle &style) const { return heightFor(widthPt, style); }
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

/// A figure drawn from one value-type `Data` (with a `title`): the data, the title and the round trip
/// of the editable labels, written once. `Self` says which of its texts are the axis captions with
/// static `labelsOf(const Data &)` and `applyLabels(Data &, const FigureLabels &)`.
template <class Data, class Self> class FigureOf : public Figure {
public:
    explicit FigureOf(Data data) : m_d(std::move(data)) {}
    QString title() const override { return m_d.title; }
    FigureLabels labels() const override { return Self::labelsOf(m_d); }
    FigurePtr withLabels(const FigureLabels &labels) const override
    {
        Data d = m_d;
        Self::applyLabels(d, labels);
        return std::make_shared<Self>(std::move(d));
    }
    const Data &data() const { return m_d; }

protected:
    Data m_d;
};

namespace fig {
/// A font of `pt` points for drawing with painter `p` whose world unit is one point.
QFont font(const QPainter &p, const FigureStyle &s, double pt, bool bold = false);
/// A font of `pt` points for measuring in point units (independent of the paint device).
QFont measureFont(const FigureStyle &s, double pt, bool bold = false);
double textWidth(const FigureStyle &s, double pt, const QString &text, bool bold = false);
double lineHeight(const FigureStyle &s, double pt);
/// `text` shortened with an ellipsis (in the middle / at the end) to fit `widthPt`.
QString elide(const FigureStyle &s, double pt, const QString &text, double widthPt);
QString elideRight(const FigureStyle &s, double pt, const QString &text, double widthPt);
/// "Nice" tick values covering [lo, hi]: at least 4 (a reader needs more than the two ends to read a
/// value off an axis) and at most max(maxTicks, 4).
std::vector<double> ticks(double lo, double hi, int maxTicks = 6);
/// The largest size in [pt * minFactor, pt] at which `text` fits `widthPt` (pt * minFactor if none).
double fittedPt(const FigureStyle &s, double pt, const QString &text, double widthPt, double minFactor = 0.75, bool bold = false);
/// A figure title measured for a width: shrunk to at most 80% of its size, then wrapped onto two
/// lines at word boundaries, the last line elided only when even that does not fit.
struct TitleBlock {
    double pt = 0;
    QStringList lines;
    double height = 0; ///< pt, including the gap below
};
TitleBlock fitTitle(const FigureStyle &s, const QString &title, double widthPt);
void drawTitle(QPainter &p, const FigureStyle &s, const QPointF &topLeft, double widthPt, const TitleBlock &t);
/// The start of every figure's paint: saves the painter (the figure restores it when done), turns on
/// antialiasing, fills the background and draws `title` at the top-left margin.
void beginFigure(QPainter &p, const FigureStyle &s, const QRectF &rect, const TitleBlock &title);
/// Draws `text` in `box` at `pt` or smaller (down to 70%), eliding only what still does not fit.
void drawFitted(QPainter &p, const FigureStyle &s, double pt, const QRectF &box, int flags, const QString &text);
QString tickLabel(double v, double step);
} // namespace fig

} // namespace ds::ui
