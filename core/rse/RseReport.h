#pragma once
// RSE results as value types, computed from the store, plus their JSON/CSV/LaTeX renderings.
#include "rse/RseConfig.h"
#include "stats/Bootstrap.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ds {
class Store;
namespace rse {

/// One (test model, dataset) cell.
struct RseCell {
    std::string model, dataset;
    int n = 0;            ///< prompts with at least one usable judgment
    double mean = 0;      ///< mean overall score (per prompt: mean over judged orders)
    stats::Interval ci95; ///< bootstrap over prompts
    double style = 0, logic = 0, content = 0;
    stats::Interval styleCi, logicCi, contentCi;
    int judgeErrors = 0, answerErrors = 0, flagged = 0;
    std::optional<double> swapGap; ///< mean(rt) - mean(tr) when both orders were judged
};

struct RseModelSummary {
    std::string model;
    double overall = 0; ///< unweighted mean of the dataset means (as the paper does)
    stats::Interval ci95;
};

struct RseResults {
    int64_t runId = 0;
    std::string runName, status;
    RseConfig config;
    std::vector<RseCell> cells;
    std::vector<RseModelSummary> models;
    std::map<std::string, int64_t> errors; ///< "judge_parse", "judge_request", "answers", "flagged"
};

/// Per-prompt scores behind one cell (for drill-down views).
struct RsePromptScore {
    int64_t promptId = 0;
    int promptIdx = 0;
    std::string promptText;
    /// Means over the judge's scored orders (both when position swap is on).
    std::optional<double> overall, style, logic, content;
    int scoredOrders = 0; ///< judgments behind the means (2 with swap, 1 without)
    std::string rationale, parseStatus;
    bool flagged = false;
};

/// Computes the results of an RSE run. Bootstrap seeded from the run id (reproducible).
std::optional<RseResults> computeResults(Store &store, int64_t runId, std::string *error);
std::vector<RsePromptScore> promptScores(Store &store, int64_t runId, const std::string &model, const std::string &dataset);

std::string toJson(const RseResults &r, int indent = 2);
std::string toCsv(const RseResults &r);
std::string toLatex(const RseResults &r);

/// CSV cell with formula-looking content neutralised (leading = + - @ get a quote).
std::string csvCell(const std::string &s);
/// Escapes LaTeX special characters.
std::string latexEscape(const std::string &s);

} // namespace rse
} // namespace ds
