#include "stats/Bootstrap.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ds::stats {

double mean(const std::vector<double> &v)
{
    return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

static Interval percentiles(std::vector<double> &draws, double level)
{
    std::sort(draws.begin(), draws.end());
    const double alpha = (1 - level) / 2;
    auto at = [&](double q) {
        const double pos = q * double(draws.size() - 1);
        const size_t i = size_t(std::floor(pos));
        const double frac = pos - double(i);
        return i + 1 < draws.size() ? draws[i] * (1 - frac) + draws[i + 1] * frac : draws[i];
    };
    return {at(alpha), at(1 - alpha)};
}

Interval bootstrapMeanCi(const std::vector<double> &values, int resamples, uint64_t seed, double level)
{
    if (values.empty())
        return {};
    if (values.size() == 1)
        return {values[0], values[0]};
    SplitMix64 rng(seed);
    std::vector<double> draws(size_t(std::max(1, resamples)));
    for (auto &d : draws) {
        double sum = 0;
        for (size_t i = 0; i < values.size(); ++i)
            sum += values[rng.below(values.size())];
        d = sum / double(values.size());
    }
    return percentiles(draws, level);
}

Interval clusterBootstrapRateCi(const std::vector<std::pair<double, double>> &clusters, int resamples, uint64_t seed,
                                double level)
{
    if (clusters.empty())
        return {};
    SplitMix64 rng(seed);
    std::vector<double> draws;
    draws.reserve(size_t(resamples));
    for (int r = 0; r < resamples; ++r) {
        double hits = 0, items = 0;
        for (size_t i = 0; i < clusters.size(); ++i) {
            const auto &c = clusters[rng.below(clusters.size())];
            hits += c.first;
            items += c.second;
        }
        draws.push_back(items > 0 ? hits / items : 0.0);
    }
    return percentiles(draws, level);
}

double cohenKappa(const std::vector<bool> &a, const std::vector<bool> &b)
{
    const size_t n = std::min(a.size(), b.size());
    if (n == 0)
        return 0;
    double agree = 0, pa = 0, pb = 0;
    for (size_t i = 0; i < n; ++i) {
        agree += a[i] == b[i];
        pa += a[i];
        pb += b[i];
    }
    const double po = agree / double(n);
    pa /= double(n);
    pb /= double(n);
    const double pe = pa * pb + (1 - pa) * (1 - pb);
    return pe >= 1.0 ? 1.0 : (po - pe) / (1 - pe);
}

} // namespace ds::stats
