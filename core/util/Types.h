#pragma once
// Plain value types shared across the core. No Qt widgets, no SQL, no curl here.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ds {

/// Where a run stands. Stored in runs.status by name (runStatusName); a job ends in one of the values
/// from Complete on. Busy is only ever a job's result (another driver holds the lease), never stored.
enum class RunStatus {
    Created,    ///< made, never driven
    Running,    ///< a driver holds the lease (or held it and died: Store::recoverAbandonedRuns)
    Complete,   ///< every item stored and usable
    Incomplete, ///< finished, but some items failed (shown as missing; `run resume --retry-failed`)
    Paused,     ///< stopped for a reason worth resuming after: billing stop, 401/403, spend ceiling, storage failure
    Cancelled,  ///< stopped by the user (Ctrl-C, SIGTERM, Cancel); resumable
    Failed,     ///< could not run at all (bad config, unknown model, internal error)
    Busy,       ///< not started: another driver holds the run's lease (the run row is left untouched)
};
/// "created", "running", "complete", "incomplete", "paused", "cancelled", "failed", "busy".
const char *runStatusName(RunStatus s);
/// The status a stored name stands for; Failed for anything unknown (never taken for complete).
RunStatus runStatusFromName(std::string_view name);

/// What a run measures. Stored in runs.kind by name (runKindName).
enum class RunKind {
    Rse,     ///< response similarity (reference vs tests, judged)
    Ice,     ///< identity consistency (fuzzed identity questions, judged)
    Unknown, ///< a kind this build does not know (a newer DistillScope made it): shown, never driven
};
/// "rse", "ice" ("unknown" for Unknown).
const char *runKindName(RunKind k);
RunKind runKindFromName(std::string_view name);

/// Which answer an RSE judge saw first. Stored in judgments.ord as "rt" / "tr" (judgeOrderName).
enum class JudgeOrder {
    ReferenceFirst, ///< "rt"
    TestFirst,      ///< "tr": swapped (position swap)
};
const char *judgeOrderName(JudgeOrder o);
/// ReferenceFirst for "rt", TestFirst for "tr"; nullopt for anything else.
std::optional<JudgeOrder> judgeOrderFromName(std::string_view name);

/// What a stored answer is. Stored in responses.status / ice_items.status by name (answerStatusName).
enum class AnswerStatus {
    Ok,        ///< a usable answer
    Error,     ///< the request failed; no answer (retried on resume)
    Empty,     ///< the model answered nothing
    Refusal,   ///< the provider flagged a refusal
    Filtered,  ///< stopped by a content filter
    Truncated, ///< cut at the token limit
    Invalid,   ///< an imported row that is not an answer (unreadable value)
};
/// "ok", "error", "empty", "refusal", "filtered", "truncated", "invalid".
const char *answerStatusName(AnswerStatus s);
/// The status a stored name stands for; Invalid for anything unknown (never used as an answer).
AnswerStatus answerStatusFromName(std::string_view name);
/// Stored but never judged: the model (or file) gave something that is not an answer.
inline bool isUnusableAnswer(AnswerStatus s)
{
    return s != AnswerStatus::Ok && s != AnswerStatus::Error;
}

/// Per-model request settings beyond the basics (stored as one JSON column, see net/ModelOptions.h).
struct ModelOptions {
    std::string preset; ///< "openai", "azure", "gemini", "anthropic", "deepseek", "openrouter", "vllm", "ollama" or ""
    std::vector<std::pair<std::string, std::string>> headers; ///< extra request headers (never credentials)
    std::vector<std::pair<std::string, std::string>> query;   ///< extra query parameters, e.g. api-version
    std::string bodyJson;                                     ///< JSON object merged into every request body ("" = none)
    std::string reasoning;                                    ///< "" = recognise reasoning models by id, "on" or "off" overrides
    std::string reasoningEffort;                              ///< OpenAI reasoning_effort ("minimal".."high"; "" = server default)
    int thinkingBudget = 0;                                   ///< Anthropic extended thinking budget_tokens (0 = thinking off)
    bool batch = false;                                       ///< send this model's requests through the provider's batch API
    double batchDiscount = 0.5;                               ///< batch price as a fraction of the live price
    /// Largest response body accepted, decompressed, in MiB: a bigger one fails the request
    /// (permanently) instead of filling memory; no chat reply comes near the default.
    int maxResponseMiB = 8;
};

