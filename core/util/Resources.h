#pragma once
// Locating bundled resources (simulator worlds, prompt sets, ICE knowledge) in a build tree or an
// installed package.
#include <string>

namespace ds {

/// Absolute path of `relative` under the resources folder: $DISTILLSCOPE_RESOURCES if set, else the
/// source tree's resources/ (development builds), else <prefix>/share/distillscope next to the
/// executable. Returns "" when the file exists in none of them.
std::string resourcePath(const std::string &relative);

} // namespace ds
