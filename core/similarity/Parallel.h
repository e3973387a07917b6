#pragma once
// Minimal work sharing for the metrics: no Qt, no global pool, threads joined before return.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace ds::similarity {

/// Number of worker threads to use when the caller asked for `requested` (0 = all cores).
inline unsigned workerCount(unsigned requested)
{
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    return requested == 0 ? hw : requested;
}

/// Calls fn(index, worker) for every index in [0, n) on `threads` threads; items are handed out
/// one by one (dynamic), so uneven items balance. fn must not throw.
template <class Fn> void parallelFor(std::size_t n, unsigned threads, Fn fn)
{
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(n, 1))));
    std::atomic<std::size_t> next{0};
    auto work = [&](unsigned worker) {
        for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;)
            fn(i, worker);
    };
    if (threads == 1) {
        work(0);
        return;
    }
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work, t);
    work(0);
    for (auto &t : pool)
        t.join();
}

} // namespace ds::similarity
