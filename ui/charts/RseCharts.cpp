#include "charts/RseCharts.h"

#include <algorithm>
#include <map>
#include <set>

namespace ds::ui {

QString aspectName(RseAspect a)
{
    switch (a) {
    case RseAspect::Style:
        return QStringLiteral("style");
    case RseAspect::Logic:
        return QStringLiteral("logic");
    case RseAspect::Content:
        return QStringLiteral("content");
    case RseAspect::Overall:
        break;
    }
    return QStringLiteral("overall");
}

double aspectValue(const rse::RseCell &c, RseAspect a)
{
    if (c.n <= 0)
        return NAN;
    switch (a) {
    case RseAspect::Style:
        return c.style;
    case RseAspect::Logic:
        return c.logic;
    case RseAspect::Content:
        return c.content;
    case RseAspect::Overall:
        break;
    }
    return c.mean;
}

stats::Interval aspectCi(const rse::RseCell &c, RseAspect a)
{
    switch (a) {
    case RseAspect::Style:
        return c.styleCi;
    case RseAspect::Logic:
        return c.logicCi;
    case RseAspect::Content:
        return c.contentCi;
    case RseAspect::Overall:
        break;
    }
    return c.ci95;
}

namespace {

struct ModelScore {
    double value = NAN, lo = NAN, hi = NAN;
};

// Overall per model for an aspect: the unweighted mean of the dataset means (as the paper does);
// the interval averages the bounds like the core's overall summary.
ModelScore modelScore(const rse::RseResults &r, const std::string &model, RseAspect a)
{
    if (a == RseAspect::Overall)
        for (const auto &m : r.models)
            if (m.model == model) {
                bool any = false;
                for (const auto &c : r.cells)
                    any |= c.model == model && c.n > 0;
                return any ? ModelScore{m.overall, m.ci95.lo, m.ci95.hi} : ModelScore{};
            }
    double sum = 0, lo = 0, hi = 0;
    int n = 0;
    for (const auto &c : r.cells)
        if (c.model == model && c.n > 0) {
            sum += aspectValue(c, a);
            lo += aspectCi(c, a).lo;
            hi += aspectCi(c, a).hi;
            ++n;
        }
    return n ? ModelScore{sum / n, lo / n, hi / n} : ModelScore{};
}

QString runLabel(const rse::RseResults &r)
{
    return r.runName.empty() ? QStringLiteral("run %1").arg(r.runId) : QString::fromStdString(r.runName);
}

} // namespace

HeatmapData rseHeatmap(const std::vector<rse::RseResults> &runs, RseAspect aspect, std::vector<RseRowKey> *rowKeys, bool fitToData)
{
    HeatmapData h;
    QStringList references;
    for (const auto &r : runs)
        if (!references.contains(QString::fromStdString(r.config.reference)))
            references << QString::fromStdString(r.config.reference);
    const bool mixedReferences = references.size() > 1;
    h.scaleLabel = fitToData ? QStringLiteral("mean %1 similarity (colours fit to data)").arg(aspectName(aspect))
                             : QStringLiteral("mean %1 similarity (1–5)").arg(aspectName(aspect));
    if (!fitToData)
        h.vmin = 1, h.vmax = 5;
    // Titles name what a reader needs (the reference, the aspect), not internal run names.
    if (runs.size() == 1)
        h.title = QStringLiteral("RSE similarity to %1 — %2").arg(references.value(0), aspectName(aspect));
    else if (mixedReferences)
        h.title = QStringLiteral("RSE %1 — rows against different references (%2)")
                      .arg(aspectName(aspect), references.join(QStringLiteral(", ")));
    else
        h.title = QStringLiteral("RSE similarity to %1 — %2 (%3 runs)").arg(references.value(0), aspectName(aspect)).arg(runs.size());
    std::vector<std::string> datasets;
    for (const auto &r : runs)
        for (const auto &d : r.config.datasets)
            if (std::find(datasets.begin(), datasets.end(), d) == datasets.end())
                datasets.push_back(d);
    for (const auto &d : datasets)
        h.cols << QString::fromStdString(d);
    h.cols << QStringLiteral("Overall");
    h.separatorsBefore = {int(datasets.size())};

    struct Row {
        size_t run;
        std::string model;
        ModelScore overall;
    };
    std::vector<Row> rows;
    for (size_t i = 0; i < runs.size(); ++i)
        for (const auto &m : runs[i].config.tests)
            rows.push_back({i, m, modelScore(runs[i], m, aspect)});
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        const double va = std::isnan(a.overall.value) ? -1 : a.overall.value, vb = std::isnan(b.overall.value) ? -1 : b.overall.value;
        return va > vb;
    });
    for (const auto &row : rows) {
        const auto &r = runs[row.run];
        if (mixedReferences)
            h.rows << QStringLiteral("%1 vs %2 · %3")
                          .arg(QString::fromStdString(row.model), QString::fromStdString(r.config.reference), runLabel(r));
        else
            h.rows << (runs.size() > 1 ? QStringLiteral("%1 · %2").arg(QString::fromStdString(row.model), runLabel(r))
                                       : QString::fromStdString(row.model));
        if (rowKeys)
            rowKeys->push_back({row.run, row.model});
        for (const auto &d : datasets) {
            auto it =
                std::find_if(r.cells.begin(), r.cells.end(), [&](const rse::RseCell &c) { return c.model == row.model && c.dataset == d; });
            if (it == r.cells.end()) {
                h.values.push_back(NAN), h.lo.push_back(NAN), h.hi.push_back(NAN), h.counts.push_back(0);
                continue;
            }
            const double v = aspectValue(*it, aspect);
            h.values.push_back(v);
            h.lo.push_back(std::isnan(v) ? NAN : aspectCi(*it, aspect).lo);
            h.hi.push_back(std::isnan(v) ? NAN : aspectCi(*it, aspect).hi);
            h.counts.push_back(it->n);
        }
        h.values.push_back(row.overall.value);
        h.lo.push_back(row.overall.lo);
        h.hi.push_back(row.overall.hi);
        int n = 0;
        for (const auto &c : r.cells)
            if (c.model == row.model)
                n += c.n;
        h.counts.push_back(n);
    }
    return h;
}

