#include "charts/HeatmapFigure.h"

#include "charts/Palette.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace ds::ui {

bool HeatmapData::hasInterval(int r, int c) const
{
    const size_t i = size_t(r) * size_t(cols.size()) + size_t(c);
    return i < lo.size() && i < hi.size() && !std::isnan(lo[i]) && !std::isnan(hi[i]);
}

bool HeatmapFigure::hasCounts() const
{
    return !m_d.counts.empty() && m_d.counts.size() == m_d.values.size() && !m_d.square;
}

std::pair<double, double> HeatmapFigure::range() const
{
    double lo = m_d.vmin, hi = m_d.vmax;
    if (std::isnan(lo) || std::isnan(hi)) {
        double dlo = INFINITY, dhi = -INFINITY;
        for (double v : m_d.values)
            if (!std::isnan(v))
                dlo = std::min(dlo, v), dhi = std::max(dhi, v);
        if (!std::isfinite(dlo))
            dlo = 0, dhi = 1;
        if (std::isnan(lo))
            lo = dlo;
        if (std::isnan(hi))
            hi = dhi;
    }
    if (m_d.diverging) {
        const double half = std::max(std::abs(hi - m_d.center), std::abs(lo - m_d.center));
        lo = m_d.center - half, hi = m_d.center + half;
    }
    if (!(hi > lo))
        hi = lo + 1;
    return {lo, hi};
}

QString HeatmapFigure::cellText(int r, int c, bool withCi) const
{
    if (m_d.isSelf(r, c))
        return QStringLiteral("self");
    const double v = m_d.value(r, c);
    if (std::isnan(v))
        return QStringLiteral("—");
    QString t = QString::number(v, 'f', m_d.decimals);
    if (withCi && m_d.hasInterval(r, c)) {
        const size_t i = size_t(r) * size_t(m_d.cols.size()) + size_t(c);
        t += QStringLiteral("\n[%1, %2]").arg(m_d.lo[i], 0, 'f', m_d.decimals).arg(m_d.hi[i], 0, 'f', m_d.decimals);
    }
    if (withCi && hasCounts())
        t += QStringLiteral("\nn = %1").arg(m_d.counts[size_t(r) * size_t(m_d.cols.size()) + size_t(c)]);
    return t;
}

QColor HeatmapFigure::cellColour(int r, int c, const ColorMap &map, double lo, double hi, const FigureStyle &s) const
{
    if (m_d.isSelf(r, c)) { // halfway between the background and the grid: plainly not a value
        const QColor a = s.background, b = s.grid;
        return QColor((a.red() + b.red()) / 2, (a.green() + b.green()) / 2, (a.blue() + b.blue()) / 2);
    }
    const double v = m_d.value(r, c);
    return map.at(std::isnan(v) ? NAN : (v - lo) / (hi - lo));
}

