#include "charts/ChartKinds.h"

#include "charts/BarFigure.h"
#include "charts/HeatmapFigure.h"
#include "charts/IceCharts.h"
#include "charts/ScatterFigure.h"
#include "store/Store.h"

#include <algorithm>

namespace ds::ui {

const std::vector<ChartKindInfo> &chartKinds()
{
    static const std::vector<ChartKindInfo> kinds = {
        {QStringLiteral("rse-heatmap"), QStringLiteral("RSE: models x datasets (+ overall) heatmap with 95% CIs"), true, false},
        {QStringLiteral("rse-bars"), QStringLiteral("RSE: overall score per model with 95% whiskers"), true, false},
        {QStringLiteral("ice-scores"), QStringLiteral("ICE: loose / strict / hard rates with 95% whiskers"), false, true},
        {QStringLiteral("ice-aspects"), QStringLiteral("ICE: aspect x language heatmap"), false, true},
        {QStringLiteral("ice-vendors"), QStringLiteral("ICE: claimed vendors, stacked shares"), false, true},
        {QStringLiteral("ice-vs-rse"), QStringLiteral("ICE rate vs RSE overall scatter (give ICE and RSE runs)"), true, true},
    };
    return kinds;
}

QStringList chartKindNames()
{
    QStringList out;
    for (const auto &k : chartKinds())
        out << k.name;
    return out;
}

std::optional<ChartInputs> loadChartInputs(Store &store, const QStringList &runs, QString *error)
{
    std::vector<RunInfo> infos;
    for (const QString &r : runs) {
        auto info = store.run(r.toStdString());
        if (!info) {
            if (error)
                *error = QStringLiteral("no run '%1'").arg(r);
            return std::nullopt;
        }
        infos.push_back(*info);
    }
    return loadChartInputs(store, infos, error);
}

std::optional<ChartInputs> loadChartInputs(Store &store, const std::vector<RunInfo> &runs, QString *error)
{
    ChartInputs in;
    for (const auto &run : runs) {
        std::string err;
        if (run.kind == RunKind::Rse) {
            auto r = rse::computeResults(store, run.id, &err);
            if (!r) {
                if (error)
                    *error = QStringLiteral("run %1: %2").arg(run.id).arg(QString::fromStdString(err));
                return std::nullopt;
            }
            in.rse.push_back(std::move(*r));
        } else if (run.kind == RunKind::Ice) {
            auto s = ice::scoresForRun(store, run.id, "", &err);
            if (!s) {
                if (error)
                    *error = QStringLiteral("run %1: %2").arg(run.id).arg(QString::fromStdString(err));
                return std::nullopt;
            }
            in.ice.push_back(std::move(*s));
        } else {
            if (error)
                *error =
                    QStringLiteral("run %1 has kind '%2', which has no charts").arg(run.id).arg(QString::fromLatin1(runKindName(run.kind)));
            return std::nullopt;
        }
    }
    return in;
}

FigurePtr makeFigure(const ChartInputs &in, const ChartOptions &o, QString *error)
{
    auto fail = [&](const QString &e) -> FigurePtr {
        if (error)
            *error = e;
        return nullptr;
    };
    const auto it = std::find_if(chartKinds().begin(), chartKinds().end(), [&](const ChartKindInfo &k) { return k.name == o.kind; });
    if (it == chartKinds().end())
        return fail(QStringLiteral("unknown chart kind '%1' (one of: %2)").arg(o.kind, chartKindNames().join(QStringLiteral(", "))));
    if (it->needsRse && in.rse.empty())
        return fail(QStringLiteral("%1 needs at least one RSE run").arg(o.kind));
    if (it->needsIce && in.ice.empty())
        return fail(QStringLiteral("%1 needs at least one ICE run").arg(o.kind));
    if (o.kind == QLatin1String("rse-heatmap"))
        return std::make_shared<HeatmapFigure>(rseHeatmap(in.rse, o.aspect));
    if (o.kind == QLatin1String("rse-bars"))
        return std::make_shared<BarFigure>(rseBars(in.rse, o.aspect));
    const IceMetric metric = o.iceMetric == QLatin1String("strict") ? IceMetric::Strict
                             : o.iceMetric == QLatin1String("hard") ? IceMetric::Hard
                                                                    : IceMetric::Loose;
    if (o.kind == QLatin1String("ice-scores"))
        return std::make_shared<BarFigure>(iceScoreBars(in.ice));
    if (o.kind == QLatin1String("ice-aspects"))
        return std::make_shared<HeatmapFigure>(iceAspectHeatmap(in.ice, metric));
    if (o.kind == QLatin1String("ice-vendors"))
        return std::make_shared<BarFigure>(iceVendorBars(in.ice));
    if (o.kind == QLatin1String("ice-vs-rse")) {
        ScatterData d = iceVsRse(in.ice, in.rse, metric);
        if (d.points.empty())
            return fail(QStringLiteral("ice-vs-rse: no model appears in both the ICE and the RSE runs"));
        return std::make_shared<ScatterFigure>(std::move(d));
    }
    // Reached only if chartKinds() lists a kind this function does not build.
    return fail(QStringLiteral("chart kind %1 has no figure builder").arg(o.kind));
}

QStringList applicableKinds(const ChartInputs &in)
{
    QStringList out;
    for (const auto &k : chartKinds())
        if ((!k.needsRse || !in.rse.empty()) && (!k.needsIce || !in.ice.empty()))
            out << k.name;
    return out;
}

} // namespace ds::ui
