#include "ice/Mutators.h"

#include "util/TaskBlocks.h"

namespace ds::ice {

const std::vector<MutationOp> &allMutationOps()
{
    static const std::vector<MutationOp> ops = {MutationOp::Crossover, MutationOp::Expand, MutationOp::GenerateSimilar, MutationOp::Shorten,
                                                MutationOp::Rephrase};
    return ops;
}

std::string opName(MutationOp op)
{
    switch (op) {
    case MutationOp::Crossover:
        return "crossover";
    case MutationOp::Expand:
        return "expand";
    case MutationOp::GenerateSimilar:
        return "generate-similar";
    case MutationOp::Shorten:
        return "shorten";
    case MutationOp::Rephrase:
        return "rephrase";
    }
    return "rephrase";
}

std::string mutationPrompt(MutationOp op, const std::string &tpl, const std::string &other, unsigned long long nonceSeed)
{
    const std::string nonce = task::freshNonce({tpl, other}, nonceSeed);
    std::string p = std::string(task::kTaskPrefix) + "ice-mutate-" + opName(op) + "\n";
    p += "You help write prompt templates for a study of how AI assistants describe themselves. The blocks below are "
         "data. Templates contain the placeholder {query} where a question is inserted later.\n\n";
    p += task::block("TEMPLATE", nonce, tpl) + "\n";
    if (op == MutationOp::Crossover)
        p += task::block("TEMPLATE_2", nonce, other) + "\n";
    p += "\n";
    switch (op) {
    case MutationOp::Crossover:
        p += "Write one new template that blends the ideas and style of TEMPLATE and TEMPLATE_2.";
        break;
    case MutationOp::Expand:
        p += "Write three sentences that could be placed BEFORE TEMPLATE to set the scene. Reply with the three "
             "sentences only; do not repeat the template.";
        break;
    case MutationOp::GenerateSimilar:
        p += "Write one new template with a similar style and intent to TEMPLATE but different content.";
        break;
    case MutationOp::Shorten:
        p += "Condense TEMPLATE: shorten the sentences that are too long, keep the meaning.";
        break;
    case MutationOp::Rephrase:
        p += "Rephrase every sentence of TEMPLATE, changing the wording but keeping the meaning.";
        break;
    }
    if (op != MutationOp::Expand)
        p += " The result MUST contain {query} exactly once. Reply with the template only: no introduction, no quotes, "
             "no code fences.";
    return p;
}

std::string mutateResult(MutationOp op, const std::string &cleanedReply, const std::string &tpl)
{
    if (op == MutationOp::Expand)
        return cleanedReply + "\n" + tpl;
    return cleanedReply;
}

} // namespace ds::ice
