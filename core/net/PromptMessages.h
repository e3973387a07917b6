#pragma once
// The chat messages a dataset prompt is sent as.
#include "net/LlmClient.h"

#include <vector>

namespace ds {

/// A single-turn prompt is one user message. A multi-turn conversation (ShareGPT) is sent up to and
/// including its last user turn, system turns first, so the model answers that turn in context. A
/// list of user turns only (Arena-Hard / MT-Bench style, whose later turns refer to an answer not in
/// the data) is sent as its first turn. Identical for both wire formats; the adapters place system
/// turns where their API wants them.
std::vector<ChatMessage> promptMessages(const PromptItem &p);

} // namespace ds
