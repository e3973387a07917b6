#pragma once
/// @file Report.h
/// ICE reports: JSON (machine-readable), CSV and LaTeX (booktabs) tables, and per-item JSONL.
/// Text from models is data: CSV cells starting with = + - @ are neutralised, LaTeX is escaped.
#include "ice/Scores.h"
#include "util/Csv.h"   // csvCell
#include "util/Latex.h" // latexEscape

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace ds {
class Store;
}

namespace ds::ice {

/// {kind:"ice", run_id, model, judge, judges, n, items, parse_errors, response_errors,
///  loose/strict/hard:{hits,n,rate,ci95:[lo,hi]}, by_aspect, by_language, by_aspect_language,
///  by_template, claimed_vendors, agreement:[{judges:[a,b], label, kappa, observed, n}]}
nlohmann::json scoresToJson(const IceScores &s);

/// Report of an ICE run for `judge` ("" = the run's primary judge). On error: {"error": message}.
nlohmann::json reportJson(Store &store, int64_t runId, const std::string &judge);
/// Summary and breakdown rows as CSV (section,key,loose_hits,n,loose,lo,hi,strict...,hard...).
std::string reportCsv(const IceScores &s);
/// A booktabs table (overall + by aspect x language), LaTeX-escaped.
std::string reportLatex(const IceScores &s);
/// Plain-text summary: rates with hits / n, parse errors and failed responses, by aspect x language.
/// Rates from n = 0 are shown as "—" (as in LaTeX; null in JSON, empty in CSV).
std::string reportText(const IceScores &s);
/// One JSON line per response: template_idx, template, query, language, aspect, response, status,
/// and labels {judge: {loose, strict, vendor, parse_status}}. Returns the number of lines.
int64_t writeItemsJsonl(Store &store, int64_t runId, std::ostream &out);

} // namespace ds::ice