/// A configured model endpoint. Never carries the API key itself: only the name of the
/// environment variable (or keychain entry) that holds it.
struct ModelConfig {
    int64_t id = 0;
    std::string name;        ///< user-facing unique name
    std::string provider;    ///< "openai" (any compatible server) or "anthropic"
    std::string baseUrl;     ///< e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1
    std::string modelId;     ///< the id sent in the request body
    std::string apiKeyEnv;   ///< environment variable holding the key ("" = none needed)
    std::string keychainKey; ///< QtKeychain entry name ("" = none)
    int concurrency = 8;
    int rpm = 0; ///< requests per minute, 0 = unlimited
    double temperature = 0.0;
    int maxTokens = 1024;
    std::string systemPrompt;
    double priceInPerMTok = 0.0;  ///< USD per million input tokens
    double priceOutPerMTok = 0.0; ///< USD per million output tokens
    std::string vendor;           ///< vendor registry key (ICE), may be empty
    int timeoutS = 300;           ///< overall deadline for one request
    ModelOptions options;         ///< preset, extra headers/query/body, reasoning and batch settings
};

struct DatasetInfo {
    int64_t id = 0;
    std::string name;
    std::string format;
    std::string source;
    int64_t promptCount = 0;
    std::string createdAt;
};

struct PromptItem {
    int64_t id = 0;        ///< row id in the store (0 before insert)
    int idx = 0;           ///< position in the dataset (0-based)
    std::string extId;     ///< id in the source (question_id, ...), may be empty
    std::string text;      ///< the (first) user turn
    std::string turnsJson; ///< full conversation as JSON list of {role, content} when multi-turn
    std::string category;
};

/// A filtered, sorted window on one dataset's prompts: tables page through large datasets with it
/// instead of loading every prompt.
struct PromptQuery {
    enum class Sort { Index, ExtId, Category, Length, Text };
    int64_t datasetId = 0;
    std::string search; ///< case-insensitive (ASCII) substring of the prompt; empty = all prompts
    Sort sort = Sort::Index;
    bool descending = false;
};

/// One row of a prompt window: enough for a table, not the whole text.
struct PromptSummary {
    int64_t id = 0;
    int idx = 0;
    std::string extId;
    std::string preview; ///< the first 300 characters
    std::string category;
    int64_t length = 0; ///< characters
    bool multiTurn = false;
};

/// The order of the compare table. Prompts that tie stay in index order (reversed when descending),
/// so pages never overlap or skip rows.
struct CompareSort {
    enum class Field {
        Index,        ///< the prompt's position in its dataset
        Prompt,       ///< the prompt's text, case-insensitive (ASCII)
        Answered,     ///< how many of the chosen models answered
        ScoreOfModel, ///< the mean overall score of models[model]; prompts without one come last either way
    };
    Field field = Field::Index;
    std::size_t model = 0; ///< with ScoreOfModel: index into CompareQuery::models (out of range = Index)
    bool descending = false;
};

/// The compare table: one dataset's prompts with the answers and scores of chosen models.
struct CompareQuery {
    int64_t datasetId = 0;
    std::vector<std::string> models;
    std::string search;         ///< substring of the prompt or of any chosen model's answer
    bool answeredByAll = false; ///< only prompts every chosen model answered
    int64_t scoreRunId = 0;     ///< RSE run whose judgments give the scores (0 = no scores)
    /// Keeps prompts where a mean overall score lies in [min, max]: that of models[*scoreModel] when
    /// set (an index out of range keeps no prompt), else that of at least one chosen model.
    std::optional<double> scoreMin, scoreMax;
    std::optional<std::size_t> scoreModel;
    /// Keeps prompts where one chosen model's judgments (several judges or both orders) differ by at
    /// least this much on the overall score.
    std::optional<double> disagreement;
    CompareSort sort;
};

struct CompareSummary {
    int64_t promptId = 0;
    int idx = 0;
    std::string preview;
    int answered = 0;                          ///< how many chosen models answered
    std::vector<bool> has;                     ///< per chosen model
    std::vector<std::optional<double>> score;  ///< per chosen model: mean overall in the score run
    std::vector<std::optional<double>> spread; ///< per chosen model: max - min overall over its judgments
};

