// A run's sessions as the store keeps them: each driver leaves one record with its final counters,
// retried attempts are counted by kind, and a run opened later (another window, `run show`) adds its
// sessions up. Real HTTP on 127.0.0.1 and real SQLite files.
#include "LoopbackSim.h"
#include "RunFixtures.h"
#include "ScriptedServer.h"

#include "jobs/Eta.h"
#include "jobs/SessionCounters.h"
#include "net/LlmClient.h"
#include "rse/RseJob.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <mutex>
#include <set>

using namespace ds;

namespace {

constexpr const char *kSimConfig = R"({"seed": 5, "models": [
 {"name": "ref", "creator": "Acme AI", "style": "structured", "latency_ms": 1},
 {"name": "judge", "creator": "Acme AI", "role": "judge", "latency_ms": 1}],
 "faults": {"rate_429": 0, "rate_500": 0, "rate_timeout": 0, "rate_malformed": 0}})";

/// A tested model whose every request fails once with HTTP 500 and succeeds when it is sent again.
class FlakyModel {
public:
    FlakyModel()
        : m_server([this](int, const std::string &request) {
              const std::string body = request.substr(request.find("\r\n\r\n") + 4);
              std::lock_guard lock(m_mutex);
              if (m_seen.insert(body).second)
                  return test::http(500, R"({"error":{"message":"The server had an error","type":"server_error"}})");
              const std::string text = "answer " + std::to_string(m_seen.size());
              return test::http(200, R"({"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",)"
                                     R"("content":")" +
                                         text + R"("},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2}})");
          })
    {
    }
    std::string url() const { return m_server.url(); }

private:
    std::mutex m_mutex;
    std::set<std::string> m_seen;
    test::ScriptedServer m_server; // last: its thread uses the members above
};

/// A tested model behind a router that answers every request with HTTP 200 and an error object of
/// status 502 in the body, as OpenRouter does when the upstream provider fails.
class RouterErrorModel {
public:
    RouterErrorModel()
        : m_server([](int, const std::string &) {
              return test::http(200, R"({"error":{"code":502,"message":"Upstream provider unavailable",)"
                                     R"("metadata":{"provider_name":"Example"}}})");
          })
    {
    }
    std::string url() const { return m_server.url(); }

private:
    test::ScriptedServer m_server;
};

JobResult drive(Store &store, int64_t run)
{
    LlmClient client(test::quickRetries());
    rse::RseJob job(store, client, run);
    return job.runHere();
}

} // namespace

