#pragma once
// The one LaTeX escaper for every table export (RSE, ICE, similarity).
#include <string>

namespace ds {

/// `s` as LaTeX text: \ & % $ # _ { } ~ ^ escaped, everything else (UTF-8 included) unchanged.
std::string latexEscape(const std::string &s);

/// What a LaTeX cell without a value holds (ASCII, so any preamble typesets it).
inline constexpr const char *kLatexMissing = "---";

/// A float ready to \input: `body` (a tabular) centred in a table with its caption (LaTeX text,
/// already escaped) and label, so a figure in the paper says what it measured.
std::string latexTableFloat(const std::string &body, const std::string &caption, const std::string &label);

} // namespace ds
