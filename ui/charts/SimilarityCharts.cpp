#include "charts/SimilarityCharts.h"

#include <numeric>

namespace ds::ui {

HeatmapData similarityHeatmap(const similarity::SimilarityMatrix &m, const QString &dataset)
{
    HeatmapData h;
    const QString metric = QString::fromStdString(similarity::metricName(m.metric));
    h.title = QStringLiteral("Similarity (%1) on %2 — %3 prompts").arg(metric, dataset).arg(m.prompts);
    h.scaleLabel = QStringLiteral("%1 similarity").arg(metric);
    h.square = true;
    h.decimals = 2;
    h.selfDiagonal = true;
    std::vector<int> order = m.order;
    if (order.size() != m.models.size()) {
        order.resize(m.models.size());
        std::iota(order.begin(), order.end(), 0);
    }
    for (int i : order)
        h.rows << QString::fromStdString(m.models[size_t(i)]);
    h.cols = h.rows;
    double lo = INFINITY, hi = -INFINITY;
    for (int i : order)
        for (int j : order) {
            const double v = m.matrix[size_t(i)][size_t(j)];
            h.values.push_back(i == j ? NAN : v); // the diagonal (self) would stretch the scale
            if (i != j)
                lo = std::min(lo, v), hi = std::max(hi, v);
        }
    if (std::isfinite(lo))
        h.vmin = lo, h.vmax = hi;
    return h;
}

ScatterData similarityMds(const similarity::SimilarityMatrix &m, const QString &dataset)
{
    ScatterData d;
    d.title = QStringLiteral("MDS map (%1) on %2").arg(QString::fromStdString(similarity::metricName(m.metric)), dataset);
    d.equalAspect = true;
    for (size_t i = 0; i < m.models.size() && i < m.mds.size(); ++i) {
        ScatterPoint p;
        p.label = QString::fromStdString(m.models[i]);
        p.x = m.mds[i].first;
        p.y = m.mds[i].second;
        d.points.push_back(p);
    }
    return d;
}

} // namespace ds::ui