class TstRunSessions : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    /// A store `file` in the test folder: ref and judge on the simulator at `simUrl`, the tested model
    /// t1 at `testedUrl`, `prompts` prompts and an RSE run of t1 against ref (its id in *run).
    std::unique_ptr<Store> storeWithRun(const QString &file, const std::string &simUrl, const std::string &testedUrl, int prompts,
                                        int64_t *run)
    {
        std::string error;
        auto store = Store::open(m_dir.filePath(file).toStdString(), &error);
        if (!store) {
            qWarning("%s", error.c_str());
            return store;
        }
        test::addModel(*store, "ref", simUrl);
        test::addModel(*store, "judge", simUrl);
        test::addModel(*store, "t1", testedUrl);
        test::addDataset(*store, "p", prompts);
        *run = test::createRse(*store, "p", {"t1"});
        return store;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Every answer needed a second attempt: the session says so by kind, and a resume adds a session
    // whose cached answers add no failed attempts.
    void retriedAttemptsAreKeptPerSession()
    {
        auto sim = test::startLoopbackSim(kSimConfig);
        QVERIFY(sim);
        FlakyModel flaky;
        int64_t run = 0;
        auto store = storeWithRun(QStringLiteral("retries.sqlite"), sim->url, flaky.url(), 6, &run);
        QVERIFY(store);
        QVERIFY(run > 0);
        QVERIFY(store->runSessions(run).empty()); // never driven: nothing recorded

        const JobResult first = drive(*store, run);
        QVERIFY2(first.ok(), first.message.c_str());
        QCOMPARE(first.counters.errorKinds.at("http-500"), int64_t(6));
        QCOMPARE(first.counters.retried, int64_t(6));

        auto sessions = store->runSessions(run);
        QCOMPARE(sessions.size(), size_t(1));
        QCOMPARE(sessions[0].status, RunStatus::Complete);
        QVERIFY(!sessions[0].startedAt.empty() && sessions[0].startedAt <= sessions[0].endedAt);
        const auto stored = countersFromJson(sessions[0].countersJson);
        QVERIFY(stored);
        QCOMPARE(stored->done, first.counters.done);
        QCOMPARE(stored->total, first.counters.total);
        QCOMPARE(stored->errorKinds, first.counters.errorKinds);

        const JobResult second = drive(*store, run);
        QVERIFY2(second.ok(), second.message.c_str());
        QVERIFY(second.counters.errorKinds.empty()); // everything came from the store
        const RunHistory h = runHistory(store->runSessions(run));
        QCOMPARE(h.sessions, 2);
        QCOMPARE(h.errorKinds.at("http-500"), int64_t(6));
        QCOMPARE(h.retried, int64_t(6));
        QVERIFY(h.last);
        QCOMPARE(h.last->cached, h.last->done);
        QCOMPARE(h.lastStatus, RunStatus::Complete);
        QVERIFY(h.elapsedS >= stored->elapsedS);
        QCOMPARE(QString::fromStdString(errorKindsText(h.errorKinds)), QStringLiteral("http-500 ×6"));
    }

    void countersRoundTrip()
    {
        JobProgress p;
        p.done = 10;
        p.total = 12;
        p.failed = 2;
        p.cached = 3;
        p.retried = 4;
        p.flagged = 1;
        p.unusable = 1;
        p.tokensIn = 100;
        p.tokensOut = 50;
        p.cost = 0.25;
        p.elapsedS = 7.5;
        p.errorKinds = {{"http-429", 5}, {"transport", 1}};
        p.lanes["t1"] = {6, 8, 1, 2};
        p.lastError = "t1 / prompt 3: HTTP 500";
        const auto back = countersFromJson(countersToJson(p));
        QVERIFY(back);
        QCOMPARE(back->done, p.done);
        QCOMPARE(back->total, p.total);
        QCOMPARE(back->failed, p.failed);
        QCOMPARE(back->cached, p.cached);
        QCOMPARE(back->retried, p.retried);
        QCOMPARE(back->flagged, p.flagged);
        QCOMPARE(back->unusable, p.unusable);
        QCOMPARE(back->tokensIn, p.tokensIn);
        QCOMPARE(back->tokensOut, p.tokensOut);
        QCOMPARE(back->cost, p.cost);
        QCOMPARE(back->elapsedS, p.elapsedS);
        QCOMPARE(back->errorKinds, p.errorKinds);
        QCOMPARE(back->lanes.at("t1").total, int64_t(8));
        QCOMPARE(back->lastError, p.lastError);
    }

    void unreadableCountersAreUnknown_data()
    {
        QTest::addColumn<QString>("json");
        QTest::newRow("not json") << "{";
        QTest::newRow("not an object") << "[1,2]";
        QTest::newRow("no totals") << R"({"failed": 1})";
        QTest::newRow("wrong type") << R"({"done": "ten", "total": 12})";
        QTest::newRow("kinds of the wrong type") << R"({"done": 1, "total": 2, "error_kinds": [1]})";
    }

    // A damaged record is never read as zeros, and the newest session unknown means the run's
    // current counts are unknown, not the older session's.
    void unreadableCountersAreUnknown()
    {
        QFETCH(QString, json);
        QVERIFY(!countersFromJson(json.toStdString()));
        JobProgress older;
        older.done = 5;
        older.total = 5;
        older.elapsedS = 2;
        const RunHistory h = runHistory(
            {{1, "a", "b", RunStatus::Paused, "", countersToJson(older)}, {1, "c", "d", RunStatus::Complete, "", json.toStdString()}});
        QCOMPARE(h.sessions, 2);
        QCOMPARE(h.unreadableSessions, 1);
        QVERIFY(!h.last);
        QCOMPARE(h.elapsedS, 2.0);
        QCOMPARE(h.firstStartedAt, std::string("a"));
        QCOMPARE(h.lastEndedAt, std::string("d"));
    }

    void failureKindsName()
    {
        QCOMPARE(QString::fromStdString(failureKind(0)), QStringLiteral("transport"));
        QCOMPARE(QString::fromStdString(failureKind(429)), QStringLiteral("http-429"));
        QCOMPARE(QString::fromStdString(failureKind(503)), QStringLiteral("http-503"));
        QCOMPARE(QString::fromStdString(failureKind(200)), QStringLiteral("unreadable-reply")); // never "http-200"
    }

    void timestampsSortLikeSqlite()
    {
        using namespace std::chrono;
        const auto t = system_clock::time_point(milliseconds(1764637323456)); // 2025-12-02T01:02:03.456Z
        QCOMPARE(QString::fromStdString(utcTimestamp(t)), QStringLiteral("2025-12-02T01:02:03.456Z"));
    }

    // A 200 carrying an error of status 502: the retried attempt and the final failure are both
    // counted as http-502, never the final one as an unreadable reply.
    void anErrorInsideA200CountsUnderItsOwnStatus()
    {
        auto sim = test::startLoopbackSim(kSimConfig);
        QVERIFY(sim);
        RouterErrorModel router;
        int64_t run = 0;
        auto store = storeWithRun(QStringLiteral("router.sqlite"), sim->url, router.url(), 4, &run);
        QVERIFY(store);
        QVERIFY(run > 0);
        const JobResult r = drive(*store, run);
        QVERIFY(!r.ok());
        QCOMPARE(r.counters.errorKinds, (std::map<std::string, int64_t>{{"http-502", 8}})); // 4 prompts x 2 attempts
        QCOMPARE(r.counters.retried, int64_t(4));
    }

    // The time-left rule both jobs use (jobs/Eta.h): 0 only when nothing is left or in flight.
    void timeLeft_data()
    {
        QTest::addColumn<qint64>("done");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<qint64>("pending");
        QTest::addColumn<qint64>("fresh");
        QTest::addColumn<double>("elapsed");
        QTest::addColumn<double>("eta");
        QTest::newRow("finished") << qint64(10) << qint64(10) << qint64(0) << qint64(10) << 5.0 << 0.0;
        QTest::newRow("all stored, requests still out") << qint64(10) << qint64(10) << qint64(2) << qint64(10) << 5.0 << -1.0;
        QTest::newRow("nothing fresh yet (resumed from cache)") << qint64(6) << qint64(10) << qint64(4) << qint64(0) << 5.0 << -1.0;
        QTest::newRow("half done in 5 s") << qint64(5) << qint64(10) << qint64(1) << qint64(5) << 5.0 << 5.0;
        QTest::newRow("cached items cost no time") << qint64(8) << qint64(10) << qint64(1) << qint64(2) << 4.0 << 4.0;
        QTest::newRow("sub-second is at least 1 s") << qint64(99) << qint64(100) << qint64(1) << qint64(99) << 0.5 << 1.0;
    }
    void timeLeft()
    {
        QFETCH(qint64, done);
        QFETCH(qint64, total);
        QFETCH(qint64, pending);
        QFETCH(qint64, fresh);
        QFETCH(double, elapsed);
        QFETCH(double, eta);
        JobProgress p;
        p.done = done;
        p.total = total;
        p.pending = pending;
        p.elapsedS = elapsed;
        QCOMPARE(estimateEtaS(p, fresh), eta);
    }
};

QTEST_GUILESS_MAIN(TstRunSessions)
#include "tst_run_sessions.moc"
