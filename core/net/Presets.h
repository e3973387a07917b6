#pragma once
// Named provider presets: what a user would otherwise look up in each provider's docs (base URL,
// where the key goes, the usual key variable, known quirks). `model add --preset` and the model
// dialog fill a ModelConfig from them; every field stays editable afterwards.
#include "util/Types.h"

#include <string>
#include <vector>

namespace ds {

struct ProviderPreset {
    std::string name;                                       ///< "openai", "azure", ...
    std::string label;                                      ///< shown in the model dialog
    std::string provider;                                   ///< wire format: "openai" or "anthropic"
    std::string baseUrl;                                    ///< may contain {resource} / {deployment} placeholders (Azure)
    std::string keyEnv;                                     ///< the key variable the provider's own SDKs read
    std::string authHeader;                                 ///< header carrying the key, with its prefix
    std::vector<std::pair<std::string, std::string>> query; ///< default query parameters
    std::string quirks;                                     ///< one line for the help and the dialog
    std::string example;                                    ///< one `model add` line
};

const std::vector<ProviderPreset> &providerPresets();
/// nullptr when `name` is not a preset.
const ProviderPreset *findPreset(const std::string &name);
/// Whether a model of this preset may send its runs through a batch API: only OpenAI's Batch API and
/// Anthropic's Message Batches are spoken here (Azure, gateways and local servers differ or have
/// none); a custom endpoint ("") is the user's call. `model add --batch on` and the model dialog
/// follow this one rule.
bool presetAllowsBatch(const std::string &preset);
/// Fills provider, base URL, key variable and default query parameters of `m` from the preset
/// (fields the user already set are kept).
void applyPreset(const ProviderPreset &p, ModelConfig &m);

} // namespace ds
