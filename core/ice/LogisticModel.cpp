#include "ice/LogisticModel.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <unordered_map>

namespace ds::ice {

namespace {

double sigmoid(double z)
{
    return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
}

} // namespace

double LogisticModel::probability(const Features &x) const
{
    double z = m_bias;
    for (const auto &[name, value] : x)
        if (const auto it = m_weights.find(name); it != m_weights.end())
            z += it->second * value;
    return sigmoid(z);
}

std::optional<LogisticModel> LogisticModel::fit(const std::vector<Features> &xs, const std::vector<bool> &ys, const FitOptions &opt,
                                                std::string *error)
{
    size_t positives = 0;
    for (bool y : ys)
        positives += y;
    if (xs.size() != ys.size() || positives == 0 || positives == ys.size()) {
        if (error)
            *error = "training needs equal numbers of examples and labels and both classes (" + std::to_string(xs.size()) + " examples, " +
                     std::to_string(positives) + " positive)";
        return std::nullopt;
    }
    // Index the features seen often enough; rare ones would only memorise single answers.
    std::map<std::string, int> counts;
    for (const Features &x : xs)
        for (const auto &f : x)
            ++counts[f.first];
    std::unordered_map<std::string, size_t> index;
    std::vector<std::string> names;
    for (const auto &[name, c] : counts)
        if (c >= opt.minCount) {
            index.emplace(name, names.size());
            names.push_back(name);
        }
    std::vector<std::vector<std::pair<size_t, double>>> rows(xs.size());
    for (size_t i = 0; i < xs.size(); ++i)
        for (const auto &[name, value] : xs[i])
            if (const auto it = index.find(name); it != index.end())
                rows[i].emplace_back(it->second, value);
    std::vector<double> w(names.size(), 0.0), g(names.size()), acc(names.size(), 1e-8);
    double b = std::log(static_cast<double>(positives) / static_cast<double>(ys.size() - positives)), accB = 1e-8;
    const double n = static_cast<double>(xs.size());
    for (int epoch = 0; epoch < opt.epochs; ++epoch) {
        std::fill(g.begin(), g.end(), 0.0);
        double gb = 0;
        for (size_t i = 0; i < rows.size(); ++i) {
            double z = b;
            for (const auto &[j, v] : rows[i])
                z += w[j] * v;
            const double err = sigmoid(z) - (ys[i] ? 1.0 : 0.0);
            gb += err;
            for (const auto &[j, v] : rows[i])
                g[j] += err * v;
        }
        gb /= n;
        accB += gb * gb;
        b -= opt.learningRate * gb / std::sqrt(accB);
        for (size_t j = 0; j < w.size(); ++j) {
            const double gj = g[j] / n + opt.l2 * w[j] / n;
            acc[j] += gj * gj;
            w[j] -= opt.learningRate * gj / std::sqrt(acc[j]);
        }
    }
    LogisticModel m;
    m.m_bias = b;
    for (size_t j = 0; j < w.size(); ++j)
        if (std::abs(w[j]) >= 1e-4)
            m.m_weights.emplace(names[j], w[j]);
    return m;
}

std::string LogisticModel::toJson() const
{
    nlohmann::ordered_json j;
    j["version"] = 1;
    j["provenance"] = provenance;
    j["bias"] = m_bias;
    j["threshold"] = m_threshold;
    nlohmann::ordered_json w = nlohmann::ordered_json::object();
    for (const auto &[name, value] : m_weights)
        w[name] = std::round(value * 1e5) / 1e5;
    j["weights"] = w;
    return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<LogisticModel> LogisticModel::fromJson(const std::string &json, std::string *error)
{
    try {
        const auto j = nlohmann::json::parse(json);
        if (j.value("version", 0) != 1)
            throw std::runtime_error("unsupported version (expected 1)");
        LogisticModel m;
        m.provenance = j.value("provenance", std::string());
        m.m_bias = j.at("bias").get<double>();
        m.m_threshold = j.at("threshold").get<double>();
        if (!(m.m_threshold > 0 && m.m_threshold < 1))
            throw std::runtime_error("threshold must be inside (0, 1)");
        for (const auto &[name, value] : j.at("weights").items())
            m.m_weights.emplace(name, value.get<double>());
        return m;
    } catch (const std::exception &e) {
        if (error)
            *error = std::string("identity judge model: ") + e.what();
        return std::nullopt;
    }
}

} // namespace ds::ice
