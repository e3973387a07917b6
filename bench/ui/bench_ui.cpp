// GUI responsiveness on a large store, through the real window, store and (for the stall test) the
// real HTTP client against the simulator. One mode per process so start-up is measured cold:
//   bench_ui make-db DB [--models N] [--prompts P]   build the large store (N models x P answers)
//   bench_ui startup DB PAGE                         main() entry to the first page idle, in ms
//   bench_ui results DB                              RSE results page, drill-down, compare page, vs core
//   bench_ui stall DB SIM_URL [--seconds S]          GUI event-loop stalls while a run is at concurrency 100
// Each mode prints one JSON object; bench/ui/bench_ui.sh runs them and reports ratios to baselines
// measured in the same run.
#include "HeatmapFixtures.h" // tests/ui: the heatmap the figure tests export
#include "MainWindow.h"
#include "RunFixtures.h" // tests/core: the model and run builders the tests use
#include "charts/HeatmapFigure.h"
#include "pages/ComparePage.h"
#include "pages/DatasetsPage.h"
#include "pages/RseResultsPage.h"
#include "pages/RunsPage.h"
#include "rse/RseConfig.h"
#include "rse/RseJob.h"
#include "rse/RseReport.h"
#include "services/AppContext.h"
#include "store/Store.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace ds;

namespace {

QElapsedTimer g_sinceMain;

int argInt(int argc, char **argv, const char *name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], name))
            return std::atoi(argv[i + 1]);
    return fallback;
}

/// Deterministic filler text of about `words` words, different per (model, prompt).
std::string filler(std::mt19937 &rng, int words)
{
    static const char *vocab[] = {"model",    "answer",   "structure", "detail",    "because", "first",  "second",    "finally",
                                  "example",  "consider", "important", "result",    "data",    "method", "therefore", "however",
                                  "step",     "analysis", "summary",   "approach",  "value",   "system", "user",      "context",
                                  "response", "quality",  "similar",   "different", "explain", "reason"};
    std::uniform_int_distribution<int> pick(0, int(std::size(vocab)) - 1);
    std::string out;
    for (int i = 0; i < words; ++i) {
        out += vocab[pick(rng)];
        out += (i % 14 == 13) ? ". " : " ";
    }
    return out;
}

