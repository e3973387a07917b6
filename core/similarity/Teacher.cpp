#include "Teacher.h"

#include "PromptResampling.h"
#include "TeacherScoring.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace ds::similarity {

std::vector<std::string> teacherModels(const std::string &student, const std::vector<std::string> &candidates,
                                       const std::vector<std::string> &pool)
{
    std::vector<std::string> out = {student};
    for (const auto *list : {&candidates, &pool})
        for (const auto &m : *list)
            if (std::find(out.begin(), out.end(), m) == out.end())
                out.push_back(m);
    return out;
}

namespace {

std::string format(const char *fmt, double a, double b = 0, double c = 0)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, a, b, c);
    return buf;
}

std::vector<BaselineScore> baselineRanking(const PairScores &tfidf, const Corpus &corpus, std::size_t student,
                                           const std::vector<std::size_t> &candidates)
{
    std::vector<BaselineScore> out;
    for (std::size_t c : candidates)
        out.push_back({corpus.models[c], tfidf.at(student, c)});
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.similarity > b.similarity; });
    return out;
}

/// The claims behind naming ranking[0] (see Teacher.h), with bootstrap p-values, Holm-corrected.
std::vector<ProvenanceTest> verdictFamily(const Corpus &corpus, const std::vector<CandidateSeries> &series,
                                          const std::vector<CandidateScore> &scores, std::size_t top, const ResampleCounts &counts,
                                          const TeacherOptions &o)
{
    std::vector<ProvenanceTest> family;
    for (std::size_t k = 0; k < series.size(); ++k)
        if (k != top)
            family.push_back({"closer to " + scores[top].model + " than to " + scores[k].model,
                              scores[top].similarity - scores[k].similarity, bootstrapP(counts.notBehind[k], counts.resamples)});
    const CandidateSeries &t = series[top];
    const std::size_t nearest = t.nearestReference();
    family.push_back(
        {"closer to " + scores[top].model + " than its nearest reference model " + corpus.models[t.references[nearest]] + " is",
         scores[top].similarity - t.perReferenceMeans[nearest], bootstrapP(counts.leadAtMostZero, counts.resamples)});
    correctFamily(family, o.alpha);
    return family;
}

void decide(TeacherResult &r)
{
    const auto weakest = std::max_element(r.tests.begin(), r.tests.end(), [](const auto &a, const auto &b) { return a.pHolm < b.pHolm; });
    const bool bigEnough = r.ranking.size() < 2 || r.marginInPoolSd >= r.minMargin;
    r.confident = weakest != r.tests.end() && weakest->holds && bigEnough;
    r.verdict = r.confident ? r.ranking.front().model : "no confident teacher";
    if (weakest == r.tests.end())
        r.reason = "no test could be made";
    else if (!weakest->holds)
        r.reason = "not shown: " + weakest->claim +
                   format(" (difference %.4f, Holm-adjusted p %.3g >= %.2g)", weakest->effect, weakest->pHolm, r.alpha);
    else if (!bigEnough)
        r.reason = "all " + std::to_string(r.tests.size()) + " claims hold, but the lead over " + r.ranking[1].model +
                   format(" is %.2f pool sd (margin %.4f) < %.2f: too small to mean descent", r.marginInPoolSd, r.margin, r.minMargin);
    else
        r.reason = "all " + std::to_string(r.tests.size()) + " claims hold" +
                   format(" (largest Holm-adjusted p %.3g < %.2g); p_top %.3f", weakest->pHolm, r.alpha, r.ranking.front().pTop) +
                   format(", margin %.4f = %.2f pool sd", r.margin, r.marginInPoolSd);
}

} // namespace

