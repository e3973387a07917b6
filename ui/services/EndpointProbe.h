#pragma once
// "List models" for the Models page: GET <base>/models with the model's key. Blocking; call it from
// a worker thread (QtConcurrent). TODO(core): this belongs in core/net next to LlmClient (the CLI's
// `model endpoints` has the same code); it lives here until core offers it.
#include "util/Types.h"

#include <string>
#include <vector>

namespace ds::ui {

struct ModelList {
    std::vector<std::string> ids;
    std::string error; ///< "" on success
    long httpStatus = 0;
};

ModelList listRemoteModels(const ModelConfig &m);

} // namespace ds::ui
