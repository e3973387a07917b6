#include "charts/Palette.h"

#include <algorithm>
#include <cmath>

namespace ds::ui {
namespace {

std::vector<QColor> stops(std::initializer_list<const char *> hex)
{
    std::vector<QColor> out;
    for (const char *h : hex)
        out.emplace_back(QColor::fromString(QLatin1String(h)));
    return out;
}

// Samples of the matplotlib maps at evenly spaced points (linear interpolation in between).
const std::vector<QColor> &viridis()
{
    static const auto v =
        stops({"#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c", "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725"});
    return v;
}
const std::vector<QColor> &cividis()
{
    static const auto v =
        stops({"#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8779", "#a69d75", "#c4b56c", "#e4cf5b", "#fee838"});
    return v;
}
const std::vector<QColor> &magma()
{
    static const auto v =
        stops({"#000004", "#180f3d", "#440f76", "#721f81", "#9e2f7f", "#cd4071", "#f1605d", "#fd9668", "#feca8d", "#fcfdbf"});
    return v;
}
const std::vector<QColor> &greys()
{
    static const auto v = stops({"#ffffff", "#d9d9d9", "#969696", "#525252", "#000000"});
    return v;
}
const std::vector<QColor> &puor()
{
    static const auto v =
        stops({"#2d004b", "#542788", "#8073ac", "#b2abd2", "#d8daeb", "#f7f7f7", "#fee0b6", "#fdb863", "#e08214", "#b35806", "#7f3b08"});
    return v;
}
const std::vector<QColor> &rdbu()
{
    static const auto v =
        stops({"#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"});
    return v;
}

} // namespace

ColorMap ColorMap::sequential(const QString &name)
{
    const QString n = name.toLower();
    if (isDiverging(n))
        return diverging(n);
    ColorMap m;
    m.m_name = n;
    if (n == QLatin1String("cividis"))
        m.m_stops = cividis();
    else if (n == QLatin1String("magma"))
        m.m_stops = magma();
    else if (n == QLatin1String("greys"))
        m.m_stops = greys();
    else {
        m.m_stops = viridis();
        m.m_name = QStringLiteral("viridis");
    }
    return m;
}

ColorMap ColorMap::diverging(const QString &name)
{
    ColorMap m;
    m.m_diverging = true;
    const QString n = name.toLower();
    if (n == QLatin1String("rdbu")) {
        m.m_stops = rdbu();
        m.m_name = n;
    } else {
        m.m_stops = puor();
        m.m_name = QStringLiteral("puor");
    }
    return m;
}

QStringList ColorMap::names()
{
    return {QStringLiteral("viridis"), QStringLiteral("cividis"), QStringLiteral("magma"),
            QStringLiteral("greys"),   QStringLiteral("puor"),    QStringLiteral("rdbu")};
}

bool ColorMap::isDiverging(const QString &name)
{
    return name.compare(QLatin1String("puor"), Qt::CaseInsensitive) == 0 || name.compare(QLatin1String("rdbu"), Qt::CaseInsensitive) == 0;
}

bool ColorMap::isKnown(const QString &name)
{
    return names().contains(name.toLower());
}

QColor ColorMap::at(double t) const
{
    if (std::isnan(t) || m_stops.empty())
        return QColor(0xbd, 0xbd, 0xbd);
    t = std::clamp(t, 0.0, 1.0) * double(m_stops.size() - 1);
    const int i = std::min(int(t), int(m_stops.size()) - 2);
    const double f = t - i;
    const QColor &a = m_stops[size_t(i)], &b = m_stops[size_t(i) + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f), float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

QColor categoricalColor(int index)
{
    static const auto okabeIto = stops({"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"});
    return okabeIto[size_t(std::abs(index)) % okabeIto.size()];
}

QColor contrastingText(const QColor &bg)
{
    auto lin = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const double l = 0.2126 * lin(bg.redF()) + 0.7152 * lin(bg.greenF()) + 0.0722 * lin(bg.blueF());
    return l > 0.179 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace ds::ui