HeatmapFigure::Layout HeatmapFigure::layout(const QRectF &rect, const FigureStyle &s, bool forHeight) const
{
    Layout L;
    const int nr = int(m_d.rows.size()), nc = int(m_d.cols.size());
    const double pad = s.fontPt * 0.6;
    L.title = fig::fitTitle(s, m_d.title, rect.width() - 2 * pad);
    L.titleH = L.title.height;
    // Colour scale on the right: bar + tick labels + rotated caption.
    const auto [lo, hi] = range();
    double tickW = 0;
    const auto scaleTicks = fig::ticks(lo, hi, 5);
    const double tickStep = scaleTicks.size() > 1 ? scaleTicks[1] - scaleTicks[0] : hi - lo;
    for (double t : scaleTicks)
        tickW = std::max(tickW, fig::textWidth(s, s.fontPt * 0.9, fig::tickLabel(t, tickStep)));
    // Bar, tick marks and labels (drawn 3-4 pt right of the bar), the rotated caption, and a margin.
    const double scaleW = s.fontPt * 1.1 + 6 + tickW + (m_d.scaleLabel.isEmpty() ? 0 : fig::lineHeight(s, s.fontPt) + 2) + 1;
    // Row labels: at most 38% of the width.
    L.rowPt = s.fontPt;
    double labelW = 0;
    for (const QString &r : m_d.rows)
        labelW = std::max(labelW, fig::textWidth(s, L.rowPt, r));
    L.rowLabelW = std::min(labelW + 4, rect.width() * 0.38);
    const double gridW = std::max(10.0, rect.width() - L.rowLabelW - scaleW - 2 * pad);
    L.cellW = nc > 0 ? gridW / nc : gridW;
    if (m_d.square) // a handful of models: keep cells a sensible size instead of filling the width
        L.cellW = std::min(L.cellW, std::max(s.fontPt * 7, 48.0));

    // Rows: as tall as a label line (or a value + interval), square for matrices.
    const double line = fig::lineHeight(s, s.fontPt);
    L.valuePt = s.fontPt * 0.9;
    const QString zero = QString::number(0.0, 'f', m_d.decimals);
    const double valueW = fig::textWidth(s, L.valuePt, QStringLiteral("[%1, %1]").arg(zero));
    L.showValues =
        !m_d.square ? L.cellW >= fig::textWidth(s, L.valuePt, zero) + 2 : L.cellW >= fig::textWidth(s, L.valuePt * 0.85, zero) + 2;
    L.showCi = !m_d.square && !m_d.lo.empty() && L.cellW >= valueW + 4;
    if (m_d.square) {
        L.cellH = L.cellW;
        if (L.showValues)
            L.valuePt *= 0.85;
        if (L.cellH < line) // many models: labels follow the cell size, down to a 4 pt floor
            L.rowPt = std::max(4.0, s.fontPt * L.cellH / line);
    } else {
        L.cellH = L.showCi ? line * (hasCounts() ? 3.2 : 2.3) : line * 1.45;
    }
    // Column labels: horizontal when they fit, otherwise rotated.
    L.colPt = m_d.square ? L.rowPt : s.fontPt;
    double colMax = 0;
    for (const QString &c : m_d.cols)
        colMax = std::max(colMax, fig::textWidth(s, L.colPt, c));
    L.rotateCols = colMax > L.cellW - 2;
    L.colLabelH = L.rotateCols ? std::min(colMax, rect.width() * 0.3) + 4 : fig::lineHeight(s, L.colPt) + 3;

    const double top = rect.top() + pad + L.titleH + L.colLabelH;
    L.cells = QRectF(rect.left() + pad + L.rowLabelW, top, L.cellW * nc, L.cellH * nr);
    if (!forHeight && !m_d.square) {
        // Use spare height (widget) by stretching rows up to 2x.
        const double spare = rect.bottom() - pad - L.cells.bottom();
        if (spare > 0 && nr > 0) {
            L.cellH = std::min(L.cellH * 2, L.cellH + spare / nr);
            L.cells.setHeight(L.cellH * nr);
        }
    }
    // The bar is as tall as the cells, at least 4 lines, and tall enough for its caption at 80% size
    // (the figure grows rather than cutting the caption short).
    const double captionNeed = m_d.scaleLabel.isEmpty() ? 0 : fig::textWidth(s, s.fontPt * 0.8, m_d.scaleLabel) - s.fontPt + 2;
    L.scale = QRectF(L.cells.right() + pad, L.cells.top(), s.fontPt * 1.1, std::max({L.cells.height(), line * 4, captionNeed}));
    return L;
}

double HeatmapFigure::heightFor(double widthPt, const FigureStyle &style) const
{
    const Layout L = layout(QRectF(0, 0, widthPt, 1e6), style, true);
    return std::max(L.cells.bottom(), L.scale.bottom()) + style.fontPt * 0.8;
}

void HeatmapFigure::paint(QPainter &p, const QRectF &rect, const FigureStyle &s) const
{
    const Layout L = layout(rect, s);
    fig::beginFigure(p, s, rect, L.title);
    const auto [lo, hi] = range();
    const ColorMap map = m_d.diverging ? ColorMap::diverging(s.divergingPalette) : ColorMap::sequential(s.palette);
    paintCells(p, L, map, lo, hi, s);
    paintLabels(p, L, s);
    paintScale(p, L, map, lo, hi, s);
    p.restore();
}

