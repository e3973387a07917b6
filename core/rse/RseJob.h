#pragma once
// An RSE run as a background job: collects the missing answers of the reference and test models and
// judges each (test, reference) pair as soon as both answers exist (pipelined: plan -> dispatch ->
// record, see jobs/Pipeline.h), committing every response and judgment as it arrives. Running it
// again on the same run id resumes: stored answers and judgments are reused, nothing successful is
// ever requested twice. Answers that are empty, refused, filtered or truncated are stored with that
// status and never judged; `retryFailed` re-sends them along with what ended in an error.
#include "jobs/Job.h"
#include "rse/RseConfig.h"

namespace ds {
class Store;
class LlmClient;

namespace rse {

class RseJob : public Job {
    Q_OBJECT
public:
    /// `store` and `client` must outlive the job. `retryFailed` re-sends requests and judgments that
    /// ended in an error or an unusable answer in an earlier attempt (plain resume leaves them).
    RseJob(Store &store, LlmClient &client, int64_t runId, bool retryFailed = false, QObject *parent = nullptr);

    /// Checks `cfg` (resolveRseWork in rse/RsePlan.h), creates a run row for it and returns its id; 0 and
    /// *error (every problem, "; "-separated) when the configuration is refused or the store fails.
    static int64_t createRun(Store &store, const RseConfig &cfg, const std::string &name, std::string *error);

protected:
    JobResult execute() override;

private:
    LlmClient &m_client;
    bool m_retryFailed;
};

} // namespace rse
} // namespace ds