std::optional<TeacherResult> identifyTeacher(const Corpus &corpus, const std::string &student, const std::vector<std::string> &candidates,
                                             const TeacherOptions &options, std::string *error)
{
    if (const std::string problem = corpus.validate(); !problem.empty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    const std::vector<std::string> needed = teacherModels(student, candidates, options.pool);
    for (const auto &m : needed)
        if (corpus.indexOf(m) < 0) {
            if (error)
                *error = (m == student ? "unknown student model: " : "unknown model: ") + m;
            return std::nullopt;
        }
    const Corpus used = corpus.select(needed);
    SimilarityOptions so;
    so.threads = options.threads;
    so.keepPerPrompt = true;
    const PairScores scores = scorePairs(used, options.metric, so);
    return identifyTeacher(used, scores, nullptr, student, candidates, options, error);
}

std::optional<TeacherResult> identifyTeacher(const Corpus &corpus, const PairScores &scores, const PairScores *tfidf,
                                             const std::string &student, const std::vector<std::string> &candidates,
                                             const TeacherOptions &options, std::string *error)
{
    auto failWith = [&](const std::string &message) -> std::optional<TeacherResult> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const int s = corpus.indexOf(student);
    if (s < 0)
        return failWith("unknown student model: " + student);
    if (candidates.empty())
        return failWith("no candidates");
    if (scores.perPrompt.empty() || scores.models != corpus.modelCount() || corpus.promptCount() == 0)
        return failWith("per-prompt scores missing");
    const auto us = static_cast<std::size_t>(s);
    auto indicesOf = [&](const std::vector<std::string> &names, const char *what, std::vector<std::size_t> &out) -> std::string {
        for (const auto &n : names) {
            const int i = corpus.indexOf(n);
            if (i < 0)
                return std::string("unknown ") + what + " model: " + n;
            if (i == s)
                return std::string("the student cannot be in the ") + what + "s: " + n;
            if (std::find(out.begin(), out.end(), static_cast<std::size_t>(i)) != out.end())
                return std::string(what) + " listed twice: " + n;
            out.push_back(static_cast<std::size_t>(i));
        }
        return {};
    };
    std::vector<std::size_t> cand, pool;
    if (auto problem = indicesOf(candidates, "candidate", cand); !problem.empty())
        return failWith(problem);
    const bool givenPool = !options.pool.empty();
    if (auto problem = indicesOf(givenPool ? options.pool : candidates, "pool", pool); !problem.empty())
        return failWith(problem);
    std::vector<std::vector<std::size_t>> references;
    for (std::size_t c : cand) {
        references.emplace_back();
        for (std::size_t r : pool)
            if (r != c)
                references.back().push_back(r);
        if (references.back().empty())
            return failWith("candidate " + corpus.models[c] + " has no reference model: name at least 2 candidates or give a pool");
    }

    TeacherResult result;
    result.student = student;
    result.metric = options.metric;
    result.prompts = corpus.promptCount();
    result.poolRule = givenPool ? "given" : "candidates";
    result.alpha = options.alpha;
    for (std::size_t r : pool)
        result.pool.push_back(corpus.models[r]);

    const auto series = candidateSeries(scores, us, cand, references);
    std::vector<CandidateScore> byCandidate;
    for (const auto &c : series) {
        CandidateScore x;
        x.model = corpus.models[c.model];
        x.similarity = x.score = c.similarity();
        x.poolMean = c.poolMean();
        x.poolSd = c.poolSpread();
        x.excess = x.similarity - x.poolMean;
        byCandidate.push_back(x);
    }
    std::size_t top = 0;
    for (std::size_t k = 1; k < byCandidate.size(); ++k)
        if (byCandidate[k].score > byCandidate[top].score)
            top = k;
    const ResampleCounts counts = resamplePrompts(series, top, options.resamples, options.seed);
    for (std::size_t k = 0; k < byCandidate.size(); ++k)
        byCandidate[k].pTop = counts.resamples > 0 ? static_cast<double>(counts.wins[k]) / counts.resamples : 0.0;
    result.tests = verdictFamily(corpus, series, byCandidate, top, counts, options);

    result.ranking = byCandidate;
    std::stable_sort(result.ranking.begin(), result.ranking.end(), [](const auto &a, const auto &b) { return a.score > b.score; });
    result.margin = result.ranking.size() > 1 ? result.ranking[0].similarity - result.ranking[1].similarity : 0.0;
    result.minMargin = options.minMargin;
    if (result.ranking.size() > 1)
        result.marginInPoolSd = result.margin / std::max(result.ranking[0].poolSd, 1e-9);
    decide(result);

    if (options.metric == Metric::TfIdf) {
        result.baseline = baselineRanking(scores, corpus, us, cand);
    } else if (tfidf) {
        result.baseline = baselineRanking(*tfidf, corpus, us, cand);
    } else {
        SimilarityOptions so;
        so.threads = options.threads;
        result.baseline = baselineRanking(scorePairs(corpus, Metric::TfIdf, so), corpus, us, cand);
    }
    if (options.evidenceCount > 0) { // phrases are counted on the three parties only: the rest of a store costs nothing
        std::vector<std::string> parties = {student, corpus.models[cand[top]]};
        for (std::size_t r : references[top])
            parties.push_back(corpus.models[r]);
        std::vector<std::size_t> reference(references[top].size());
        std::iota(reference.begin(), reference.end(), std::size_t(2));
        result.evidence = sharedHabits(corpus.select(parties), 0, 1, reference, options.evidenceCount, options.threads);
    }
    return result;
}

} // namespace ds::similarity
