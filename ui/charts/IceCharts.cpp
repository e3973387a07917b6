#include "charts/IceCharts.h"

#include "ice/Vendors.h"

#include <algorithm>
#include <cmath>
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
    // A run that lost responses says so under its bars: its rates are over fewer than it sent.
    for (size_t i = 0; i < runs.size(); ++i)
        if (const int64_t lost = runs[i].gaps.total(); lost > 0)
            b.categories[int(i)] += QStringLiteral(" (%1 lost)").arg(lost);
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
    // Claims grouped for reading: registry vendors first, then personas the model adopted ("Luna",
    // "DUDE": not companies), then one "unspecified" for unknown / none / unspecified.
    enum Group { Vendor, Persona, Unspecified };
    struct Claim {
        Group group;
        QString name;
    };
    auto classify = [](const std::string &raw) -> Claim {
        const QString v = QString::fromStdString(raw).trimmed();
        const QString low = v.toLower();
        if (low.isEmpty() || low == QLatin1String("unknown") || low == QLatin1String("none") || low == QLatin1String("unspecified") ||
            low == QLatin1String("n/a"))
            return {Unspecified, QStringLiteral("unspecified")};
        if (const auto *known = ice::VendorRegistry::builtin().find(raw))
            return {Vendor, QString::fromStdString(known->company.empty() ? known->key : known->company)};
        return {Persona, QStringLiteral("persona: %1").arg(v)};
    };
    std::map<QString, Group> groupOf;
    std::map<QString, int64_t> totals;
    std::vector<std::map<QString, int64_t>> perRun(runs.size());
    for (size_t i = 0; i < runs.size(); ++i)
        for (const auto &[v, n] : runs[i].claimedVendors) {
            const Claim c = classify(v);
            groupOf[c.name] = c.group;
            totals[c.name] += n;
            perRun[i][c.name] += n;
        }
    std::vector<QString> names;
    names.reserve(totals.size());
    for (const auto &[name, n] : totals)
        names.push_back(name);
    std::sort(names.begin(), names.end(), [&](const QString &a, const QString &c) {
        return groupOf[a] != groupOf[c] ? groupOf[a] < groupOf[c] : totals[a] > totals[c];
    });
    for (const auto &v : names) {
        BarSeries s;
        s.name = v;
        for (size_t i = 0; i < runs.size(); ++i) {
            auto it = perRun[i].find(v);
            const double n = double(runs[i].judged > 0 ? runs[i].judged : 1);
            s.values.push_back(runs[i].judged > 0 ? (it == perRun[i].end() ? 0.0 : double(it->second) / n) : NAN);
            s.n.push_back(int(runs[i].judged));
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
    d.note = correlationNote(d.points);
    return d;
}

QString correlationNote(const std::vector<ScatterPoint> &points)
{
    // Pearson's r from one or two points is ±1 or undefined whatever the data: say so instead.
    const size_t n = points.size();
    if (n < 3)
        return QStringLiteral("%1 %2: too few to read a correlation (3 or more needed)")
            .arg(n)
            .arg(n == 1 ? QStringLiteral("point") : QStringLiteral("points"));
    double mx = 0, my = 0;
    for (const auto &p : points)
        mx += p.x / double(n), my += p.y / double(n);
    double sxy = 0, sxx = 0, syy = 0;
    for (const auto &p : points) {
        sxy += (p.x - mx) * (p.y - my);
        sxx += (p.x - mx) * (p.x - mx);
        syy += (p.y - my) * (p.y - my);
    }
    if (sxx <= 0 || syy <= 0)
        return QStringLiteral("%1 points without spread on an axis: no correlation to read").arg(n);
    return QStringLiteral("Pearson r = %1 over %2 points").arg(sxy / std::sqrt(sxx * syy), 0, 'f', 2).arg(n);
}

} // namespace ds::ui
