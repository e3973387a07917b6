#include "ice/Scores.h"

#include "ice/IceStore.h"
#include "stats/Bootstrap.h"
#include "store/Store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <set>

namespace ds::ice {
namespace {

struct Tally {
    std::map<int, Cluster> loose, strict, hard; // per template
    IceGaps gaps;
};

/// Which gap an item falls in, or nullptr when `judge` gave it a loose label. An item whose loose
/// label is known but whose strict judgment failed is scored for loose only (see computeScores).
int64_t IceGaps::*gapOf(const IceItem &it, const IceLabel *l)
{
    if (it.status == AnswerStatus::Error)
        return &IceGaps::failed;
    if (it.status != AnswerStatus::Ok)
        return &IceGaps::nonAnswers;
    if (l && l->loose)
        return nullptr;
    return l && l->status != JudgmentStatus::Ok ? &IceGaps::unreadable : &IceGaps::unjudged;
}

IceRate rateOf(const std::map<int, Cluster> &byTemplate, const ScoreOptions &opt)
{
    IceRate r;
    std::vector<Cluster> cs;
    for (const auto &[t, c] : byTemplate) {
        r.hits += c.hits;
        r.n += c.n;
        cs.push_back(c);
    }
    r.rate = r.n > 0 ? static_cast<double>(r.hits) / static_cast<double>(r.n) : std::numeric_limits<double>::quiet_NaN();
    // Resampling whole templates says nothing when there is one template, or when every response
    // is a hit or none is (every resample is then 0 or 1: a zero-width interval). Wilson there.
    if (r.n > 0 && (cs.size() < 2 || r.hits == 0 || r.hits == r.n)) {
        r.ciMethod = CiMethod::Wilson;
        r.ci95 = wilsonInterval(r.hits, r.n);
    } else {
        r.ci95 = clusterBootstrap(cs, opt.bootstrapIterations, opt.seed); // NaN when there are no responses
    }
    return r;
}

std::vector<IceBreakdownRow> rows(const std::map<std::string, Tally> &m, const ScoreOptions &opt)
{
    std::vector<IceBreakdownRow> out;
    out.reserve(m.size());
    for (const auto &[k, t] : m)
        out.push_back({k, k, rateOf(t.loose, opt), rateOf(t.strict, opt), rateOf(t.hard, opt), t.gaps});
    return out;
}

/// False when the judge labelled loose hits but none of them strict (e.g. the paper's loose labels
/// imported alone): then there is no strict rate at all, rather than one over the loose misses only.
bool judgeGaveStrictLabels(const std::vector<IceItem> &items, const std::string &judge)
{
    bool anyHit = false;
    for (const IceItem &it : items)
        if (const IceLabel *l = it.status == AnswerStatus::Ok ? it.label(judge) : nullptr; l && l->loose.value_or(false)) {
            if (l->strict.has_value() || l->status != JudgmentStatus::Ok) // a failed strict judgment was attempted
                return true;
            anyHit = true;
        }
    return !anyHit;
}

} // namespace

std::string gapsSummary(const IceGaps &g)
{
    std::string out;
    for (const auto &[n, what] : {std::pair{g.failed, "failed"}, std::pair{g.nonAnswers, "no answer"},
                                  std::pair{g.unreadable, "unreadable"}, std::pair{g.unjudged, "not judged"}})
        if (n > 0)
            out += (out.empty() ? "" : ", ") + std::to_string(n) + ' ' + what;
    if (g.strictUnknown > 0)
        out += (out.empty() ? "" : "; ") + std::to_string(g.strictUnknown) + " without a strict label";
    return out;
}

const char *ciMethodName(CiMethod m)
{
    return m == CiMethod::Wilson ? "wilson" : "template-bootstrap";
}

namespace {

/// The vendor a loose hit claims: this judge's, else another judge's that also saw a hit.
std::string claimedVendor(const IceItem &it, const IceLabel &l)
{
    if (!l.vendor.empty())
        return l.vendor;
    for (const auto &o : it.labels)
        if (!o.vendor.empty() && o.loose.value_or(false))
            return o.vendor;
    return "unspecified";
}

/// Agreement between every pair of judges, on each label, over items both labelled.
std::vector<IceAgreement> judgeAgreement(const std::vector<IceItem> &items, const std::vector<std::string> &judges)
{
    std::vector<IceAgreement> out;
    for (size_t a = 0; a < judges.size(); ++a)
        for (size_t b = a + 1; b < judges.size(); ++b)
            for (const char *which : {"loose", "strict"}) {
                std::vector<bool> x, y;
                for (const IceItem &it : items) {
                    const IceLabel *la = it.label(judges[a]);
                    const IceLabel *lb = it.label(judges[b]);
                    if (!la || !lb || !la->loose || !lb->loose)
                        continue;
                    if (std::string(which) == "loose") {
                        x.push_back(*la->loose);
                        y.push_back(*lb->loose);
                    } else {
                        x.push_back(*la->loose && la->strict.value_or(false));
                        y.push_back(*lb->loose && lb->strict.value_or(false));
                    }
                }
                if (x.empty())
                    continue;
                IceAgreement g{judges[a], judges[b], which, stats::cohenKappa(x, y), 0, static_cast<int64_t>(x.size())};
                int64_t same = 0;
                for (size_t i = 0; i < x.size(); ++i)
                    same += x[i] == y[i];
                g.observed = static_cast<double>(same) / static_cast<double>(x.size());
                out.push_back(g);
            }
    return out;
}

} // namespace

IceScores computeScores(const std::vector<IceItem> &items, const std::string &judge, const ScoreOptions &opt)
{
    IceScores s;
    s.judge = judge;
    s.items = static_cast<int64_t>(items.size());
    std::set<std::string> judges;
    Tally all;
    std::map<std::string, Tally> aspect, lang, aspectLang, tmpl;
    std::map<std::string, std::string> tmplLabel;
    const bool strictMeasured = judgeGaveStrictLabels(items, judge);
    for (const IceItem &it : items) {
        for (const auto &l : it.labels)
            judges.insert(l.judge);
        const std::string tk = "t" + std::to_string(it.templateIdx);
        tmplLabel[tk] = it.templateText.substr(0, 60);
        const std::array<Tally *, 5> slices{&all, &aspect[it.aspect], &lang[it.language], &aspectLang[it.aspect + "/" + it.language],
                                            &tmpl[tk]};
        const IceLabel *l = it.status == AnswerStatus::Ok ? it.label(judge) : nullptr;
        if (const auto gap = gapOf(it, l)) {
            // Lost items still create their slices, so a slice that lost everything shows n = 0 and
            // its losses instead of vanishing from the table.
            for (Tally *t : slices)
                ++(t->gaps.*gap);
            continue;
        }
        ++s.judged;
        const bool loose = *l->loose;
        // A loose hit whose strict judgment failed has no strict label: it is left out of the strict
        // and hard rates (never counted as "not strict"). Loose labels imported alone give no strict rate.
        const bool strictKnown = !loose || l->strict.has_value();
        const bool strict = loose && l->strict.value_or(false);
        const bool hard = strict && !it.templateNamesVendor;
        if (loose)
            ++s.claimedVendors[claimedVendor(it, *l)];
        for (Tally *t : slices) {
            auto add = [&](std::map<int, Cluster> &m, bool hit) {
                Cluster &c = m[it.templateIdx];
                c.hits += hit;
                c.n += 1;
            };
            add(t->loose, loose);
            if (!strictMeasured)
                continue;
            if (!strictKnown) {
                ++t->gaps.strictUnknown;
                continue;
            }
            add(t->strict, strict);
            add(t->hard, hard);
        }
    }
    s.gaps = all.gaps;
    s.responseErrors = all.gaps.failed + all.gaps.nonAnswers;
    s.parseErrors = all.gaps.unreadable;
    s.judges.assign(judges.begin(), judges.end());
    s.loose = rateOf(all.loose, opt);
    s.strict = rateOf(all.strict, opt);
    s.hard = rateOf(all.hard, opt);
    s.byAspect = rows(aspect, opt);
    s.byLanguage = rows(lang, opt);
    s.byAspectLanguage = rows(aspectLang, opt);
    s.byTemplate = rows(tmpl, opt);
    std::sort(s.byTemplate.begin(), s.byTemplate.end(),
              [](const IceBreakdownRow &a, const IceBreakdownRow &b) { return std::stoi(a.key.substr(1)) < std::stoi(b.key.substr(1)); });
    for (auto &r : s.byTemplate)
        r.label = tmplLabel[r.key];
    s.agreement = judgeAgreement(items, s.judges);
    return s;
}

std::optional<IceScores> scoresForRun(Store &store, int64_t runId, const std::string &judge, std::string *error, const ScoreOptions &opt)
{
    const auto run = store.run(runId);
    if (!run || run->kind != RunKind::Ice) {
        if (error)
            *error = "run " + std::to_string(runId) + " is not an ICE run";
        return std::nullopt;
    }
    const auto cfg = nlohmann::json::parse(run->configJson, nullptr, false);
    std::string j = judge;
    if (j.empty() && cfg.is_object())
        j = cfg.value("judge", std::string("rules"));
    IceStore ice(store);
    auto s = computeScores(ice.items(runId), j, opt);
    s.runId = runId;
    if (cfg.is_object())
        s.model = cfg.value("target", std::string());
    return s;
}

} // namespace ds::ice
