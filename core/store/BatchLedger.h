#pragma once
// The provider batches a run has submitted (table `batches`) and the request keys each carries
// (`batch_items`): what lets a resumed run poll a batch it already paid for instead of submitting it
// again. Writes report failure through their return value; reads throw sql::Error on a damaged file.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ds {
class Store;

class BatchLedger {
public:
    explicit BatchLedger(Store &store) : m_store(store) {}

    struct Open {
        int64_t row = 0;
        std::string batchId;    ///< "" while the submission is unconfirmed
        std::string tag;        ///< what the batch was submitted under (see batch::findSubmitted)
        int64_t intendedAt = 0; ///< unix seconds, when the submission began
        int64_t requests = 0;
        int64_t runId = 0; ///< the run that submitted it (another run's batch is joined, not paid again)
        bool confirmed() const { return !batchId.empty(); }
    };
    /// Records a batch about to be submitted (state 'submitting', no id yet) with its tag and keys,
    /// committed before returning: the write that makes a kill during submission recoverable. Its row,
    /// or 0 with *error set when the store refused the write.
    int64_t intend(int64_t runId, const std::string &model, const std::string &provider, const std::string &tag,
                   const std::vector<std::string> &keys, std::string *error);
    /// The provider accepted the batch of `row` as `batchId` (committed before returning).
    bool confirm(int64_t row, const std::string &batchId, std::string *error);
    /// The submission of `row` never reached the provider: its keys may be submitted again.
    bool abandon(int64_t row, std::string *error);
    /// The user's call when a submission cannot be settled (see BatchRunner): every unconfirmed
    /// batch of `runId` counts as never sent. How many, or -1 with *error set.
    int abandonUnconfirmed(int64_t runId, std::string *error);
    /// Ids of every batch recorded for `provider`, in any run.
    std::set<std::string> recordedBatchIds(const std::string &provider);
    /// The latest batch of `model` carrying `key` whose results were not read yet, confirmed or still
    /// being submitted; one of `runId`'s own if there is one, else another run's.
    std::optional<Open> openBatchFor(int64_t runId, const std::string &model, const std::string &key);
    /// Marks the batch's results read. Posted: it commits after the writes posted before it (the
    /// results themselves), so a crash in between leaves the batch to be read again.
    void markRead(int64_t row);

private:
    Store &m_store;
};

} // namespace ds
