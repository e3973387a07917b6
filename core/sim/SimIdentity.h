#pragma once
// Who a simulated model says it is, and how the simulated ICE judges read such claims.
// Identity questions get first-person answers naming the model and its creator; students sometimes
// answer as their teacher (the leak that ICE measures), more often under role-play framing.
#include "sim/SimConfig.h"
#include "sim/SimProfile.h"
#include "sim/SimRandom.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ds::sim {

/// A vendor the judges recognise: a lowercase key ("openai") and the names that identify it.
struct VendorInfo {
    std::string key;
    std::vector<std::string> aliases; ///< "OpenAI", "ChatGPT", "GPT-4", ...
};

/// Well-known vendors and their model families (OpenAI, Anthropic, Google, Meta, Alibaba, DeepSeek,
/// Zhipu, Baidu, Mistral, ...), including Chinese names.
const std::vector<VendorInfo> &builtinVendors();
/// The vendor key of a configured model: its `vendor`, else the built-in vendor its creator names,
/// else the lowercased creator.
std::string vendorKeyOf(const SimModelConfig &model);
/// Built-in vendors plus every configured model (creator, model_family and distinctive names).
std::vector<VendorInfo> worldVendors(const SimConfig &config);

/// Does `text` ask the model about itself (name, makers, company, country, technology, partners)?
bool isIdentityQuestion(std::string_view text);
/// Does `text` frame the question as role-play, developer mode, a form, a JSON profile or a story?
bool looksLikeRolePlay(std::string_view text);

/// Who a model presents itself as.
struct Persona {
    std::string name;
    std::string creator;
    std::string vendorKey;
};

/// A first-person identity answer in `style`, presenting `persona`. Sometimes (by `rng`) it is a
/// refusal or mentions another vendor in the third person ("Unlike ChatGPT by OpenAI, I ...").
std::string identityAnswer(Style style, const Persona &persona, std::string_view question, bool chinese, Rng &rng);

/// Vendor keys the response claims, in the first person, to be or to be made by. Negated or
/// contrasted mentions ("Unlike ChatGPT", "I am not Claude", "我不是...") and third-person
/// statements do not count.
std::set<std::string> firstPersonClaims(std::string_view response, const std::vector<VendorInfo> &vendors);
/// Vendor keys mentioned anywhere in `text` (used to read an identity FACT).
std::set<std::string> mentionedVendors(std::string_view text, const std::vector<VendorInfo> &vendors);
/// The first alias of `vendorKey` that occurs in `text`, for readable judge rationales.
std::string aliasFound(std::string_view text, const std::vector<VendorInfo> &vendors, const std::string &vendorKey);

} // namespace ds::sim
