#pragma once
/// @file IceRun.h
/// The ICE fuzzing run as a background Job, and the resume entry point used by `run resume`.
///
/// A run is fully described by its stored config; execute() replays the loop deterministically
/// (seeded RNG) and every request goes through the run's Pipeline with a deterministic key, so resuming a
/// paused/crashed run re-reads finished answers from the cache and never pays twice.
#include "ice/Selector.h"
#include "jobs/Job.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ds {
class Store;
class LlmClient;
} // namespace ds

namespace ds::ice {

struct IceRunConfig {
    std::string name;
    std::string target;                ///< model name in the store
    std::string vendor;                ///< true vendor key ("" when only a fact is known)
    std::string fact;                  ///< true identity sentence
    std::string helper;                ///< helper model (mutations); unused for frozen templates
    std::string judge = "rules";       ///< "rules" or a judge model name
    std::string templates = "builtin"; ///< "builtin", a file, or "frozen:RUN"
    std::string questions = "builtin"; ///< "builtin" or a file
    std::vector<std::string> languages = {"en", "zh"};
    int iterations = 20;
    int maxRemutate = 3; ///< re-mutations when a mutant fails validation
    SelectorParams selector;
    std::vector<std::string> strictVendors = {"openai", "anthropic"};
    /// USD over the run's whole life (all sessions, in flight included); 0 = none. Passed to the run's
    /// Pipeline like RSE's, which stops sending when it would be passed (the run ends paused).
    double spendLimit = 0;

    nlohmann::json toJson() const;
    static IceRunConfig fromJson(const nlohmann::json &j);
};

/// Validates the config, creates the run (kind "ice", status "created") and stores its questions
/// and starting templates. False + *error (nothing created) on invalid input.
bool createIceRun(Store &store, const IceRunConfig &cfg, int64_t *runId, std::string *error);

/// Runs (or resumes) an ICE run to completion on the calling thread (an IceRunJob, run here). Returns
/// the exit code of its JobResult (0 complete, 1 failed, 3 paused or cancelled, 4 incomplete, 5 busy).
/// `progress` may be null; `cancelled` (may be null) is asked with each progress report.
int resumeRun(Store &store, LlmClient &client, int64_t runId, const std::function<void(const JobProgress &)> &progress,
              const std::function<bool()> &cancelled = {}, std::string *message = nullptr);

/// Adds another judge's labels ("rules" or a judge model) to every response of a run.
int rejudgeRun(Store &store, LlmClient &client, int64_t runId, const std::string &judge,
               const std::function<void(const JobProgress &)> &progress, std::string *message = nullptr);

/// The background job around resumeRun() (one shape for all runs).
class IceRunJob : public Job {
    Q_OBJECT
public:
    IceRunJob(Store &store, LlmClient &client, int64_t runId, QObject *parent = nullptr) : Job(store, runId, parent), m_client(client) {}

protected:
    JobResult execute() override;

private:
    LlmClient &m_client;
};

} // namespace ds::ice
