#pragma once
// The provider batches a run has submitted (table `batches`) and the request keys each carries
// (`batch_items`): what lets a resumed run poll a batch it already paid for instead of submitting it
// again. Writes report failure through their return value; reads throw sql::Error on a damaged file.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ds {
class Store;

class BatchLedger {
public:
    explicit BatchLedger(Store &store) : m_store(store) {}

    struct Open {
        int64_t row = 0;
        std::string batchId;
    };
    /// Records a submitted batch with its keys (committed before returning); its row, or 0 with
    /// *error set when the store refused the write.
    int64_t record(int64_t runId, const std::string &model, const std::string &provider, const std::string &batchId,
                   const std::vector<std::string> &keys, std::string *error);
    /// The latest batch of `runId` and `model` carrying `key` whose results were not read yet.
    std::optional<Open> openBatchFor(int64_t runId, const std::string &model, const std::string &key);
    /// Marks the batch's results read. Posted: it commits after the writes posted before it (the
    /// results themselves), so a crash in between leaves the batch to be read again.
    void markRead(int64_t row);

private:
    Store &m_store;
};

} // namespace ds
