#include "RougeL.h"

#include "Parallel.h"
#include "Utf8Text.h"

#include <bit>
#include <unordered_map>

namespace ds::similarity {

namespace {

/// Match masks of `a`: for each distinct token, the bit set of positions where it occurs.
class MatchMasks {
public:
    explicit MatchMasks(const std::vector<uint64_t> &a) : m_words((a.size() + 63) / 64), m_n(a.size())
    {
        for (std::size_t i = 0; i < a.size(); ++i) {
            auto [it, fresh] = m_index.try_emplace(a[i], m_masks.size());
            if (fresh)
                m_masks.resize(m_masks.size() + m_words, 0);
            m_masks[it->second + i / 64] |= uint64_t{1} << (i % 64);
        }
    }
    /// Allison-Dix / Hyyro bit-vector LCS: V' = (V + U) | (V - U) with U = V & match(b).
    std::size_t lcsWith(const std::vector<uint64_t> &b, std::vector<uint64_t> &v) const
    {
        v.assign(m_words, ~uint64_t{0});
        for (uint64_t tok : b) {
            auto it = m_index.find(tok);
            if (it == m_index.end())
                continue;
            const uint64_t *mask = m_masks.data() + it->second;
            uint64_t carry = 0;
            for (std::size_t w = 0; w < m_words; ++w) {
                const uint64_t u = v[w] & mask[w];
                const uint64_t sum = v[w] + u + carry;
                carry = (sum < v[w]) || (carry && sum == v[w]) ? 1 : 0;
                v[w] = sum | (v[w] & ~u);
            }
        }
        std::size_t zeros = 0;
        for (std::size_t w = 0; w < m_words; ++w) {
            uint64_t x = ~v[w];
            if (w + 1 == m_words && m_n % 64)
                x &= (uint64_t{1} << (m_n % 64)) - 1;
            zeros += static_cast<std::size_t>(std::popcount(x));
        }
        return zeros;
    }

private:
    std::size_t m_words, m_n;
    std::unordered_map<uint64_t, std::size_t> m_index;
    std::vector<uint64_t> m_masks;
};

void tokenIds(std::string_view text, std::vector<uint64_t> &out)
{
    thread_local std::string buf;
    thread_local std::vector<std::string_view> toks;
    wordRuns(text, buf, toks);
    out.clear();
    for (auto t : toks)
        out.push_back(hashBytes(t));
}

} // namespace

std::size_t lcsLength(const std::vector<uint64_t> &a, const std::vector<uint64_t> &b)
{
    if (a.empty() || b.empty())
        return 0;
    std::vector<uint64_t> v;
    return MatchMasks(a).lcsWith(b, v);
}

double rougeLF1(const std::vector<uint64_t> &a, const std::vector<uint64_t> &b)
{
    if (a.empty() || b.empty())
        return 0.0;
    return 2.0 * static_cast<double>(lcsLength(a, b)) / static_cast<double>(a.size() + b.size());
}

PairScores rougeLScores(const Corpus &corpus, const SimilarityOptions &options)
{
    const std::size_t M = corpus.modelCount();
    const std::size_t P = corpus.promptCount();
    const unsigned threads = workerCount(options.threads);
    PairScores out = PairScores::zeros(corpus, options);
    if (M == 0 || P == 0)
        return out;
    std::vector<std::vector<double>> sums(threads, std::vector<double>(M * M, 0.0));
    parallelFor(P, threads, [&](std::size_t p, unsigned w) {
        std::vector<std::vector<uint64_t>> toks(M);
        for (std::size_t m = 0; m < M; ++m)
            tokenIds(corpus.texts[m][p], toks[m]);
        std::vector<uint64_t> v;
        for (std::size_t i = 0; i < M; ++i) {
            sums[w][i * M + i] += toks[i].empty() ? 0.0 : 1.0;
            if (toks[i].empty())
                continue;
            const MatchMasks masks(toks[i]);
            for (std::size_t j = i + 1; j < M; ++j) {
                if (toks[j].empty())
                    continue;
                const double f =
                    2.0 * static_cast<double>(masks.lcsWith(toks[j], v)) / static_cast<double>(toks[i].size() + toks[j].size());
                out.addScore(sums[w], i, j, p, f);
            }
        }
    });
    out.setMeanFromSums(sums);
    return out;
}

} // namespace ds::similarity
