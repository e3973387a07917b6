#include "ice/JudgeTraining.h"

#include "stats/Bootstrap.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

namespace ds::ice {

namespace {

// The threshold on the training responses that agrees best with their labels.
double bestThreshold(const LogisticModel &m, const std::vector<TrainingExample> &examples, const std::vector<bool> &labels)
{
    std::vector<double> p;
    p.reserve(examples.size());
    for (const TrainingExample &e : examples)
        p.push_back(m.probability(e.features));
    double best = 0.5, bestKappa = -2;
    for (int step = 10; step <= 90; ++step) {
        const double t = step / 100.0;
        std::vector<bool> predicted;
        predicted.reserve(p.size());
        for (double x : p)
            predicted.push_back(x >= t);
        // Ties (constant predictions among them) go to the threshold nearest 0.5, the calibrated one.
        const auto k = stats::cohenKappa(labels, predicted);
        if (k && (*k > bestKappa + 1e-9 || (*k > bestKappa - 1e-9 && std::abs(t - 0.5) < std::abs(best - 0.5)))) {
            bestKappa = std::max(bestKappa, *k);
            best = t;
        }
    }
    return best;
}

std::optional<LogisticModel> trainOne(const std::vector<TrainingExample> &examples, bool strict, const FitOptions &opt, std::string *error)
{
    std::vector<Features> xs;
    std::vector<bool> ys;
    for (const TrainingExample &e : examples) {
        xs.push_back(e.features);
        ys.push_back(strict ? e.response->strict : e.response->loose);
    }
    auto m = LogisticModel::fit(xs, ys, opt, error);
    if (m)
        m->setThreshold(bestThreshold(*m, examples, ys));
    return m;
}

} // namespace

std::string IdentityModels::toJson() const
{
    const auto l = nlohmann::ordered_json::parse(loose.toJson());
    const auto s = nlohmann::ordered_json::parse(strict.toJson());
    nlohmann::ordered_json j;
    j["version"] = 1;
    j["loose"] = l;
    j["strict"] = s;
    return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<IdentityModels> IdentityModels::fromJson(const std::string &json, std::string *error)
{
    try {
        const auto j = nlohmann::json::parse(json);
        if (j.value("version", 0) != 1)
            throw std::runtime_error("unsupported version (expected 1)");
        auto l = LogisticModel::fromJson(j.at("loose").dump(), error);
        auto s = LogisticModel::fromJson(j.at("strict").dump(), error);
        if (!l || !s)
            return std::nullopt;
        return IdentityModels{*l, *s};
    } catch (const std::exception &e) {
        if (error)
            *error = std::string("identity judge models: ") + e.what();
        return std::nullopt;
    }
}

std::optional<IdentityModels> trainIdentityModels(const std::vector<TrainingExample> &examples, const FitOptions &opt, std::string *error)
{
    auto l = trainOne(examples, false, opt, error);
    if (!l)
        return std::nullopt;
    auto s = trainOne(examples, true, opt, error);
    if (!s)
        return std::nullopt;
    return IdentityModels{*l, *s};
}

JudgeLabels applyIdentityModels(const IdentityModels &models, const std::vector<TrainingExample> &examples)
{
    JudgeLabels out;
    for (const TrainingExample &e : examples) {
        const bool loose = models.loose.predict(e.features);
        out.loose.push_back(loose);
        out.strict.push_back(loose && models.strict.predict(e.features));
    }
    return out;
}

std::optional<JudgeLabels> leaveOneModelOut(const std::vector<TrainingExample> &examples, const FitOptions &opt, std::string *error)
{
    std::set<std::string> models;
    for (const TrainingExample &e : examples)
        models.insert(e.response->model);
    JudgeLabels out;
    out.loose.assign(examples.size(), false);
    out.strict.assign(examples.size(), false);
    for (const std::string &heldOut : models) {
        std::vector<TrainingExample> train, test;
        std::vector<size_t> where;
        for (size_t i = 0; i < examples.size(); ++i) {
            if (examples[i].response->model == heldOut) {
                test.push_back(examples[i]);
                where.push_back(i);
            } else {
                train.push_back(examples[i]);
            }
        }
        std::string foldError;
        const auto m = trainIdentityModels(train, opt, &foldError);
        if (!m) {
            if (error)
                *error = "fold without " + heldOut + ": " + foldError;
            return std::nullopt;
        }
        const JudgeLabels labels = applyIdentityModels(*m, test);
        for (size_t k = 0; k < where.size(); ++k) {
            out.loose[where[k]] = labels.loose[k];
            out.strict[where[k]] = labels.strict[k];
        }
    }
    return out;
}

} // namespace ds::ice
