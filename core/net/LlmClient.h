#pragma once
// The HTTP engine: one network thread owning one curl multi handle. Requests are queued per model
// ("lanes") and dispatched under each model's concurrency cap and requests-per-minute limit;
// retries follow RetryPolicy. Widgets never see this class's internals, only ResponseRecords.
#include "net/CancelToken.h"
#include "net/RetryPolicy.h"
#include "util/Secrets.h" // redactSecrets: every log line goes through it
#include "util/Types.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ds {

struct ChatMessage {
    std::string role; ///< "system", "user", "assistant"
    std::string content;
};

/// One chat request. The model's system prompt (if any) is prepended by the provider adapter.
struct LlmRequest {
    ModelConfig model;
    std::vector<ChatMessage> messages;
    std::string key; ///< deterministic request key, see requestKey()
    std::string kind = "answer";
    int64_t promptId = 0;
    int64_t runId = 0;
    int maxTokensOverride = 0; ///< 0 = model's maxTokens
    /// The run's token (null: only cancelAll() stops it). Stopping it stops this run's requests only.
    std::shared_ptr<CancelToken> token;
};

/// Deterministic key over everything that determines the answer: provider, base URL, model id,
/// messages (after system prompt), temperature, max tokens, a template version and a sample index.
/// Never includes credentials.
std::string requestKey(const ModelConfig &m, const std::vector<ChatMessage> &messages, int maxTokens = 0,
                       const std::string &templateVersion = "v1", int sampleIndex = 0);

enum class Outcome {
    Ok,          ///< 2xx with a parsed answer (record.status may still say it is unusable: see answerStatus())
    Error,       ///< failed after retries (or a non-retryable error); recorded, the run goes on
    BillingStop, ///< quota / spend limit reached: never retried; the run should pause
    Cancelled,   ///< not sent (token stopping, admission refused) or aborted in flight: nothing to store
    Paused,      ///< the server asked to wait beyond the retry cap: pause the run, resume after record.resumeAt
};

/// The status an answer is stored with: Ok, or why it cannot be used as an answer although the
/// call succeeded: Empty (no text), Refusal (refusal / Anthropic stop_reason "refusal"),
/// Filtered (content_filter), Truncated (length / max_tokens). One small function on purpose:
/// every provider's reasons are mapped here.
AnswerStatus answerStatus(const std::string &finishReason, const std::string &text, const std::string &reasoning, bool refused);

/// How a failed attempt is counted in a run's error kinds: "http-<status>", "transport" (no HTTP
/// answer: connection, timeout, TLS) for status 0, and "unreadable-reply" for a 2xx whose body could
/// not be read. One name for a retried and a final failure.
std::string failureKind(int httpStatus);

class LlmClient {
public:
    using Callback = std::function<void(const ResponseRecord &, Outcome)>;

    explicit LlmClient(RetryPolicy policy = {});
    ~LlmClient(); ///< cancels everything and joins the network thread
    LlmClient(const LlmClient &) = delete;
    LlmClient &operator=(const LlmClient &) = delete;

    /// Thread-safe. `done` runs on the network thread exactly once: keep it short.
    /// The API key is read from the environment variable named in the model config at send time.
    void submit(LlmRequest req, Callback done);
    /// Cancels queued and in-flight requests of every run (their callbacks get Outcome::Cancelled).
    /// Jobs never call it: they stop their own requests through their CancelToken.
    void cancelAll();
    /// Requests queued or in flight.
    int pending() const;

    /// Where redacted request/response log lines go (default: nowhere). Called on the network thread.
    void setLogSink(std::function<void(const std::string &)> sink);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace ds

namespace ds {
/// Installs a process-wide key lookup (the GUI's keychain cache). It is asked first; the
/// environment variable named in the model config is the fallback.
void setApiKeyResolver(std::function<std::string(const ModelConfig &)> resolver);
/// The key to send for `m` ("" = none). Never store or log the result.
std::string resolveApiKey(const ModelConfig &m);
} // namespace ds
