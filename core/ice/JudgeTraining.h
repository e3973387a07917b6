#pragma once
/// @file JudgeTraining.h
/// How the learned half of the identity judge is trained and checked: a logistic model per label (loose,
/// strict) fitted on labelled responses of some development models, its decision threshold chosen on those
/// same training responses (the kappa-maximising one), and leave-one-model-out evaluation (train on all
/// models but one, judge the one left out). Deterministic, no IO.
#include "ice/DevSet.h"
#include "ice/JudgeAgreement.h"
#include "ice/LogisticModel.h"

#include <optional>
#include <string>
#include <vector>

namespace ds::ice {

/// One labelled response with its features (see judgeFeatures()).
struct TrainingExample {
    const LabelledResponse *response = nullptr;
    Features features;
};

struct IdentityModels {
    LogisticModel loose, strict;
    std::string toJson() const;
    static std::optional<IdentityModels> fromJson(const std::string &json, std::string *error);
};

/// Fits both models on `examples`. nullopt + *error when a label has only one class.
std::optional<IdentityModels> trainIdentityModels(const std::vector<TrainingExample> &examples, const FitOptions &opt, std::string *error);

/// Labels from `models` for `examples` (strict implies loose).
JudgeLabels applyIdentityModels(const IdentityModels &models, const std::vector<TrainingExample> &examples);

/// Leave-one-model-out: for each model in `examples`, models trained on the others judge its responses.
/// The labels come back in the order of `examples`. nullopt + *error when a fold cannot be trained.
std::optional<JudgeLabels> leaveOneModelOut(const std::vector<TrainingExample> &examples, const FitOptions &opt, std::string *error);

} // namespace ds::ice
