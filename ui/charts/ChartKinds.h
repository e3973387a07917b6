#pragma once
// The named chart kinds shared by the CLI (`chart --kind ...`), the results pages and "Export all
// figures": load the data of some runs (any thread: uses the store's per-thread reader), then build
// a Figure from those value types.
#include "charts/Figure.h"
#include "charts/RseCharts.h"
#include "ice/Scores.h"
#include "util/Types.h"

#include <QStringList>
#include <optional>
#include <vector>

namespace ds {
class Store;
}

namespace ds::ui {

/// The data behind charts of a set of runs.
struct ChartInputs {
    std::vector<rse::RseResults> rse;
    std::vector<ice::IceScores> ice;
};

struct ChartOptions {
    QString kind; ///< one of chartKinds()
    RseAspect aspect = RseAspect::Overall;
    QString iceMetric = QStringLiteral("loose"); ///< loose|strict|hard
};

struct ChartKindInfo {
    QString name;
    QString description;
    bool needsRse = false, needsIce = false;
};
const std::vector<ChartKindInfo> &chartKinds();
QStringList chartKindNames();

/// Resolves run ids or names and computes their results (RSE and/or ICE). Thread-safe.
std::optional<ChartInputs> loadChartInputs(Store &store, const QStringList &runs, QString *error);
std::optional<ChartInputs> loadChartInputs(Store &store, const std::vector<RunInfo> &runs, QString *error);
/// Builds the figure of `options.kind`; nullptr + *error when the inputs do not fit the kind.
FigurePtr makeFigure(const ChartInputs &in, const ChartOptions &options, QString *error);
/// The kinds that make sense for these inputs (for "Export all figures").
QStringList applicableKinds(const ChartInputs &in);

} // namespace ds::ui
