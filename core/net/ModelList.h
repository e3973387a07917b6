#pragma once
// "List models": GET <base>/models with the model's key, for the GUI's Models page and the CLI's
// `model endpoints`. Blocking (20 s deadline); call it from a worker thread in the GUI.
#include "util/Types.h"

#include <string>
#include <vector>

namespace ds {

struct ModelList {
    std::vector<std::string> ids;
    std::string error; ///< "" on success
    long httpStatus = 0;
};

ModelList listRemoteModels(const ModelConfig &m);

} // namespace ds
