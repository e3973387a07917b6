#include "ice/RuleJudge.h"

#include "ice/RuleJudgeSession.h"
#include "ice/RulePatterns.h"

namespace ds::ice {

RuleJudge::RuleJudge(const VendorRegistry &registry, std::string trueVendor, std::vector<std::string> strictVendors)
    : m_reg(registry), m_true(std::move(trueVendor)), m_strict(std::move(strictVendors))
{
    if (const Vendor *v = m_reg.find(m_true)) {
        m_true = v->key;
        m_trueRegion = v->region;
    }
}

const std::string &RuleJudge::error() const
{
    return RulePatterns::builtin().error();
}

RuleVerdict RuleJudge::judge(const std::string &response, const std::string &question) const
{
    return RuleJudgeSession::judge(m_reg, m_true, m_trueRegion, m_strict, response, question);
}

} // namespace ds::ice
