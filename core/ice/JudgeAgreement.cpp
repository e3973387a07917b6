#include "ice/JudgeAgreement.h"

#include "stats/Bootstrap.h"

#include <map>

namespace ds::ice {

Agreement agreementWithPaper(const std::vector<LabelledResponse> &data, const JudgeLabels &judge)
{
    Agreement a;
    if (data.empty() || judge.loose.size() != data.size() || judge.strict.size() != data.size())
        return a;
    a.n = data.size();
    std::vector<bool> paperLoose, paperStrict;
    std::map<std::string, Cluster> byTemplate;
    for (size_t i = 0; i < data.size(); ++i) {
        paperLoose.push_back(data[i].loose);
        paperStrict.push_back(data[i].strict);
        a.paperLoose += data[i].loose;
        a.paperStrict += data[i].strict;
        a.judgeLoose += judge.loose[i];
        a.judgeStrict += judge.strict[i];
        Cluster &c = byTemplate[data[i].templateText];
        c.hits += data[i].loose;
        ++c.n;
    }
    const double n = static_cast<double>(a.n);
    a.paperLoose /= n;
    a.paperStrict /= n;
    a.judgeLoose /= n;
    a.judgeStrict /= n;
    a.looseKappa = stats::cohenKappa(paperLoose, judge.loose);
    a.strictKappa = stats::cohenKappa(paperStrict, judge.strict);
    std::vector<Cluster> clusters;
    clusters.reserve(byTemplate.size());
    for (const auto &[t, c] : byTemplate)
        clusters.push_back(c);
    a.paperLooseCi = clusterBootstrap(clusters); // the interval the ICE report shows for the paper's labels
    return a;
}

} // namespace ds::ice
