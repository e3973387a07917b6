#pragma once
/// @file Stats.h
/// Statistics for ICE: Cohen's kappa and a cluster (template-level) bootstrap for rates.
#include <cstdint>
#include <optional>
#include <vector>

namespace ds::ice {

/// Cohen's kappa of two binary label vectors of equal length. nullopt when empty or when chance
/// agreement is 1 (both raters constant and equal: kappa undefined).
std::optional<double> cohenKappa(const std::vector<bool> &a, const std::vector<bool> &b);

/// One cluster (a template): hits among n judged responses.
struct Cluster {
    int64_t hits = 0;
    int64_t n = 0;
};

struct Interval {
    double lo = 0, hi = 0;
};

/// 95% percentile interval of the pooled rate sum(hits)/sum(n) when whole clusters are resampled
/// with replacement (`iterations` resamples, deterministic for a given `seed`).
Interval clusterBootstrap(const std::vector<Cluster> &clusters, int iterations = 2000, uint64_t seed = 20250101);

/// 95% Wilson score interval of hits / n (responses treated as independent). Used where there are
/// fewer than two templates to resample, e.g. a single template's rate; {0, 0} when n == 0.
Interval wilsonInterval(int64_t hits, int64_t n);

} // namespace ds::ice
