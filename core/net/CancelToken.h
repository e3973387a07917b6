#pragma once
// Cancellation belongs to the run: every request of a run carries the run's token, and stopping a
// run touches only its own requests (the GUI shares one LlmClient between all running jobs).
//
// Two levels: stopSending() lets what is in flight finish (it is paid for; it is received and
// stored) and answers the queued rest as Cancelled without sending; abort() also cuts in-flight
// transfers. The token also holds the run's billing-stopped accounts (a billing stop never leaks
// into another run) and an optional admission check asked before each send (the spend ceiling).
// Thread-safe.
#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <string>

namespace ds {
struct LlmRequest;

enum class StopReason {
    None,
    Cancelled,      ///< by the user (Ctrl-C, SIGTERM, Cancel)
    Paused,         ///< by the user (Pause)
    BillingStop,    ///< quota / spend limit of a provider account
    RateLimited,    ///< the server asked for a wait longer than the retry cap (resume after it)
    Unauthorized,   ///< 401 / 403: retrying cannot help
    SpendCeiling,   ///< the run's own ceiling
    StorageFailure, ///< results can no longer be committed
};

class CancelToken {
public:
    /// The first reason wins; later calls only keep the token stopping.
    void stopSending(StopReason why, const std::string &message);
    void abort();
    bool stopping() const { return m_level.load() >= 1; }
    bool aborted() const { return m_level.load() >= 2; }
    StopReason reason() const;
    std::string message() const;

    void markAccountStopped(const std::string &account);
    bool accountStopped(const std::string &account) const;

    /// `admit(req)` runs on the network thread right before a request would be sent; false answers
    /// it as Cancelled (not sent). Set before submitting requests.
    void setAdmission(std::function<bool(const LlmRequest &)> admit) { m_admit = std::move(admit); }
    bool admit(const LlmRequest &r) const { return !m_admit || m_admit(r); }

private:
    std::atomic<int> m_level{0};
    mutable std::mutex m_mutex;
    StopReason m_reason = StopReason::None;
    std::string m_message;
    std::set<std::string> m_stoppedAccounts;
    std::function<bool(const LlmRequest &)> m_admit;
};

} // namespace ds
