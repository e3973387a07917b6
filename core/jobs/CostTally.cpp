#include "jobs/CostTally.h"

namespace ds {

void CostTally::charge(const ModelConfig &m, int64_t requests, int64_t inPer, int64_t outPer)
{
    const int64_t in = requests * inPer, out = requests * outPer;
    tokensIn += in;
    tokensOut += out;
    cost += (double(in) * m.priceInPerMTok + double(out) * m.priceOutPerMTok) / 1e6;
    if (requests && m.priceInPerMTok == 0 && m.priceOutPerMTok == 0)
        unpriced.insert(m.name);
}

std::vector<std::string> CostTally::notes() const
{
    std::vector<std::string> out;
    for (const auto &u : unpriced)
        out.push_back(u + " has no price set (counted as free)");
    return out;
}

} // namespace ds
