#include "stats/Bootstrap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ds::stats {

double mean(const std::vector<double> &v)
{
    return v.empty() ? std::numeric_limits<double>::quiet_NaN() : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
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

namespace {
/// One resample's column sums over n items of K columns stored item-major in `rows`; K is a
/// compile-time constant so the sums stay in registers.
template <size_t K> void resampleSums(const double *rows, size_t n, SplitMix64 &rng, double *sums)
{
    double acc[K] = {};
    auto add = [&](size_t item) {
        const double *row = rows + item * K;
        for (size_t c = 0; c < K; ++c)
            acc[c] += row[c];
    };
    size_t i = 0;
    if (n < (size_t(1) << 20)) // two indices per 64-bit draw, as in bootstrapMeanCi
        for (; i + 1 < n; i += 2) {
            const uint64_t x = rng.next();
            add(((x & 0xffffffffu) * n) >> 32);
            add(((x >> 32) * n) >> 32);
        }
    for (; i < n; ++i)
        add(rng.below(n));
    for (size_t c = 0; c < K; ++c)
        sums[c] = acc[c];
}
} // namespace

std::vector<Interval> bootstrapMeanCis(const std::vector<const std::vector<double> *> &columns, int resamples, uint64_t seed, double level)
{
    const size_t k = columns.size();
    if (k == 0)
        return {};
    if (k > 4) { // uncommon: bootstrap the columns in groups that share nothing
        std::vector<Interval> out;
        for (size_t c = 0; c < k; ++c)
            out.push_back(bootstrapMeanCi(*columns[c], resamples, seed, level));
        return out;
    }
    const size_t n = columns.front()->size();
    if (n <= 1) // no spread to resample: [x, x] from one item would claim certainty
        return std::vector<Interval>(k);
    // Item-major copy: one draw reads the k values of an item from one cache line.
    std::vector<double> rows(n * k);
    for (size_t c = 0; c < k; ++c)
        for (size_t i = 0; i < n; ++i)
            rows[i * k + c] = (*columns[c])[i];
    SplitMix64 rng(seed);
    const size_t r = size_t(std::max(1, resamples));
    std::vector<std::vector<double>> draws(k, std::vector<double>(r));
    double sums[4];
    for (size_t d = 0; d < r; ++d) {
        switch (k) {
        case 1:
            resampleSums<1>(rows.data(), n, rng, sums);
            break;
        case 2:
            resampleSums<2>(rows.data(), n, rng, sums);
            break;
        case 3:
            resampleSums<3>(rows.data(), n, rng, sums);
            break;
        default:
            resampleSums<4>(rows.data(), n, rng, sums);
            break;
        }
        for (size_t c = 0; c < k; ++c)
            draws[c][d] = sums[c] / double(n);
    }
    std::vector<Interval> out;
    out.reserve(draws.size());
    for (auto &dc : draws)
        out.push_back(percentiles(dc, level));
    return out;
}

Interval bootstrapMeanCi(const std::vector<double> &values, int resamples, uint64_t seed, double level)
{
    return bootstrapMeanCis({&values}, resamples, seed, level).front();
}

Interval clusterBootstrapRateCi(const std::vector<std::pair<double, double>> &clusters, int resamples, uint64_t seed, double level)
{
    if (clusters.empty())
        return {};
    double allItems = 0;
    for (const auto &c : clusters)
        allItems += c.second;
    if (allItems <= 0)
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
        if (items > 0) // a resample of empty clusters has no rate, not a rate of 0
            draws.push_back(hits / items);
    }
    return draws.empty() ? Interval{} : percentiles(draws, level);
}

std::optional<double> cohenKappa(const std::vector<bool> &a, const std::vector<bool> &b)
{
    const size_t n = a.size();
    if (n == 0 || b.size() != n)
        return std::nullopt;
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
    if (pe >= 1.0)
        return std::nullopt;
    return (po - pe) / (1 - pe);
}

} // namespace ds::stats
