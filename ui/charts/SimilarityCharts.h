#pragma once
// Similarity figures from core/similarity value types: the model x model matrix in clustering order
// and the 2-D MDS map.
#include "charts/HeatmapFigure.h"
#include "charts/ScatterFigure.h"
#include "similarity/Similarity.h"

namespace ds::ui {

HeatmapData similarityHeatmap(const similarity::SimilarityMatrix &m, const QString &dataset);
ScatterData similarityMds(const similarity::SimilarityMatrix &m, const QString &dataset);

} // namespace ds::ui
