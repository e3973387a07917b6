#pragma once
// Store fixtures shared by the core tests that drive runs.
#include "net/RetryPolicy.h"
#include "rse/RseJob.h"
#include "store/Store.h"

#include <QTest>
#include <string>
#include <vector>

namespace ds::test {

/// A dataset of `n` prompts "Explain topic i of NAME to a beginner." (ids "q0", "q1", ...); with
/// `distinct` > 0 the texts repeat every `distinct` prompts (duplicate prompts).
inline void addDataset(Store &store, const std::string &name, int n, int distinct = 0)
{
    DatasetInfo info;
    info.name = name;
    std::vector<PromptItem> prompts;
    for (int i = 0; i < n; ++i) {
        PromptItem p;
        p.idx = i;
        p.extId = "q" + std::to_string(i);
        p.text = "Explain topic " + std::to_string(distinct > 0 ? i % distinct : i) + " of " + name + " to a beginner.";
        prompts.push_back(p);
    }
    std::string error;
    QVERIFY2(store.createDataset(info, prompts, &error), error.c_str());
}

/// One retry, 10-20 ms apart: failure paths end quickly.
inline RetryPolicy quickRetries()
{
    RetryPolicy p;
    p.maxRetries = 1;
    p.baseDelayS = 0.01;
    p.maxDelayS = 0.02;
    return p;
}

/// An OpenAI-compatible model `name` (model id the same) at `url`.
inline void addModel(Store &store, const std::string &name, const std::string &url, int concurrency = 8, double priceOut = 0)
{
    ModelConfig m;
    m.name = name;
    m.provider = "openai";
    m.baseUrl = url;
    m.modelId = name;
    m.concurrency = concurrency;
    m.timeoutS = 10;
    m.priceOutPerMTok = priceOut;
    std::string error;
    QVERIFY2(store.saveModel(m, &error), error.c_str());
}

/// An RSE run of "ref" against `tests` on `dataset`, judged by "judge" (named after the dataset unless
/// `name` is given). Returns the run id; 0 when the store refused it (the tests check).
inline int64_t createRse(Store &store, const std::string &dataset, const std::vector<std::string> &tests, double spendLimit = 0,
                         bool swap = false, const std::string &name = {})
{
    rse::RseConfig cfg;
    cfg.reference = "ref";
    cfg.tests = tests;
    cfg.datasets = {dataset};
    cfg.judge = "judge";
    cfg.spendLimit = spendLimit;
    cfg.swap = swap;
    std::string error;
    const int64_t run = rse::RseJob::createRun(store, cfg, name.empty() ? dataset : name, &error);
    if (run <= 0)
        qWarning("createRse: %s", error.c_str());
    return run;
}

} // namespace ds::test
