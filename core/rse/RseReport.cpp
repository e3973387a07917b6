#include "rse/RseReport.h"

#include "rse/JudgePrompt.h"
#include "store/Store.h"
#include "util/Latex.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

namespace ds::rse {

namespace {

struct PromptAgg {
    double sum = 0, style = 0, logic = 0, content = 0;
    int count = 0;
    double rt = 0, tr = 0;
    int nrt = 0, ntr = 0;
};

constexpr int kFlaggedItemsShown = 20;

/// A number for a table; `missing` when it is undefined (NaN): a cell without data is never 0.
std::string fmt(double v, int prec = 3, const char *missing = "")
{
    if (std::isnan(v))
        return missing;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", prec, v);
    return buf;
}

nlohmann::json number(double v)
{
    return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

nlohmann::json interval(const stats::Interval &i)
{
    return i.defined() ? nlohmann::json::array({i.lo, i.hi}) : nlohmann::json();
}

} // namespace

namespace {

using CellKey = std::pair<std::string, std::string>; ///< (test model, dataset)

/// The run judge's verdicts, per cell: scored ones per prompt, the others counted as losses.
struct JudgmentTally {
    std::map<CellKey, std::map<int64_t, PromptAgg>> perPrompt;
    std::map<CellKey, RseCell> cells; ///< loss counters only, so far
    std::map<CellKey, std::set<int64_t>> flaggedPrompts;
};

JudgmentTally tallyJudgments(const std::vector<Judgment> &judgments, const std::string &judge, RseResults &res)
{
    JudgmentTally t;
    for (const auto &j : judgments) {
        if (j.judgeModel != judge)
            continue;
        const CellKey key{j.testModel, j.dataset};
        auto &cell = t.cells[key];
        if (j.flagged) {
            cell.flagged++;
            t.flaggedPrompts[key].insert(j.promptId);
        }
        if (!scored(j.status) || !j.overall) {
            cell.judgeErrors++;
            if (j.status == JudgmentStatus::RequestFailed) {
                cell.judgeFailures++;
                res.errors["judge_request"]++;
            } else {
                cell.excluded++;
                res.errors["judge_parse"]++;
            }
            continue;
        }
        auto &pa = t.perPrompt[key][j.promptId];
        pa.sum += *j.overall;
        pa.style += j.style.value_or(0);
        pa.logic += j.logic.value_or(0);
        pa.content += j.content.value_or(0);
        pa.count++;
        if (j.order == JudgeOrder::ReferenceFirst) {
            pa.rt += *j.overall;
            pa.nrt++;
        } else {
            pa.tr += *j.overall;
            pa.ntr++;
        }
    }
    return t;
}

/// One cell before its intervals: per-prompt scores (mean over the judged orders) and its means.
struct CellWork {
    RseCell cell;
    std::vector<double> overall, style, logic, content;
};

CellWork buildCell(Store &store, const std::string &model, const std::string &dataset, JudgmentTally &t, RseResults &res)
{
    CellWork w;
    RseCell &cell = w.cell;
    cell = t.cells[{model, dataset}];
    cell.model = model;
    cell.dataset = dataset;
    double gap = 0;
    int gapN = 0;
    for (const auto &[pid, pa] : t.perPrompt[{model, dataset}]) {
        w.overall.push_back(pa.sum / pa.count);
        w.style.push_back(pa.style / pa.count);
        w.logic.push_back(pa.logic / pa.count);
        w.content.push_back(pa.content / pa.count);
        if (pa.nrt && pa.ntr) {
            gap += pa.rt / pa.nrt - pa.tr / pa.ntr;
            gapN++;
        }
    }
    cell.n = int(w.overall.size());
    cell.mean = stats::mean(w.overall);
    cell.style = stats::mean(w.style);
    cell.logic = stats::mean(w.logic);
    cell.content = stats::mean(w.content);
    if (gapN)
        cell.swapGap = gap / gapN;
    if (auto info = store.dataset(dataset)) {
        // Pairs, not answers: the reference and the test model may miss different prompts.
        const int64_t answered = store.pairedAnswerCount(res.config.reference, model, info->id);
        cell.answerErrors = int(info->promptCount - answered);
        res.errors["answers_missing"] += cell.answerErrors;
    }
    if (cell.flagged)
        res.errors["flagged"] += cell.flagged;
    for (int64_t pid : t.flaggedPrompts[{model, dataset}]) {
        if (int(cell.flaggedItems.size()) >= kFlaggedItemsShown)
            break;
        const auto prompt = store.prompt(pid);
        for (const auto &[who, text] : store.answersToPrompt(pid, {res.config.reference, model}))
            if (std::string excerpt = judgeDirectedExcerpt(text); !excerpt.empty())
                cell.flaggedItems.push_back({prompt ? prompt->idx : 0, who, std::move(excerpt)});
    }
    return w;
}

/// The bootstrap dominates on large runs; cells are independent (each has its own seeds, so the
/// intervals do not depend on the scheduling). Own threads rather than the global Qt pool: callers
/// run this on a pool thread, and blocking there on more pool work can starve the pool.
void bootstrapCells(std::vector<CellWork> &work, uint64_t seed)
{
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i; (i = next.fetch_add(1)) < work.size();) {
            CellWork &w = work[i];
            const auto cis = stats::bootstrapMeanCis({&w.overall, &w.style, &w.logic, &w.content}, 2000, seed);
            w.cell.ci95 = cis[0];
            w.cell.styleCi = cis[1];
            w.cell.logicCi = cis[2];
            w.cell.contentCi = cis[3];
        }
    };
    const size_t helpers = std::min<size_t>(work.size(), std::max(1u, std::thread::hardware_concurrency())) - (work.empty() ? 0 : 1);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < helpers; ++t)
        threads.emplace_back(worker);
    worker();
    for (auto &t : threads)
        t.join();
}

