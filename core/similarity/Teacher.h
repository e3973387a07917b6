#pragma once
// Teacher identification: which candidate was `student` distilled from, and how sure are we?
//
// Hubness: some models (gpt-3.5-turbo with plain TF-IDF) are close to everyone. A candidate's raw
// similarity to the student is therefore compared with how similar that candidate is to the rest
// of the pool:  score(c) = (s(student, c) - mean_r s(c, r)) / sd_pool,  r over the pool minus
// {student, c}, sd_pool = standard deviation of all pair similarities among the pool without the
// student. The score says how many pool standard deviations closer the student sits to c than a
// typical model does. (Dividing by each candidate's own sd instead rewarded outliers with a tight
// spread, e.g. text_davinci_001, whose short answers are uniformly unlike everyone's.)
//
// Confidence: prompts are resampled with replacement (bootstrap, fixed seed); p_top is the share of
// resamples in which a candidate has the highest score.
//
// Verdict criterion ("teacher" vs "no confident teacher"): the top candidate must
//   (1) have score >= minScore (the student is an outlier for that candidate, not just close),
//   (2) have p_top >= minPTop, and
//   (3) lead the runner-up by >= minMargin score units.
// A student trained on human data is typically close to several models about equally, so fails (1)/(3).
#include "Corpus.h"
#include "Similarity.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ds::similarity {

struct TeacherOptions {
    Metric metric = Metric::Combined;
    int resamples = 1000;     ///< bootstrap resamples of prompts
    uint64_t seed = 20250117; ///< fixed, so runs are reproducible
    double minScore = 1.0;    ///< criterion (1)
    double minPTop = 0.90;    ///< criterion (2)
    double minMargin = 0.5;   ///< criterion (3)
    std::size_t evidenceCount = 10;
    unsigned threads = 0; ///< 0 = all cores
};

struct CandidateScore {
    std::string model;
    double similarity = 0; ///< raw mean similarity to the student (metric units)
    double poolMean = 0;   ///< the candidate's mean similarity to the reference pool
    double poolSd = 0;
    double score = 0; ///< hubness-corrected score (see above)
    double pTop = 0;  ///< share of bootstrap resamples in which this candidate ranks first
};

/// One observable habit behind the result.
struct Evidence {
    std::string kind;          ///< "marker" (phrase) or "structure" (layout habit)
    std::string text;          ///< the phrase, or the habit ("uses headings")
    double studentShare = 0;   ///< share of the student's answers showing it
    double candidateShare = 0; ///< share of the top candidate's answers
    double poolShare = 0;      ///< share among the other pool models' answers
};

struct TeacherResult {
    std::string student;
    Metric metric = Metric::Combined;
    std::size_t prompts = 0;
    std::vector<std::string> pool;       ///< reference models used for the hubness correction
    std::vector<CandidateScore> ranking; ///< best first
    bool confident = false;
    std::string verdict;            ///< "<model>" or "no confident teacher"
    std::string reason;             ///< which criterion decided
    std::vector<Evidence> evidence; ///< about the top candidate
};

/// Ranks `candidates` as teachers of `student`. `pool` holds every model to use as reference
/// (student and candidates included; more models = better hubness correction). Needs >= 3 models
/// and >= 1 candidate. Returns nullopt and sets *error for unknown names or a malformed corpus.
/// Cost: one scorePairs() on the pool plus `resamples` x candidates x pool x prompts additions.
std::optional<TeacherResult> identifyTeacher(const Corpus &pool, const std::string &student, const std::vector<std::string> &candidates,
                                             const TeacherOptions &options, std::string *error);

/// The same, from precomputed per-prompt scores of `pool` (scores.perPrompt must be filled), so a
/// caller can rank several students without recomputing the metric.
std::optional<TeacherResult> identifyTeacher(const Corpus &pool, const PairScores &scores, const std::string &student,
                                             const std::vector<std::string> &candidates, const TeacherOptions &options, std::string *error);

} // namespace ds::similarity
