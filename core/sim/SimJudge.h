#pragma once
// The simulated judges. An RSE judge scores how similar two responses are (style, logic, content,
// each 1-5) from measurable properties of the texts, so a heavy copier scores ~4-5 and an unrelated
// model ~1-2. The ICE judges read first-person identity claims with simple, explainable rules.
#include "sim/SimIdentity.h"

#include <string>
#include <string_view>
#include <vector>

namespace ds::sim {

/// Raw similarities in [0, 1] of two responses.
struct SimilarityAspects {
    double style = 0;   ///< formatting profile: headings, lists, bold, exclamations, sentence length, length
    double logic = 0;   ///< line-kind sequence and sentence order (ordered sentence matches)
    double content = 0; ///< cosine of content-word counts
};
SimilarityAspects compareResponses(std::string_view a, std::string_view b);

/// Judge scores on the 1-5 scale, as the RSE prompt asks for.
struct RseScores {
    int style = 1, logic = 1, content = 1, overall = 1;
    std::string rationale;
};
/// Symmetric in (a, b): a position swap gives the same scores.
RseScores scoreResponses(std::string_view a, std::string_view b);

/// Options that shape how a judge writes its JSON.
struct JudgeStyle {
    double sloppyRate = 0.02; ///< wrap the JSON in prose or a ```json fence
};

/// Answers an `rse-judge` prompt (blocks PROMPT, RESPONSE_1, RESPONSE_2) with
/// {"style","logic","content","overall","rationale"} JSON. `seed` decides sloppy wrapping.
std::string judgeRse(std::string_view prompt, const JudgeStyle &style, uint64_t seed);
/// Answers `ice-judge-loose` (FACT, QUESTION, RESPONSE) with {"conflict": bool, "reason": text}.
std::string judgeIceLoose(std::string_view prompt, const std::vector<VendorInfo> &vendors, const JudgeStyle &style, uint64_t seed);
/// Answers `ice-judge-strict` (VENDORS, QUESTION, RESPONSE) with {"claims_other_vendor": bool, "vendor":
/// key|null}.
std::string judgeIceStrict(std::string_view prompt, const std::vector<VendorInfo> &vendors, const JudgeStyle &style, uint64_t seed);

} // namespace ds::sim
