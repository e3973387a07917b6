#include "TeacherScoring.h"

#include <cmath>

namespace ds::similarity {

namespace {

double meanOf(const std::vector<double> &v)
{
    double sum = 0;
    for (double x : v)
        sum += x;
    return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
}

} // namespace

double CandidateSeries::similarity() const
{
    return meanOf(toStudent);
}

double CandidateSeries::poolMean() const
{
    return meanOf(toPool);
}

double CandidateSeries::poolSpread() const
{
    const double mu = meanOf(perReferenceMeans);
    double var = 0;
    for (double x : perReferenceMeans)
        var += (x - mu) * (x - mu);
    return perReferenceMeans.empty() ? 0.0 : std::sqrt(var / static_cast<double>(perReferenceMeans.size()));
}

std::size_t CandidateSeries::nearestReference() const
{
    std::size_t best = 0;
    for (std::size_t r = 1; r < perReferenceMeans.size(); ++r)
        if (perReferenceMeans[r] > perReferenceMeans[best])
            best = r;
    return best;
}

std::vector<CandidateSeries> candidateSeries(const PairScores &scores, std::size_t student, const std::vector<std::size_t> &candidates,
                                             const std::vector<std::vector<std::size_t>> &references)
{
    const std::size_t P = scores.prompts;
    std::vector<CandidateSeries> out(candidates.size());
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        CandidateSeries &c = out[k];
        c.model = candidates[k];
        const float *toStudent = scores.promptScores(student, c.model);
        c.toStudent.assign(toStudent, toStudent + P);
        c.toPool.assign(P, 0.0);
        const auto &refs = references[k];
        c.references = refs;
        for (std::size_t r : refs) {
            const float *v = scores.promptScores(c.model, r);
            c.toReference.emplace_back(v, v + P);
            double sum = 0;
            for (std::size_t p = 0; p < P; ++p) {
                c.toPool[p] += v[p] / static_cast<double>(refs.size());
                sum += v[p];
            }
            c.perReferenceMeans.push_back(P ? sum / static_cast<double>(P) : 0.0);
        }
    }
    return out;
}

} // namespace ds::similarity