RseModelSummary summarise(const std::string &model, const std::vector<RseCell> &cells)
{
    RseModelSummary s;
    s.model = model;
    std::vector<double> means, los, his;
    for (const auto &c : cells) {
        if (c.model != model)
            continue;
        ++s.datasets;
        if (c.n > 0) {
            ++s.datasetsScored;
            means.push_back(c.mean);
            los.push_back(c.ci95.lo);
            his.push_back(c.ci95.hi);
        }
    }
    if (s.scored()) {
        s.overall = stats::mean(means);
        // Datasets are independent samples: the interval of an unweighted mean of means is
        // approximated by averaging the bounds (conservative for > 1 dataset); undefined as soon
        // as one dataset's interval is.
        s.ci95 = {stats::mean(los), stats::mean(his)};
    } else {
        s.overall = std::numeric_limits<double>::quiet_NaN();
    }
    return s;
}

} // namespace

std::optional<RseResults> computeResults(Store &store, int64_t runId, std::string *error)
{
    const auto run = store.run(runId);
    if (!run) {
        if (error)
            *error = "no run " + std::to_string(runId);
        return std::nullopt;
    }
    RseResults res;
    res.runId = runId;
    res.runName = run->name;
    res.status = run->status;
    if (auto e = RseConfig::fromJson(run->configJson, res.config); !e.empty()) {
        if (error)
            *error = e;
        return std::nullopt;
    }
    JudgmentTally tally = tallyJudgments(store.judgmentScores(runId), res.config.judge, res);
    std::vector<CellWork> work;
    for (const auto &ds : res.config.datasets)
        for (const auto &model : res.config.tests)
            work.push_back(buildCell(store, model, ds, tally, res));
    bootstrapCells(work, 0x5253450000000000ull ^ uint64_t(runId));
    for (auto &w : work)
        res.cells.push_back(std::move(w.cell));
    for (const auto &model : res.config.tests)
        res.models.push_back(summarise(model, res.cells));
    return res;
}

