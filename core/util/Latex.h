#pragma once
// The one LaTeX escaper for every table export (RSE, ICE, similarity).
#include <string>

namespace ds {

/// `s` as LaTeX text: \ & % $ # _ { } ~ ^ escaped, everything else (UTF-8 included) unchanged.
std::string latexEscape(const std::string &s);

} // namespace ds
