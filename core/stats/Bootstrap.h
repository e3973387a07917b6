#pragma once
// Resampling statistics shared by RSE, ICE and similarity reports. Deterministic for a given seed.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace ds::stats {

/// A confidence interval. NaN bounds mean "undefined" (no data, or a single item): never shown as
/// [0, 0], and nlohmann::json writes them as null.
struct Interval {
    double lo = std::numeric_limits<double>::quiet_NaN(), hi = std::numeric_limits<double>::quiet_NaN();
    bool defined() const { return !std::isnan(lo) && !std::isnan(hi); }
};

/// Mean of `v`; NaN when `v` is empty (a mean from nothing is not 0).
double mean(const std::vector<double> &v);

/// Percentile bootstrap 95% interval of the mean (resampling items with replacement). Undefined
/// (NaN) for fewer than 2 items.
Interval bootstrapMeanCi(const std::vector<double> &values, int resamples = 2000, uint64_t seed = 42, double level = 0.95);

/// Percentile bootstrap 95% intervals of the means of several columns measured on the same items
/// (e.g. overall, style, logic, content of each prompt). Every resample draws one set of items and
/// uses it for all columns, so k columns cost about one bootstrap, not k. Columns must have equal sizes.
std::vector<Interval> bootstrapMeanCis(const std::vector<const std::vector<double> *> &columns, int resamples = 2000, uint64_t seed = 42,
                                       double level = 0.95);

/// Cluster bootstrap of a rate: clusters (e.g. templates) are resampled with replacement, the rate
/// is total hits / total items of the drawn clusters. `clusters` holds (hits, items) per cluster.
/// Resamples that draw no items are skipped; undefined (NaN) when there are no items at all.
Interval clusterBootstrapRateCi(const std::vector<std::pair<double, double>> &clusters, int resamples = 2000, uint64_t seed = 42,
                                double level = 0.95);

/// Cohen's kappa for two raters' binary labels over the same items (the one kappa of the project).
/// nullopt when undefined: no items, unequal lengths, or chance agreement 1 (both raters constant and equal).
std::optional<double> cohenKappa(const std::vector<bool> &a, const std::vector<bool> &b);

/// Small, fast, portable PRNG (splitmix64) so resamples are identical on every platform.
struct SplitMix64 {
    uint64_t state;
    explicit SplitMix64(uint64_t seed) : state(seed) {}
    uint64_t next()
    {
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, n). Multiply-shift instead of modulo: no division in the bootstraps' inner
    /// loops (several times faster); the bias is below n / 2^64.
    size_t below(size_t n) { return size_t((static_cast<unsigned __int128>(next()) * n) >> 64); }
};

} // namespace ds::stats
