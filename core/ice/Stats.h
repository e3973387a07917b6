#pragma once
/// @file Stats.h
/// Statistics for ICE: a cluster (template-level) bootstrap for rates. Cohen's kappa is stats::cohenKappa.
#include <cstdint>
#include <vector>

namespace ds::ice {

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
