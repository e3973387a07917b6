#include "Teacher.h"

#include "MarkerPhrases.h"
#include "StructureProfile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace ds::similarity {

namespace {

struct PoolStats {
    double mean = 0, sd = 1;
};

/// Mean/sd of `values`; sd floored so a pool of near-identical similarities cannot explode scores.
PoolStats stats(const std::vector<double> &values)
{
    PoolStats s;
    if (values.empty())
        return s;
    for (double v : values)
        s.mean += v;
    s.mean /= static_cast<double>(values.size());
    double var = 0;
    for (double v : values)
        var += (v - s.mean) * (v - s.mean);
    var /= static_cast<double>(values.size());
    s.sd = std::max(std::sqrt(var), 1e-6);
    return s;
}

/// Share of each model's answers that show each layout habit (count > 0).
std::vector<std::array<double, StructureFeatureCount>> habitShares(const Corpus &pool)
{
    std::vector<std::array<double, StructureFeatureCount>> shares(pool.modelCount());
    for (std::size_t m = 0; m < pool.modelCount(); ++m) {
        shares[m].fill(0.0);
        for (const auto &text : pool.texts[m]) {
            const auto c = structureOf(text);
            for (int k = 0; k < StructureFeatureCount; ++k)
                shares[m][k] += c[k] > 0 ? 1.0 : 0.0;
        }
        for (auto &x : shares[m])
            x /= std::max<double>(1.0, static_cast<double>(pool.promptCount()));
    }
    return shares;
}

std::vector<Evidence> gatherEvidence(const Corpus &pool, std::size_t s, std::size_t c, const std::vector<std::size_t> &reference,
                                     const TeacherOptions &o)
{
    std::vector<Evidence> out;
    MarkerOptions mo;
    mo.threads = o.threads;
    mo.limit = o.evidenceCount;
    const PhraseCounts counts = PhraseCounts::count(pool, mo);
    for (const auto &m : sharedMarkers(counts, s, c, reference, mo))
        out.push_back({"marker", m.phrase, m.shares[0], m.shares[1], m.poolShare});

    const auto shares = habitShares(pool);
    const auto &names = structureFeatureNames();
    std::vector<std::pair<double, Evidence>> habits;
    for (int k = 0; k < StructureFeatureCount; ++k) {
        if (k == Words || k == Lines || k == Paragraphs)
            continue; // every answer has them
        double ref = 0;
        for (std::size_t r : reference)
            ref += shares[r][k];
        ref /= std::max<double>(1.0, static_cast<double>(reference.size()));
        const double dS = shares[s][k] - ref, dC = shares[c][k] - ref;
        // a habit counts as shared when both deviate from the pool the same way, by >= 10 points
        if (dS * dC <= 0 || std::abs(dS) < 0.10 || std::abs(dC) < 0.10)
            continue;
        const std::string verb = dS > 0 ? "uses " : "rarely uses ";
        habits.push_back(
            {std::min(std::abs(dS), std::abs(dC)), {"structure", verb + std::string(names[k]), shares[s][k], shares[c][k], ref}});
    }
    std::sort(habits.begin(), habits.end(), [](const auto &x, const auto &y) { return x.first > y.first; });
    for (auto &h : habits)
        out.push_back(std::move(h.second));
    return out;
}

} // namespace

