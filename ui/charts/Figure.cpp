#include "charts/Figure.h"
#include "charts/Palette.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QPaintDevice>
#include <QPainter>
#include <QPalette>
#include <cmath>

namespace ds::ui {

FigureStyle FigureStyle::print(double fontPt, const QString &palette)
{
    FigureStyle s;
    s.fontPt = fontPt;
    s.palette = palette;
    if (ColorMap::isDiverging(palette))
        s.divergingPalette = palette;
    return s;
}

FigureStyle FigureStyle::fromPalette(const QPalette &pal, double fontPt)
{
    FigureStyle s;
    s.fontPt = fontPt;
    s.foreground = pal.color(QPalette::WindowText);
    s.background = pal.color(QPalette::Base);
    const bool dark = s.background.lightnessF() < 0.5;
    s.grid = dark ? QColor(0x55, 0x55, 0x55) : QColor(0xd8, 0xd8, 0xd8);
    return s;
}

namespace fig {

namespace {
// Measuring happens on a 72 dpi image so that one pixel is one point.
const QPaintDevice *measureDevice()
{
    static QImage img = [] {
        QImage i(1, 1, QImage::Format_ARGB32);
        i.setDotsPerMeterX(int(std::lround(72 / 0.0254)));
        i.setDotsPerMeterY(int(std::lround(72 / 0.0254)));
        return i;
    }();
    return &img;
}

QFont baseFont(const FigureStyle &s, bool bold)
{
    QFont f = s.fontFamily.isEmpty() ? QGuiApplication::font() : QFont(s.fontFamily);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setStyleStrategy(QFont::PreferAntialias);
    f.setBold(bold);
    return f;
}
} // namespace

QFont font(const QPainter &p, const FigureStyle &s, double pt, bool bold)
{
    QFont f = baseFont(s, bold);
    const int dpi = p.device() ? p.device()->logicalDpiY() : 72;
    f.setPointSizeF(std::max(0.5, pt * 72.0 / double(dpi > 0 ? dpi : 72)));
    return f;
}

QFont measureFont(const FigureStyle &s, double pt, bool bold)
{
    QFont f = baseFont(s, bold);
    f.setPointSizeF(std::max(0.5, pt * 72.0 / double(measureDevice()->logicalDpiY())));
    return f;
}

double textWidth(const FigureStyle &s, double pt, const QString &text, bool bold)
{
    return QFontMetricsF(measureFont(s, pt, bold), measureDevice()).horizontalAdvance(text);
}

double lineHeight(const FigureStyle &s, double pt)
{
    return QFontMetricsF(measureFont(s, pt), measureDevice()).height();
}

QString elide(const FigureStyle &s, double pt, const QString &text, double widthPt)
{
    return QFontMetricsF(measureFont(s, pt), measureDevice()).elidedText(text, Qt::ElideMiddle, std::max(0.0, widthPt));
}

QString elideRight(const FigureStyle &s, double pt, const QString &text, double widthPt)
{
    return QFontMetricsF(measureFont(s, pt), measureDevice()).elidedText(text, Qt::ElideRight, std::max(0.0, widthPt));
}

std::vector<double> ticks(double lo, double hi, int maxTicks)
{
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi))
        return {lo};
    const int most = std::max(4, maxTicks);
    auto ticksFor = [&](double step) {
        std::vector<double> out;
        for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
            out.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
        return out;
    };
    // Nice steps from coarse to fine: the coarsest with at least 4 ticks and at most `most`.
    const double mag = std::pow(10.0, std::floor(std::log10(hi - lo)));
    std::vector<double> best;
    for (double m : {10.0, 5.0, 2.5, 2.0, 1.0, 0.5, 0.25, 0.2, 0.1, 0.05, 0.025, 0.02, 0.01}) {
        std::vector<double> t = ticksFor(m * mag);
        if (int(t.size()) > most)
            break;
        best = std::move(t);
        if (best.size() >= 4)
            break;
    }
    return best.empty() ? std::vector<double>{lo, hi} : best;
}

double fittedPt(const FigureStyle &s, double pt, const QString &text, double widthPt, double minFactor, bool bold)
{
    // Unhinted text width is close to proportional to the size: one measurement gives the size,
    // a second confirms it (redraws of 60-row heatmaps measure every label).
    const double full = textWidth(s, pt, text, bold);
    if (full <= widthPt)
        return pt;
    double size = std::max(pt * minFactor, pt * widthPt / full);
    while (size > pt * minFactor && textWidth(s, size, text, bold) > widthPt)
        size = std::max(pt * minFactor, size - pt * 0.025);
    return size;
}

TitleBlock fitTitle(const FigureStyle &s, const QString &title, double widthPt)
{
    TitleBlock t;
    if (title.isEmpty())
        return t;
    const double full = s.fontPt + 1;
    t.pt = fittedPt(s, full, title, widthPt, 0.8, true);
    if (textWidth(s, t.pt, title, true) <= widthPt) {
        t.lines << title;
    } else { // two lines, split at the last word boundary that lets the first line fit
        const QStringList words = title.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QString first;
        int used = 0;
        for (; used < words.size(); ++used) {
            const QString next = first.isEmpty() ? words[used] : first + QLatin1Char(' ') + words[used];
            if (!first.isEmpty() && textWidth(s, t.pt, next, true) > widthPt)
                break;
            first = next;
        }
        const QString rest = words.mid(used).join(QLatin1Char(' '));
        const QFontMetricsF fm(measureFont(s, t.pt, true), measureDevice());
        t.lines << fm.elidedText(first, Qt::ElideRight, widthPt);
        if (!rest.isEmpty())
            t.lines << fm.elidedText(rest, Qt::ElideRight, widthPt);
    }
    t.height = lineHeight(s, t.pt) * double(t.lines.size()) + lineHeight(s, t.pt) * 0.3;
    return t;
}

void drawTitle(QPainter &p, const FigureStyle &s, const QPointF &topLeft, double widthPt, const TitleBlock &t)
{
    p.setPen(s.foreground);
    p.setFont(font(p, s, t.pt, true));
    const double lh = lineHeight(s, t.pt);
    for (int i = 0; i < t.lines.size(); ++i)
        p.drawText(QRectF(topLeft.x(), topLeft.y() + i * lh, widthPt, lh), Qt::AlignLeft | Qt::AlignVCenter, t.lines[i]);
}

void beginFigure(QPainter &p, const FigureStyle &s, const QRectF &rect, const TitleBlock &title)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(rect, s.background);
    drawTitle(p, s, QPointF(rect.left() + s.fontPt * 0.6, rect.top() + s.fontPt * 0.4), rect.width() - 1.2 * s.fontPt, title);
}

void drawFitted(QPainter &p, const FigureStyle &s, double pt, const QRectF &box, int flags, const QString &text)
{
    const double size = fittedPt(s, pt, text, box.width(), 0.7);
    p.setFont(font(p, s, size));
    if (size > pt * 0.7) // it fits at this size: no eliding to measure
        p.drawText(box, flags, text);
    else
        p.drawText(box, flags, QFontMetricsF(measureFont(s, size), measureDevice()).elidedText(text, Qt::ElideRight, box.width()));
}

QString tickLabel(double v, double step)
{
    int decimals = 0;
    if (step > 0 && step < 1)
        decimals = std::min(4, int(std::ceil(-std::log10(step) - 1e-9)) +
                                   (std::fmod(step * std::pow(10, std::ceil(-std::log10(step))), 1.0) > 1e-6 ? 1 : 0));
    return QString::number(v, 'f', decimals);
}

} // namespace fig
} // namespace ds::ui
