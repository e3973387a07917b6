#include "sim/SimFaults.h"

#include "sim/SimRandom.h"

namespace ds::sim {

const char *faultName(Fault f)
{
    switch (f) {
    case Fault::None:
        return "none";
    case Fault::RateLimit:
        return "rate_limited";
    case Fault::Billing:
        return "billing";
    case Fault::ServerError:
        return "server_error";
    case Fault::Overloaded:
        return "overloaded";
    case Fault::Timeout:
        return "timeout";
    case Fault::Malformed:
        return "malformed";
    case Fault::ContentFilter:
        return "content_filter";
    case Fault::Refusal:
        return "refusal";
    case Fault::Empty:
        return "empty";
    }
    return "none";
}

Fault FaultPlan::at(uint64_t n) const
{
    double u = Rng(mix64(m_seed ^ 0xfa017ULL) ^ mix64(n + 1)).uniform();
    const std::pair<double, Fault> bands[] = {{m_config.rate429, Fault::RateLimit},
                                              {m_config.rateBilling, Fault::Billing},
                                              {m_config.rate500, Fault::ServerError},
                                              {m_config.rateOverloaded, Fault::Overloaded},
                                              {m_config.rateTimeout, Fault::Timeout},
                                              {m_config.rateMalformed, Fault::Malformed},
                                              {m_config.rateContentFilter, Fault::ContentFilter},
                                              {m_config.rateRefusal, Fault::Refusal},
                                              {m_config.rateEmpty, Fault::Empty}};
    for (const auto &[rate, fault] : bands) {
        if (u < rate)
            return fault;
        u -= rate;
    }
    return Fault::None;
}

Fault FaultPlan::next()
{
    return at(m_counter.fetch_add(1));
}

} // namespace ds::sim
