#include "ice/Stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace ds::ice {

Interval clusterBootstrap(const std::vector<Cluster> &clusters, int iterations, uint64_t seed)
{
    constexpr double undefined = std::numeric_limits<double>::quiet_NaN();
    int64_t allItems = 0;
    for (const Cluster &c : clusters)
        allItems += c.n;
    if (clusters.empty() || iterations <= 0 || allItems == 0)
        return {undefined, undefined}; // no responses: no rate, so no interval either
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<size_t> pick(0, clusters.size() - 1);
    std::vector<double> rates;
    rates.reserve(static_cast<size_t>(iterations));
    for (int it = 0; it < iterations; ++it) {
        int64_t h = 0, n = 0;
        for (size_t k = 0; k < clusters.size(); ++k) {
            const Cluster &c = clusters[pick(rng)];
            h += c.hits;
            n += c.n;
        }
        if (n > 0) // a resample of empty templates has no rate, not a rate of 0
            rates.push_back(static_cast<double>(h) / static_cast<double>(n));
    }
    if (rates.empty())
        return {undefined, undefined};
    std::sort(rates.begin(), rates.end());
    auto q = [&](double p) {
        const double idx = p * static_cast<double>(rates.size() - 1);
        const size_t lo = static_cast<size_t>(idx);
        const size_t hi = std::min(lo + 1, rates.size() - 1);
        return rates[lo] + (rates[hi] - rates[lo]) * (idx - static_cast<double>(lo));
    };
    return {q(0.025), q(0.975)};
}

Interval wilsonInterval(int64_t hits, int64_t n)
{
    if (n <= 0)
        return {};
    const double z = 1.959963984540054, nn = static_cast<double>(n), p = static_cast<double>(hits) / nn;
    const double denom = 1 + z * z / nn;
    const double centre = (p + z * z / (2 * nn)) / denom;
    const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / denom;
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

} // namespace ds::ice
