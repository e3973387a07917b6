#pragma once
// The similarity corpus of a dataset, from the store: the one builder behind `similarity`,
// `teacher` and the Similarity page. Blocking (reads the store): call from a worker. Store reads
// throw sql::Error on a damaged file; everything else is the returned message.
#include "similarity/Corpus.h"

#include <string>
#include <vector>

namespace ds {
class Store;
}

namespace ds::data {

/// Fills `corpus` with the answers of `models` (every model with answers when empty), in that order,
/// to the prompts of `dataset` that all of them answered, by prompt id. The answer of a model to a
/// prompt is the store's choice (Store::answerTexts: an import wins, then the newest; an empty answer
/// is an empty text). Returns "" or what is wrong: unknown dataset, a model without answers or
/// listed twice, no prompt shared by all.
std::string loadCorpus(Store &store, const std::string &dataset, std::vector<std::string> models, similarity::Corpus &corpus);

} // namespace ds::data