std::optional<TeacherResult> identifyTeacher(const Corpus &pool, const std::string &student, const std::vector<std::string> &candidates,
                                             const TeacherOptions &options, std::string *error)
{
    if (const std::string problem = pool.validate(); !problem.empty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    SimilarityOptions so;
    so.threads = options.threads;
    so.keepPerPrompt = true;
    const PairScores scores = scorePairs(pool, options.metric, so);
    return identifyTeacher(pool, scores, student, candidates, options, error);
}

std::optional<TeacherResult> identifyTeacher(const Corpus &pool, const PairScores &scores, const std::string &student,
                                             const std::vector<std::string> &candidates, const TeacherOptions &options, std::string *error)
{
    auto failWith = [&](const std::string &message) -> std::optional<TeacherResult> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const int s = pool.indexOf(student);
    if (s < 0)
        return failWith("unknown student model: " + student);
    if (candidates.empty())
        return failWith("no candidates");
    if (pool.modelCount() < 3)
        return failWith("need at least 3 models in the pool");
    if (scores.perPrompt.empty() || scores.models != pool.modelCount())
        return failWith("per-prompt scores missing");
    std::vector<std::size_t> cand;
    for (const auto &c : candidates) {
        const int i = pool.indexOf(c);
        if (i < 0)
            return failWith("unknown candidate model: " + c);
        if (i == s)
            return failWith("the student cannot be its own candidate: " + c);
        cand.push_back(static_cast<std::size_t>(i));
    }
    const std::size_t M = pool.modelCount(), P = pool.promptCount();
    const auto us = static_cast<std::size_t>(s);

    // the yardstick: spread of all pair similarities among the pool without the student
    double poolSd = 1.0;
    {
        std::vector<double> pairs;
        for (std::size_t i = 0; i < M; ++i)
            for (std::size_t j = i + 1; j < M; ++j)
                if (i != us && j != us)
                    pairs.push_back(scores.at(i, j));
        poolSd = stats(pairs).sd;
    }
    // score of every candidate under prompt weights w (w[p] = times prompt p was drawn)
    auto scoreAll = [&](const std::vector<double> &w, std::vector<CandidateScore> &out) {
        auto meanOf = [&](std::size_t i, std::size_t j) {
            const float *v = scores.promptScores(i, j);
            double sum = 0;
            for (std::size_t p = 0; p < P; ++p)
                sum += w[p] * v[p];
            return sum / static_cast<double>(P);
        };
        out.resize(cand.size());
        for (std::size_t k = 0; k < cand.size(); ++k) {
            const std::size_t c = cand[k];
            std::vector<double> toPool;
            for (std::size_t r = 0; r < M; ++r)
                if (r != us && r != c)
                    toPool.push_back(meanOf(c, r));
            const PoolStats ps = stats(toPool);
            out[k].model = pool.models[c];
            out[k].similarity = meanOf(us, c);
            out[k].poolMean = ps.mean;
            out[k].poolSd = ps.sd;
            out[k].score = (out[k].similarity - ps.mean) / poolSd;
        }
    };

    TeacherResult result;
    result.student = student;
    result.metric = options.metric;
    result.prompts = P;
    for (std::size_t r = 0; r < M; ++r)
        if (r != us)
            result.pool.push_back(pool.models[r]);
    scoreAll(std::vector<double>(P, 1.0), result.ranking);

    std::vector<int> wins(cand.size(), 0);
    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<std::size_t> pick(0, P - 1);
    std::vector<double> w(P);
    std::vector<CandidateScore> boot;
    for (int b = 0; b < options.resamples; ++b) {
        std::fill(w.begin(), w.end(), 0.0);
        for (std::size_t p = 0; p < P; ++p)
            w[pick(rng)] += 1.0;
        scoreAll(w, boot);
        std::size_t best = 0;
        for (std::size_t k = 1; k < boot.size(); ++k)
            if (boot[k].score > boot[best].score)
                best = k;
        ++wins[best];
    }
    for (std::size_t k = 0; k < cand.size(); ++k)
        result.ranking[k].pTop = options.resamples > 0 ? static_cast<double>(wins[k]) / options.resamples : 0.0;
    std::stable_sort(result.ranking.begin(), result.ranking.end(),
                     [](const CandidateScore &a, const CandidateScore &b) { return a.score > b.score; });

    const CandidateScore &top = result.ranking.front();
    const double margin = result.ranking.size() > 1 ? top.score - result.ranking[1].score : top.score;
    char buf[256];
    if (top.score < options.minScore) {
        std::snprintf(buf, sizeof buf, "top score %.2f < %.2f: the student is not unusually close to any candidate", top.score,
                      options.minScore);
    } else if (top.pTop < options.minPTop) {
        std::snprintf(buf, sizeof buf, "p_top %.3f < %.2f: the leader changes under resampling", top.pTop, options.minPTop);
    } else if (margin < options.minMargin) {
        std::snprintf(buf, sizeof buf, "margin %.2f < %.2f over the runner-up", margin, options.minMargin);
    } else {
        result.confident = true;
        std::snprintf(buf, sizeof buf, "score %.2f >= %.2f, p_top %.3f >= %.2f, margin %.2f >= %.2f", top.score, options.minScore, top.pTop,
                      options.minPTop, margin, options.minMargin);
    }
    result.reason = buf;
    result.verdict = result.confident ? top.model : "no confident teacher";

    const auto c = static_cast<std::size_t>(pool.indexOf(top.model));
    std::vector<std::size_t> reference;
    for (std::size_t r = 0; r < M; ++r)
        if (r != us && r != c)
            reference.push_back(r);
    result.evidence = gatherEvidence(pool, us, c, reference, options);
    return result;
}

} // namespace ds::similarity
