#include "SparseCosine.h"

#include "GramKernel.h"
#include "Parallel.h"
#include "TermTable.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ds::similarity {

namespace {

/// One prompt's answers as term counts over the prompt's own vocabulary (local ids 0..V-1).
struct PromptTerms {
    std::vector<uint64_t> vocab;   ///< local id -> term hash
    std::vector<uint32_t> df;      ///< local id -> how many of the prompt's answers contain it
    std::vector<uint32_t> offsets; ///< answer m's entries are [offsets[m], offsets[m + 1])
    std::vector<uint32_t> ids;     ///< local term id of each entry
    std::vector<uint32_t> counts;  ///< term frequency of each entry

    void clear()
    {
        vocab.clear();
        df.clear();
        offsets.clear();
        ids.clear();
        counts.clear();
    }
};

/// Per-thread scratch that turns a prompt's texts into PromptTerms: an open-addressing table from
/// term hash to local id (cleared per prompt) and per-id counters. Hashing instead of sorting the
/// term stream keeps this linear in the number of terms.
class PromptBuilder {
public:
    void build(const Corpus &corpus, std::size_t p, const Featurizer &featurize, PromptTerms &out)
    {
        const std::size_t M = corpus.modelCount();
        out.clear();
        out.offsets.reserve(M + 1);
        out.offsets.push_back(0);
        resetTable();
        for (std::size_t m = 0; m < M; ++m) {
            m_terms.clear();
            featurize(corpus.texts[m][p], m_terms);
            m_touched.clear();
            for (uint64_t h : m_terms) {
                const uint32_t id = idOf(h, out);
                if (m_count[id]++ == 0)
                    m_touched.push_back(id);
            }
            for (uint32_t id : m_touched) {
                out.ids.push_back(id);
                out.counts.push_back(m_count[id]);
                m_count[id] = 0;
                ++out.df[id];
            }
            out.offsets.push_back(static_cast<uint32_t>(out.ids.size()));
        }
    }

private:
    static uint64_t fix(uint64_t k) { return k == 0 ? 1 : k; } // 0 marks an empty slot (as TermTable)
    struct Slot {
        uint64_t key;
        uint32_t id;
    };
    static std::size_t home(uint64_t k, std::size_t mask) { return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ULL) >> 32) & mask; }

    void resetTable()
    {
        if (m_slots.size() < 1024)
            m_slots.assign(1024, Slot{0, 0});
        else
            std::memset(static_cast<void *>(m_slots.data()), 0, m_slots.size() * sizeof(Slot));
        m_size = 0;
    }
    uint32_t idOf(uint64_t h, PromptTerms &out)
    {
        h = fix(h);
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = home(h, mask);
        while (m_slots[i].key != 0) {
            if (m_slots[i].key == h)
                return m_slots[i].id;
            i = (i + 1) & mask;
        }
        const auto id = static_cast<uint32_t>(out.vocab.size());
        m_slots[i] = {h, id};
        out.vocab.push_back(h);
        out.df.push_back(0);
        if (m_count.size() <= id)
            m_count.resize(std::max<std::size_t>(2 * m_count.size(), 1024), 0);
        if (++m_size * 2 > m_slots.size())
            grow(out);
        return id;
    }
    void grow(const PromptTerms &out) // keeps the load factor <= 1/2
    {
        m_slots.assign(m_slots.size() * 2, Slot{0, 0});
        const std::size_t mask = m_slots.size() - 1;
        for (uint32_t id = 0; id < out.vocab.size(); ++id) {
            std::size_t i = home(out.vocab[id], mask);
            while (m_slots[i].key != 0)
                i = (i + 1) & mask;
            m_slots[i] = {out.vocab[id], id};
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
    std::vector<uint32_t> m_count;
    std::vector<uint32_t> m_touched;
    std::vector<uint64_t> m_terms;
};

/// Per-thread state of the scoring pass.
struct Scorer {
    PromptBuilder builder;
    PromptTerms terms;
    std::vector<double> idf, weights, dense, S;
    std::vector<int32_t> denseIndex;
    std::vector<uint32_t> listStart, listFill;
    std::vector<std::pair<uint32_t, double>> lists;
    std::vector<double> sums; ///< models x models, upper triangle and diagonal
};

/// 1 + ln(tf) for small tf from a table (most counts are 1 or 2).
double sublinear(uint32_t tf)
{
    static const auto table = [] {
        std::vector<double> t(256);
        for (std::size_t i = 1; i < t.size(); ++i)
            t[i] = 1.0 + std::log(static_cast<double>(i));
        return t;
    }();
    return tf < table.size() ? table[tf] : 1.0 + std::log(static_cast<double>(tf));
}

/// S_p = X_p X_pᵀ for one prompt: X_p has one l2-normalised weighted row per model. Terms that many
/// of the prompt's answers share go to a dense, column-blocked matrix multiplied with gramBlock();
/// the long tail of rare terms is added from per-term lists of (model, weight), costing df² / 2
/// each. Both are exact; only the order of additions differs from a pairwise sparse dot product.
void promptGram(const PromptTerms &t, std::size_t M, const Weighting &weighting, const TermTable *idfTable, Scorer &w)
{
    const std::size_t V = t.vocab.size();
    const std::size_t rows = (M + 3) & ~std::size_t(3);
    // 1. weights: tf (sublinear) x idf, l2-normalised per answer
    w.idf.resize(V);
    for (std::size_t k = 0; k < V; ++k)
        w.idf[k] = idfTable ? idfTable->get(t.vocab[k]) : 1.0;
    w.weights.resize(t.ids.size());
    for (std::size_t m = 0; m < M; ++m) {
        double norm2 = 0;
        for (uint32_t e = t.offsets[m]; e < t.offsets[m + 1]; ++e) {
            const double x = (weighting.sublinearTf ? sublinear(t.counts[e]) : static_cast<double>(t.counts[e])) * w.idf[t.ids[e]];
            w.weights[e] = x;
            norm2 += x * x;
        }
        if (norm2 > 0) {
            const double inv = 1.0 / std::sqrt(norm2);
            for (uint32_t e = t.offsets[m]; e < t.offsets[m + 1]; ++e)
                w.weights[e] *= inv;
        }
    }
    // 2. split the vocabulary: dense columns for common terms, lists for rare ones. A dense column
    //    costs about rows² / 8 vector multiply-adds, a list df² / 2 scalar ones.
    const uint32_t denseFrom = std::max<uint32_t>(3, static_cast<uint32_t>(M * 3 / 10));
    w.denseIndex.assign(V, -1);
    w.listStart.assign(V + 1, 0);
    std::size_t nDense = 0;
    for (std::size_t k = 0; k < V; ++k) {
        if (t.df[k] >= denseFrom)
            w.denseIndex[k] = static_cast<int32_t>(nDense++);
        else
            w.listStart[k + 1] = t.df[k];
    }
    for (std::size_t k = 0; k < V; ++k)
        w.listStart[k + 1] += w.listStart[k];
    w.lists.resize(w.listStart[V]);
    w.listFill.assign(w.listStart.begin(), w.listStart.end() - 1);

    constexpr std::size_t KB = detail::kGramBlockColumns;
    const std::size_t blocks = (nDense + KB - 1) / KB;
    const std::size_t lastCols = nDense == 0 ? 0 : ((nDense - (blocks - 1) * KB) + 3) & ~std::size_t(3);
    w.dense.assign(blocks == 0 ? 0 : rows * ((blocks - 1) * KB + lastCols), 0.0);
    for (std::size_t m = 0; m < M; ++m)
        for (uint32_t e = t.offsets[m]; e < t.offsets[m + 1]; ++e) {
            const uint32_t id = t.ids[e];
            const int32_t d = w.denseIndex[id];
            if (d >= 0) {
                const std::size_t b = static_cast<std::size_t>(d) / KB, c = static_cast<std::size_t>(d) % KB;
                const std::size_t cols = b + 1 == blocks ? lastCols : KB;
                w.dense[rows * b * KB + m * cols + c] = w.weights[e];
            } else {
                w.lists[w.listFill[id]++] = {static_cast<uint32_t>(m), w.weights[e]};
            }
        }
    // 3. the Gram matrix
    w.S.assign(rows * rows, 0.0);
    for (std::size_t b = 0; b < blocks; ++b)
        detail::gramBlock(w.dense.data() + rows * b * KB, rows, b + 1 == blocks ? lastCols : KB, w.S.data(), rows);
    for (std::size_t k = 0; k < V; ++k) {
        const auto *begin = w.lists.data() + w.listStart[k], *end = w.lists.data() + w.listStart[k + 1];
        for (const auto *a = begin; a != end; ++a) { // models ascending: a < b gives the upper triangle
            double *row = w.S.data() + std::size_t(a->first) * rows;
            row[a->first] += a->second * a->second;
            for (const auto *b = a + 1; b != end; ++b)
                row[b->first] += a->second * b->second;
        }
    }
}

} // namespace

