#include "services/CostEstimate.h"

#include "store/Store.h"

#include <QObject>

#include <algorithm>
#include <set>

namespace ds::ui {

CostEstimate estimateRse(Store &store, const rse::RseConfig &cfg)
{
    CostEstimate e;
    std::vector<std::string> answerers{cfg.reference};
    answerers.insert(answerers.end(), cfg.tests.begin(), cfg.tests.end());
    std::set<std::string> unpriced;
    const auto judge = store.model(cfg.judge);
    if (!judge)
        e.error = QObject::tr("no judge model '%1'").arg(QString::fromStdString(cfg.judge));
    for (const auto &dsName : cfg.datasets) {
        const auto ds = store.dataset(dsName);
        if (!ds) {
            e.error = QObject::tr("no dataset '%1'").arg(QString::fromStdString(dsName));
            continue;
        }
        const auto prompts = store.prompts(ds->id);
        int64_t chars = 0;
        for (const auto &p : prompts)
            chars += int64_t(p.turnsJson.empty() ? p.text.size() : p.turnsJson.size());
        const int64_t n = int64_t(prompts.size());
        const double promptTokens = n ? double(chars) / 4.0 / double(n) : 0;
        for (const auto &name : answerers) {
            const auto m = store.model(name);
            const int64_t have = int64_t(store.answers(name, ds->id).size());
            const int64_t missing = std::max<int64_t>(0, n - have);
            e.reusedAnswers += std::min(have, n);
            if (!m) {
                if (have < n)
                    e.notes
                        << QObject::tr("%1 is not a configured model and lacks %2 answers").arg(QString::fromStdString(name)).arg(missing);
                continue;
            }
            e.answerRequests += missing;
            const int64_t in = int64_t(promptTokens * double(missing));
            const int64_t out = int64_t(std::min(m->maxTokens, 600)) * missing;
            e.tokensIn += in;
            e.tokensOut += out;
            e.cost += (double(in) * m->priceInPerMTok + double(out) * m->priceOutPerMTok) / 1e6;
            if (missing && m->priceInPerMTok == 0 && m->priceOutPerMTok == 0)
                unpriced.insert(name);
        }
        const int64_t judgments = n * int64_t(cfg.tests.size()) * (cfg.swap ? 2 : 1);
        e.judgeRequests += judgments;
        if (judge) {
            const int64_t in = int64_t((promptTokens + 2 * std::min(judge->maxTokens, 600) + 400) * double(judgments));
            const int64_t out = 200 * judgments;
            e.tokensIn += in;
            e.tokensOut += out;
            e.cost += (double(in) * judge->priceInPerMTok + double(out) * judge->priceOutPerMTok) / 1e6;
            if (judgments && judge->priceInPerMTok == 0 && judge->priceOutPerMTok == 0)
                unpriced.insert(cfg.judge);
        }
    }
    for (const auto &u : unpriced)
        e.notes << QObject::tr("%1 has no price set (counted as free)").arg(QString::fromStdString(u));
    return e;
}

CostEstimate estimateIce(Store &store, const IceEstimateInput &in)
{
    CostEstimate e;
    const auto target = store.model(in.target);
    if (!target) {
        e.error = QObject::tr("no target model '%1'").arg(QString::fromStdString(in.target));
        return e;
    }
    std::set<std::string> unpriced;
    auto charge = [&](const ModelConfig &m, int64_t requests, int64_t inPer, int64_t outPer) {
        const int64_t tin = requests * inPer, tout = requests * outPer;
        e.tokensIn += tin;
        e.tokensOut += tout;
        e.cost += (double(tin) * m.priceInPerMTok + double(tout) * m.priceOutPerMTok) / 1e6;
        if (requests && m.priceInPerMTok == 0 && m.priceOutPerMTok == 0)
            unpriced.insert(m.name);
    };
    const int64_t answers = int64_t(in.questions) * in.iterations;
    const int64_t answerOut = std::min(target->maxTokens, 400);
    e.answerRequests = answers;
    charge(*target, answers, 170, answerOut);
    if (!in.judge.empty() && in.judge != "rules") {
        const auto judge = store.model(in.judge);
        if (!judge) {
            e.error = QObject::tr("no judge model '%1'").arg(QString::fromStdString(in.judge));
            return e;
        }
        e.judgeRequests = answers;
        charge(*judge, answers, 300 + answerOut, 100);
    }
    if (!in.helper.empty()) {
        if (const auto helper = store.model(in.helper))
            charge(*helper, in.iterations, 400, 400);
        else
            e.notes << QObject::tr("no helper model '%1'").arg(QString::fromStdString(in.helper));
    }
    for (const auto &u : unpriced)
        e.notes << QObject::tr("%1 has no price set (counted as free)").arg(QString::fromStdString(u));
    return e;
}

} // namespace ds::ui
