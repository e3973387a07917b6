#pragma once
// Heatmap data for the figure tests and the UI benchmark: large matrices of long labels, the case
// the layout and the drawing time have to hold up in.
#include "charts/HeatmapFigure.h"

#include <cmath>

namespace ds::test {

/// An n x n model-by-model matrix titled `title`: rows and columns "model-with-a-long-name-i", a smooth
/// pattern of values in [-1, 1] and no value on the diagonal (NaN).
inline ui::HeatmapData longNamesHeatmap(int n, const QString &title)
{
    ui::HeatmapData h;
    h.title = title;
    h.square = true;
    for (int i = 0; i < n; ++i)
        h.rows << QStringLiteral("model-with-a-long-name-%1").arg(i);
    h.cols = h.rows;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            h.values.push_back(i == j ? NAN : std::sin(i * 0.3) * std::cos(j * 0.2));
    return h;
}

} // namespace ds::test
