#pragma once
// Wire side of the providers' batch APIs: OpenAI's Batch API (files + batches) and Anthropic's
// Message Batches. Blocking calls made from the batch runner's own thread; request bodies come from
// provider::buildBody and each result line's body is parsed by provider::parse, so a batch answer is
// read exactly as a live one.
#include "net/LlmClient.h"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace ds::batch {

struct HttpResult {
    long status = 0;
    std::string body;
    std::string transportError; ///< "" when an HTTP status arrived
    /// Worth asking again later (transport failure, 408/409/429, 5xx); otherwise an error is final.
    bool transient() const { return !transportError.empty() || status == 408 || status == 409 || status == 429 || status >= 500; }
    bool ok() const { return transportError.empty() && status >= 200 && status < 300; }
    /// "HTTP 400: <provider's message>" or the transport failure.
    std::string describe(const std::string &provider) const;
};

/// Keeps a transfer going; returning false aborts it (the run is stopping).
using KeepGoing = std::function<bool()>;
/// Receives a downloaded result file line by line, as it arrives.
using LineSink = std::function<void(const std::string &line)>;

/// Submits `reqs` (all of one model, custom_id = request key) as one batch. OpenAI: uploads the
/// JSONL file (purpose=batch), then creates the batch with `tag` in its metadata. Anthropic: one POST
/// (its batches carry no metadata). Returns the batch id, or "" with `error` set ("file upload
/// rejected: ...", "batch not created: ...").
std::string create(const ModelConfig &m, const std::vector<const LlmRequest *> &reqs, const std::string &tag, const KeepGoing &keepGoing,
                   std::string &error);

/// The metadata key under which create() files its tag (OpenAI).
inline constexpr const char *kSubmissionTagKey = "distillscope_submission";

/// Whether the provider holds a batch that an interrupted submission created: the process may have
/// died after the provider accepted the batch and before its id was recorded. OpenAI: the batch
/// whose metadata carries `tag`. Anthropic (no metadata): the one batch of `requests` requests
/// created in the hour after `intendedAt` (unix seconds) that is not in `recorded` (batches whose
/// ids the store holds); two such batches cannot be told apart and are Unknown.
struct Lookup {
    enum class Result { Found, Absent, Unknown } result = Result::Unknown;
    std::string batchId; ///< when Found
    std::string why;     ///< when Unknown: the failed listing, or the ambiguity
};
Lookup findSubmitted(const ModelConfig &m, const std::string &tag, int64_t intendedAt, int64_t requests,
                     const std::set<std::string> &recorded, const KeepGoing &keepGoing);

struct Status {
    HttpResult http;   ///< the poll itself
    std::string state; ///< the provider's word: validating, in_progress, finalizing, completed, failed, expired, ended, ...
    bool ended = false;
    int64_t total = 0, done = 0, failed = 0;
    std::vector<std::string> resultUrls; ///< output and error files (OpenAI) or results_url (Anthropic), once ended
    std::string errors;                  ///< batch-level errors (OpenAI validation), "" when none
};
Status retrieve(const ModelConfig &m, const std::string &batchId, const KeepGoing &keepGoing);

/// Downloads one result file, handing each line to `sink` as it arrives.
HttpResult download(const ModelConfig &m, const std::string &url, const KeepGoing &keepGoing, const LineSink &sink);

/// One result line: the request key and either the reply (HTTP status + body, as a live call would
/// have received them) or why there is none (expired, cancelled).
struct Line {
    std::string customId;
    int httpStatus = 0;
    std::string body;
    std::string error;
};
bool parseLine(const std::string &provider, const std::string &text, Line &out);

} // namespace ds::batch
