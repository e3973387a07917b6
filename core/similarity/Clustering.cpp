#include "Clustering.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ds::similarity {

namespace {

std::vector<std::vector<double>> toDistances(const std::vector<std::vector<double>> &s)
{
    const std::size_t n = s.size();
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j)
                top = std::max(top, s[i][j]);
    std::vector<std::vector<double>> d(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j)
                d[i][j] = std::max(0.0, top - 0.5 * (s[i][j] + s[j][i]));
    return d;
}

} // namespace

std::vector<int> clusterOrder(const std::vector<std::vector<double>> &similarity)
{
    const std::size_t n = similarity.size();
    if (n == 0)
        return {};
    auto d = toDistances(similarity);
    std::vector<std::vector<int>> members(n);
    std::vector<bool> alive(n, true);
    for (std::size_t i = 0; i < n; ++i)
        members[i] = {static_cast<int>(i)};
    for (std::size_t step = 1; step < n; ++step) {
        std::size_t a = 0, b = 0;
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n && alive[i]; ++j)
                if (alive[j] && d[i][j] < best) {
                    best = d[i][j];
                    a = i;
                    b = j;
                }
        // average linkage: new distance is the size-weighted mean of the two merged clusters'
        const double na = static_cast<double>(members[a].size()), nb = static_cast<double>(members[b].size());
        for (std::size_t k = 0; k < n; ++k)
            if (alive[k] && k != a && k != b)
                d[a][k] = d[k][a] = (na * d[a][k] + nb * d[b][k]) / (na + nb);
        members[a].insert(members[a].end(), members[b].begin(), members[b].end());
        members[b].clear();
        alive[b] = false;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (alive[i])
            return members[i];
    return {};
}

void symmetricEigen(std::vector<std::vector<double>> a, std::vector<double> &values, std::vector<std::vector<double>> &vectors)
{
    const std::size_t n = a.size();
    std::vector<std::vector<double>> v(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i)
        v[i][i] = 1.0;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j)
                off += a[i][j] * a[i][j];
        if (off < 1e-22)
            break;
        for (std::size_t p = 0; p < n; ++p)
            for (std::size_t q = p + 1; q < n; ++q) {
                if (std::abs(a[p][q]) < 1e-300)
                    continue;
                const double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1), s = t * c;
                for (std::size_t k = 0; k < n; ++k) { // A <- A J
                    const double akp = a[k][p], akq = a[k][q];
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for (std::size_t k = 0; k < n; ++k) { // A <- J^T A
                    const double apk = a[p][k], aqk = a[q][k];
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for (std::size_t k = 0; k < n; ++k) {
                    const double vkp = v[k][p], vkq = v[k][q];
                    v[k][p] = c * vkp - s * vkq;
                    v[k][q] = s * vkp + c * vkq;
                }
            }
    }
    std::vector<std::size_t> idx(n);
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t x, std::size_t y) { return a[x][x] > a[y][y]; });
    values.clear();
    vectors.clear();
    for (std::size_t k : idx) {
        values.push_back(a[k][k]);
        std::vector<double> col(n);
        for (std::size_t i = 0; i < n; ++i)
            col[i] = v[i][k];
        vectors.push_back(std::move(col));
    }
}

std::vector<std::pair<double, double>> classicalMds(const std::vector<std::vector<double>> &similarity)
{
    const std::size_t n = similarity.size();
    std::vector<std::pair<double, double>> out(n, {0.0, 0.0});
    if (n < 2)
        return out;
    const auto d = toDistances(similarity);
    std::vector<std::vector<double>> b(n, std::vector<double>(n));
    std::vector<double> rowMean(n, 0.0);
    double all = 0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            rowMean[i] += d[i][j] * d[i][j] / static_cast<double>(n);
            all += d[i][j] * d[i][j] / static_cast<double>(n * n);
        }
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            b[i][j] = -0.5 * (d[i][j] * d[i][j] - rowMean[i] - rowMean[j] + all);
    std::vector<double> values;
    std::vector<std::vector<double>> vectors;
    symmetricEigen(std::move(b), values, vectors);
    for (std::size_t k = 0; k < 2 && k < values.size(); ++k) {
        const double scale = std::sqrt(std::max(values[k], 0.0));
        // fix the sign so the layout is deterministic: largest |component| positive
        std::size_t arg = 0;
        for (std::size_t i = 1; i < n; ++i)
            if (std::abs(vectors[k][i]) > std::abs(vectors[k][arg]))
                arg = i;
        const double sign = vectors[k][arg] < 0 ? -1.0 : 1.0;
        for (std::size_t i = 0; i < n; ++i)
            (k == 0 ? out[i].first : out[i].second) = sign * scale * vectors[k][i];
    }
    return out;
}

} // namespace ds::similarity
