#pragma once
// Teacher identification: which candidate was `student` distilled from, and how sure are we?
//
// Ranking: candidates are ranked by the student's mean per-prompt similarity to them (metric
// `options.metric`, TF-IDF cosine by default). The same run also ranks by plain TF-IDF cosine
// (`baseline`), so any other metric is always shown next to the baseline it has to beat.
//
// Reference pool: each candidate c is compared with reference models R(c) = pool minus {student, c}.
// The pool is chosen deliberately, never "every model in the store": by default it is the candidates
// themselves (models the user names as possible teachers, so presumed unrelated to each other's
// students), or the models given in `options.pool` (e.g. models known to be unrelated to the student,
// or of the student's base without its teacher). Other students of the same teacher must not be in
// it: they would make the real teacher look ordinary. `poolRule` says which rule was used.
//
// Verdict: the top candidate is named only when every claim in this family holds after
// Holm-Bonferroni correction at `alpha` (see ProvenanceTest.h), each tested by bootstrap over prompts:
//   - for every other candidate k: the student is closer to top than to k;
//   - the student is closer to top than top's nearest reference model is (an unrelated model that is
//     as close to top as the student shows that closeness alone does not imply descent).
// and the top leads the runner-up by at least `minMargin` standard deviations of the top's similarities
// to its reference models (an effect size: with hundreds of prompts, differences far too small to mean
// descent are significant, e.g. a student sitting slightly closer to a chat model of its own base).
// Otherwise the verdict is "no confident teacher" and `reason` names the claim that failed.
#include "Corpus.h"
#include "ProvenanceTest.h"
#include "Similarity.h"
#include "TeacherEvidence.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ds::similarity {

struct TeacherOptions {
    Metric metric = Metric::TfIdf;
    std::vector<std::string> pool; ///< reference models; empty = the candidates
    int resamples = 1000;          ///< bootstrap resamples of prompts
    uint64_t seed = 20250117;      ///< fixed, so runs are reproducible
    double alpha = 0.05;           ///< family-wise error rate of the verdict's claims
    double minMargin = 0.5;        ///< effect size the lead over the runner-up must reach, in pool sd units
    std::size_t evidenceCount = 10;
    unsigned threads = 0; ///< 0 = all cores
};

struct CandidateScore {
    std::string model;
    double score = 0;      ///< ranking key: = similarity (kept as its own field for readers of older output)
    double similarity = 0; ///< mean similarity of the student to this candidate (metric units)
    double poolMean = 0;   ///< mean similarity of this candidate to its reference models
    double poolSd = 0;     ///< spread of that similarity across the reference models
    double excess = 0;     ///< similarity - poolMean
    double pTop = 0;       ///< share of bootstrap resamples in which this candidate ranks first
};

/// A candidate's plain TF-IDF cosine to the student, measured in the same run.
struct BaselineScore {
    std::string model;
    double similarity = 0;
};

struct TeacherResult {
    std::string student;
    Metric metric = Metric::TfIdf;
    std::size_t prompts = 0;
    std::vector<std::string> pool;       ///< the reference pool actually used
    std::string poolRule;                ///< "candidates" or "given"
    std::vector<CandidateScore> ranking; ///< best first
    std::vector<BaselineScore> baseline; ///< plain TF-IDF cosine ranking, best first
    std::vector<ProvenanceTest> tests;   ///< the claims behind naming ranking[0], Holm-corrected
    double alpha = 0.05;
    double margin = 0;         ///< similarity of the top minus the runner-up's
    double marginInPoolSd = 0; ///< margin / the top's poolSd (0 with one candidate)
    double minMargin = 0.5;    ///< the effect size required of marginInPoolSd
    bool confident = false;
    std::string verdict;            ///< "<model>" or "no confident teacher"
    std::string reason;             ///< the claim that decided, with its numbers
    std::vector<Evidence> evidence; ///< habits the student shares with ranking[0]
};

/// Ranks `candidates` as teachers of `student`. `corpus` must hold the student, the candidates and
/// the pool (other models are ignored and cost nothing). Needs >= 1 candidate, and a pool that leaves
/// every candidate >= 1 reference model (with the default pool: >= 2 candidates). Returns nullopt
/// and sets *error for unknown names or a malformed corpus.
/// Cost: scorePairs() on student + candidates + pool (twice when metric is not TF-IDF) plus
/// `resamples` x prompts x 2 x candidates additions.
std::optional<TeacherResult> identifyTeacher(const Corpus &corpus, const std::string &student, const std::vector<std::string> &candidates,
                                             const TeacherOptions &options, std::string *error);

/// The models a ranking needs in its corpus, each once, in this order: the student, the candidates,
/// the pool. Only these are loaded: every model in the store would hide the teacher (see above).
std::vector<std::string> teacherModels(const std::string &student, const std::vector<std::string> &candidates,
                                       const std::vector<std::string> &pool);

/// The same, from precomputed per-prompt scores of `corpus` for options.metric (scores.perPrompt
/// filled) and, when that metric is not TF-IDF, `tfidf` for the baseline (nullptr: computed here).
/// Lets a caller rank several students without recomputing the metric.
std::optional<TeacherResult> identifyTeacher(const Corpus &corpus, const PairScores &scores, const PairScores *tfidf,
                                             const std::string &student, const std::vector<std::string> &candidates,
                                             const TeacherOptions &options, std::string *error);

} // namespace ds::similarity
