#pragma once
// JSON converters for the similarity results (kept out of the value types themselves).
#include "MarkerPhrases.h"
#include "Similarity.h"
#include "Teacher.h"

#include <nlohmann/json.hpp>

namespace ds::similarity {

/// {"dataset"?, "metric", "models", "n_prompts", "matrix", "order" (model names), "mds": [[x,y],...]}
void to_json(nlohmann::json &j, const SimilarityMatrix &m);
/// {"student","metric","n_prompts","ranking":[{"model","score","p_top","similarity","pool_mean","pool_sd","excess"}],
///  "baseline":{"metric":"tfidf","ranking":[{"model","similarity"}]},"verdict","confident","reason","margin","margin_pool_sd","min_margin_pool_sd","alpha",
///  "tests":[{"claim","effect","p","p_holm","holds"}],"pool","pool_rule","evidence":[{"kind","text","student_share",
///  "candidate_share","pool_share"}]}
void to_json(nlohmann::json &j, const TeacherResult &r);
void to_json(nlohmann::json &j, const MarkerPhrase &m);

} // namespace ds::similarity
