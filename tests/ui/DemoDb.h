#pragma once
// A small demo database built through the Store API (no network): 4 models, one 12-prompt dataset
// with imported answers, an RSE run with judgments, and (when the ICE component is built) an ICE run.
#include "RunFixtures.h" // importedAnswer() and the other builders the GUI tests use
#include "util/Types.h"

#include <QString>
#include <cstdint>
#include <memory>

namespace ds {
class Store;
}

namespace ds::test {

struct DemoDb {
    QString path;
    int64_t rseRun = 0;
    int64_t iceRun = 0;
    int prompts = 12;
};

/// A parsed judgment in run `runId` of `test` against `ref` on a prompt of the "demo" dataset by the
/// model "judge", in `order` ("rt" or "tr"), scored `overall`; aspects and rationale left empty.
Judgment demoJudgment(int64_t runId, int64_t promptId, const std::string &test, const std::string &ref, const std::string &order,
                      double overall);

/// Creates a complete RSE run `name` on the "demo" dataset judged by "judge" (both orders when `swap`)
/// and returns its id; fails the calling test and returns 0 on error.
int64_t createDemoRseRun(Store &store, const std::string &name, const std::string &reference, const std::vector<std::string> &tests,
                         bool swap);

/// Creates the database at `path` (must not exist). Fails the calling test on error.
DemoDb buildDemoDb(const QString &path);

/// Runs added to a demo database to check views that show several runs at once.
struct ComparisonRuns {
    int64_t rseOtherReference = 0; ///< reference s1, test u1, swap; orders scored 3 and 2 (mean 2.5)
    int64_t iceSecond = 0;         ///< target u1, fixed labels: 3 of 4 responses conflict
};

/// Adds the comparison runs to the demo database at `path`. Fails the calling test on error.
ComparisonRuns addComparisonRuns(const QString &path);

} // namespace ds::test