int makeDb(const std::string &path, int models, int prompts)
{
    std::string error;
    auto store = Store::open(path, &error);
    if (!store) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    std::mt19937 rng(7);
    std::vector<std::string> names;
    for (int m = 0; m < models; ++m) {
        char name[16];
        std::snprintf(name, sizeof name, "m%02d", m);
        names.push_back(name);
        ModelConfig mc = test::openAiModel(name, "http://127.0.0.1:9/v1");
        store->saveModel(mc, &error);
    }
    DatasetInfo ds;
    ds.name = "big";
    ds.format = "jsonl";
    std::vector<PromptItem> items(static_cast<size_t>(prompts));
    for (int i = 0; i < prompts; ++i) {
        items[size_t(i)].idx = i;
        items[size_t(i)].extId = "p" + std::to_string(i);
        items[size_t(i)].text = "Question " + std::to_string(i) + ": " + filler(rng, 40);
        items[size_t(i)].category = i % 3 ? "writing" : "reasoning";
    }
    if (!store->createDataset(ds, items, &error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const auto stored = store->prompts(ds.id);
    for (const auto &name : names) {
        std::vector<ResponseRecord> rs;
        for (const auto &p : stored) {
            ResponseRecord r;
            r.requestKey = "import:" + name + ":" + std::to_string(p.id);
            r.model = name;
            r.promptId = p.id;
            r.kind = "answer";
            r.status = AnswerStatus::Ok;
            r.source = "import";
            r.text = filler(rng, 150);
            rs.push_back(std::move(r));
        }
        if (!store->importResponses(rs, &error)) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
    }
    // An RSE run with one judgment per (test model, prompt): half the models against the first.
    std::vector<std::string> tests;
    for (size_t m = 1; m < names.size() && m <= 10; ++m)
        tests.push_back(names[m]);
    const rse::RseConfig cfg = test::rseConfig(names.front(), tests, {"big"});
    RunInfo run = test::completeRseRun("big-rse", cfg);
    store->createRun(run, &error);
    std::uniform_int_distribution<int> score(1, 5);
    for (const auto &t : cfg.tests)
        for (const auto &p : stored) {
            Judgment j;
            j.runId = run.id;
            j.promptId = p.id;
            j.dataset = "big";
            j.testModel = t;
            j.refModel = cfg.reference;
            j.judgeModel = "judge";
            j.requestKey = "judge:" + t + ":" + std::to_string(p.id);
            j.style = score(rng);
            j.logic = score(rng);
            j.content = score(rng);
            j.overall = (*j.style + *j.logic + *j.content) / 3.0;
            j.rationale = "Synthetic judgment for the benchmark.";
            j.status = JudgmentStatus::Ok;
            store->putJudgment(j);
        }
    store->flush();
    std::printf("{\"mode\":\"make-db\",\"responses\":%lld,\"prompts\":%d,\"judgments\":%zu,\"run\":%lld}\n",
                static_cast<long long>(store->responseCount()), prompts, cfg.tests.size() * stored.size(), static_cast<long long>(run.id));
    return 0;
}

struct Window {
    std::unique_ptr<ui::AppContext> ctx;
    std::unique_ptr<ui::MainWindow> window;
    bool open(const QString &db)
    {
        QString error;
        ctx = ui::AppContext::open(db, &error);
        if (!ctx) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return false;
        }
        window = std::make_unique<ui::MainWindow>(*ctx);
        window->setConfirmClose(false);
        window->resize(1400, 900);
        return true;
    }
    template <class P> P *page(const char *id) { return static_cast<P *>(window->page(QString::fromLatin1(id))); }
};

/// Milliseconds until `spy` has a signal (-1 on timeout).
double waitSignal(QSignalSpy &spy, QElapsedTimer &t, int timeoutMs = 60000)
{
    if (spy.isEmpty() && !QTest::qWaitFor([&] { return !spy.isEmpty(); }, timeoutMs))
        return -1;
    return double(t.nsecsElapsed()) / 1e6;
}

int startup(const QString &db, const QString &page)
{
    Window w;
    if (!w.open(db))
        return 1;
    w.window->setPage(page);
    w.window->show();
    const bool idle = w.window->waitIdle(60000);
    const double ms = double(g_sinceMain.nsecsElapsed()) / 1e6;
    std::printf("{\"mode\":\"startup\",\"page\":\"%s\",\"ms\":%.1f,\"idle\":%s}\n", qPrintable(page), ms, idle ? "true" : "false");
    return idle ? 0 : 1;
}

int results(const QString &db)
{
    Window w;
    if (!w.open(db))
        return 1;
    Store &store = w.ctx->store();
    const auto run = store.run("big-rse");
    if (!run) {
        std::fprintf(stderr, "no run big-rse in %s\n", qPrintable(db));
        return 1;
    }
    // Baseline: the core computation the page shows, best of two so that it runs on warm caches as
    // the page does after it.
    QElapsedTimer t;
    std::string error;
    std::optional<rse::RseResults> core;
    double coreMs = 1e300;
    for (int i = 0; i < 2; ++i) {
        t.restart();
        core = rse::computeResults(store, run->id, &error);
        coreMs = std::min(coreMs, double(t.nsecsElapsed()) / 1e6);
    }
    if (!core) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }

    w.window->setPage(QStringLiteral("rse"));
    w.window->show();
    w.window->waitIdle(60000);
    auto *rse = w.page<ui::RseResultsPage>("rse");
    QSignalSpy shown(rse, &ui::RseResultsPage::resultsShown);
    t.restart();
    rse->showRun(run->id);
    const double pageMs = waitSignal(shown, t);
    QSignalSpy drill(rse, &ui::RseResultsPage::drillDownReady);
    t.restart();
    rse->drillDown(0, 0);
    const double drillMs = waitSignal(drill, t);
    QSignalSpy prompt(rse, &ui::RseResultsPage::promptShown);
    t.restart();
    rse->selectPrompt(100);
    const double promptMs = waitSignal(prompt, t);

    w.window->setPage(QStringLiteral("compare"));
    w.window->waitIdle(60000);
    auto *compare = w.page<ui::ComparePage>("compare");
    QSignalSpy loaded(compare, &ui::ComparePage::loaded);
    t.restart();
    compare->choose(QStringLiteral("big"),
                    {QStringLiteral("m00"), QStringLiteral("m01"), QStringLiteral("m02"), QStringLiteral("m03"), QStringLiteral("m04"),
                     QStringLiteral("m05")},
                    QStringLiteral("m00"));
    const double compareMs = waitSignal(loaded, t);
    loaded.clear();
    t.restart();
    compare->setScoreRun(run->id);
    const double scoredMs = waitSignal(loaded, t);
    loaded.clear();
    t.restart();
    compare->setJudgesDisagree(true); // no disagreement in this store: a full scan that keeps nothing
    const double filterMs = waitSignal(loaded, t);
    std::printf("{\"mode\":\"results\",\"cells\":%zu,\"core_ms\":%.1f,\"page_ms\":%.1f,\"drill_ms\":%.1f,\"prompt_ms\":%.1f,"
                "\"compare_ms\":%.1f,\"compare_scored_ms\":%.1f,\"compare_filter_ms\":%.1f}\n",
                core->cells.size(), coreMs, pageMs, drillMs, promptMs, compareMs, scoredMs, filterMs);
    return pageMs >= 0 && compareMs >= 0 ? 0 : 1;
}

