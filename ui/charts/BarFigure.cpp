#include "charts/BarFigure.h"

#include "charts/Palette.h"

#include <QPainter>
#include <algorithm>

namespace ds::ui {

BarFigure::Layout BarFigure::layout(const QRectF &rect, const FigureStyle &s) const
{
    Layout L;
    const double pad = s.fontPt * 0.6;
    const double line = fig::lineHeight(s, s.fontPt);
    L.title = fig::fitTitle(s, m_d.title, rect.width() - 2 * pad);
    L.titleH = L.title.height;
    // Legend (wrapped) when there is more than one series, and always for stacked shares (a single
    // segment still needs its name).
    double lx = rect.left() + pad, ly = rect.top() + pad + L.titleH;
    if (m_d.series.size() > 1 || (m_d.stacked && !m_d.series.empty())) {
        for (const auto &ser : m_d.series) {
            const double w = line * 0.8 + 3 + fig::textWidth(s, s.fontPt * 0.9, ser.name) + line * 0.8;
            if (lx + w > rect.right() - pad && lx > rect.left() + pad) {
                lx = rect.left() + pad;
                ly += line * 1.1;
            }
            L.legendItems.emplace_back(lx, ly, w, line);
            lx += w;
        }
        L.legendH = ly + line * 1.3 - (rect.top() + pad + L.titleH);
    }
    double labelW = 0;
    for (const QString &c : m_d.categories)
        labelW = std::max(labelW, fig::textWidth(s, s.fontPt, c));
    L.labelW = std::min(labelW + 5, rect.width() * 0.4);
    const int groups = m_d.stacked ? 1 : std::max<int>(1, int(m_d.series.size()));
    L.barH = groups == 1 ? line * 0.9 : std::max(line * 0.55, line * 1.6 / groups);
    L.bandH = L.barH * groups + line * 0.5;
    const double axisH = line * (m_d.valueLabel.isEmpty() ? 1.4 : 2.5);
    const double top = rect.top() + pad + L.titleH + L.legendH;
    const double natural = L.bandH * std::max<qsizetype>(1, m_d.categories.size());
    const double avail = rect.bottom() - pad - axisH - top;
    if (avail > natural) { // a widget taller than needed: thicker bars, capped
        const double k = std::min(1.8, avail / natural);
        L.barH *= k, L.bandH *= k;
    }
    L.plot = QRectF(rect.left() + pad + L.labelW, top, rect.width() - 2 * pad - L.labelW - line,
                    L.bandH * std::max<qsizetype>(1, m_d.categories.size()));
    // Axis range: data with whiskers, zero included for bars.
    double lo = 0, hi = -INFINITY;
    for (int c = 0; c < int(m_d.categories.size()); ++c) {
        double stack = 0;
        for (const auto &ser : m_d.series) {
            const double v = size_t(c) < ser.values.size() ? ser.values[size_t(c)] : NAN;
            if (std::isnan(v))
                continue;
            if (m_d.stacked)
                stack += v, hi = std::max(hi, stack);
            else {
                hi = std::max(hi, size_t(c) < ser.hi.size() && !std::isnan(ser.hi[size_t(c)]) ? ser.hi[size_t(c)] : v);
                lo = std::min(lo, size_t(c) < ser.lo.size() && !std::isnan(ser.lo[size_t(c)]) ? ser.lo[size_t(c)] : v);
            }
        }
    }
    for (double r : m_d.refLines)
        hi = std::max(hi, r);
    if (!std::isfinite(hi) || hi <= lo)
        hi = lo + 1;
    L.lo = std::isnan(m_d.vmin) ? lo : m_d.vmin;
    L.hi = std::isnan(m_d.vmax) ? hi + (hi - lo) * 0.04 : m_d.vmax;
    if (L.hi <= L.lo)
        L.hi = L.lo + 1;
    return L;
}

double BarFigure::heightFor(double widthPt, const FigureStyle &s) const
{
    const Layout L = layout(QRectF(0, 0, widthPt, 0), s);
    const double line = fig::lineHeight(s, s.fontPt);
    return L.plot.bottom() + line * (m_d.valueLabel.isEmpty() ? 1.4 : 2.5) + s.fontPt * 0.6;
}

QRectF BarFigure::barRect(const Layout &L, int cat, int ser) const
{
    const double bandTop = L.plot.top() + cat * L.bandH + (L.bandH - (m_d.stacked ? L.barH : L.barH * m_d.series.size())) / 2;
    const auto &series = m_d.series[size_t(ser)];
    const double v = size_t(cat) < series.values.size() ? series.values[size_t(cat)] : NAN;
    if (std::isnan(v))
        return {};
    if (m_d.stacked) {
        double start = 0;
        for (int k = 0; k < ser; ++k) {
            const auto &o = m_d.series[size_t(k)];
            if (size_t(cat) < o.values.size() && !std::isnan(o.values[size_t(cat)]))
                start += o.values[size_t(cat)];
        }
        return QRectF(QPointF(x(L, start), bandTop), QPointF(x(L, start + v), bandTop + L.barH));
    }
    const double y = bandTop + ser * L.barH;
    const double x0 = x(L, std::max(L.lo, 0.0)), x1 = x(L, v);
    return QRectF(QPointF(std::min(x0, x1), y + L.barH * 0.08), QPointF(std::max(x0, x1), y + L.barH * 0.92));
}

// Kept whole (~80 lines): measured once, then axes, bars and labels drawn from those measures.
void BarFigure::paint(QPainter &p, const QRectF &rect, const FigureStyle &s) const
{
    const Layout L = layout(rect, s);
    fig::beginFigure(p, s, rect, L.title);
    const double line = fig::lineHeight(s, s.fontPt);
    // Legend.
    p.setFont(fig::font(p, s, s.fontPt * 0.9));
    for (size_t i = 0; i < L.legendItems.size(); ++i) {
        const QRectF &it = L.legendItems[i];
        p.setPen(Qt::NoPen);
        p.setBrush(categoricalColor(int(i)));
        p.drawRect(QRectF(it.left(), it.top() + line * 0.15, line * 0.7, line * 0.7));
        p.setPen(s.foreground);
        fig::drawFitted(p, s, s.fontPt * 0.9,
                        QRectF(it.left() + line * 0.8 + 3, it.top(), std::min(it.width(), rect.right() - it.left() - line * 0.8 - 3), line),
                        Qt::AlignLeft | Qt::AlignVCenter, m_d.series[i].name);
    }
    // Grid and axis.
    const auto tk = fig::ticks(L.lo, L.hi, std::max(3, int(L.plot.width() / (s.fontPt * 6))));
    const double step = tk.size() > 1 ? tk[1] - tk[0] : 1;
    p.setFont(fig::font(p, s, s.fontPt * 0.9));
    for (double t : tk) {
        if (t < L.lo - 1e-9 || t > L.hi + 1e-9)
            continue;
        p.setPen(QPen(s.grid, 0.5));
        p.drawLine(QPointF(x(L, t), L.plot.top()), QPointF(x(L, t), L.plot.bottom()));
        p.setPen(s.foreground);
        p.drawText(QRectF(x(L, t) - 30, L.plot.bottom() + 2, 60, line), Qt::AlignHCenter | Qt::AlignTop, fig::tickLabel(t, step));
    }
    p.setPen(QPen(s.foreground, 0.6));
    p.drawLine(L.plot.bottomLeft(), L.plot.bottomRight());
    p.drawLine(QPointF(x(L, std::max(L.lo, 0.0)), L.plot.top()), QPointF(x(L, std::max(L.lo, 0.0)), L.plot.bottom()));
    if (!m_d.valueLabel.isEmpty()) {
        fig::drawFitted(p, s, s.fontPt, QRectF(L.plot.left(), L.plot.bottom() + line * 1.1, L.plot.width(), line * 1.3), Qt::AlignCenter,
                        m_d.valueLabel);
    }
    // Bars and whiskers.
    for (int c = 0; c < int(m_d.categories.size()); ++c)
        for (int k = 0; k < int(m_d.series.size()); ++k) {
            const QRectF b = barRect(L, c, k);
            if (b.isNull()) {
                if (!m_d.stacked) { // missing (no data, n = 0): a dash where the bar would start, never a bar of 0
                    const double y = L.plot.top() + c * L.bandH + (L.bandH - L.barH * double(m_d.series.size())) / 2 + k * L.barH;
                    p.setPen(s.foreground);
                    p.setFont(fig::font(p, s, s.fontPt * 0.9));
                    p.drawText(QRectF(x(L, std::max(L.lo, 0.0)) + 2, y, line * 2, L.barH), Qt::AlignLeft | Qt::AlignVCenter,
                               QStringLiteral("—"));
                }
                continue;
            }
            const QColor col = m_d.series.size() == 1 && !m_d.stacked ? categoricalColor(0) : categoricalColor(k);
            p.setPen(m_d.stacked ? QPen(s.background, 0.5) : Qt::NoPen);
            p.setBrush(col);
            p.drawRect(b);
            const auto &ser = m_d.series[size_t(k)];
            if (!m_d.stacked && size_t(c) < ser.lo.size() && size_t(c) < ser.hi.size() && !std::isnan(ser.lo[size_t(c)]) &&
                !std::isnan(ser.hi[size_t(c)])) {
                const double y = b.center().y(), cap = std::min(b.height() * 0.35, line * 0.3);
                const double x0 = x(L, ser.lo[size_t(c)]), x1 = x(L, ser.hi[size_t(c)]);
                p.setPen(QPen(s.foreground, 0.8));
                p.drawLine(QPointF(x0, y), QPointF(x1, y));
                p.drawLine(QPointF(x0, y - cap), QPointF(x0, y + cap));
                p.drawLine(QPointF(x1, y - cap), QPointF(x1, y + cap));
            }
        }
    // Reference lines.
    p.setPen(QPen(s.foreground, 0.8, Qt::DashLine));
    for (double r : m_d.refLines)
        p.drawLine(QPointF(x(L, r), L.plot.top()), QPointF(x(L, r), L.plot.bottom()));
    // Category labels.
    p.setPen(s.foreground);
    p.setFont(fig::font(p, s, s.fontPt));
    for (int c = 0; c < int(m_d.categories.size()); ++c) {
        const QRectF box(L.plot.left() - L.labelW, L.plot.top() + c * L.bandH, L.labelW - 4, L.bandH);
        fig::drawFitted(p, s, s.fontPt, box, Qt::AlignRight | Qt::AlignVCenter, m_d.categories[c]);
    }
    p.restore();
}

QString BarFigure::tooltip(int cat, int ser) const
{
    const auto &S = m_d.series[size_t(ser)];
    const double v = size_t(cat) < S.values.size() ? S.values[size_t(cat)] : NAN;
    QString t = QStringLiteral("%1 — %2: %3").arg(m_d.categories[cat], S.name, QString::number(v, 'f', m_d.decimals));
    if (size_t(cat) < S.lo.size() && size_t(cat) < S.hi.size() && !std::isnan(S.lo[size_t(cat)]))
        t += QStringLiteral("\n95% CI [%1, %2]").arg(S.lo[size_t(cat)], 0, 'f', m_d.decimals).arg(S.hi[size_t(cat)], 0, 'f', m_d.decimals);
    if (size_t(cat) < S.n.size())
        t += QStringLiteral("\nn = %1").arg(S.n[size_t(cat)]);
    return t;
}

std::optional<FigureHit> BarFigure::hitTest(const QPointF &pos, const QRectF &rect, const FigureStyle &s) const
{
    const Layout L = layout(rect, s);
    for (int c = 0; c < int(m_d.categories.size()); ++c)
        for (int k = 0; k < int(m_d.series.size()); ++k) {
            const QRectF b = barRect(L, c, k);
            if (!b.isNull() && b.adjusted(-2, -1, 2, 1).contains(pos))
                return FigureHit{c, k, tooltip(c, k)};
        }
    if (pos.y() >= L.plot.top() && pos.y() < L.plot.bottom() && pos.x() < L.plot.left() && L.bandH > 0) {
        const int c = int((pos.y() - L.plot.top()) / L.bandH);
        if (c >= 0 && c < int(m_d.categories.size()) && !m_d.series.empty())
            return FigureHit{c, -1, m_d.categories[c]};
    }
    return std::nullopt;
}

} // namespace ds::ui
