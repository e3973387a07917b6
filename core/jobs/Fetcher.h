#pragma once
// Cache-aware request dispatch: the mechanism behind "never pay twice". A request whose key already
// has an ok response in the store is answered from the store; everything else goes to the
// LlmClient and its result (ok or error) is committed to the store before the callback runs.
#include "net/LlmClient.h"

namespace ds {
class Store;

class Fetcher {
public:
    Fetcher(Store &store, LlmClient &client) : m_store(store), m_client(client) {}

    /// `done(record, outcome, fromCache)`: from the calling thread when cached, otherwise from the
    /// network thread. The record is already queued for commit (group commit, ~ms).
    using Callback = std::function<void(const ResponseRecord &, Outcome, bool fromCache)>;
    void fetch(LlmRequest req, Callback done);

    Store &store() { return m_store; }
    LlmClient &client() { return m_client; }

private:
    Store &m_store;
    LlmClient &m_client;
};

} // namespace ds
