#include "SparseCosine.h"

#include "Parallel.h"
#include "TermTable.h"

#include <algorithm>
#include <cmath>

namespace ds::similarity {

namespace {

using DfMap = TermTable; // term hash -> document frequency, then -> idf

struct Entry {
    uint32_t term; ///< index into the prompt's local vocabulary
    double weight;
};

/// Sorts `terms` and turns it into (hash, count) runs.
void countTerms(std::vector<uint64_t> &terms, std::vector<std::pair<uint64_t, uint32_t>> &counts)
{
    std::sort(terms.begin(), terms.end());
    counts.clear();
    for (std::size_t i = 0; i < terms.size();) {
        std::size_t j = i;
        while (j < terms.size() && terms[j] == terms[i])
            ++j;
        counts.emplace_back(terms[i], static_cast<uint32_t>(j - i));
        i = j;
    }
}

using TermCounts = std::vector<std::pair<uint64_t, uint32_t>>;

/// Document frequencies of all terms; when `cache` is non-null also keeps every document's term
/// counts there ([prompt * models + model]) so the second pass need not featurize again.
DfMap documentFrequencies(const Corpus &corpus, const Featurizer &featurize, unsigned threads,
                          std::vector<TermCounts> *cache)
{
    const std::size_t M = corpus.modelCount();
    std::vector<DfMap> perWorker(threads, DfMap(1 << 16));
    std::vector<std::vector<uint64_t>> scratch(threads);
    std::vector<TermCounts> countScratch(threads);
    parallelFor(corpus.promptCount(), threads, [&](std::size_t p, unsigned w) {
        auto &terms = scratch[w];
        for (std::size_t m = 0; m < M; ++m) {
            terms.clear();
            featurize(corpus.texts[m][p], terms);
            TermCounts &counts = cache ? (*cache)[p * M + m] : countScratch[w];
            countTerms(terms, counts);
            if (cache)
                counts.shrink_to_fit();
            auto &df = perWorker[w];
            for (const auto &tc : counts)
                ++df[tc.first];
        }
    });
    DfMap df = std::move(perWorker[0]);
    for (unsigned w = 1; w < threads; ++w)
        perWorker[w].forEach([&](uint64_t t, double n) { df[t] += n; });
    return df;
}

} // namespace

PairScores sparseCosine(const Corpus &corpus, const Featurizer &featurize, Weighting weighting,
                        const SimilarityOptions &options)
{
    const unsigned threads = workerCount(options.threads);
    const std::size_t M = corpus.modelCount();
    const std::size_t P = corpus.promptCount();
    PairScores out;
    out.models = M;
    out.prompts = P;
    out.mean.assign(M * M, 0.0);
    if (options.keepPerPrompt)
        out.perPrompt.assign(M * (M - 1) / 2 * P, 0.0f);
    if (M == 0 || P == 0)
        return out;

    std::vector<TermCounts> cache(weighting.cacheCounts ? M * P : 0);
    DfMap df;
    if (weighting.useIdf || weighting.cacheCounts)
        df = documentFrequencies(corpus, featurize, threads, weighting.cacheCounts ? &cache : nullptr);
    const double nDocs = static_cast<double>(M * P);
    if (weighting.useIdf) // from here on the table holds idf, computed once per term
        df.forEach([&](uint64_t, double &n) { n = std::log((1.0 + nDocs) / (1.0 + n)) + 1.0; });

    struct Worker {
        std::vector<double> sums;
        std::vector<uint64_t> terms;
        TermCounts counts;
        std::vector<std::vector<std::pair<uint64_t, double>>> docs;
        std::vector<uint64_t> vocab;
        std::vector<std::vector<Entry>> vectors;
        std::vector<double> dense;
    };
    std::vector<Worker> workers(threads);
    for (auto &w : workers) {
        w.sums.assign(M * M, 0.0);
        w.docs.resize(M);
        w.vectors.resize(M);
    }

    parallelFor(P, threads, [&](std::size_t p, unsigned wi) {
        Worker &w = workers[wi];
        // 1. weighted, l2-normalised vectors keyed by hash
        w.vocab.clear();
        for (std::size_t m = 0; m < M; ++m) {
            if (!weighting.cacheCounts) {
                w.terms.clear();
                featurize(corpus.texts[m][p], w.terms);
                countTerms(w.terms, w.counts);
            }
            const TermCounts &counts = weighting.cacheCounts ? cache[p * M + m] : w.counts;
            auto &doc = w.docs[m];
            doc.clear();
            double norm2 = 0;
            for (auto [h, tf] : counts) {
                double x = weighting.sublinearTf ? 1.0 + std::log(static_cast<double>(tf)) : tf;
                if (weighting.useIdf)
                    x *= df.get(h);
                doc.emplace_back(h, x);
                norm2 += x * x;
                w.vocab.push_back(h);
            }
            if (norm2 > 0) {
                const double norm = std::sqrt(norm2);
                for (auto &e : doc)
                    e.second /= norm;
            }
        }
        // 2. local term ids so pair products run on a small dense array
        std::sort(w.vocab.begin(), w.vocab.end());
        w.vocab.erase(std::unique(w.vocab.begin(), w.vocab.end()), w.vocab.end());
        for (std::size_t m = 0; m < M; ++m) {
            auto &vec = w.vectors[m];
            vec.clear();
            auto it = w.vocab.begin();
            for (auto [h, x] : w.docs[m]) { // docs are sorted by hash, so the search only moves forward
                it = std::lower_bound(it, w.vocab.end(), h);
                vec.push_back({static_cast<uint32_t>(it - w.vocab.begin()), x});
            }
        }
        w.dense.assign(w.vocab.size(), 0.0);
        // 3. all pairs: scatter one vector, gather the others against it
        for (std::size_t i = 0; i < M; ++i) {
            double self = 0;
            for (const auto &e : w.vectors[i]) {
                w.dense[e.term] = e.weight;
                self += e.weight * e.weight;
            }
            w.sums[i * M + i] += self;
            for (std::size_t j = i + 1; j < M; ++j) {
                double dot = 0;
                for (const auto &e : w.vectors[j])
                    dot += w.dense[e.term] * e.weight;
                w.sums[i * M + j] += dot;
                if (!out.perPrompt.empty())
                    out.perPrompt[PairScores::pairIndex(i, j, M) * P + p] = static_cast<float>(dot);
            }
            for (const auto &e : w.vectors[i])
                w.dense[e.term] = 0;
        }
    });

    for (const auto &w : workers)
        for (std::size_t k = 0; k < M * M; ++k)
            out.mean[k] += w.sums[k];
    for (std::size_t i = 0; i < M; ++i)
        for (std::size_t j = i; j < M; ++j) {
            const double v = out.mean[i * M + j] / static_cast<double>(P);
            out.mean[i * M + j] = v;
            out.mean[j * M + i] = v;
        }
    return out;
}

} // namespace ds::similarity
