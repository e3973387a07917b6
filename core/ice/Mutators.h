#pragma once
/// @file Mutators.h
/// The five GPTFuzzer mutation operators as prompts to a helper model (TaskBlocks framing).
#include <string>
#include <vector>

namespace ds::ice {

enum class MutationOp { Crossover, Expand, GenerateSimilar, Shorten, Rephrase };

const std::vector<MutationOp> &allMutationOps();
/// "crossover", "expand", "generate-similar", "shorten", "rephrase".
std::string opName(MutationOp op);

/// The helper prompt for `op` on `tpl` (`other` is the second template for crossover).
/// Expand asks only for new sentences to put before the template; mutateResult() prepends them,
/// so the original template (and its {query} slot) is always kept.
std::string mutationPrompt(MutationOp op, const std::string &tpl, const std::string &other, unsigned long long nonceSeed);

/// Turns the helper's cleaned reply into the candidate template (expand: reply + "\n" + tpl).
std::string mutateResult(MutationOp op, const std::string &cleanedReply, const std::string &tpl);

} // namespace ds::ice
