#include "PromptResampling.h"

#include "stats/Bootstrap.h" // SplitMix64: the project's one portable PRNG (header only)

#include <algorithm>

namespace ds::similarity {

ResampleCounts resamplePrompts(const std::vector<CandidateSeries> &series, std::size_t top, int resamples, uint64_t seed)
{
    ResampleCounts out;
    const std::size_t K = series.size();
    out.resamples = std::max(resamples, 0);
    out.wins.assign(K, 0);
    out.notBehind.assign(K, 0);
    if (K == 0 || series.front().toStudent.empty())
        return out;
    const std::size_t P = series.front().toStudent.size();
    ds::stats::SplitMix64 rng(seed);
    std::vector<std::size_t> draw(P);
    std::vector<double> sim(K);
    for (int b = 0; b < out.resamples; ++b) {
        for (auto &d : draw)
            d = rng.below(P);
        for (std::size_t k = 0; k < K; ++k) {
            double sum = 0;
            for (std::size_t d : draw)
                sum += series[k].toStudent[d];
            sim[k] = sum;
        }
        double nearest = -1e300;
        for (const auto &toRef : series[top].toReference) {
            double sum = 0;
            for (std::size_t d : draw)
                sum += toRef[d];
            nearest = std::max(nearest, sum);
        }
        std::size_t best = 0;
        for (std::size_t k = 1; k < K; ++k)
            if (sim[k] > sim[best])
                best = k;
        ++out.wins[best];
        for (std::size_t k = 0; k < K; ++k)
            if (k != top && sim[top] - sim[k] <= 0)
                ++out.notBehind[k];
        if (sim[top] - nearest <= 0)
            ++out.leadAtMostZero;
    }
    return out;
}

} // namespace ds::similarity