PairScores sparseCosine(const Corpus &corpus, const Featurizer &featurize, Weighting weighting, const SimilarityOptions &options)
{
    const unsigned threads = workerCount(options.threads);
    const std::size_t M = corpus.modelCount();
    const std::size_t P = corpus.promptCount();
    PairScores out = PairScores::zeros(corpus, options);
    if (M == 0 || P == 0)
        return out;

    std::vector<Scorer> workers(threads);
    const bool twoPasses = weighting.useIdf; // idf needs every prompt's terms before any vector
    const bool cache = twoPasses && weighting.cacheCounts;
    std::vector<PromptTerms> cached(cache ? P : 0);

    // pass 1: document frequencies (term hash -> number of answers containing it, over all prompts)
    TermTable idf;
    if (twoPasses) {
        std::vector<TermTable> perWorker(threads, TermTable(1 << 16));
        parallelFor(P, threads, [&](std::size_t p, unsigned wi) {
            Scorer &w = workers[wi];
            const PromptTerms &t = w.terms;
            w.builder.build(corpus, p, featurize, w.terms);
            auto &df = perWorker[wi];
            for (std::size_t k = 0; k < t.vocab.size(); ++k)
                df[t.vocab[k]] += t.df[k];
            if (cache)
                cached[p] = t; // copies allocate exactly the size; the scratch keeps its capacity
        });
        idf = std::move(perWorker[0]);
        for (unsigned wi = 1; wi < threads; ++wi) {
            perWorker[wi].forEach([&](uint64_t h, double n) { idf[h] += n; });
            perWorker[wi] = TermTable(16);
        }
        const double nDocs = static_cast<double>(M * P);
        idf.forEach([&](uint64_t, double &n) { n = std::log((1.0 + nDocs) / (1.0 + n)) + 1.0; });
    }

    // pass 2: per prompt, all model pairs at once
    for (auto &w : workers)
        w.sums.assign(M * M, 0.0);
    const std::size_t rows = (M + 3) & ~std::size_t(3);
    parallelFor(P, threads, [&](std::size_t p, unsigned wi) {
        Scorer &w = workers[wi];
        PromptTerms *t = &w.terms;
        if (cache)
            t = &cached[p];
        else
            w.builder.build(corpus, p, featurize, w.terms);
        promptGram(*t, M, weighting, weighting.useIdf ? &idf : nullptr, w);
        if (cache)
            *t = PromptTerms(); // free as we go
        for (std::size_t i = 0; i < M; ++i) {
            const double *row = w.S.data() + i * rows;
            double *sum = w.sums.data() + i * M;
            for (std::size_t j = i; j < M; ++j)
                sum[j] += row[j];
            if (!out.perPrompt.empty())
                for (std::size_t j = i + 1; j < M; ++j)
                    out.perPrompt[PairScores::pairIndex(i, j, M) * P + p] = static_cast<float>(row[j]);
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
