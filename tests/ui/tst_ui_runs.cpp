// The Runs page against real runs (offscreen, a real SQLite file in a temp dir, the simulator over
// HTTP): pause shows "paused", a running run is listed as running, run totals survive a resume,
// throughput and ETA stay sane, a run driven by another process is shown and not started twice, lanes
// without a planned total and error kinds from stored events, and the summary of a finished run.
#include "WindowTest.h"

#include "MainWindow.h"
#include "jobs/SessionCounters.h"
#include "models/CoreModels.h"
#include "models/IceModels.h"
#include "models/MonitorModels.h"
#include "models/ResultModels.h"
#include "net/LlmClient.h"
#include "pages/RunMonitor.h"
#include "pages/RunsPage.h"
#include "rse/RseJob.h"
#include "services/AppContext.h"
#include "sim/SimServer.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QHeaderView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;
using namespace ds::ui;

namespace {

std::unique_ptr<sim::SimServer> startSim(int latencyMs, std::string *url)
{
    const std::string lat = std::to_string(latencyMs);
    const std::string json = R"({"seed": 7, "models": [
 {"name": "ref", "creator": "Acme AI", "style": "structured", "latency_ms": )" +
                             lat + R"(},
 {"name": "t1", "creator": "Beta Labs", "style": "casual", "latency_ms": )" +
                             lat + R"(},
 {"name": "judge", "creator": "Acme AI", "role": "judge", "latency_ms": )" +
                             lat + R"(}]})";
    auto parsed = sim::parseSimConfig(json);
    if (!parsed.ok())
        return nullptr;
    auto s = std::make_unique<sim::SimServer>(*parsed.config);
    const int port = s->start(0);
    if (port <= 0)
        return nullptr;
    *url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
    return s;
}

QString cell(QAbstractItemModel *m, int row, int col)
{
    return m->index(row, col).data().toString();
}

} // namespace

class TestUiRuns : public test::WindowTest {
    Q_OBJECT
private:
    std::unique_ptr<sim::SimServer> m_sim;
    RunsPage *m_page = nullptr;
    int64_t m_run = 0;

