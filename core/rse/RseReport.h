#pragma once
// RSE results as value types, computed from the store, plus their JSON/CSV/LaTeX renderings.
#include "rse/RseConfig.h"
#include "stats/Bootstrap.h"
#include "util/Csv.h"   // csvCell
#include "util/Latex.h" // latexEscape
#include "util/Types.h" // JudgmentStatus

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ds {
class Store;
namespace rse {

/// Judge-directed text found in an answer of a cell, shown beside its score.
struct RseFlaggedItem {
    int promptIdx = 0;
    std::string model;   ///< whose answer (the reference's or the test model's)
    std::string excerpt; ///< the phrase found, whitespace collapsed
};

/// One (test model, dataset) cell. With n = 0 there is no score: mean, aspects and intervals are
/// NaN, and every rendering shows them as missing (null, empty, "—"), never as 0.
struct RseCell {
    std::string model, dataset;
    int n = 0;            ///< prompts with at least one usable judgment
    double mean = 0;      ///< mean overall score (per prompt: mean over judged orders); NaN when n = 0
    stats::Interval ci95; ///< bootstrap over prompts (undefined for n < 2)
    double style = 0, logic = 0, content = 0;
    stats::Interval styleCi, logicCi, contentCi;
    int judgeErrors = 0;                      ///< judgments without a score: judgeFailures + excluded
    int judgeFailures = 0;                    ///< judge requests that failed (no reply)
    int excluded = 0;                         ///< judge replies that could not be parsed: left out of the mean
    int answerErrors = 0;                     ///< prompts missing an answer of the reference or the test model
    int flagged = 0;                          ///< judgments of pairs with judge-directed text
    std::vector<RseFlaggedItem> flaggedItems; ///< the first few, with the phrase found
    std::optional<double> swapGap;            ///< mean(rt) - mean(tr) when both orders were judged

    bool scored() const { return n > 0; }
    /// Something was left out of this cell's mean (excluded replies, failed judge requests or
    /// missing answers): figures and tables mark such cells.
    bool incomplete() const { return excluded > 0 || judgeFailures > 0 || answerErrors > 0; }
};

struct RseModelSummary {
    std::string model;
    /// Unweighted mean of the dataset means (as the paper does); NaN unless every dataset has a
    /// score, since a mean over fewer datasets is not comparable with the others.
    double overall = 0;
    stats::Interval ci95;
    int datasetsScored = 0; ///< datasets with n > 0
    int datasets = 0;       ///< datasets in the run
    bool scored() const { return datasets > 0 && datasetsScored == datasets; }
};

struct RseResults {
    int64_t runId = 0;
    std::string runName;
    RunStatus status = RunStatus::Created;
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
    std::string rationale;
    JudgmentStatus status = JudgmentStatus::Unreadable;
    bool flagged = false;
    std::string flaggedExcerpt; ///< judge-directed phrase found in either answer ("" = none)
};

/// Computes the results of an RSE run. Bootstrap seeded from the run id (reproducible).
std::optional<RseResults> computeResults(Store &store, int64_t runId, std::string *error);
std::vector<RsePromptScore> promptScores(Store &store, int64_t runId, const std::string &model, const std::string &dataset);

/// Renderings. Cells with n = 0 are null in JSON, empty in CSV and "—" in text and LaTeX; every
/// cell carries its n, failures, excluded replies and flagged count.
std::string toJson(const RseResults &r, int indent = 2);
std::string toCsv(const RseResults &r);
std::string toLatex(const RseResults &r);
std::string toText(const RseResults &r);

} // namespace rse
} // namespace ds