std::vector<RsePromptScore> promptScores(Store &store, int64_t runId, const std::string &model, const std::string &dataset)
{
    std::vector<RsePromptScore> out;
    const auto run = store.run(runId);
    RseConfig cfg;
    if (!run || !RseConfig::fromJson(run->configJson, cfg).empty())
        return out;
    std::map<int64_t, RsePromptScore> byPrompt;
    // Per prompt: (sum, count) of overall, style, logic, content over the scored orders.
    std::map<int64_t, std::array<std::pair<double, int>, 4>> sums;
    for (const auto &j : store.judgmentsOf(runId, model, dataset)) {
        if (j.judgeModel != cfg.judge)
            continue;
        auto &s = byPrompt[j.promptId];
        s.promptId = j.promptId;
        if (j.overall) {
            ++s.scoredOrders;
            auto &acc = sums[j.promptId];
            auto add = [](std::pair<double, int> &a, std::optional<double> v) {
                if (v)
                    a.first += *v, ++a.second;
            };
            add(acc[0], j.overall);
            add(acc[1], j.style ? std::optional<double>(*j.style) : std::nullopt);
            add(acc[2], j.logic ? std::optional<double>(*j.logic) : std::nullopt);
            add(acc[3], j.content ? std::optional<double>(*j.content) : std::nullopt);
        }
        s.rationale = j.rationale;
        s.status = j.status;
        s.flagged = s.flagged || j.flagged;
    }
    for (auto &[pid, s] : byPrompt) {
        if (!s.flagged)
            continue;
        for (const auto &[who, text] : store.answersToPrompt(pid, {cfg.reference, model}))
            if (std::string excerpt = judgeDirectedExcerpt(text); !excerpt.empty()) {
                s.flaggedExcerpt = who + ": " + excerpt;
                break;
            }
    }
    std::unordered_map<int64_t, const PromptItem *> prompts;
    const auto info = store.dataset(dataset);
    const auto items = info ? store.prompts(info->id) : std::vector<PromptItem>{};
    for (const auto &p : items)
        prompts.emplace(p.id, &p);
    for (auto &[pid, s] : byPrompt) {
        auto mean = [](const std::pair<double, int> &a) { return a.second ? std::optional<double>(a.first / a.second) : std::nullopt; };
        if (auto acc = sums.find(pid); acc != sums.end()) {
            s.overall = mean(acc->second[0]);
            s.style = mean(acc->second[1]);
            s.logic = mean(acc->second[2]);
            s.content = mean(acc->second[3]);
        }
        if (auto it = prompts.find(pid); it != prompts.end()) {
            s.promptIdx = it->second->idx;
            s.promptText = it->second->text;
        }
        out.push_back(s);
    }
    return out;
}

