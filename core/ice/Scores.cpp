#include "ice/Scores.h"

#include "ice/IceStore.h"
#include "stats/Bootstrap.h"
#include "store/Store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <set>

namespace ds::ice {
namespace {

struct Tally {
    std::map<int, Cluster> loose, strict, hard; // per template
};

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
    if (cs.size() < 2 && r.n > 0) {
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
    for (const auto &[k, t] : m)
        out.push_back({k, k, rateOf(t.loose, opt), rateOf(t.strict, opt), rateOf(t.hard, opt)});
    return out;
}

} // namespace

const char *ciMethodName(CiMethod m)
{
    return m == CiMethod::Wilson ? "wilson" : "template-bootstrap";
}

IceScores computeScores(const std::vector<IceItem> &items, const std::string &judge, const ScoreOptions &opt)
{
    IceScores s;
    s.judge = judge;
    s.items = static_cast<int64_t>(items.size());
    std::set<std::string> judges;
    Tally all;
    std::map<std::string, Tally> aspect, lang, aspectLang, tmpl;
    std::map<std::string, std::string> tmplLabel;
    for (const IceItem &it : items) {
        for (const auto &l : it.labels)
            judges.insert(l.judge);
        if (it.status != "ok") {
            ++s.responseErrors;
            continue;
        }
        const IceLabel *l = it.label(judge);
        if (l && l->parseStatus != "ok")
            ++s.parseErrors;
        if (!l || !l->loose)
            continue;
        ++s.judged;
        const bool loose = *l->loose;
        const bool strict = loose && l->strict.value_or(false);
        const bool hard = strict && !it.templateNamesVendor;
        if (loose) {
            std::string v = l->vendor;
            if (v.empty())
                for (const auto &o : it.labels)
                    if (!o.vendor.empty() && o.loose.value_or(false)) {
                        v = o.vendor;
                        break;
                    }
            ++s.claimedVendors[v.empty() ? std::string("unspecified") : v];
        }
        const std::string tk = "t" + std::to_string(it.templateIdx);
        tmplLabel[tk] = it.templateText.substr(0, 60);
        for (Tally *t : {&all, &aspect[it.aspect], &lang[it.language], &aspectLang[it.aspect + "/" + it.language], &tmpl[tk]}) {
            auto add = [&](std::map<int, Cluster> &m, bool hit) {
                Cluster &c = m[it.templateIdx];
                c.hits += hit;
                c.n += 1;
            };
            add(t->loose, loose);
            add(t->strict, strict);
            add(t->hard, hard);
        }
    }
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
    // Agreement between every pair of judges, on each label, over items both labelled.
    for (size_t a = 0; a < s.judges.size(); ++a)
        for (size_t b = a + 1; b < s.judges.size(); ++b)
            for (const char *which : {"loose", "strict"}) {
                std::vector<bool> x, y;
                for (const IceItem &it : items) {
                    const IceLabel *la = it.label(s.judges[a]);
                    const IceLabel *lb = it.label(s.judges[b]);
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
                IceAgreement g{s.judges[a], s.judges[b], which, stats::cohenKappa(x, y), 0, static_cast<int64_t>(x.size())};
                int64_t same = 0;
                for (size_t i = 0; i < x.size(); ++i)
                    same += x[i] == y[i];
                g.observed = static_cast<double>(same) / static_cast<double>(x.size());
                s.agreement.push_back(g);
            }
    return s;
}

std::optional<IceScores> scoresForRun(Store &store, int64_t runId, const std::string &judge, std::string *error, const ScoreOptions &opt)
{
    const auto run = store.run(runId);
    if (!run || run->kind != "ice") {
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
