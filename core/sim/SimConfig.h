#pragma once
// The simulator's world: which models exist, how they write, who copies whom, and which faults the
// server injects. Parsed from the JSON config given to `distillscope-cli sim serve --config FILE`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ds::sim {

/// One simulated model. Only `name` is required; everything else has a default.
struct SimModelConfig {
    std::string name;                           ///< id clients send in `model`
    std::string creator = "Independent AI Lab"; ///< who "made" it (used in identity answers)
    std::string style;                          ///< structured|casual|terse|academic|verbose; other text hashes onto one
    int latencyMs = 0;                          ///< delay before each answer
    int latencyJitterMs = -1;                   ///< +- jitter; -1 = 5% of latencyMs
    std::string studentOf;                      ///< teacher's name ("" = not a student)
    double copyRate = 0.0;                      ///< share of prompts answered by paraphrasing the teacher (0-1)
    std::optional<double> identityLeakRate;     ///< share of identity answers given as the teacher
    std::string role;                           ///< "", "judge" or "helper"
    std::string vendor;                         ///< vendor key used by the ICE judges (e.g. "openai"); "" = from creator
    std::string modelFamily;                    ///< name the model claims in identity answers ("" = `name`)
    bool reasoning = false;                     ///< also return a short `reasoning_content`
    std::optional<double> judgeSloppyRate;      ///< overrides the world default for this model
    std::optional<double> helperDropSlotRate;   ///< overrides the world default for this model
    std::optional<double> helperChatterRate;    ///< overrides the world default for this model

    /// The name the model gives for itself: `modelFamily` when set, else `name`.
    const std::string &displayName() const { return modelFamily.empty() ? name : modelFamily; }
};

/// Fault injection rates per completion request (each 0-1, their sum at most 1).
struct FaultConfig {
    double rate429 = 0.0;           ///< 429 rate_limit_exceeded with a retry-after header
    int retryAfterS = 1;            ///< value of retry-after on 429s
    double rate500 = 0.0;           ///< 500 server_error
    double rateTimeout = 0.0;       ///< hold the connection `timeoutHoldS` (or until shutdown), then close
    double rateMalformed = 0.0;     ///< 200 with a truncated JSON body
    double rateBilling = 0.0;       ///< 429 insufficient_quota (OpenAI) / credit-balance 400 (Anthropic)
    double rateOverloaded = 0.0;    ///< 529 overloaded_error (Anthropic) / 503 (OpenAI)
    int timeoutHoldS = 30;          ///< how long a "timeout" holds the connection
    double rateContentFilter = 0.0; ///< 200 with finish_reason content_filter and no content (OpenAI) / refusal stop (Anthropic)
    double rateRefusal = 0.0;       ///< 200 with content null and a `refusal` message (OpenAI) / stop_reason refusal (Anthropic)
    double rateEmpty = 0.0;         ///< 200 with an empty answer
    int requestsPerMinute = 0;      ///< per model; beyond it a 429 with rate-limit headers (0 = unlimited, headers still sent)

    double total() const
    {
        return rate429 + rate500 + rateTimeout + rateMalformed + rateBilling + rateOverloaded + rateContentFilter + rateRefusal + rateEmpty;
    }
};

/// How the batch endpoints (OpenAI files + batches, Anthropic message batches) behave.
struct BatchSimConfig {
    int durationMs = 2000;             ///< from creation until the batch has ended (validating, in_progress, finalizing)
    std::string outcome = "completed"; ///< "completed", "expired" (only the first half answered) or "failed" (OpenAI: validation)
    double lineErrorRate = 0.0;        ///< share of requests answered by an error line (HTTP 500 api_error)
};

struct SimConfig {
    uint64_t seed = 0;
    std::vector<SimModelConfig> models;
    FaultConfig faults;
    BatchSimConfig batch;
    std::string requireKey;          ///< when set, other API keys get 401
    bool echoKeyInErrors = false;    ///< the 401 body quotes the key it got, as some servers and proxies do
    double judgeSloppyRate = 0.02;   ///< judge JSON wrapped in prose or a ```json fence
    double helperDropSlotRate = 0.1; ///< mutated template loses its {query} slot
    double helperChatterRate = 0.15; ///< mutated template comes with helper chatter / fences

    /// The model called `name`, or nullptr.
    const SimModelConfig *find(std::string_view name) const;
};

/// Outcome of parsing a config: either `config` or an `error` naming the offending field.
struct SimConfigResult {
    std::optional<SimConfig> config;
    std::string error;                 ///< e.g. "models[2].copy_rate: must be between 0 and 1"
    std::vector<std::string> warnings; ///< unknown keys and similar non-fatal findings
    bool ok() const { return config.has_value(); }
};

/// Parses config JSON text. Never throws.
SimConfigResult parseSimConfig(std::string_view jsonText);
/// Reads and parses a config file. Never throws.
SimConfigResult loadSimConfigFile(const std::string &path);

} // namespace ds::sim
