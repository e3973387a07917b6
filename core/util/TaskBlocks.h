#pragma once
// The framing DistillScope uses when it sends untrusted text (model answers, templates) to a
// judge or helper model. Every prompt we write starts with a task line and wraps each piece of
// data in a block whose delimiters carry a random nonce, so the data cannot close its own block:
//
//   DistillScope task: rse-judge
//   <<<BEGIN RESPONSE_1 7f3a9c21>>>
//   ...text...
//   <<<END RESPONSE_1 7f3a9c21>>>
//
// Task ids: rse-judge (blocks PROMPT, RESPONSE_1, RESPONSE_2), ice-judge-loose (FACT, QUESTION,
// RESPONSE), ice-judge-strict (VENDORS, QUESTION, RESPONSE), ice-mutate-<operator> where operator
// is crossover|expand|generate-similar|shorten|rephrase (TEMPLATE, and TEMPLATE_2 for crossover).
// The simulator reads the same framing, as a real model reads the instructions.
#include <optional>
#include <string>
#include <string_view>

namespace ds::task {

inline constexpr std::string_view kTaskPrefix = "DistillScope task: ";

/// Wraps `content` in a BEGIN/END block named `name` with delimiter nonce `nonce`.
std::string block(std::string_view name, std::string_view nonce, std::string_view content);

/// A fresh 8-hex-digit nonce that does not occur in any of the given texts.
std::string freshNonce(std::initializer_list<std::string_view> texts, unsigned long long seed);

/// The task id of a prompt ("" when the prompt has no task line).
std::string taskOf(std::string_view prompt);

/// The content of the first block named `name` (any nonce), or nullopt.
std::optional<std::string> extractBlock(std::string_view prompt, std::string_view name);

} // namespace ds::task