BarData rseBars(const std::vector<rse::RseResults> &runs, RseAspect aspect)
{
    BarData b;
    b.title = QStringLiteral("RSE %1 similarity with 95% CI").arg(aspectName(aspect));
    b.valueLabel = QStringLiteral("mean %1 score (1–5)").arg(aspectName(aspect));
    b.decimals = 2;
    std::vector<std::string> models;
    for (const auto &r : runs)
        for (const auto &m : r.config.tests)
            if (std::find(models.begin(), models.end(), m) == models.end())
                models.push_back(m);
    // Order by the first run's score (best on top).
    std::stable_sort(models.begin(), models.end(), [&](const std::string &a, const std::string &c) {
        const double va = modelScore(runs[0], a, aspect).value, vc = modelScore(runs[0], c, aspect).value;
        return (std::isnan(va) ? -1 : va) > (std::isnan(vc) ? -1 : vc);
    });
    for (const auto &m : models)
        b.categories << QString::fromStdString(m);
    for (const auto &r : runs) {
        BarSeries s;
        s.name = runLabel(r);
        for (const auto &m : models) {
            const bool inRun = std::find(r.config.tests.begin(), r.config.tests.end(), m) != r.config.tests.end();
            const ModelScore ms = inRun ? modelScore(r, m, aspect) : ModelScore{};
            s.values.push_back(ms.value);
            s.lo.push_back(ms.lo);
            s.hi.push_back(ms.hi);
        }
        b.series.push_back(std::move(s));
    }
    b.vmin = 1;
    b.vmax = 5;
    return b;
}

} // namespace ds::ui