    QString status(int64_t runId) { return cell(m_page->runs(), m_page->runs()->rowOfRun(runId), RunsModel::Status); }
    bool reloaded()
    {
        m_page->reload();
        return QTest::qWaitFor([&] { return !m_page->isLoading(); }, 5000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::string url;
        m_sim = startSim(40, &url);
        QVERIFY(m_sim);
        const std::string path = m_dir.filePath(QStringLiteral("runs.sqlite")).toStdString();
        QVERIFY(test::changeStore(QString::fromStdString(path), [&](Store &store) {
            std::string error;
            for (const char *name : {"ref", "t1", "judge"}) {
                ModelConfig m = test::openAiModel(name, url);
                m.concurrency = 2; // slow enough to pause in the middle
                m.timeoutS = 10;
                m.priceInPerMTok = 1;
                m.priceOutPerMTok = 20;
                QVERIFY2(store.saveModel(m, &error), error.c_str());
            }
            DatasetInfo info;
            info.name = "d";
            const auto prompts = test::promptItems(40, [](int i) { return "Explain topic " + std::to_string(i) + " to a beginner."; });
            QVERIFY2(store.createDataset(info, prompts, &error), error.c_str());
            m_run = rse::RseJob::createRun(store, test::rseConfig("ref", {"t1"}, {"d"}), "runs-test", &error);
            QVERIFY2(m_run > 0, error.c_str());
        }));
        QVERIFY(openWindow(QString::fromStdString(path)));
        m_window->setPage(QStringLiteral("runs"));
        QVERIFY(m_window->waitIdle());
        m_page = static_cast<RunsPage *>(m_window->page(QStringLiteral("runs")));
        m_page->selectRun(m_run);
        QCOMPARE(m_page->selectedRun(), qint64(m_run));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_ctx.reset();
        if (m_sim)
            m_sim->stop();
    }

    // Pause ends the run "paused" (not "cancelled"); while it runs the list says "running".
    void pauseShowsPausedAndRunningIsListed()
    {
        QSignalSpy finished(m_ctx.get(), &AppContext::jobFinished);
        QString error;
        QVERIFY2(m_ctx->startRun(m_run, false, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(status(m_run), QStringLiteral("running"), 5000);
        QCOMPARE(cell(m_page->runs(), m_page->runs()->rowOfRun(m_run), RunsModel::Driver), QStringLiteral("this window"));
        QTRY_VERIFY_WITH_TIMEOUT(m_ctx->lastProgress(m_run).done >= 10, 20000);
        QVERIFY(m_page->pauseButton()->isEnabled());
        m_page->pauseButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        const auto result = finished.last().at(1).value<JobResult>();
        QCOMPARE(int(result.status), int(RunStatus::Paused));
        QTRY_COMPARE_WITH_TIMEOUT(status(m_run), QStringLiteral("paused"), 5000);
        QVERIFY2(m_page->message()->text().contains(QStringLiteral("paused")), qPrintable(m_page->message()->text()));
        QVERIFY(!m_page->message()->text().contains(QStringLiteral("cancelled")));
        QVERIFY2(m_page->monitorText().startsWith(QStringLiteral("Status: paused")), qPrintable(m_page->monitorText()));
    }

    // After a resume the cost and tokens are the run's (stored + this session), throughput is never
    // negative, cached never exceeds done, and the ETA is known and non-zero while work is left.
    void resumeKeepsRunTotals()
    {
        const double spentBefore = m_ctx->store().run(m_run)->spent;
        const auto tokensBefore = m_ctx->store().runTokens(m_run);
        QVERIFY(spentBefore > 0);
        QVERIFY(tokensBefore.out > 0);
        QSignalSpy finished(m_ctx.get(), &AppContext::jobFinished);
        QSignalSpy progress(m_ctx.get(), &AppContext::jobProgress);
        QVERIFY(m_page->resumeButton()->isEnabled());
        m_page->resumeButton()->click();
        QCOMPARE(m_ctx->sessionBase(m_run).spent, spentBefore);
        QCOMPARE(m_ctx->sessionBase(m_run).tokensOut, tokensBefore.out);
        bool sawEta = false;
        while (finished.isEmpty()) {
            QVERIFY(progress.wait(20000) || !finished.isEmpty());
            if (progress.isEmpty())
                continue;
            const auto p = progress.last().at(1).value<JobProgress>();
            QVERIFY(monitor::throughput(p) >= 0);
            const QString text = m_page->monitorText();
            QVERIFY2(!text.contains(QStringLiteral("Throughput -")), qPrintable(text));
            if (p.total > p.done) {
                const double eta = monitor::etaSeconds(p);
                QVERIFY2(eta != 0 && !text.contains(QStringLiteral("ETA 0 min 00 s")), qPrintable(text));
                if (monitor::freshRequests(p) > 0) {
                    QVERIFY(eta >= 1);
                    sawEta = true;
                }
            }
            // The total shown is what the run had before plus this session, never this session alone.
            const QString expected = QStringLiteral("Tokens %1 in").arg(tokensBefore.in + p.tokensIn);
            QVERIFY2(text.contains(expected), qPrintable(text));
            // So is the status bar's: the run total, labelled as such, with this session beside it. It
            // clears when the run ends, which may already have been delivered with this progress.
            const QString bar = m_window->runTotalsText();
            if (!finished.isEmpty() && bar.isEmpty())
                break;
            const QString runTotal =
                QStringLiteral("run total $%1 (this session $%2)").arg(spentBefore + p.cost, 0, 'f', 4).arg(p.cost, 0, 'f', 4);
            QVERIFY2(bar.startsWith(QStringLiteral("Run %1: %2/").arg(m_run).arg(p.done)) && bar.contains(runTotal),
                     qPrintable(bar + QStringLiteral(" | expected ") + runTotal));
            QVERIFY(std::min(p.cached, p.done) <= p.done);
            for (int l = 0; l < m_page->lanes()->rowCount(); ++l)
                QVERIFY(m_page->lanes()->index(l, LanesModel::Cached).data().toLongLong() <=
                        m_page->lanes()->index(l, LanesModel::Done).data().toLongLong());
            progress.clear();
        }
        QVERIFY(sawEta);
        const auto result = finished.last().at(1).value<JobResult>();
        QCOMPARE(int(result.status), int(RunStatus::Complete));
        QVERIFY(m_ctx->store().run(m_run)->spent > spentBefore);
        QCOMPARE(m_window->runTotalsText(), QString()); // nothing driven any more
    }

    // The status bar's line for the driven runs: run totals summed, "—" while a total is not planned.
    void drivenRunsLine_data()
    {
        QTest::addColumn<QList<qint64>>("ids");
        QTest::addColumn<QList<qint64>>("done");
        QTest::addColumn<QList<qint64>>("total");
        QTest::addColumn<QList<double>>("spentBefore");
        QTest::addColumn<QList<double>>("session");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << QList<qint64>{} << QList<qint64>{} << QList<qint64>{} << QList<double>{} << QList<double>{} << QString();
        QTest::newRow("resumed run") << QList<qint64>{3} << QList<qint64>{120} << QList<qint64>{400} << QList<double>{1.25}
                                     << QList<double>{0.5}
                                     << QStringLiteral("Run 3: 120/400 done · run total $1.7500 (this session $0.5000)");
        QTest::newRow("not planned yet") << QList<qint64>{7} << QList<qint64>{0} << QList<qint64>{0} << QList<double>{0.0}
                                         << QList<double>{0.0}
                                         << QStringLiteral("Run 7: 0/— done · run total $0.0000 (this session $0.0000)");
        QTest::newRow("two runs") << QList<qint64>{3, 5} << QList<qint64>{10, 20} << QList<qint64>{100, 50} << QList<double>{2.0, 9.5}
                                  << QList<double>{0.25, 1.0}
                                  << QStringLiteral("Runs 3, 5: 30/150 done · run totals $12.75 (this session $1.2500)");
        QTest::newRow("one of two unplanned") << QList<qint64>{3, 5} << QList<qint64>{10, 0} << QList<qint64>{100, 0}
                                              << QList<double>{0.0, 0.0} << QList<double>{0.01, 0.0}
                                              << QStringLiteral("Runs 3, 5: 10/— done · run totals $0.0100 (this session $0.0100)");
    }
    void drivenRunsLine()
    {
        QFETCH(QList<qint64>, ids);
        QFETCH(QList<qint64>, done);
        QFETCH(QList<qint64>, total);
        QFETCH(QList<double>, spentBefore);
        QFETCH(QList<double>, session);
        QFETCH(QString, expected);
        std::vector<monitor::DrivenRun> runs;
        for (int i = 0; i < ids.size(); ++i) {
            monitor::DrivenRun r;
            r.id = ids[i];
            r.progress.done = done[i];
            r.progress.total = total[i];
            r.progress.cost = session[i];
            r.base.spent = spentBefore[i];
            runs.push_back(r);
        }
        QCOMPARE(monitor::drivenRunsText(runs), expected);
    }

    // A finished run shows its configuration, totals, duration, spend and final status.
    void finishedRunShowsSummary()
    {
        QTRY_COMPARE_WITH_TIMEOUT(status(m_run), QStringLiteral("complete"), 5000);
        m_page->selectRun(m_run);
        const QString text = m_page->monitorText();
        QVERIFY2(text.startsWith(QStringLiteral("Status: complete")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Configuration: ")) && text.contains(QStringLiteral("reference = ref")) &&
                     text.contains(QStringLiteral("judge = judge")),
                 qPrintable(text));
        // Paused once and resumed: two sessions, the last one's counts, time driven over both.
        QVERIFY2(text.contains(QStringLiteral("2 session(s)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Last session (complete): 120 of 120 done")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral(" · driven ")) && !text.contains(QStringLiteral("driven — ")), qPrintable(text));
        const double spent = m_ctx->store().run(m_run)->spent;
        QVERIFY2(text.contains(QStringLiteral("Spend: $%1 over all sessions").arg(spent, 0, 'f', 4)), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("nan")));
        QVERIFY2(text.contains(QStringLiteral("spend_limit = no ceiling")), qPrintable(text)); // 0 = none, not "0.0"
        QVERIFY(monitor::configSummary(R"({"spend_limit": 2.5})").contains(QStringLiteral("spend_limit = $2.5000")));
        const JobProgress c = m_ctx->lastResult(m_run)->counters;
        QVERIFY(c.total > 0);
        QCOMPARE(m_page->barText(), QStringLiteral("%1 / %2").arg(c.done).arg(c.total)); // counters of this session
    }

    // The lanes and error-kind tables show every column in their pane (numbers sized to their
    // contents, the name column taking the rest), with no column cut off behind a scroll bar.
    void monitorTablesShowEveryColumn()
    {
        m_page->selectRun(m_run);
        for (const char *name : {"runsLanes", "runsErrorKinds"}) {
            auto *view = m_page->findChild<QTableView *>(QString::fromLatin1(name));
            QVERIFY(view);
            QVERIFY(view->model()->rowCount() > 0 || QLatin1String(name) == QLatin1String("runsErrorKinds"));
            QVERIFY2(view->horizontalHeader()->length() <= view->viewport()->width(),
                     qPrintable(QStringLiteral("%1: columns %2 px in %3 px")
                                    .arg(QLatin1String(name))
                                    .arg(view->horizontalHeader()->length())
                                    .arg(view->viewport()->width())));
            QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
        }
    }

    // A run without counters (made by another process, never driven in this window) shows "—" on the
    // progress bar, not "0 / 1", and so does it again after another run was selected.
    void barWithoutCountersShowsDash()
    {
        const rse::RseConfig cfg = test::rseConfig("ref", {"t1"}, {"d"});
        std::string error;
        const int64_t fresh = rse::RseJob::createRun(m_ctx->store(), cfg, "never-driven", &error);
        QVERIFY2(fresh > 0, error.c_str());
        QVERIFY(reloaded());
        m_page->selectRun(m_run);
        QVERIFY(m_page->barText() != QStringLiteral("—")); // the driven run has counters
        m_page->selectRun(fresh);
        QCOMPARE(m_page->selectedRun(), qint64(fresh));
        QCOMPARE(m_page->barText(), QStringLiteral("—"));
    }

    // An incomplete run says how to re-send its failures, and RSE offers Retry failed.
    void incompleteSummarySaysHowToRetry()
    {
        RunInfo run = *m_ctx->store().run(m_run);
        run.status = RunStatus::Incomplete;
        const QString text = monitor::summaryText(run, JobResult{RunStatus::Incomplete, {}, "2 items failed"}, std::nullopt);
        QVERIFY2(text.contains(QStringLiteral("2 items failed")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Retry failed")) && text.contains(QStringLiteral("--retry-failed")), qPrintable(text));
        QVERIFY(m_page->retryButton()->isEnabled());
    }

    // A run another process drives shows who, cannot be started here, and a start that races the
    // other driver shows the "busy" result inline.
    void leasedRunIsNotStartedTwice()
    {
        std::string refusal;
        QVERIFY2(m_ctx->store().acquireRunLease(m_run, "another-driver", &refusal) == Store::Lease::Taken, refusal.c_str());
        QVERIFY(reloaded());
        m_page->selectRun(m_run);
        const QString driver = cell(m_page->runs(), m_page->runs()->rowOfRun(m_run), RunsModel::Driver);
        QVERIFY2(driver.startsWith(QStringLiteral("pid ")), qPrintable(driver));
        QVERIFY(!m_page->resumeButton()->isEnabled());
        QVERIFY(!m_page->retryButton()->isEnabled());
        QVERIFY(m_page->resumeButton()->toolTip().contains(driver));
        QVERIFY2(m_page->monitorText().contains(QStringLiteral("running in another process")), qPrintable(m_page->monitorText()));
        QSignalSpy finished(m_ctx.get(), &AppContext::jobFinished);
        QString error;
        QVERIFY(m_ctx->startRun(m_run, false, &error));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
        QCOMPARE(int(finished.last().at(1).value<JobResult>().status), int(RunStatus::Busy));
        const QString message = m_page->message()->text();
        QVERIFY2(message.contains(QStringLiteral("was not started")) && message.contains(QStringLiteral("being driven by")),
                 qPrintable(message));
        QCOMPARE(m_page->message()->kind(), InlineMessage::Error);
        // The refused start keeps the last real session's summary.
        QCOMPARE(int(m_ctx->lastResult(m_run)->status), int(RunStatus::Complete));
        m_ctx->store().releaseRunLease(m_run, "another-driver");
        QVERIFY(reloaded());
        // Free again: the other driver is gone from the tooltip; Resume stays off only because the
        // run is complete (resumeFollowsTheStatus covers the statuses).
        QVERIFY(!m_page->resumeButton()->toolTip().contains(driver));
        QCOMPARE(m_page->resumeButton()->isEnabled(), m_ctx->store().run(m_run)->status != RunStatus::Complete);
    }

    // Lanes without a planned total (ICE helper / judge lanes) show "—", not "Total 0, % 0".
    void lanesWithoutTotal()
    {
        LanesModel lanes;
        JobProgress p;
        p.lanes["target"] = LaneProgress{120, 0, 2, 130};
        p.lanes["judge"] = LaneProgress{60, 100, 0, 0};
        lanes.setProgress(p);
        QCOMPARE(lanes.rowCount(), 2);
        const int t = cell(&lanes, 0, LanesModel::Model) == QLatin1String("target") ? 0 : 1;
        QCOMPARE(cell(&lanes, t, LanesModel::Done), QStringLiteral("120"));
        QCOMPARE(cell(&lanes, t, LanesModel::Total), QStringLiteral("—"));
        QCOMPARE(cell(&lanes, t, LanesModel::Percent), QStringLiteral("—"));
        QCOMPARE(cell(&lanes, t, LanesModel::Cached), QStringLiteral("120"));
        QCOMPARE(cell(&lanes, 1 - t, LanesModel::Percent), QStringLiteral("60"));
    }

    // The monitor's numbers from raw counters: what a resumed session reports.
    void monitorNumbers()
    {
        JobProgress p;
        p.total = 1000;
        p.done = 40;
        p.cached = 55; // more cache hits counted than items done (ICE counts requests)
        p.elapsedS = 10;
        QCOMPARE(monitor::freshRequests(p), int64_t(0));
        QCOMPARE(monitor::throughput(p), 0.0);
        QCOMPARE(monitor::etaSeconds(p), -1.0); // unknown, never 0 with 960 left
        QVERIFY(monitor::liveText(p, {}).contains(QStringLiteral("ETA —")));
        QVERIFY(monitor::liveText(p, {}).contains(QStringLiteral("40 cached")));
        p.lanes["a"] = LaneProgress{40, 500, 0, 20};
        QCOMPARE(monitor::freshRequests(p), int64_t(20));
        QCOMPARE(monitor::etaSeconds(p), 10.0 / 20 * 960);
        p.done = 999;
        p.lanes["a"] = LaneProgress{999, 1000, 0, 0};
        p.elapsedS = 1;
        QCOMPARE(monitor::etaSeconds(p), 1.0); // a second at least while work is left
        p.done = 1000;
        QCOMPARE(monitor::etaSeconds(p), 0.0);
        p.cost = 0.5;
        p.tokensIn = 10;
        const QString text = monitor::liveText(p, {1.25, 100, 200});
        QVERIFY2(text.contains(QStringLiteral("Tokens 110 in / 200 out · cost $1.7500 (run total; $0.5000 this session)")),
                 qPrintable(text));
    }

    // A run finished by another driver (the CLI, another window) shows its stored sessions: how many,
    // how long it was driven, the last session's counts on the bar and lanes, and failed attempts by
    // kind summed over its sessions, never an empty table or a bar of "—".
    void runFinishedElsewhereShowsItsSessions()
    {
        const std::string path = m_ctx->store().path();
        std::string error;
        int64_t other = 0;
        {
            auto store = Store::open(path, &error); // what `distillscope-cli rse run` would open
            QVERIFY2(store, error.c_str());
            other = rse::RseJob::createRun(*store, test::rseConfig("ref", {"t1"}, {"d"}), "driven-elsewhere", &error);
            QVERIFY2(other > 0, error.c_str());
            LlmClient client;
            rse::RseJob job(*store, client, other);
            const JobResult r = job.runHere();
            QVERIFY2(r.ok(), r.message.c_str());
            // An earlier session that met rate limits and a server error before it was paused.
            JobProgress earlier;
            earlier.done = 10;
            earlier.total = 80;
            earlier.elapsedS = 65;
            earlier.retried = 4;
            earlier.errorKinds = {{"http-429", 4}, {"http-500", 1}};
            store->addRunSession({other, "2026-01-01T00:00:00.000Z", {}, RunStatus::Paused, "paused", countersToJson(earlier)});
            QVERIFY(store->flush().empty());
        }
        QVERIFY(reloaded());
        m_page->selectRun(other);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), 5000);
        const QString text = m_page->monitorText();
        QVERIFY2(text.contains(QStringLiteral("2 session(s)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Last session (paused)")), qPrintable(text)); // the newest record
        QVERIFY2(text.contains(QStringLiteral("http-429 ×4")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("No session recorded")), qPrintable(text));
        QCOMPARE(m_page->barText(), QStringLiteral("10 / 80"));
        std::map<QString, QString> kinds;
        for (int r = 0; r < m_page->errors()->rowCount(); ++r)
            kinds[cell(m_page->errors(), r, ErrorKindsModel::Kind)] = cell(m_page->errors(), r, ErrorKindsModel::Count);
        QCOMPARE(kinds[QStringLiteral("http-429")], QStringLiteral("4"));
        QCOMPARE(kinds[QStringLiteral("http-500")], QStringLiteral("1"));
        QCOMPARE(kinds[QStringLiteral("retried")], QStringLiteral("4"));
        m_page->selectRun(m_run);
    }

    // Without counters of this window the error kinds come from the run's events; with counters,
    // retries and unusable answers are listed too.
    void errorKindsFill()
    {
        for (const auto &[level, kind] : std::vector<std::pair<std::string, std::string>>{
                 {"warning", "http-429"}, {"warning", "http-429"}, {"error", "transport"}, {"warning", "judge-parse"}, {"info", "note"}})
            m_ctx->store().addEvent({m_run, level, kind, "test event", {}});
        m_ctx->store().flush();
        const auto rows = monitor::errorRows(m_ctx->store().events(m_run));
        std::map<QString, qint64> kinds;
        for (const auto &r : rows)
            kinds[r.kind] = r.count;
        QCOMPARE(kinds[QStringLiteral("http-429")], qint64(2));
        QCOMPARE(kinds[QStringLiteral("transport")], qint64(1));
        QCOMPARE(kinds[QStringLiteral("judge-parse")], qint64(1));
        QVERIFY(!kinds.count(QStringLiteral("note")));
        ErrorKindsModel model;
        JobProgress p;
        p.retried = 3;
        p.unusable = 2;
        p.errorKinds["http-500"] = 1;
        model.setProgress(p);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(cell(&model, 1, ErrorKindsModel::Kind), QStringLiteral("retried"));
        QCOMPARE(cell(&model, 1, ErrorKindsModel::Count), QStringLiteral("3"));
    }

    // Result views show "—" for cells without scores (n = 0) and undefined intervals, never "nan".
    void missingIsADashNotNan()
    {
        rse::RseResults res;
        res.runId = 1;
        rse::RseCell empty;
        empty.model = "t1";
        empty.dataset = "d";
        empty.n = 0;
        empty.mean = NAN;
        empty.ci95 = {NAN, NAN};
        empty.style = empty.logic = empty.content = NAN;
        empty.swapGap = NAN;
        rse::RseCell one = empty;
        one.n = 1;
        one.mean = one.style = one.logic = one.content = 4;
        res.cells = {empty, one};
        RseCellsModel cells;
        cells.setResults({res});
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < RseCellsModel::ColumnCount; ++c) {
                QVERIFY(!cell(&cells, r, c).contains(QStringLiteral("nan"), Qt::CaseInsensitive));
                QVERIFY(!cells.index(r, c).data(Qt::ToolTipRole).toString().contains(QStringLiteral("nan"), Qt::CaseInsensitive));
            }
        QCOMPARE(cell(&cells, 0, RseCellsModel::Mean), QStringLiteral("—"));
        QCOMPARE(cell(&cells, 1, RseCellsModel::Mean), QStringLiteral("4.000"));
        QCOMPARE(cell(&cells, 1, RseCellsModel::CiLow), QStringLiteral("—"));
        QCOMPARE(cell(&cells, 0, RseCellsModel::SwapGap), QString());
        IceBreakdownModel ice;
        IceRunBreakdownRow row;
        row.model = QStringLiteral("target");
        row.row.key = "team";
        row.row.loose.n = 0;
        row.row.loose.rate = NAN;
        row.row.loose.ci95 = {NAN, NAN};
        row.row.strict = row.row.loose;
        row.row.hard.n = 0; // no responses: a rate of 0.000 would be made up
        ice.setRows({row});
        for (int c = IceBreakdownModel::Loose; c <= IceBreakdownModel::HardCi; ++c)
            QCOMPARE(cell(&ice, 0, c), QStringLiteral("—"));
    }
};

QTEST_MAIN(TestUiRuns)
#include "tst_ui_runs.moc"
