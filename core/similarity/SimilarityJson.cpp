#include "SimilarityJson.h"

namespace ds::similarity {

void to_json(nlohmann::json &j, const SimilarityMatrix &m)
{
    j["metric"] = metricName(m.metric);
    j["models"] = m.models;
    j["n_prompts"] = m.prompts;
    j["matrix"] = m.matrix;
    auto order = nlohmann::json::array();
    for (int i : m.order)
        order.push_back(m.models[static_cast<std::size_t>(i)]);
    j["order"] = order;
    auto mds = nlohmann::json::array();
    for (const auto &[x, y] : m.mds)
        mds.push_back({x, y});
    j["mds"] = mds;
}

void to_json(nlohmann::json &j, const TeacherResult &r)
{
    j["student"] = r.student;
    j["metric"] = metricName(r.metric);
    j["n_prompts"] = r.prompts;
    auto ranking = nlohmann::json::array();
    for (const auto &c : r.ranking)
        ranking.push_back({{"model", c.model},
                           {"score", c.score},
                           {"p_top", c.pTop},
                           {"similarity", c.similarity},
                           {"pool_mean", c.poolMean},
                           {"pool_sd", c.poolSd},
                           {"excess", c.excess}});
    j["ranking"] = ranking;
    auto baseline = nlohmann::json::array();
    for (const auto &b : r.baseline)
        baseline.push_back({{"model", b.model}, {"similarity", b.similarity}});
    j["baseline"] = {{"metric", "tfidf"}, {"ranking", baseline}};
    j["verdict"] = r.verdict;
    j["confident"] = r.confident;
    j["reason"] = r.reason;
    j["margin"] = r.margin;
    j["margin_pool_sd"] = r.marginInPoolSd;
    j["min_margin_pool_sd"] = r.minMargin;
    j["alpha"] = r.alpha;
    auto tests = nlohmann::json::array();
    for (const auto &t : r.tests)
        tests.push_back({{"claim", t.claim}, {"effect", t.effect}, {"p", t.p}, {"p_holm", t.pHolm}, {"holds", t.holds}});
    j["tests"] = tests;
    j["pool"] = r.pool;
    j["pool_rule"] = r.poolRule;
    auto evidence = nlohmann::json::array();
    for (const auto &e : r.evidence)
        evidence.push_back({{"kind", e.kind},
                            {"text", e.text},
                            {"student_share", e.studentShare},
                            {"candidate_share", e.candidateShare},
                            {"pool_share", e.poolShare}});
    j["evidence"] = evidence;
}

void to_json(nlohmann::json &j, const MarkerPhrase &m)
{
    j = {{"phrase", m.phrase}, {"z", m.z}, {"shares", m.shares}, {"pool_share", m.poolShare}};
}

} // namespace ds::similarity
