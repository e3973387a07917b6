#pragma once
// Store fixtures shared by the tests (core and GUI) and the UI benchmark that build stores and runs.
// The builders at the top only fill values; the add/create functions below write to a store and
// fail the calling test when it refuses.
#include "net/RetryPolicy.h"
#include "rse/RseJob.h"
#include "store/Store.h"

#include <QTest>
#include <functional>
#include <string>
#include <vector>

namespace ds::test {

/// An OpenAI-compatible model `name` (model id the same) at `url`; every other field as ModelConfig
/// has it (callers set what their test is about: concurrency, timeout, prices).
inline ModelConfig openAiModel(const std::string &name, const std::string &url)
{
    ModelConfig m;
    m.name = name;
    m.provider = "openai";
    m.baseUrl = url;
    m.modelId = name;
    return m;
}

/// openAiModel() with replies of up to `maxTokens`, priced per million tokens in and out.
inline ModelConfig pricedModel(const std::string &name, const std::string &url, int maxTokens, double priceIn, double priceOut)
{
    ModelConfig m = openAiModel(name, url);
    m.maxTokens = maxTokens;
    m.priceInPerMTok = priceIn;
    m.priceOutPerMTok = priceOut;
    return m;
}

/// `n` prompts numbered 0..n-1 (idx only; no external id or category) with the texts `textOf(i)`.
inline std::vector<PromptItem> promptItems(int n, const std::function<std::string(int)> &textOf)
{
    std::vector<PromptItem> items(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        items[size_t(i)].idx = i;
        items[size_t(i)].text = textOf(i);
    }
    return items;
}

/// An imported answer (status ok) of `model` to prompt `promptId`.
inline ResponseRecord importedAnswer(const std::string &model, int64_t promptId, const std::string &text)
{
    ResponseRecord r;
    r.model = model;
    r.promptId = promptId;
    r.kind = "answer";
    r.status = AnswerStatus::Ok;
    r.text = text;
    r.source = "import";
    r.requestKey = "import:" + model + ":" + std::to_string(promptId);
    return r;
}

/// An RSE configuration of `reference` against `tests` on `datasets`, judged by "judge".
inline rse::RseConfig rseConfig(const std::string &reference, const std::vector<std::string> &tests,
                                const std::vector<std::string> &datasets, bool swap = false)
{
    rse::RseConfig cfg;
    cfg.reference = reference;
    cfg.tests = tests;
    cfg.datasets = datasets;
    cfg.judge = "judge";
    cfg.swap = swap;
    return cfg;
}

/// The row of a finished RSE run `name` with configuration `cfg`, for Store::createRun (stores built
/// without running anything: the views are tested on what a run leaves behind).
inline RunInfo completeRseRun(const std::string &name, const rse::RseConfig &cfg)
{
    RunInfo run;
    run.name = name;
    run.kind = RunKind::Rse;
    run.status = RunStatus::Complete;
    run.configJson = cfg.toJson();
    return run;
}

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
    ModelConfig m = openAiModel(name, url);
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
    rse::RseConfig cfg = rseConfig("ref", tests, {dataset}, swap);
    cfg.spendLimit = spendLimit;
    std::string error;
    const int64_t run = rse::RseJob::createRun(store, cfg, name.empty() ? dataset : name, &error);
    if (run <= 0)
        qWarning("createRse: %s", error.c_str());
    return run;
}

} // namespace ds::test
