#include "charts/ScatterFigure.h"

#include "charts/Palette.h"

#include <QPainter>
#include <algorithm>

namespace ds::ui {

ScatterFigure::Layout ScatterFigure::layout(const QRectF &rect, const FigureStyle &s) const
{
    Layout L;
    const double pad = s.fontPt * 0.6, line = fig::lineHeight(s, s.fontPt);
    L.title = fig::fitTitle(s, m_d.title, rect.width() - 2 * pad);
    L.titleH = L.title.height;
    L.noteTop = rect.top() + pad + L.titleH;
    const double noteH = m_d.note.isEmpty() ? 0 : fig::lineHeight(s, s.fontPt * 0.85) * 1.2;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (const auto &pt : m_d.points) {
        x0 = std::min({x0, pt.x, std::isnan(pt.xlo) ? pt.x : pt.xlo});
        x1 = std::max({x1, pt.x, std::isnan(pt.xhi) ? pt.x : pt.xhi});
        y0 = std::min({y0, pt.y, std::isnan(pt.ylo) ? pt.y : pt.ylo});
        y1 = std::max({y1, pt.y, std::isnan(pt.yhi) ? pt.y : pt.yhi});
    }
    if (!std::isfinite(x0))
        x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    const double mx = std::max(1e-6, (x1 - x0) * 0.08), my = std::max(1e-6, (y1 - y0) * 0.08);
    L.x0 = x0 - mx, L.x1 = x1 + mx, L.y0 = y0 - my, L.y1 = y1 + my;
    if (L.x1 - L.x0 < 1e-9)
        L.x0 -= 0.5, L.x1 += 0.5;
    if (L.y1 - L.y0 < 1e-9)
        L.y0 -= 0.5, L.y1 += 0.5;
    const double left = m_d.equalAspect ? pad : pad + line * 1.3 + fig::textWidth(s, s.fontPt * 0.9, QStringLiteral("0.000"));
    const double bottom = m_d.equalAspect ? pad : pad + line * 2.6;
    L.plot = QRectF(rect.left() + left, L.noteTop + noteH, rect.width() - left - pad, rect.height() - pad - L.titleH - noteH - bottom);
    if (m_d.equalAspect) {
        const double sx = L.plot.width() / (L.x1 - L.x0), sy = L.plot.height() / (L.y1 - L.y0);
        if (sx > sy) {
            const double extra = (L.plot.width() / sy - (L.x1 - L.x0)) / 2;
            L.x0 -= extra, L.x1 += extra;
        } else {
            const double extra = (L.plot.height() / sx - (L.y1 - L.y0)) / 2;
            L.y0 -= extra, L.y1 += extra;
        }
    }
    return L;
}

QPointF ScatterFigure::map(const Layout &L, double x, double y) const
{
    return {L.plot.left() + (x - L.x0) / (L.x1 - L.x0) * L.plot.width(), L.plot.bottom() - (y - L.y0) / (L.y1 - L.y0) * L.plot.height()};
}

double ScatterFigure::heightFor(double widthPt, const FigureStyle &) const
{
    return widthPt * (m_d.equalAspect ? 0.85 : 0.75);
}

double ScatterFigure::minimumHeightFor(double widthPt, const FigureStyle &style) const
{
    // Room for the title, the note, the axes and a plot of some ten lines.
    return std::min(heightFor(widthPt, style), fig::lineHeight(style, style.fontPt) * 16);
}

void ScatterFigure::paint(QPainter &p, const QRectF &rect, const FigureStyle &s) const
{
    const Layout L = layout(rect, s);
    fig::beginFigure(p, s, rect, L.title);
    const double line = fig::lineHeight(s, s.fontPt);
    if (!m_d.note.isEmpty()) {
        p.setPen(s.foreground);
        const double pad = s.fontPt * 0.6;
        fig::drawFitted(p, s, s.fontPt * 0.85, QRectF(rect.left() + pad, L.noteTop, rect.width() - 2 * pad, line),
                        Qt::AlignLeft | Qt::AlignVCenter, m_d.note);
    }
    p.setFont(fig::font(p, s, s.fontPt * 0.9));
    if (!m_d.equalAspect) {
        const auto tx = fig::ticks(L.x0, L.x1, 6), ty = fig::ticks(L.y0, L.y1, 6);
        const double sx = tx.size() > 1 ? tx[1] - tx[0] : 1, sy = ty.size() > 1 ? ty[1] - ty[0] : 1;
        for (double t : tx) {
            const QPointF a = map(L, t, L.y0);
            p.setPen(QPen(s.grid, 0.5));
            p.drawLine(a, QPointF(a.x(), L.plot.top()));
            p.setPen(s.foreground);
            p.drawText(QRectF(a.x() - 30, L.plot.bottom() + 2, 60, line), Qt::AlignHCenter | Qt::AlignTop, fig::tickLabel(t, sx));
        }
        for (double t : ty) {
            const QPointF a = map(L, L.x0, t);
            p.setPen(QPen(s.grid, 0.5));
            p.drawLine(a, QPointF(L.plot.right(), a.y()));
            p.setPen(s.foreground);
            p.drawText(QRectF(rect.left(), a.y() - line / 2, L.plot.left() - rect.left() - 3, line), Qt::AlignRight | Qt::AlignVCenter,
                       fig::tickLabel(t, sy));
        }
        fig::drawFitted(p, s, s.fontPt, QRectF(L.plot.left(), L.plot.bottom() + line * 1.2, L.plot.width(), line * 1.3), Qt::AlignCenter,
                        m_d.xLabel);
        p.save();
        p.translate(rect.left() + s.fontPt * 0.6, L.plot.center().y());
        p.rotate(-90);
        fig::drawFitted(p, s, s.fontPt, QRectF(-L.plot.height() / 2, 0, L.plot.height(), line * 1.2), Qt::AlignCenter, m_d.yLabel);
        p.restore();
    }
    p.setPen(QPen(s.foreground, 0.6));
    p.setBrush(Qt::NoBrush);
    p.drawRect(L.plot);
    // Whiskers and points first, then labels placed where they overlap nothing.
    const double r = std::max(2.0, s.fontPt * 0.35);
    std::vector<QPointF> centres;
    for (const auto &pt : m_d.points) {
        const QPointF c = map(L, pt.x, pt.y);
        centres.push_back(c);
        p.setPen(QPen(s.foreground, 0.6));
        if (!std::isnan(pt.xlo) && !std::isnan(pt.xhi))
            p.drawLine(map(L, pt.xlo, pt.y), map(L, pt.xhi, pt.y));
        if (!std::isnan(pt.ylo) && !std::isnan(pt.yhi))
            p.drawLine(map(L, pt.x, pt.ylo), map(L, pt.x, pt.yhi));
        p.setPen(QPen(s.background, 0.6));
        p.setBrush(categoricalColor(pt.group));
        p.drawEllipse(c, r, r);
    }
    const double labelPt = s.fontPt * 0.85;
    const std::vector<QRectF> boxes = placeLabels(L, s, centres, r, labelPt);
    p.setFont(fig::font(p, s, labelPt));
    for (size_t i = 0; i < boxes.size(); ++i) {
        const QRectF &b = boxes[i];
        // A leader line when the label had to move away from its point.
        const QPointF anchor(std::clamp(centres[i].x(), b.left(), b.right()), std::clamp(centres[i].y(), b.top(), b.bottom()));
        if (QLineF(anchor, centres[i]).length() > r * 2.5) {
            p.setPen(QPen(s.grid, 0.5));
            p.drawLine(anchor, centres[i]);
        }
        p.setPen(s.foreground);
        p.drawText(b, Qt::AlignLeft | Qt::AlignVCenter, m_d.points[i].label);
    }
    p.restore();
}

std::vector<QRectF> ScatterFigure::placeLabels(const Layout &L, const FigureStyle &s, const std::vector<QPointF> &centres, double r,
                                               double labelPt) const
{
    // Greedy: each label tries 8 positions around its point, then rings further out; the first that
    // stays inside the plot and overlaps no point or earlier label wins, else the least overlapping.
    const double line = fig::lineHeight(s, labelPt);
    std::vector<QRectF> placed;
    auto overlap = [&](const QRectF &b) {
        double area = 0;
        for (const QRectF &o : placed)
            if (const QRectF x = b.intersected(o); !x.isEmpty())
                area += x.width() * x.height();
        for (const QPointF &c : centres)
            if (const QRectF x = b.intersected(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)); !x.isEmpty())
                area += x.width() * x.height();
        if (!L.plot.contains(b))
            area += 1e6; // outside the frame is worst
        return area;
    };
    for (size_t i = 0; i < centres.size(); ++i) {
        const QPointF c = centres[i];
        const double w = fig::textWidth(s, labelPt, m_d.points[i].label) + 2;
        QRectF best;
        double bestArea = INFINITY;
        for (int ring = 1; ring <= 4 && bestArea > 0; ++ring) {
            const double d = r + 1 + (ring - 1) * line;
            const QRectF candidates[] = {QRectF(c.x() + d, c.y() - line / 2, w, line),
                                         QRectF(c.x() - d - w, c.y() - line / 2, w, line),
                                         QRectF(c.x() - w / 2, c.y() - d - line, w, line),
                                         QRectF(c.x() - w / 2, c.y() + d, w, line),
                                         QRectF(c.x() + d * 0.7, c.y() - d * 0.7 - line, w, line),
                                         QRectF(c.x() - d * 0.7 - w, c.y() - d * 0.7 - line, w, line),
                                         QRectF(c.x() + d * 0.7, c.y() + d * 0.7, w, line),
                                         QRectF(c.x() - d * 0.7 - w, c.y() + d * 0.7, w, line)};
            for (const QRectF &b : candidates) {
                const double a = overlap(b);
                if (a < bestArea)
                    bestArea = a, best = b;
                if (a == 0)
                    break;
            }
        }
        // Keep it inside the frame even when nothing fitted.
        best.moveLeft(std::clamp(best.left(), L.plot.left(), std::max(L.plot.left(), L.plot.right() - best.width())));
        best.moveTop(std::clamp(best.top(), L.plot.top(), std::max(L.plot.top(), L.plot.bottom() - best.height())));
        placed.push_back(best);
    }
    return placed;
}