/// The coloured cells (missing ones hatched), their separators and, when they fit, their values.
void HeatmapFigure::paintCells(QPainter &p, const Layout &L, const ColorMap &map, double lo, double hi, const FigureStyle &s) const
{
    const int nr = int(m_d.rows.size()), nc = int(m_d.cols.size());
    p.setPen(Qt::NoPen);
    for (int r = 0; r < nr; ++r)
        for (int c = 0; c < nc; ++c) {
            const QRectF cell(L.cells.left() + c * L.cellW, L.cells.top() + r * L.cellH, L.cellW, L.cellH);
            p.setBrush(cellColour(r, c, map, lo, hi, s));
            p.drawRect(cell.adjusted(0, 0, 0.02, 0.02));
            if (std::isnan(m_d.value(r, c)) && !m_d.isSelf(r, c)) { // no data: hatched, so it never reads as a colour of the scale
                p.setBrush(QBrush(s.grid.darker(130), Qt::BDiagPattern));
                p.drawRect(cell);
            }
        }
    // Thin separators between cells keep neighbouring similar colours apart.
    if (L.cellW >= 6 && L.cellH >= 6) {
        p.setPen(QPen(s.background, 0.5));
        for (int c = 1; c < nc; ++c)
            p.drawLine(QPointF(L.cells.left() + c * L.cellW, L.cells.top()), QPointF(L.cells.left() + c * L.cellW, L.cells.bottom()));
        for (int r = 1; r < nr; ++r)
            p.drawLine(QPointF(L.cells.left(), L.cells.top() + r * L.cellH), QPointF(L.cells.right(), L.cells.top() + r * L.cellH));
    }
    p.setPen(QPen(s.background, 2.0));
    for (int c : m_d.separatorsBefore)
        if (c > 0 && c < nc)
            p.drawLine(QPointF(L.cells.left() + c * L.cellW, L.cells.top()), QPointF(L.cells.left() + c * L.cellW, L.cells.bottom()));
    if (!L.showValues)
        return;
    p.setFont(fig::font(p, s, L.valuePt));
    for (int r = 0; r < nr; ++r)
        for (int c = 0; c < nc; ++c) {
            const QRectF cell(L.cells.left() + c * L.cellW, L.cells.top() + r * L.cellH, L.cellW, L.cellH);
            p.setPen(contrastingText(cellColour(r, c, map, lo, hi, s)));
            p.drawText(cell, Qt::AlignCenter, cellText(r, c, L.showCi));
        }
}

/// Row labels right-aligned on the left; column labels above, rotated when they do not fit.
void HeatmapFigure::paintLabels(QPainter &p, const Layout &L, const FigureStyle &s) const
{
    p.setPen(s.foreground);
    p.setFont(fig::font(p, s, L.rowPt));
    for (int r = 0; r < int(m_d.rows.size()); ++r) {
        const QRectF box(L.cells.left() - L.rowLabelW, L.cells.top() + r * L.cellH, L.rowLabelW - 3, L.cellH);
        fig::drawFitted(p, s, L.rowPt, box, Qt::AlignRight | Qt::AlignVCenter, m_d.rows[r]);
    }
    p.setFont(fig::font(p, s, L.colPt));
    for (int c = 0; c < int(m_d.cols.size()); ++c) {
        const double x = L.cells.left() + (c + 0.5) * L.cellW;
        if (L.rotateCols) {
            p.save();
            p.translate(x, L.cells.top() - 3);
            p.rotate(-90);
            const double h = L.colLabelH - 4;
            p.drawText(QRectF(0, -L.cellW / 2, h, L.cellW), Qt::AlignLeft | Qt::AlignVCenter, fig::elide(s, L.colPt, m_d.cols[c], h));
            p.restore();
        } else {
            p.drawText(QRectF(x - L.cellW / 2, L.cells.top() - L.colLabelH, L.cellW, L.colLabelH - 2), Qt::AlignHCenter | Qt::AlignBottom,
                       m_d.cols[c]);
        }
    }
}

