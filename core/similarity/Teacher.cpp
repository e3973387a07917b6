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
    out.reserve(candidates.size());
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

/// The corpus indices a ranking works on.
struct Roles {
    std::vector<std::size_t> candidates, pool;
    std::vector<std::vector<std::size_t>> references; ///< per candidate: the pool without it
};

/// Appends the indices of `names` (the `what`s) to `out`; "" or why one cannot be used.
std::string indicesOf(const Corpus &corpus, int student, const std::vector<std::string> &names, const char *what,
                      std::vector<std::size_t> &out)
{
    for (const auto &n : names) {
        const int i = corpus.indexOf(n);
        if (i < 0)
            return std::string("unknown ") + what + " model: " + n;
        if (i == student)
            return std::string("the student cannot be in the ") + what + "s: " + n;
        if (std::find(out.begin(), out.end(), static_cast<std::size_t>(i)) != out.end())
            return std::string(what) + " listed twice: " + n;
        out.push_back(static_cast<std::size_t>(i));
    }
    return {};
}

/// The candidates, the pool and each candidate's reference models; "" or the first problem.
std::string resolveRoles(const Corpus &corpus, int student, const std::vector<std::string> &candidates,
                         const std::vector<std::string> &pool, Roles &roles)
{
    if (auto problem = indicesOf(corpus, student, candidates, "candidate", roles.candidates); !problem.empty())
        return problem;
    if (auto problem = indicesOf(corpus, student, pool, "pool", roles.pool); !problem.empty())
        return problem;
    for (std::size_t c : roles.candidates) {
        roles.references.emplace_back();
        for (std::size_t r : roles.pool)
            if (r != c)
                roles.references.back().push_back(r);
        if (roles.references.back().empty())
            return "candidate " + corpus.models[c] + " has no reference model: name at least 2 candidates or give a pool";
    }
    return {};
}

std::vector<CandidateScore> candidateScores(const Corpus &corpus, const std::vector<CandidateSeries> &series)
{
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
    return byCandidate;
}

/// The ranking, best first, and the lead of its top over the runner-up.
void rank(TeacherResult &r, const std::vector<CandidateScore> &byCandidate, double minMargin)
{
    r.ranking = byCandidate;
    std::stable_sort(r.ranking.begin(), r.ranking.end(), [](const auto &a, const auto &b) { return a.score > b.score; });
    r.margin = r.ranking.size() > 1 ? r.ranking[0].similarity - r.ranking[1].similarity : 0.0;
    r.minMargin = minMargin;
    if (r.ranking.size() > 1)
        r.marginInPoolSd = r.margin / std::max(r.ranking[0].poolSd, 1e-9);
}

/// The plain TF-IDF ranking: from `scores` when they are TF-IDF, else `tfidf`, else computed here.
std::vector<BaselineScore> baselineFor(const Corpus &corpus, const PairScores &scores, const PairScores *tfidf, std::size_t student,
                                       const std::vector<std::size_t> &cand, const TeacherOptions &options)
{
    if (options.metric == Metric::TfIdf)
        return baselineRanking(scores, corpus, student, cand);
    if (tfidf)
        return baselineRanking(*tfidf, corpus, student, cand);
    SimilarityOptions so;
    so.threads = options.threads;
    return baselineRanking(scorePairs(corpus, Metric::TfIdf, so), corpus, student, cand);
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
    const bool givenPool = !options.pool.empty();
    Roles roles;
    if (auto problem = resolveRoles(corpus, s, candidates, givenPool ? options.pool : candidates, roles); !problem.empty())
        return failWith(problem);
    const std::vector<std::size_t> &cand = roles.candidates;

    TeacherResult result;
    result.student = student;
    result.metric = options.metric;
    result.prompts = corpus.promptCount();
    result.poolRule = givenPool ? "given" : "candidates";
    result.alpha = options.alpha;
    for (std::size_t r : roles.pool)
        result.pool.push_back(corpus.models[r]);

    const auto series = candidateSeries(scores, us, cand, roles.references);
    std::vector<CandidateScore> byCandidate = candidateScores(corpus, series);
    std::size_t top = 0;
    for (std::size_t k = 1; k < byCandidate.size(); ++k)
        if (byCandidate[k].score > byCandidate[top].score)
            top = k;
    const ResampleCounts counts = resamplePrompts(series, top, options.resamples, options.seed);
    for (std::size_t k = 0; k < byCandidate.size(); ++k)
        byCandidate[k].pTop = counts.resamples > 0 ? static_cast<double>(counts.wins[k]) / counts.resamples : 0.0;
    result.tests = verdictFamily(corpus, series, byCandidate, top, counts, options);
    rank(result, byCandidate, options.minMargin);
    decide(result);

    result.baseline = baselineFor(corpus, scores, tfidf, us, cand, options);
    if (options.evidenceCount > 0) { // phrases are counted on the three parties only: the rest of a store costs nothing
        std::vector<std::string> parties = {student, corpus.models[cand[top]]};
        for (std::size_t r : roles.references[top])
            parties.push_back(corpus.models[r]);
        std::vector<std::size_t> reference(roles.references[top].size());
        std::iota(reference.begin(), reference.end(), std::size_t(2));
        result.evidence = sharedHabits(corpus.select(parties), 0, 1, reference, options.evidenceCount, options.threads);
    }
    return result;
}

} // namespace ds::similarity