std::string toJson(const RseResults &r, int indent)
{
    using nlohmann::json;
    json j;
    j["kind"] = "rse";
    j["run"] = r.runId;
    j["name"] = r.runName;
    j["status"] = runStatusName(r.status);
    j["reference"] = r.config.reference;
    j["judge"] = r.config.judge;
    j["swap"] = r.config.swap;
    j["datasets"] = r.config.datasets;
    json scores = json::array();
    for (const auto &c : r.cells) {
        json flaggedItems = json::array();
        for (const auto &f : c.flaggedItems)
            flaggedItems.push_back({{"prompt", f.promptIdx}, {"model", f.model}, {"excerpt", f.excerpt}});
        json s = {{"model", c.model},
                  {"dataset", c.dataset},
                  {"n", c.n},
                  {"mean", c.scored() ? number(c.mean) : json()},
                  {"ci95", c.scored() ? interval(c.ci95) : json()},
                  {"aspects", {{"style", number(c.style)}, {"logic", number(c.logic)}, {"content", number(c.content)}}},
                  {"aspects_ci95", {{"style", interval(c.styleCi)}, {"logic", interval(c.logicCi)}, {"content", interval(c.contentCi)}}},
                  {"judge_errors", c.judgeErrors},
                  {"judge_failures", c.judgeFailures},
                  {"excluded", c.excluded},
                  {"answer_errors", c.answerErrors},
                  {"incomplete", c.incomplete()},
                  {"flagged", c.flagged},
                  {"flagged_items", flaggedItems}};
        if (c.swapGap)
            s["position_gap"] = *c.swapGap;
        scores.push_back(s);
    }
    j["scores"] = scores;
    json overall = json::array();
    for (const auto &m : r.models)
        overall.push_back({{"model", m.model},
                           {"overall", m.scored() ? number(m.overall) : json()},
                           {"ci95", m.scored() ? interval(m.ci95) : json()},
                           {"datasets_scored", m.datasetsScored},
                           {"datasets", m.datasets}});
    j["overall"] = overall;
    j["errors"] = r.errors;
    return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

std::string toCsv(const RseResults &r)
{
    std::ostringstream o;
    o << "model,dataset,n,mean,ci95_lo,ci95_hi,style,logic,content,judge_errors,judge_failures,excluded,answer_errors,flagged\n";
    for (const auto &c : r.cells) {
        const bool on = c.scored();
        o << csvCell(c.model) << ',' << csvCell(c.dataset) << ',' << c.n << ',' << (on ? fmt(c.mean, 4) : "") << ','
          << (on ? fmt(c.ci95.lo, 4) : "") << ',' << (on ? fmt(c.ci95.hi, 4) : "") << ',' << fmt(c.style, 4) << ',' << fmt(c.logic, 4)
          << ',' << fmt(c.content, 4) << ',' << c.judgeErrors << ',' << c.judgeFailures << ',' << c.excluded << ',' << c.answerErrors << ','
          << c.flagged << '\n';
    }
    for (const auto &m : r.models) {
        const bool on = m.scored();
        o << csvCell(m.model) << ",overall,," << (on ? fmt(m.overall, 4) : "") << ',' << (on ? fmt(m.ci95.lo, 4) : "") << ','
          << (on ? fmt(m.ci95.hi, 4) : "") << ",,,,,,,,\n";
    }
    return o.str();
}

namespace {

constexpr const char *kMissing = "—";

std::string meanWithCi(double mean, const stats::Interval &ci, bool scored, const char *open, const char *close)
{
    if (!scored)
        return kMissing;
    std::string s = fmt(mean);
    if (ci.defined())
        s += std::string(open) + fmt(ci.lo, 2) + ", " + fmt(ci.hi, 2) + close;
    return s;
}

} // namespace

std::string toLatex(const RseResults &r)
{
    std::ostringstream o;
    o << "\\begin{tabular}{l" << std::string(r.config.datasets.size() + 1, 'c') << "}\n\\toprule\n";
    o << "Model";
    for (const auto &d : r.config.datasets)
        o << " & " << latexEscape(d);
    o << " & Avg \\\\\n\\midrule\n";
    for (const auto &m : r.models) {
        o << latexEscape(m.model);
        for (const auto &d : r.config.datasets) {
            for (const auto &c : r.cells)
                if (c.model == m.model && c.dataset == d)
                    o << " & " << (c.scored() ? meanWithCi(c.mean, c.ci95, true, " {\\scriptsize [", "]}") : kLatexMissing)
                      << " {\\scriptsize ($n$=" << c.n << (c.incomplete() ? "$^\\dagger$" : "") << ")}";
        }
        o << " & " << (m.scored() ? fmt(m.overall) : kLatexMissing) << " \\\\\n";
    }
    o << "\\bottomrule\n\\end{tabular}\n";
    std::string caption = "Response similarity to " + latexEscape(r.config.reference) + " (judge " + latexEscape(r.config.judge) +
                          "), 1--5: mean [95\\% bootstrap CI over prompts] and $n$ prompts judged per cell; " + kLatexMissing +
                          ": no usable judgment.";
    if (std::any_of(r.cells.begin(), r.cells.end(), [](const RseCell &c) { return c.incomplete(); }))
        caption += " $^\\dagger$: judge replies excluded, judge requests failed or answers missing in the cell.";
    return "% DistillScope RSE run " + std::to_string(r.runId) + "\n" +
           latexTableFloat(o.str(), caption, "tab:rse-run-" + std::to_string(r.runId));
}

std::string toText(const RseResults &r)
{
    std::ostringstream o;
    o << "RSE run " << r.runId << (r.runName.empty() ? "" : " (" + r.runName + ")") << ", " << runStatusName(r.status)
      << ": similarity to '" << r.config.reference << "', judge '" << r.config.judge << "' (1-5, 95% bootstrap CI over prompts)\n";
    char line[512];
    std::snprintf(line, sizeof line, "%-20s %-16s %6s  %-22s %7s %8s %8s %8s\n", "model", "dataset", "n", "mean [95% CI]", "failed",
                  "excluded", "missing", "flagged");
    o << line;
    for (const auto &c : r.cells) {
        // Padded by hand: printf counts bytes, and the dash of a missing mean is three of them.
        std::string mean = meanWithCi(c.mean, c.ci95, c.scored(), " [", "]");
        if (c.scored())
            mean.resize(std::max<size_t>(mean.size(), 22), ' ');
        else
            mean += std::string(21, ' ');
        std::snprintf(line, sizeof line, "%-20s %-16s %6d  %s %7d %8d %8d %8d\n", c.model.c_str(), c.dataset.c_str(), c.n, mean.c_str(),
                      c.judgeFailures, c.excluded, c.answerErrors, c.flagged);
        o << line;
        for (const auto &f : c.flaggedItems)
            o << "    flagged: prompt " << f.promptIdx << ", answer of " << f.model << ": \"" << f.excerpt << "\"\n";
    }
    o << "overall (unweighted mean over datasets):\n";
    for (const auto &m : r.models) {
        o << "  " << m.model << ": " << meanWithCi(m.overall, m.ci95, m.scored(), " [", "]");
        if (!m.scored())
            o << " (" << m.datasetsScored << " of " << m.datasets << " datasets scored)";
        o << '\n';
    }
    return o.str();
}

} // namespace ds::rse
