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

std::vector<double> ticks(double lo, double hi, int maxTicks)
{
    std::vector<double> out;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi))
        return {lo};
    const double raw = (hi - lo) / std::max(1, maxTicks - 1);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
        out.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    return out;
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