std::vector<QRectF> ScatterFigure::labelBoxes(const QRectF &rect, const FigureStyle &s) const
{
    const Layout L = layout(rect, s);
    std::vector<QPointF> centres;
    for (const auto &pt : m_d.points)
        centres.push_back(map(L, pt.x, pt.y));
    return placeLabels(L, s, centres, std::max(2.0, s.fontPt * 0.35), s.fontPt * 0.85);
}

std::optional<FigureHit> ScatterFigure::hitTest(const QPointF &pos, const QRectF &rect, const FigureStyle &s) const
{
    const Layout L = layout(rect, s);
    const double r = std::max(4.0, s.fontPt * 0.6);
    for (int i = 0; i < int(m_d.points.size()); ++i) {
        const auto &pt = m_d.points[size_t(i)];
        const QPointF c = map(L, pt.x, pt.y);
        if (QLineF(c, pos).length() <= r) {
            QString t =
                QStringLiteral("%1\n%2: %3")
                    .arg(pt.label, m_d.xLabel.isEmpty() ? QStringLiteral("x") : m_d.xLabel, QString::number(pt.x, 'f', m_d.decimals));
            t += QStringLiteral("\n%1: %2")
                     .arg(m_d.yLabel.isEmpty() ? QStringLiteral("y") : m_d.yLabel, QString::number(pt.y, 'f', m_d.decimals));
            return FigureHit{i, -1, t};
        }
    }
    return std::nullopt;
}

} // namespace ds::ui