/// The colour scale: one rectangle filled with a vector gradient through the map's colours (so PNGs
/// have no seams between slices and SVG/PDF stay sharp), its ticks and its rotated caption.
void HeatmapFigure::paintScale(QPainter &p, const Layout &L, const ColorMap &map, double lo, double hi, const FigureStyle &s) const
{
    QLinearGradient gradient(L.scale.bottomLeft(), L.scale.topLeft());
    const int stops = 32;
    for (int i = 0; i <= stops; ++i)
        gradient.setColorAt(double(i) / stops, map.at(double(i) / stops));
    p.setPen(Qt::NoPen);
    p.setBrush(gradient);
    p.drawRect(L.scale);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(s.foreground, 0.5));
    p.drawRect(L.scale);
    p.setFont(fig::font(p, s, s.fontPt * 0.9));
    const auto tk = fig::ticks(lo, hi, 5);
    const double step = tk.size() > 1 ? tk[1] - tk[0] : (hi - lo);
    double maxTick = 0;
    for (double t : tk) {
        const double y = L.scale.bottom() - (t - lo) / (hi - lo) * L.scale.height();
        p.drawLine(QPointF(L.scale.right(), y), QPointF(L.scale.right() + 2, y));
        const QString label = fig::tickLabel(t, step);
        maxTick = std::max(maxTick, fig::textWidth(s, s.fontPt * 0.9, label));
        p.drawText(QRectF(L.scale.right() + 3, y - 10, 200, 20), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    if (!m_d.scaleLabel.isEmpty())
        paintScaleCaption(p, L, L.scale.right() + 4 + maxTick + 2, s);
}

/// The scale's caption, rotated, at `x`. Short heatmaps have short scales: the caption shrinks (down
/// to 60%) and the rest is elided, rather than running off the figure.
void HeatmapFigure::paintScaleCaption(QPainter &p, const Layout &L, double x, const FigureStyle &s) const
{
    p.save();
    p.translate(x, L.scale.center().y());
    p.rotate(90);
    const double avail = L.scale.height() + s.fontPt; // the figure ends 0.8 em below the scale
    double pt = s.fontPt;
    while (pt > s.fontPt * 0.6 && fig::textWidth(s, pt, m_d.scaleLabel) > avail)
        pt -= 0.25;
    const QFont captionFont = fig::font(p, s, pt);
    p.setFont(captionFont);
    // Measured in points like everything else (not with the screen's metrics of a device font).
    const QString caption = fig::elideRight(s, pt, m_d.scaleLabel, avail);
    p.drawText(QRectF(-avail / 2, -fig::lineHeight(s, pt), avail, fig::lineHeight(s, pt)), Qt::AlignCenter, caption);
    p.restore();
}

std::optional<FigureHit> HeatmapFigure::hitTest(const QPointF &pos, const QRectF &rect, const FigureStyle &style) const
{
    const Layout L = layout(rect, style);
    if (!L.cells.contains(pos) || L.cellW <= 0 || L.cellH <= 0)
        return std::nullopt;
    FigureHit h;
    h.col = std::clamp(int((pos.x() - L.cells.left()) / L.cellW), 0, int(m_d.cols.size()) - 1);
    h.row = std::clamp(int((pos.y() - L.cells.top()) / L.cellH), 0, int(m_d.rows.size()) - 1);
    const size_t i = size_t(h.row) * size_t(m_d.cols.size()) + size_t(h.col);
    h.tooltip = QStringLiteral("%1 × %2\n%3")
                    .arg(m_d.rows[h.row], m_d.cols[h.col],
                         m_d.isSelf(h.row, h.col) ? QStringLiteral("self (not compared)") : cellText(h.row, h.col, false));
    if (m_d.hasInterval(h.row, h.col))
        h.tooltip += QStringLiteral("  95% CI [%1, %2]").arg(m_d.lo[i], 0, 'f', m_d.decimals).arg(m_d.hi[i], 0, 'f', m_d.decimals);
    if (i < m_d.counts.size())
        h.tooltip += QStringLiteral("\nn = %1").arg(m_d.counts[i]);
    return h;
}

std::optional<QRectF> HeatmapFigure::itemRect(int row, int col, const QRectF &rect, const FigureStyle &style) const
{
    if (row < 0 || col < 0 || row >= m_d.rows.size() || col >= m_d.cols.size())
        return std::nullopt;
    const Layout L = layout(rect, style);
    return QRectF(L.cells.left() + col * L.cellW, L.cells.top() + row * L.cellH, L.cellW, L.cellH);
}

} // namespace ds::ui
