#pragma once
// Colour maps for figures: colour-blind-safe sequential (viridis, cividis, magma, greys), diverging
// (puor, rdbu: centred on a neutral light colour) and the Okabe-Ito categorical set.
#include <QColor>
#include <QString>
#include <QStringList>
#include <vector>

namespace ds::ui {

class ColorMap {
public:
    /// Named map; unknown names fall back to viridis (sequential) or puor (diverging).
    static ColorMap sequential(const QString &name = QStringLiteral("viridis"));
    static ColorMap diverging(const QString &name = QStringLiteral("puor"));
    /// Sequential names first, then diverging ones.
    static QStringList names();
    static bool isDiverging(const QString &name);
    static bool isKnown(const QString &name);

    /// t in [0, 1] (clamped); NaN gives a neutral grey.
    QColor at(double t) const;
    QString name() const { return m_name; }
    bool divergent() const { return m_diverging; }

private:
    QString m_name;
    bool m_diverging = false;
    std::vector<QColor> m_stops; // evenly spaced
};

/// Okabe-Ito colours (safe for the common colour-vision deficiencies), cycled.
QColor categoricalColor(int index);
/// Black or white, whichever reads better on `background`.
QColor contrastingText(const QColor &background);

} // namespace ds::ui
