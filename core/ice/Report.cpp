#include "ice/Report.h"

#include "ice/IceStore.h"
#include "store/Store.h"
#include "util/Latex.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace ds::ice {

// A rate from no responses does not exist: null in JSON, empty in CSV, a dash in LaTeX and text.
static bool defined(double v)
{
    return !std::isnan(v);
}

static nlohmann::json rateJson(const IceRate &r)
{
    const bool ciDefined = r.n > 0 && defined(r.ci95.lo) && defined(r.ci95.hi);
    return {{"hits", r.hits},
            {"n", r.n},
            {"rate", r.n > 0 && defined(r.rate) ? nlohmann::json(r.rate) : nlohmann::json()},
            {"ci95", ciDefined ? nlohmann::json::array({r.ci95.lo, r.ci95.hi}) : nlohmann::json()},
            {"ci_method", ciMethodName(r.ciMethod)}};
}

static void addGaps(nlohmann::json &o, const IceGaps &g)
{
    o["failed"] = g.failed;
    o["non_answers"] = g.nonAnswers;
    o["unreadable"] = g.unreadable;
    o["unjudged"] = g.unjudged;
    o["strict_unknown"] = g.strictUnknown;
}

static nlohmann::json rowsJson(const std::vector<IceBreakdownRow> &rows, bool withLabel = false)
{
    nlohmann::json a = nlohmann::json::array();
    for (const auto &r : rows) {
        nlohmann::json o = {{"key", r.key}, {"loose", rateJson(r.loose)}, {"strict", rateJson(r.strict)}, {"hard", rateJson(r.hard)}};
        if (withLabel)
            o["template"] = r.label;
        addGaps(o, r.gaps);
        a.push_back(o);
    }
    return a;
}

nlohmann::json scoresToJson(const IceScores &s)
{
    nlohmann::json agreement = nlohmann::json::array();
    for (const auto &g : s.agreement)
        agreement.push_back({{"judges", {g.judgeA, g.judgeB}},
                             {"label", g.label},
                             {"kappa", g.kappa ? nlohmann::json(*g.kappa) : nlohmann::json()},
                             {"observed", g.n > 0 ? nlohmann::json(g.observed) : nlohmann::json()},
                             {"n", g.n}});
    nlohmann::json o = {{"kind", "ice"},
                        {"run_id", s.runId},
                        {"model", s.model},
                        {"judge", s.judge},
                        {"judges", s.judges},
                        {"n", s.judged},
                        {"items", s.items},
                        {"parse_errors", s.parseErrors},
                        {"response_errors", s.responseErrors},
                        {"loose", rateJson(s.loose)},
                        {"strict", rateJson(s.strict)},
                        {"hard", rateJson(s.hard)},
                        {"by_aspect", rowsJson(s.byAspect)},
                        {"by_language", rowsJson(s.byLanguage)},
                        {"by_aspect_language", rowsJson(s.byAspectLanguage)},
                        {"by_template", rowsJson(s.byTemplate, true)},
                        {"claimed_vendors", s.claimedVendors},
                        {"agreement", agreement}};
    addGaps(o, s.gaps);
    return o;
}

nlohmann::json reportJson(Store &store, int64_t runId, const std::string &judge)
{
    std::string error;
    const auto s = scoresForRun(store, runId, judge, &error);
    if (!s)
        return {{"error", error}};
    return scoresToJson(*s);
}

