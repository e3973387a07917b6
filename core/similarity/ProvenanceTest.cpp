#include "ProvenanceTest.h"

#include <algorithm>
#include <numeric>

namespace ds::similarity {

std::vector<double> holmAdjust(const std::vector<double> &p)
{
    const std::size_t m = p.size();
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
    std::vector<double> adjusted(m, 1.0);
    double running = 0;
    for (std::size_t i = 0; i < m; ++i) {
        running = std::max(running, std::min(1.0, p[order[i]] * static_cast<double>(m - i)));
        adjusted[order[i]] = running;
    }
    return adjusted;
}

void correctFamily(std::vector<ProvenanceTest> &family, double alpha)
{
    std::vector<double> p;
    p.reserve(family.size());
    for (const auto &t : family)
        p.push_back(t.p);
    const auto adjusted = holmAdjust(p);
    for (std::size_t i = 0; i < family.size(); ++i) {
        family[i].pHolm = adjusted[i];
        family[i].holds = adjusted[i] < alpha;
    }
}

double bootstrapP(int atMostZero, int resamples)
{
    return (static_cast<double>(atMostZero) + 1.0) / (static_cast<double>(std::max(resamples, 0)) + 1.0);
}

} // namespace ds::similarity
