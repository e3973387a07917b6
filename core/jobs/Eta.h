#pragma once
// The one rule for a job's time-left estimate (RSE and ICE report it the same way).
#include "jobs/JobResult.h"

#include <algorithm>
#include <cstdint>

namespace ds {

/// Seconds left for `p` (its done, total, pending and elapsedS), extrapolated from `freshDone`
/// items this session completed by requests (cached ones cost no time). 0 only when nothing is left
/// and nothing is in flight; -1 (unknown) before anything fresh completed, or when only requests in
/// flight remain; otherwise at least a second, so that a sub-second estimate with calls still out
/// never prints as "0m00s".
inline double estimateEtaS(const JobProgress &p, int64_t freshDone)
{
    const int64_t remaining = std::max<int64_t>(0, p.total - p.done);
    if (remaining == 0)
        return p.pending == 0 ? 0.0 : -1.0;
    if (freshDone <= 0 || p.elapsedS <= 0)
        return -1.0;
    return std::max(1.0, p.elapsedS / double(freshDone) * double(remaining));
}

} // namespace ds
