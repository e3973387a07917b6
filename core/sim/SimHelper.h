#pragma once
// The simulated ICE helper: mutates GPTFuzzer-style templates (with a `{query}` slot) the way a
// real helper LLM does, including its failure modes — now and then the slot is lost or the answer
// comes with chatter ("Here is the rephrased template:"), fences or quotes — so DistillScope's
// mutant validation has something real to catch.
#include <cstdint>
#include <string>
#include <string_view>

namespace ds::sim {

struct HelperStyle {
    double dropSlotRate = 0.1; ///< mutant loses its {query} slot
    double chatterRate = 0.15; ///< mutant wrapped in chatter, ``` fences or quotes
    double refuseRate = 0.0;   ///< refuse the task (models that are not helpers)
};

/// Answers an `ice-mutate-<operator>` prompt (blocks TEMPLATE, and TEMPLATE_2 for crossover).
/// `op` is crossover|expand|generate-similar|shorten|rephrase. Deterministic in (prompt, seed).
std::string mutateTemplate(std::string_view op, std::string_view prompt, const HelperStyle &style, uint64_t seed);

} // namespace ds::sim
