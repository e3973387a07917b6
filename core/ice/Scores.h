#pragma once
/// @file Scores.h
/// ICE scores as immutable value types (for the CLI report and the GUI), computed from stored items.
#include "ice/IceTypes.h"
#include "ice/Stats.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ds {
class Store;
}

namespace ds::ice {

/// How an IceRate's interval was computed.
enum class CiMethod {
    TemplateBootstrap, ///< whole templates resampled (two or more templates)
    Wilson,            ///< Wilson score interval over the responses (one template, or all / no hits)
};
const char *ciMethodName(CiMethod m); ///< "template-bootstrap" or "wilson"

/// hits / n with a 95% interval: the template-cluster bootstrap, or Wilson when the responses come
/// from one template or are all hits or all misses (resampling would give a zero-width interval).
/// With n = 0 the rate and the interval are NaN (undefined), never 0: reports show them as null /
/// empty / "—".
struct IceRate {
    int64_t hits = 0;
    int64_t n = 0;
    double rate = 0;
    Interval ci95;
    CiMethod ciMethod = CiMethod::TemplateBootstrap;
};

/// What a slice lost before it could be scored: these responses are not in its n, so a reader can
/// tell a rate over 60 of 60 from one over 12 of 60.
struct IceGaps {
    int64_t failed = 0;     ///< requests that ended in an error
    int64_t nonAnswers = 0; ///< empty, refused, filtered or truncated answers (not judged)
    int64_t unreadable = 0; ///< judge replies that failed or could not be parsed
    int64_t unjudged = 0;   ///< answers the judge has not labelled (yet)
    /// Loose hits in n whose strict judgment failed or is missing: left out of the strict and hard
    /// rates only, so not part of total().
    int64_t strictUnknown = 0;
    int64_t total() const { return failed + nonAnswers + unreadable + unjudged; } ///< responses left out of n
};
/// "2 failed, 1 unreadable; 1 without a strict label" (only the non-zero kinds), "" when nothing was lost.
std::string gapsSummary(const IceGaps &g);

struct IceBreakdownRow {
    std::string key;   ///< e.g. "team", "en", "team/zh", "t3"
    std::string label; ///< human-readable (template preview for templates)
    IceRate loose, strict, hard;
    IceGaps gaps;
};

/// Agreement of two judges on one label over the items both judged.
struct IceAgreement {
    std::string judgeA, judgeB;
    std::string label;           ///< "loose" or "strict"
    std::optional<double> kappa; ///< nullopt when undefined
    double observed = 0;         ///< raw agreement share
    int64_t n = 0;
};

struct IceScores {
    int64_t runId = 0;
    std::string model;
    std::string judge;               ///< judge whose labels the rates use
    std::vector<std::string> judges; ///< all judges with labels in the run
    int64_t items = 0;               ///< responses in the run
    int64_t judged = 0;              ///< responses with a loose label from `judge`
    int64_t parseErrors = 0;         ///< judge replies that could not be parsed (= gaps.unreadable)
    int64_t responseErrors = 0;      ///< requests that failed or gave no answer (= gaps.failed + gaps.nonAnswers)
    IceRate loose, strict, hard;
    IceGaps gaps; ///< the whole run's losses; each breakdown row carries its own
    std::vector<IceBreakdownRow> byAspect, byLanguage, byAspectLanguage, byTemplate;
    std::map<std::string, int64_t> claimedVendors; ///< vendor key -> loose hits claiming it
    std::vector<IceAgreement> agreement;
};

struct ScoreOptions {
    int bootstrapIterations = 2000;
    uint64_t seed = 20250101;
};

/// Pure computation over items (thread-safe, no IO). strict hit = loose && strict; hard hit = strict
/// hit whose template names no vendor. Denominators are the items with a loose label from `judge`.
IceScores computeScores(const std::vector<IceItem> &items, const std::string &judge, const ScoreOptions &opt = {});

/// Loads a run's items from the store and computes its scores. `judge` "" = the run's primary judge.
/// nullopt + *error when the run does not exist or is not an ICE run.
std::optional<IceScores> scoresForRun(Store &store, int64_t runId, const std::string &judge, std::string *error,
                                      const ScoreOptions &opt = {});

} // namespace ds::ice
