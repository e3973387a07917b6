#include "net/Presets.h"

#include <algorithm>

namespace ds {

// Kept whole (~80 lines): a data table, one entry per provider.
const std::vector<ProviderPreset> &providerPresets()
{
    static const std::vector<ProviderPreset> presets = {
        {"openai",
         "OpenAI",
         "openai",
         "https://api.openai.com/v1",
         "OPENAI_API_KEY",
         "Authorization: Bearer ",
         {},
         "o1/o3/o4/gpt-5 reasoning models get max_completion_tokens and no temperature; OpenAI-Organization / "
         "OpenAI-Project via --header",
         "model add gpt4o --preset openai --model gpt-4o"},
        {"azure",
         "Azure OpenAI",
         "openai",
         "https://{resource}.openai.azure.com/openai/deployments/{deployment}",
         "AZURE_OPENAI_API_KEY",
         "api-key: ",
         {{"api-version", "2024-10-21"}},
         "the base URL names the deployment (not the model); key in the api-key header; api-version as a query parameter",
         "model add az --preset azure --base-url https://RES.openai.azure.com/openai/deployments/DEPLOY --model gpt-4o"},
        {"gemini",
         "Google Gemini (OpenAI-compatible)",
         "openai",
         "https://generativelanguage.googleapis.com/v1beta/openai",
         "GEMINI_API_KEY",
         "Authorization: Bearer ",
         {},
         "errors come as a JSON array [{error:{code,message,status}}]; reasoning_effort maps to Gemini's thinking budget",
         "model add gemini --preset gemini --model gemini-2.5-flash"},
        {"anthropic",
         "Anthropic",
         "anthropic",
         "https://api.anthropic.com/v1",
         "ANTHROPIC_API_KEY",
         "x-api-key: ",
         {},
         "system prompt in `system`; extended thinking via --thinking-budget (temperature is then left at 1); "
         "rate-limit resets as RFC 3339 times",
         "model add claude --preset anthropic --model claude-sonnet-4-5"},
        {"deepseek",
         "DeepSeek",
         "openai",
         "https://api.deepseek.com/v1",
         "DEEPSEEK_API_KEY",
         "Authorization: Bearer ",
         {},
         "deepseek-reasoner returns reasoning_content beside the answer and ignores temperature",
         "model add ds-r1 --preset deepseek --model deepseek-reasoner"},
        {"openrouter",
         "OpenRouter",
         "openai",
         "https://openrouter.ai/api/v1",
         "OPENROUTER_API_KEY",
         "Authorization: Bearer ",
         {},
         "may answer HTTP 200 with an error object (retried like the status it carries); HTTP-Referer / X-Title "
         "headers and `provider` routing via --header / --body-json",
         "model add qwen --preset openrouter --model qwen/qwen3-235b-a22b --header 'X-Title: DistillScope'"},
        {"vllm",
         "vLLM (local)",
         "openai",
         "http://127.0.0.1:8000/v1",
         "",
         "Authorization: Bearer ",
         {},
         "no key unless started with --api-key; chat_template_kwargs via --body-json; <think> blocks are kept apart",
         "model add qwen-local --preset vllm --model Qwen/Qwen3-8B --body-json '{\"chat_template_kwargs\":{\"enable_thinking\":false}}'"},
        {"ollama",
         "Ollama (local)",
         "openai",
         "http://127.0.0.1:11434/v1",
         "",
         "Authorization: Bearer ",
         {},
         "the OpenAI-compatible endpoint silently truncates prompts beyond the model's context (default 2048-4096 tokens)",
         "model add llama --preset ollama --model llama3.1:8b"},
    };
    return presets;
}

const ProviderPreset *findPreset(const std::string &name)
{
    const auto &all = providerPresets();
    auto it = std::find_if(all.begin(), all.end(), [&](const ProviderPreset &p) { return p.name == name; });
    return it == all.end() ? nullptr : &*it;
}

bool presetAllowsBatch(const std::string &preset)
{
    return preset.empty() || preset == "openai" || preset == "anthropic";
}

void applyPreset(const ProviderPreset &p, ModelConfig &m)
{
    m.options.preset = p.name;
    m.provider = p.provider;
    if (m.baseUrl.empty())
        m.baseUrl = p.baseUrl;
    if (m.apiKeyEnv.empty())
        m.apiKeyEnv = p.keyEnv;
    for (const auto &[key, v] : p.query) {
        const std::string &k = key; // a lambda may not capture a structured binding before C++20 (clang 14)
        const bool set = std::any_of(m.options.query.begin(), m.options.query.end(), [&](const auto &q) { return q.first == k; });
        if (!set)
            m.options.query.emplace_back(k, v);
    }
}

} // namespace ds
