#pragma once
// Judge-free similarity between models: public entry points.
//
// Every metric scores each shared prompt for each pair of models (a number per prompt, higher =
// more alike) and a pair's similarity is the mean over prompts. Metrics:
//  - tfidf:     scikit-learn TfidfVectorizer(sublinear_tf=True) cosine (engine: SparseCosine.h)
//  - char:      character 3-gram TF-IDF cosine (any script, code)
//  - rougeL:    ROUGE-L F1 over lowercased word tokens
//  - structure: markdown/layout profile similarity (see StructureProfile.h)
//  - style:     function words, sentence openers and punctuation (see StyleFeatures.h)
//  - template:  TF-IDF cosine of function-word template n-grams (see FunctionTemplates.h)
//  - combined:  mean of tfidf, char and style after z-scoring each over the pool's pairs
//               (z = (s - mean) / sd of all off-diagonal pair means). Left out: ROUGE-L (quadratic per
//               pair, nearly collinear with tfidf) and structure (on AlpacaEval it mostly measures
//               answer length: short-answer models look alike whatever their origin).
// Threading: functions are re-entrant and use `threads` worker threads internally.
#include "Corpus.h"

#include <optional>
#include <string>
#include <vector>

namespace ds::similarity {

enum class Metric { TfIdf, CharNgram, RougeL, Structure, Style, Template, Combined };

std::string metricName(Metric m);                           ///< "tfidf", "char", ...
std::optional<Metric> parseMetric(const std::string &name); ///< inverse of metricName
std::vector<Metric> combinedParts();                        ///< the metrics `combined` averages

struct SimilarityOptions {
    unsigned threads = 0;       ///< 0 = all cores
    bool keepPerPrompt = false; ///< fill PairScores::perPrompt (needed for bootstrap)
    int charN = 3;              ///< n of the character n-gram metric
};

/// Per-prompt and mean similarities of every model pair for one metric.
struct PairScores {
    std::size_t models = 0;
    std::size_t prompts = 0;
    std::vector<double> mean;     ///< models x models, row-major, symmetric (diagonal = self score)
    std::vector<float> perPrompt; ///< pairIndex(i,j) * prompts + p for i < j; empty unless requested

    /// All zero, sized for `corpus`: `mean` always, `perPrompt` when `options` keep it.
    static PairScores zeros(const Corpus &corpus, const SimilarityOptions &options);
    double at(std::size_t i, std::size_t j) const { return mean[i * models + j]; }
    static std::size_t pairIndex(std::size_t i, std::size_t j, std::size_t n); ///< i != j, any order
    /// `mean` from per-worker sums over prompts of the diagonal and upper triangle (models x models
    /// each): added up, divided by `prompts`, mirrored below the diagonal.
    void setMeanFromSums(const std::vector<std::vector<double>> &workerSums);
    /// Adds pair (i < j)'s score on prompt p to one worker's sums (as setMeanFromSums takes them) and
    /// keeps it per prompt when perPrompt is kept.
    void addScore(std::vector<double> &workerSums, std::size_t i, std::size_t j, std::size_t p, double score)
    {
        workerSums[i * models + j] += score;
        if (!perPrompt.empty())
            perPrompt[pairIndex(i, j, models) * prompts + p] = static_cast<float>(score);
    }
    const float *promptScores(std::size_t i, std::size_t j) const { return perPrompt.data() + pairIndex(i, j, models) * prompts; }
};

/// A pairwise similarity map ready to show or export.
struct SimilarityMatrix {
    Metric metric = Metric::TfIdf;
    std::vector<std::string> models;
    std::size_t prompts = 0;
    std::vector<std::vector<double>> matrix;    ///< [i][j], symmetric
    std::vector<int> order;                     ///< display order from average-linkage clustering
    std::vector<std::pair<double, double>> mds; ///< 2-D classical MDS coordinates per model
};

/// Scores every pair on every prompt for one metric. The corpus must validate().
PairScores scorePairs(const Corpus &corpus, Metric metric, const SimilarityOptions &options = {});

/// The mean-over-prompts matrix of `metric`, with clustering order and MDS coordinates.
SimilarityMatrix computeSimilarity(const Corpus &corpus, Metric metric, const SimilarityOptions &options = {});

/// Wraps already computed scores into a SimilarityMatrix (adds order and MDS).
SimilarityMatrix toMatrix(const PairScores &scores, Metric metric, const std::vector<std::string> &models);

} // namespace ds::similarity