/// Gaps between ticks of a 5 ms timer on the GUI thread while `busy` holds (or for `ms`).
struct Gaps {
    std::vector<double> gaps;
    double max() const { return gaps.empty() ? 0 : *std::max_element(gaps.begin(), gaps.end()); }
    double p99() const
    {
        if (gaps.empty())
            return 0;
        auto g = gaps;
        std::sort(g.begin(), g.end());
        return g[size_t(double(g.size() - 1) * 0.99)];
    }
};

template <class Until> Gaps measureGaps(Until until, int limitMs)
{
    Gaps out;
    QElapsedTimer clock, total;
    clock.start();
    total.start();
    QTimer tick;
    tick.setInterval(5);
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        out.gaps.push_back(double(clock.nsecsElapsed()) / 1e6);
        clock.restart();
    });
    tick.start();
    while (!until() && total.elapsed() < limitMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return out;
}

int stall(const QString &db, const QString &simUrl, int seconds)
{
    Window w;
    if (!w.open(db))
        return 1;
    Store &store = w.ctx->store();
    std::string error;
    for (const char *name : {"s-ref", "s-test", "s-judge"}) {
        ModelConfig mc;
        mc.name = name;
        mc.provider = "openai";
        mc.baseUrl = (simUrl + QStringLiteral("/v1")).toStdString();
        mc.modelId = name;
        mc.concurrency = 100;
        mc.timeoutS = 30;
        store.saveModel(mc, &error);
    }
    rse::RseConfig cfg;
    cfg.reference = "s-ref";
    cfg.tests = {"s-test"};
    cfg.datasets = {"big"};
    cfg.judge = "s-judge";
    const int64_t runId = rse::RseJob::createRun(store, cfg, "stall-" + std::to_string(QDateTime::currentMSecsSinceEpoch()), &error);
    if (!runId) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    w.window->setPage(QStringLiteral("runs"));
    w.window->show();
    w.window->waitIdle(60000);
    // Baseline: the same timer with the window idle.
    const Gaps idle = measureGaps([] { return false; }, 2000);
    QString startError;
    if (!w.ctx->startRun(runId, false, &startError)) {
        std::fprintf(stderr, "%s\n", qPrintable(startError));
        return 1;
    }
    w.page<ui::RunsPage>("runs")->selectRun(runId); // the live monitor is on screen
    int64_t done = 0;
    QObject::connect(w.ctx.get(), &ui::AppContext::jobProgress, [&](qint64 id, const JobProgress &p) {
        if (id == runId)
            done = p.done;
    });
    bool finished = false;
    QObject::connect(w.ctx.get(), &ui::AppContext::jobFinished, [&](qint64 id, const JobResult &) { finished |= id == runId; });
    QElapsedTimer t;
    t.start();
    const Gaps busy = measureGaps([&] { return finished; }, seconds * 1000);
    const double s = double(t.elapsed()) / 1000.0;
    w.ctx->pauseRun(runId);
    std::printf("{\"mode\":\"stall\",\"seconds\":%.1f,\"requests_done\":%lld,\"requests_per_s\":%.0f,\"idle_max_gap_ms\":%.1f,"
                "\"idle_p99_gap_ms\":%.1f,\"busy_max_gap_ms\":%.1f,\"busy_p99_gap_ms\":%.1f,\"ticks\":%zu}\n",
                s, static_cast<long long>(done), double(done) / s, idle.max(), idle.p99(), busy.max(), busy.p99(), busy.gaps.size());
    return 0;
}

