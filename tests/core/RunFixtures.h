#pragma once
// Store fixtures shared by the core tests that drive runs.
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

} // namespace ds::test
