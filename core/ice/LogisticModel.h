#pragma once
/// @file LogisticModel.h
/// A sparse logistic-regression model over named features: the learned half of the offline identity
/// judge. Weights live in a resource file (resources/ice/identity_judge_model.json) written by
/// `ice_rule_bench DATA_DIR --train FILE`; fitting is deterministic (same data, same weights).
/// Immutable after loading or fitting; predict() is const and thread-safe.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ds::ice {

/// Named feature values of one example (names repeat at most once).
using Features = std::vector<std::pair<std::string, double>>;

struct FitOptions {
    double l2 = 1.0; ///< L2 penalty on the weights (not the bias), per example
    int epochs = 60; ///< passes of full-batch gradient descent with Adagrad steps
    double learningRate = 0.5;
    int minCount = 5; ///< features seen in fewer training examples are dropped
};

class LogisticModel {
public:
    /// Probability of the positive class.
    double probability(const Features &x) const;
    bool predict(const Features &x) const { return probability(x) >= m_threshold; }

    double threshold() const { return m_threshold; }
    void setThreshold(double t) { m_threshold = t; }
    double bias() const { return m_bias; }
    const std::map<std::string, double> &weights() const { return m_weights; }
    /// Free text kept with the weights: what they were trained on and how.
    std::string provenance;

    /// Fits on `xs` / `ys` (equal sizes, at least one of each class). nullopt + *error otherwise.
    static std::optional<LogisticModel> fit(const std::vector<Features> &xs, const std::vector<bool> &ys, const FitOptions &opt,
                                            std::string *error);

    std::string toJson() const;
    /// Parses what toJson() wrote. nullopt + *error naming the problem on malformed input.
    static std::optional<LogisticModel> fromJson(const std::string &json, std::string *error);

private:
    double m_bias = 0;
    double m_threshold = 0.5;
    std::map<std::string, double> m_weights;
};

} // namespace ds::ice
