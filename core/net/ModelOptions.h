#pragma once
// ModelOptions <-> JSON (the `options` column of the models table and `model list --format json`).
#include "util/Types.h"

#include <string>

namespace ds {

std::string modelOptionsToJson(const ModelOptions &o);
/// Unknown keys are ignored; a malformed document gives the defaults (an old database never fails).
ModelOptions modelOptionsFromJson(const std::string &json);

} // namespace ds
