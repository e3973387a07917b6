#include "net/CancelToken.h"

namespace ds {

void CancelToken::stopSending(StopReason why, const std::string &message)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_reason == StopReason::None) {
            m_reason = why;
            m_message = message;
        }
    }
    int expected = 0;
    m_level.compare_exchange_strong(expected, 1);
}

void CancelToken::abort()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_reason == StopReason::None) {
            m_reason = StopReason::Cancelled;
            m_message = "aborted by the user";
        }
    }
    m_level.store(2);
}

StopReason CancelToken::reason() const
{
    std::lock_guard lock(m_mutex);
    return m_reason;
}

std::string CancelToken::message() const
{
    std::lock_guard lock(m_mutex);
    return m_message;
}

void CancelToken::markAccountStopped(const std::string &account)
{
    std::lock_guard lock(m_mutex);
    m_stoppedAccounts.insert(account);
}

bool CancelToken::accountStopped(const std::string &account) const
{
    std::lock_guard lock(m_mutex);
    return m_stoppedAccounts.count(account) > 0;
}

} // namespace ds
