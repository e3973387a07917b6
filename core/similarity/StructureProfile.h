#pragma once
// Layout habits of an answer: markdown elements, paragraphs and length.
#include "Corpus.h"
#include "Similarity.h"

#include <array>
#include <string_view>

namespace ds::similarity {

/// Counted layout features, in this order (see structureFeatureNames()).
enum StructureFeature {
    Headings,
    Bullets,
    Numbered,
    TableRows,
    CodeBlocks,
    Bold,
    InlineCode,
    Paragraphs,
    Lines,
    ColonIntros,
    Words,
    StructureFeatureCount
};

using StructureCounts = std::array<double, StructureFeatureCount>;

/// Human-readable names: "headings", "bullet items", ...
const std::array<std::string_view, StructureFeatureCount> &structureFeatureNames();

/// Counts the features of one markdown answer (line-based, no full markdown parse).
StructureCounts structureOf(std::string_view text);

/// Per-prompt structure similarity: features become log(1 + count), standardised over all answers
/// in the corpus; similarity = 1 - mean over features of min(|z_a - z_b|, 3) / 3 (1 = same layout).
PairScores structureScores(const Corpus &corpus, const SimilarityOptions &options);

} // namespace ds::similarity
