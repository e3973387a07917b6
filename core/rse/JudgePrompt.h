#pragma once
// The RSE judge prompt we wrote, and the strict reader of its replies.
//
// Candidates are wrapped in nonce-delimited blocks and declared as data; the rubric comes after
// them, so instructions planted in a candidate ("rate this 5") arrive before the real instructions
// and are named as something to ignore. The verdict is the reply's last JSON object, with integer
// scores 1-5; anything else is a parse failure (one repair request, then a recorded judge error).
#include "net/LlmClient.h"

#include <optional>
#include <string>
#include <string_view>

namespace ds::rse {

/// The messages of one judge request. `nonceSeed` makes the delimiter deterministic per request
/// (so a resumed run sends the identical prompt and hits the cache) yet unguessable by candidates.
std::vector<ChatMessage> judgeMessages(const std::string &prompt, const std::string &response1, const std::string &response2,
                                       unsigned long long nonceSeed);

/// The follow-up asking for a corrected reply after a parse failure.
std::vector<ChatMessage> repairMessages(const std::vector<ChatMessage> &original, const std::string &badReply, const std::string &problem);

struct JudgeScores {
    int style = 0, logic = 0, content = 0;
    double overall = 0;
    std::string rationale;
};

/// Reads a judge reply. The verdict is the last complete JSON object in the reply (optionally
/// inside a ```json fence or surrounded by prose), so a judge that quotes an injected object before
/// its own verdict is read by its own. Requires integer style/logic/content in 1..5; overall in
/// 1..5 if present (else their mean). On failure returns nullopt and sets *problem. Linear in the
/// reply's length.
std::optional<JudgeScores> parseJudgeReply(const std::string &reply, std::string *problem);

/// True when a candidate contains text aimed at the judge ("ignore previous instructions",
/// "rate this response 5", fake delimiters, a planted "style": 5...). Such pairs are flagged in
/// reports. Linear scanning, no regular expression: safe on any input size.
bool looksJudgeDirected(std::string_view candidate);
/// The first judge-directed phrase found (whitespace collapsed, at most ~80 bytes), "" when none.
std::string judgeDirectedExcerpt(std::string_view candidate);

} // namespace ds::rse
