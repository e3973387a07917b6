#include "Similarity.h"

#include "Clustering.h"
#include "FunctionTemplates.h"
#include "RougeL.h"
#include "SparseCosine.h"
#include "StructureProfile.h"
#include "StyleFeatures.h"
#include "Utf8Text.h"

#include <cmath>
#include <stdexcept>

namespace ds::similarity {

namespace {

const std::vector<std::pair<Metric, std::string>> kNames = {
    {Metric::TfIdf, "tfidf"}, {Metric::CharNgram, "char"},    {Metric::RougeL, "rougeL"},    {Metric::Structure, "structure"},
    {Metric::Style, "style"}, {Metric::Template, "template"}, {Metric::Combined, "combined"}};

void sklearnTerms(std::string_view text, std::vector<uint64_t> &out)
{
    sklearnTokenHashes(text, out);
}

/// Mean and standard deviation of the off-diagonal pair similarities: the pool's yardstick.
std::pair<double, double> pairStats(const PairScores &s)
{
    double sum = 0, sum2 = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.models; ++i)
        for (std::size_t j = i + 1; j < s.models; ++j) {
            sum += s.at(i, j);
            sum2 += s.at(i, j) * s.at(i, j);
            ++n;
        }
    if (n == 0)
        return {0.0, 1.0};
    const double mu = sum / static_cast<double>(n);
    const double var = sum2 / static_cast<double>(n) - mu * mu;
    return {mu, var > 1e-18 ? std::sqrt(var) : 1.0};
}

PairScores combinedScores(const Corpus &corpus, const SimilarityOptions &options)
{
    const auto parts = combinedParts();
    PairScores out = PairScores::zeros(corpus, options);
    const double w = 1.0 / static_cast<double>(parts.size());
    for (Metric part : parts) {
        const PairScores s = scorePairs(corpus, part, options);
        const auto [mu, sd] = pairStats(s);
        for (std::size_t k = 0; k < s.mean.size(); ++k)
            out.mean[k] += w * (s.mean[k] - mu) / sd;
        for (std::size_t k = 0; k < s.perPrompt.size(); ++k)
            out.perPrompt[k] += static_cast<float>(w * (s.perPrompt[k] - mu) / sd);
    }
    return out;
}

} // namespace

std::string metricName(Metric m)
{
    for (const auto &[metric, name] : kNames)
        if (metric == m)
            return name;
    return "?";
}

std::optional<Metric> parseMetric(const std::string &name)
{
    for (const auto &[metric, n] : kNames)
        if (n == name)
            return metric;
    return std::nullopt;
}

std::vector<Metric> combinedParts()
{
    return {Metric::TfIdf, Metric::CharNgram, Metric::Style};
}

PairScores PairScores::zeros(const Corpus &corpus, const SimilarityOptions &options)
{
    PairScores out;
    out.models = corpus.modelCount();
    out.prompts = corpus.promptCount();
    out.mean.assign(out.models * out.models, 0.0);
    if (options.keepPerPrompt)
        out.perPrompt.assign(out.models * (out.models - 1) / 2 * out.prompts, 0.0f);
    return out;
}

void PairScores::setMeanFromSums(const std::vector<std::vector<double>> &workerSums)
{
    const std::size_t M = models;
    mean.assign(M * M, 0.0);
    for (const auto &s : workerSums)
        for (std::size_t k = 0; k < M * M; ++k)
            mean[k] += s[k];
    for (std::size_t i = 0; i < M; ++i)
        for (std::size_t j = i; j < M; ++j)
            mean[j * M + i] = mean[i * M + j] = mean[i * M + j] / static_cast<double>(prompts);
}

std::size_t PairScores::pairIndex(std::size_t i, std::size_t j, std::size_t n)
{
    if (i > j)
        std::swap(i, j);
    return i * (2 * n - i - 1) / 2 + (j - i - 1);
}

PairScores scorePairs(const Corpus &corpus, Metric metric, const SimilarityOptions &options)
{
    if (const std::string problem = corpus.validate(); !problem.empty())
        throw std::invalid_argument(problem);
    switch (metric) {
    case Metric::TfIdf:
        return sparseCosine(corpus, sklearnTerms, {true, true, true}, options);
    case Metric::CharNgram: {
        const int n = options.charN;
        return sparseCosine(
            corpus, [n](std::string_view text, std::vector<uint64_t> &out) { appendCharNgramHashes(text, n, out); }, {true, true, false},
            options);
    }
    case Metric::RougeL:
        return rougeLScores(corpus, options);
    case Metric::Structure:
        return structureScores(corpus, options);
    case Metric::Style:
        return sparseCosine(corpus, styleFeatures, {true, false, true}, options);
    case Metric::Template:
        return sparseCosine(corpus, functionTemplateFeatures, {true, true, true}, options);
    case Metric::Combined:
        return combinedScores(corpus, options);
    }
    return {};
}

SimilarityMatrix toMatrix(const PairScores &scores, Metric metric, const std::vector<std::string> &models)
{
    SimilarityMatrix m;
    m.metric = metric;
    m.models = models;
    m.prompts = scores.prompts;
    m.matrix.assign(scores.models, std::vector<double>(scores.models, 0.0));
    for (std::size_t i = 0; i < scores.models; ++i)
        for (std::size_t j = 0; j < scores.models; ++j)
            m.matrix[i][j] = scores.at(i, j);
    m.order = clusterOrder(m.matrix);
    m.mds = classicalMds(m.matrix);
    return m;
}

SimilarityMatrix computeSimilarity(const Corpus &corpus, Metric metric, const SimilarityOptions &options)
{
    return toMatrix(scorePairs(corpus, metric, options), metric, corpus.models);
}

} // namespace ds::similarity