/// One stored answer (from an API call or an import).
struct ResponseRecord {
    int64_t id = 0;
    std::string requestKey;
    std::string model;    ///< model name
    int64_t promptId = 0; ///< 0 when not tied to a dataset prompt (judge calls, ICE)
    std::string kind;     ///< "answer", "judge", "ice", "mutate", "ice-judge"
    AnswerStatus status = AnswerStatus::Error;
    std::string finishReason; ///< as the provider said it (finish_reason / stop_reason), "" when absent
    std::string text;
    std::string reasoning;
    std::optional<int64_t> tokensIn;
    std::optional<int64_t> tokensOut;       ///< all output tokens, reasoning included (as billed)
    std::optional<int64_t> tokensReasoning; ///< reasoning part of tokensOut; NULL when not reported
    std::string refusal;                    ///< OpenAI message.refusal text, if any
    std::string resumeAt;                   ///< with Outcome::Paused: UTC time the server reopens (not stored)
    double latencyMs = 0;
    double cost = 0;
    int httpStatus = 0;
    int attempts = 0;
    std::string error;
    /// Why each earlier attempt that was retried failed ("http-429", "transport"), oldest first. Not
    /// stored with the answer: the job counts them into its error kinds (RunSession keeps those).
    std::vector<std::string> retriedFailures;
    std::string rawJson;
    std::string requestJson;    ///< body without credentials
    std::string source = "api"; ///< "api" or "import"
    int64_t runId = 0;
};

struct RunInfo {
    int64_t id = 0;
    std::string name;
    RunKind kind = RunKind::Rse;
    RunStatus status = RunStatus::Created;
    std::string configJson;
    std::string createdAt;
    std::string updatedAt;
    std::string message;     ///< last error or pause reason
    double spent = 0;        ///< USD over all sessions of the run
    std::string leaseHolder; ///< "pid 123 on host since 2026-..." while a driver holds it ("" = free)
};

/// One RSE judgment of (test vs reference) on one prompt by one judge in one order.
/// How a judgment ended. Stored as text (judgmentStatusName); every layer compares the enum.
enum class JudgmentStatus {
    Ok,            ///< scores parsed from the reply
    Repaired,      ///< scores parsed after one repair request
    Unreadable,    ///< the judge replied, but with no usable verdict (excluded from means, counted)
    RequestFailed, ///< the judge request itself failed (no reply to read)
};
/// "ok", "repaired", "unreadable", "request-failed": the values of judgments.parse_status.
const char *judgmentStatusName(JudgmentStatus s);
/// The status a stored name stands for; Unreadable for anything unknown (never scored by mistake).
JudgmentStatus judgmentStatusFromName(std::string_view name);
inline bool scored(JudgmentStatus s)
{
    return s == JudgmentStatus::Ok || s == JudgmentStatus::Repaired;
}

struct Judgment {
    int64_t id = 0;
    int64_t runId = 0;
    int64_t promptId = 0;
    std::string dataset;
    std::string testModel;
    std::string refModel;
    std::string judgeModel;
    JudgeOrder order = JudgeOrder::ReferenceFirst;
    std::string requestKey;
    std::optional<int> style, logic, content;
    std::optional<double> overall;
    std::string rationale;
    std::string raw;
    JudgmentStatus status = JudgmentStatus::Unreadable;
    bool flagged = false; ///< judge-directed text found in a candidate
};

/// One session of a run: one driver from lease to release, in any process (GUI or CLI). Kept so that
/// a finished run shows its duration, counts and failures wherever it is opened.
struct RunSession {
    int64_t runId = 0;
    std::string startedAt, endedAt; ///< UTC, ISO 8601
    RunStatus status = RunStatus::Failed;
    std::string message;
    std::string countersJson; ///< the session's final JobProgress (jobs/SessionCounters.h)
};

struct RunEvent {
    int64_t runId = 0;
    std::string level; ///< "info", "warning", "error"
    std::string kind;  ///< e.g. "http-429", "judge-parse", "billing"
    std::string message;
    std::string ts;
};

} // namespace ds