/// A rate or bound for a table; `missing` when there is none (n = 0 or an undefined interval).
static std::string num(double v, const char *missing = "")
{
    if (!defined(v))
        return missing;
    char b[32];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

std::string reportCsv(const IceScores &s)
{
    std::ostringstream o;
    o << "section,key,n,failed,non_answers,unreadable,unjudged,strict_unknown,loose_hits,loose,loose_lo,loose_hi,strict_hits,strict,strict_"
         "lo,strict_hi,"
         "hard_hits,hard,hard_lo,"
         "hard_hi\n";
    auto rate = [](const IceRate &r) { return r.n > 0 ? num(r.rate) + ',' + num(r.ci95.lo) + ',' + num(r.ci95.hi) : std::string(",,"); };
    auto row = [&](const std::string &section, const std::string &key, const IceRate &l, const IceRate &st, const IceRate &h,
                   const IceGaps &g) {
        o << csvCell(section) << ',' << csvCell(key) << ',' << l.n << ',' << g.failed << ',' << g.nonAnswers << ',' << g.unreadable << ','
          << g.unjudged << ',' << g.strictUnknown << ',' << l.hits << ',' << rate(l) << ',' << st.hits << ',' << rate(st) << ',' << h.hits
          << ',' << rate(h) << '\n';
    };
    row("overall", s.model, s.loose, s.strict, s.hard, s.gaps);
    for (const auto &[name, rows] : {std::pair{"aspect", &s.byAspect}, std::pair{"language", &s.byLanguage},
                                     std::pair{"aspect_language", &s.byAspectLanguage}, std::pair{"template", &s.byTemplate}})
        for (const auto &r : *rows)
            row(name, r.key, r.loose, r.strict, r.hard, r.gaps);
    return o.str();
}

std::string reportLatex(const IceScores &s)
{
    std::ostringstream o;
    auto cell = [&](const IceRate &r) {
        if (r.n == 0 || !defined(r.rate))
            return std::string(kLatexMissing);
        return num(r.rate) +
               (defined(r.ci95.lo) && defined(r.ci95.hi) ? " [" + num(r.ci95.lo) + ", " + num(r.ci95.hi) + "]" : std::string());
    };
    o << "\\begin{tabular}{lrrlll}\n\\toprule\n"
      << "Slice & $n$ & Lost & Loose & Strict & Hard \\\\\n\\midrule\n";
    o << latexEscape(s.model.empty() ? std::string("overall") : s.model) << " & " << s.loose.n << " & " << s.gaps.total() << " & "
      << cell(s.loose) << " & " << cell(s.strict) << " & " << cell(s.hard) << " \\\\\n\\midrule\n";
    for (const auto &r : s.byAspectLanguage)
        o << latexEscape(r.key) << " & " << r.loose.n << " & " << r.gaps.total() << " & " << cell(r.loose) << " & " << cell(r.strict)
          << " & " << cell(r.hard) << " \\\\\n";
    o << "\\bottomrule\n\\end{tabular}\n";
    const std::string caption = "Identity inconsistency of " + latexEscape(s.model) + " (judge " + latexEscape(s.judge) +
                                "): share of responses with a loose, strict and hard conflict [95\\% " +
                                (s.loose.ciMethod == CiMethod::Wilson ? "Wilson" : "template-bootstrap") +
                                " CI]; $n$ responses judged; Lost: responses left out of $n$ (failed, no answer, unreadable or "
                                "not judged); a loose hit without a strict label counts for loose only; " +
                                kLatexMissing + ": no judged response.";
    return "% DistillScope ICE run " + std::to_string(s.runId) + "\n" +
           latexTableFloat(o.str(), caption, "tab:ice-run-" + std::to_string(s.runId));
}

std::string reportText(const IceScores &s)
{
    std::ostringstream o;
    auto rate = [](const IceRate &r) {
        char b[96];
        if (r.n == 0 || !defined(r.rate))
            std::snprintf(b, sizeof b, "%-22s %5lld/%-5lld", "\u2014", static_cast<long long>(r.hits), static_cast<long long>(r.n));
        else
            std::snprintf(b, sizeof b, "%.3f [%s, %s]%*s %5lld/%-5lld", r.rate, num(r.ci95.lo, "?").c_str(), num(r.ci95.hi, "?").c_str(), 4,
                          "", static_cast<long long>(r.hits), static_cast<long long>(r.n));
        return std::string(b);
    };
    o << "ICE run " << s.runId << ", model " << s.model << ", judge " << s.judge << ": " << s.judged << " of " << s.items
      << " responses judged" << (gapsSummary(s.gaps).empty() ? std::string() : " (lost: " + gapsSummary(s.gaps) + ")") << '\n';
    o << "  loose   " << rate(s.loose) << "\n  strict  " << rate(s.strict) << "\n  hard    " << rate(s.hard) << "\n";
    if (!s.byAspectLanguage.empty())
        o << "by aspect x language (loose):\n";
    for (const auto &r : s.byAspectLanguage)
        o << "  " << r.key << std::string(r.key.size() < 20 ? 20 - r.key.size() : 1, ' ') << rate(r.loose)
          << (gapsSummary(r.gaps).empty() ? std::string() : "  lost: " + gapsSummary(r.gaps)) << '\n';
    return o.str();
}

int64_t writeItemsJsonl(Store &store, int64_t runId, std::ostream &out)
{
    IceStore ice(store);
    int64_t n = 0;
    for (const auto &it : ice.items(runId)) {
        nlohmann::json labels = nlohmann::json::object();
        for (const auto &l : it.labels)
            labels[l.judge] = {{"loose", l.loose ? nlohmann::json(*l.loose) : nlohmann::json()},
                               {"strict", l.strict ? nlohmann::json(*l.strict) : nlohmann::json()},
                               {"vendor", l.vendor},
                               {"parse_status", judgmentStatusName(l.status)}};
        nlohmann::json j = {{"template_idx", it.templateIdx},
                            {"template", it.templateText},
                            {"query", it.question},
                            {"language", it.language},
                            {"aspect", it.aspect},
                            {"response", it.response},
                            {"status", answerStatusName(it.status)},
                            {"labels", labels}};
        out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        ++n;
    }
    return n;
}

} // namespace ds::ice
