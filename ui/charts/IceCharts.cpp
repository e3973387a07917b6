#include "charts/IceCharts.h"

#ifdef DS_UI_HAVE_ICE
#include <algorithm>
#include <map>
#include <set>

namespace ds::ui {

QString iceMetricName(IceMetric m)
{
    switch (m) {
    case IceMetric::Strict:
        return QStringLiteral("strict");
    case IceMetric::Hard:
        return QStringLiteral("hard");
    case IceMetric::Loose:
        break;
    }
    return QStringLiteral("loose");
}

const ice::IceRate &iceRate(const ice::IceBreakdownRow &r, IceMetric m)
{
    return m == IceMetric::Strict ? r.strict : m == IceMetric::Hard ? r.hard : r.loose;
}

const ice::IceRate &iceRate(const ice::IceScores &s, IceMetric m)
{
    return m == IceMetric::Strict ? s.strict : m == IceMetric::Hard ? s.hard : s.loose;
}

namespace {
QString runLabel(const ice::IceScores &s)
{
    return s.model.empty() ? QStringLiteral("run %1").arg(s.runId) : QString::fromStdString(s.model);
}
QStringList uniqueLabels(const std::vector<ice::IceScores> &runs)
{
    QStringList out;
    for (const auto &r : runs) {
        QString l = runLabel(r);
        if (out.contains(l))
            l += QStringLiteral(" (run %1)").arg(r.runId);
        out << l;
    }
    return out;
}
} // namespace

BarData iceScoreBars(const std::vector<ice::IceScores> &runs)
{
    BarData b;
    b.title = QStringLiteral("ICE identity-conflict rates (95% template-bootstrap CI)");
    b.valueLabel = QStringLiteral("share of responses");
    b.categories = uniqueLabels(runs);
    for (IceMetric m : {IceMetric::Loose, IceMetric::Strict, IceMetric::Hard}) {
        BarSeries s;
        s.name = iceMetricName(m);
        for (const auto &r : runs) {
            const auto &rate = iceRate(r, m);
            s.values.push_back(rate.n > 0 ? rate.rate : NAN);
            s.lo.push_back(rate.n > 0 ? rate.ci95.lo : NAN);
            s.hi.push_back(rate.n > 0 ? rate.ci95.hi : NAN);
            s.n.push_back(int(rate.n));
        }
        b.series.push_back(std::move(s));
    }
    b.vmin = 0;
    return b;
}

HeatmapData iceAspectHeatmap(const std::vector<ice::IceScores> &runs, IceMetric metric)
{
    HeatmapData h;
    h.title = QStringLiteral("ICE %1 rate by aspect × language").arg(iceMetricName(metric));
    h.scaleLabel = QStringLiteral("%1 rate").arg(iceMetricName(metric));
    h.decimals = 3;
    std::vector<std::string> aspects, langs;
    for (const auto &r : runs)
        for (const auto &row : r.byAspectLanguage) {
            const auto slash = row.key.rfind('/');
            const std::string a = row.key.substr(0, slash), l = slash == std::string::npos ? "" : row.key.substr(slash + 1);
            if (std::find(aspects.begin(), aspects.end(), a) == aspects.end())
                aspects.push_back(a);
            if (std::find(langs.begin(), langs.end(), l) == langs.end())
                langs.push_back(l);
        }
    std::sort(langs.begin(), langs.end());
    for (const auto &l : langs)
        h.cols << QString::fromStdString(l.empty() ? "?" : l);
    h.cols << QStringLiteral("all");
    h.separatorsBefore = {int(langs.size())};
    const QStringList labels = uniqueLabels(runs);
    for (size_t i = 0; i < runs.size(); ++i)
        for (const auto &a : aspects) {
            h.rows << (runs.size() > 1 ? QStringLiteral("%1 · %2").arg(labels[int(i)], QString::fromStdString(a))
                                       : QString::fromStdString(a.empty() ? "?" : a));
            auto push = [&](const ice::IceBreakdownRow *row) {
                if (!row || iceRate(*row, metric).n == 0) {
                    h.values.push_back(NAN), h.lo.push_back(NAN), h.hi.push_back(NAN), h.counts.push_back(0);
                    return;
                }
                const auto &rate = iceRate(*row, metric);
                h.values.push_back(rate.rate), h.lo.push_back(rate.ci95.lo), h.hi.push_back(rate.ci95.hi);
                h.counts.push_back(int(rate.n));
            };
            for (const auto &l : langs) {
                const std::string key = a + "/" + l;
                auto it = std::find_if(runs[i].byAspectLanguage.begin(), runs[i].byAspectLanguage.end(),
                                       [&](const ice::IceBreakdownRow &r) { return r.key == key; });
                push(it == runs[i].byAspectLanguage.end() ? nullptr : &*it);
            }
            auto it =
                std::find_if(runs[i].byAspect.begin(), runs[i].byAspect.end(), [&](const ice::IceBreakdownRow &r) { return r.key == a; });
            push(it == runs[i].byAspect.end() ? nullptr : &*it);
        }
    h.vmin = 0;
    return h;
}

BarData iceVendorBars(const std::vector<ice::IceScores> &runs)
{
    BarData b;
    b.title = QStringLiteral("Claimed identity in conflicting responses");
    b.valueLabel = QStringLiteral("share of judged responses");
    b.stacked = true;
    b.categories = uniqueLabels(runs);
    std::map<std::string, int64_t> totals;
    for (const auto &r : runs)
        for (const auto &[v, n] : r.claimedVendors)
            totals[v] += n;
    std::vector<std::string> vendors;
    for (const auto &[v, n] : totals)
        vendors.push_back(v);
    std::sort(vendors.begin(), vendors.end(), [&](const std::string &a, const std::string &c) { return totals[a] > totals[c]; });
    for (const auto &v : vendors) {
        BarSeries s;
        s.name = QString::fromStdString(v);
        for (const auto &r : runs) {
            auto it = r.claimedVendors.find(v);
            const double n = double(r.judged > 0 ? r.judged : 1);
            s.values.push_back(it == r.claimedVendors.end() ? 0.0 : double(it->second) / n);
            s.n.push_back(int(r.judged));
        }
        b.series.push_back(std::move(s));
    }
    b.vmin = 0;
    return b;
}

ScatterData iceVsRse(const std::vector<ice::IceScores> &ice, const std::vector<rse::RseResults> &rse, IceMetric metric)
{
    ScatterData d;
    d.title = QStringLiteral("ICE %1 rate vs RSE similarity").arg(iceMetricName(metric));
    d.xLabel = QStringLiteral("RSE overall (1–5)");
    d.yLabel = QStringLiteral("ICE %1 rate").arg(iceMetricName(metric));
    for (const auto &s : ice)
        for (size_t k = 0; k < rse.size(); ++k)
            for (const auto &m : rse[k].models)
                if (m.model == s.model) {
                    ScatterPoint p;
                    p.label = QString::fromStdString(s.model);
                    p.x = m.overall, p.xlo = m.ci95.lo, p.xhi = m.ci95.hi;
                    const auto &r = iceRate(s, metric);
                    p.y = r.rate, p.ylo = r.ci95.lo, p.yhi = r.ci95.hi;
                    p.group = int(k);
                    d.points.push_back(p);
                }
    return d;
}

} // namespace ds::ui
#endif
