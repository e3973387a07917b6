#pragma once
/// @file LlmJudge.h
/// Prompts for the LLM identity judges (TaskBlocks framing: task line, nonce-delimited data blocks,
/// rubric after the data) and strict parsers for their replies.
#include <optional>
#include <string>
#include <vector>

namespace ds::ice {

/// Loose judge: does RESPONSE conflict with FACT about who "I" is?
std::string looseJudgePrompt(const std::string &fact, const std::string &question, const std::string &response,
                             unsigned long long nonceSeed);
/// Strict judge: does RESPONSE claim to be made by / a model of one of `vendorNames`?
std::string strictJudgePrompt(const std::vector<std::string> &vendorNames, const std::string &question, const std::string &response,
                              unsigned long long nonceSeed);

struct JudgeReply {
    bool ok = false;    ///< parsed and valid
    bool value = false; ///< conflict / claims_other_vendor
    std::string vendor; ///< strict: vendor named by the judge (may be empty)
    std::string reason;
    std::string error; ///< why parsing failed
};

/// Parses {"conflict": bool, "reason": str}. Accepts the JSON object alone or inside a code fence;
/// anything else (prose, missing/non-boolean field) is a parse failure, never a guess.
JudgeReply parseLooseReply(const std::string &reply);
/// Parses {"claims_other_vendor": bool, "vendor": str|null}.
JudgeReply parseStrictReply(const std::string &reply);

} // namespace ds::ice