// Redrawing an n x n similarity heatmap (labels, colour bar, n per cell), against the same run's
// baseline: the same cells as bare filled rectangles. The ratio is what our drawing adds.
int heatmap(int n)
{
    using namespace ds::ui;
    HeatmapFigure fig(test::longNamesHeatmap(n, QStringLiteral("heatmap")));
    QImage img(1200, 1200, QImage::Format_ARGB32_Premultiplied);
    const FigureStyle style = FigureStyle::print(8);
    QPainter p(&img);
    const QRectF area(0, 0, 900, 900);
    fig.paint(p, area, style); // fonts and glyph caches warm
    const int reps = 10;
    QElapsedTimer t;
    t.start();
    for (int r = 0; r < reps; ++r)
        fig.paint(p, area, style);
    const double figMs = double(t.nsecsElapsed()) / 1e6 / reps;
    t.restart();
    const double cell = area.width() / n;
    for (int r = 0; r < reps; ++r)
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                p.fillRect(QRectF(j * cell, i * cell, cell, cell), QColor::fromHsvF(0.6, 0.5, (i * n + j) % 7 / 7.0));
    const double baseMs = double(t.nsecsElapsed()) / 1e6 / reps;
    std::printf("{\"mode\":\"heatmap\",\"n\":%d,\"figure_ms\":%.1f,\"bare_rects_ms\":%.2f,\"ratio\":%.1f}\n", n, figMs, baseMs,
                figMs / std::max(baseMs, 1e-3));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    g_sinceMain.start();
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Q_INIT_RESOURCE(distillscope_ui);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_ui make-db|startup|results|stall DB [...] | heatmap N\n");
        return 2;
    }
    const std::string mode = argv[1];
    if (mode == "make-db")
        return makeDb(argv[2], argInt(argc, argv, "--models", 20), argInt(argc, argv, "--prompts", 5000));
    QApplication app(argc, argv);
    if (mode == "heatmap")
        return heatmap(std::atoi(argv[2]));
    QStandardPaths::setTestModeEnabled(true); // never the user's window settings
    int rc = 2;
    if (mode == "startup" && argc >= 4)
        rc = startup(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    else if (mode == "results")
        rc = results(QString::fromLocal8Bit(argv[2]));
    else if (mode == "stall" && argc >= 4)
        rc = stall(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]), argInt(argc, argv, "--seconds", 20));
    curl_global_cleanup();
    return rc;
}
