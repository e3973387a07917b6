// What the front ends see of a run that goes wrong: every background job (RSE and ICE), started on its
// own thread as the GUI starts it, ends with exactly one finished() carrying the failure's status and
// a message that says what to do, the store agrees with it, the lease is free, and the progress it
// emitted never claims more than it planned. Real HTTP on 127.0.0.1, real SQLite files.
#include "FailingVfs.h"
#include "LoopbackSim.h"
#include "RunFixtures.h"
#include "ScriptedServer.h"

#include "ice/IceRun.h"
#include "jobs/Job.h"
#include "net/LlmClient.h"
#include "rse/RseJob.h"
#include "store/Sql.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;

namespace {

constexpr const char *kSimConfig = R"({"seed": 11, "models": [
 {"name": "ref", "creator": "Acme AI", "style": "structured", "latency_ms": 2},
 {"name": "t1", "creator": "Beta Labs", "style": "casual", "student_of": "ref", "copy_rate": 0.7, "latency_ms": 2},
 {"name": "judge", "creator": "Acme AI", "role": "judge", "latency_ms": 2},
 {"name": "helper", "role": "helper", "latency_ms": 2}],
 "faults": {"rate_429": 0, "rate_500": 0, "rate_timeout": 0, "rate_malformed": 0}})";

/// How the run is made to fail.
enum class Fault {
    Unauthorized, ///< the tested model answers 401: pause, the user must fix the key
    Unreachable,  ///< nothing listens where the tested model should be: the run ends with its failures
    DiskFull,     ///< the store's writes fail part-way: pause, never complete over lost results
    Cancelled,    ///< the user cancels right after the start
    LeaseHeld,    ///< another live driver holds the run: not started, the row untouched
    NoSuchRun,    ///< the run was deleted before the job started
};

/// A driver on another machine that beat a moment ago.
void holdLease(Store &store, int64_t runId)
{
    std::string error;
    const bool ok = store.execSync(
        [&](sql::Db &db) {
            db.prepare("UPDATE runs SET lease_owner='other', lease_pid=4242, lease_host='other-host', lease_since='2026-01-01T00:00:00Z', "
                       "lease_beat=CAST(strftime('%s','now') AS REAL) WHERE id=?1")
                .bind(1, runId)
                .run();
        },
        &error);
    QVERIFY2(ok, error.c_str());
}

using test::addModel;
using test::quickRetries;

} // namespace

Q_DECLARE_METATYPE(Fault)

class TstJobSignals : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_serial = 0;
    std::unique_ptr<test::LoopbackSim> m_sim;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::FailingVfs::install();
        m_sim = test::startLoopbackSim(kSimConfig);
        QVERIFY(m_sim);
    }

    void failureReachesTheFinishedSignal_data()
    {
        QTest::addColumn<QString>("job");
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<RunStatus>("status");
        QTest::addColumn<QString>("says"); // part of the message the user reads
        for (const char *job : {"rse", "ice"}) {
            const auto row = [&](const char *what) -> QTestData & {
                return QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(job), QLatin1String(what))));
            };
            row("unauthorized") << job << Fault::Unauthorized << RunStatus::Paused << "credentials";
            row("unreachable") << job << Fault::Unreachable << RunStatus::Incomplete << "fail";
            row("disk full") << job << Fault::DiskFull << RunStatus::Paused << "disk full";
            row("cancelled") << job << Fault::Cancelled << RunStatus::Cancelled << "cancelled by the user";
            row("lease held") << job << Fault::LeaseHeld << RunStatus::Busy << "pid";
            row("no such run") << job << Fault::NoSuchRun << RunStatus::Failed << "no run with id";
        }
    }

    void failureReachesTheFinishedSignal()
    {
        QFETCH(QString, job);
        QFETCH(Fault, fault);
        QFETCH(RunStatus, status);
        QFETCH(QString, says);
        const bool ice = job == QLatin1String("ice");
        const std::string file = "signals-" + std::to_string(++m_serial) + ".sqlite";
        std::string error;
        auto store = Store::open(m_dir.filePath(QString::fromStdString(file)).toStdString(), &error);
        QVERIFY2(store, error.c_str());

        test::ScriptedServer locked([](int, const std::string &) {
            return test::http(401, R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error",)"
                                   R"("code":"invalid_api_key"}})");
        });
        const std::string testedUrl = fault == Fault::Unauthorized  ? locked.url()
                                      : fault == Fault::Unreachable ? "http://127.0.0.1:9/v1"
                                                                    : m_sim->url;
        for (const char *m : {"ref", "judge", "helper"})
            addModel(*store, m, m_sim->url);
        addModel(*store, ice ? "target" : "t1", testedUrl);

        int64_t run = 0;
        if (ice) {
            ice::IceRunConfig cfg;
            cfg.target = "target";
            cfg.vendor = "deepseek";
            cfg.helper = "helper";
            cfg.iterations = 2;
            QVERIFY2(ice::createIceRun(*store, cfg, &run, &error), error.c_str());
        } else {
            test::addDataset(*store, "p", 24);
            run = test::createRse(*store, "p", {"t1"});
            QVERIFY(run > 0);
        }
        if (fault == Fault::LeaseHeld)
            holdLease(*store, run);
        const int64_t driven = fault == Fault::NoSuchRun ? run + 1000 : run;

        LlmClient client(quickRetries());
        std::unique_ptr<Job> j;
        if (ice)
            j = std::make_unique<ice::IceRunJob>(*store, client, driven);
        else
            j = std::make_unique<rse::RseJob>(*store, client, driven);
        QSignalSpy finished(j.get(), &Job::finished);
        QSignalSpy progress(j.get(), &Job::progress);
        if (fault == Fault::DiskFull)
            test::FailingVfs::arm(file, 8, SQLITE_FULL);
        j->start();
        if (fault == Fault::Cancelled)
            j->cancel();
        const bool ended = finished.wait(60000);
        test::FailingVfs::disarm();
        QVERIFY(ended);
        j->wait();
        QCOMPARE(finished.count(), 1);
        const auto r = finished.first().first().value<JobResult>();
        QVERIFY2(r.status == status,
                 qPrintable(QStringLiteral("%1 (%2)").arg(QLatin1String(runStatusName(r.status)), QString::fromStdString(r.message))));
        QVERIFY2(QString::fromStdString(r.message).contains(says), r.message.c_str());
        QVERIFY2(!r.message.empty(), "a run that did not complete says why");
        for (const auto &args : progress) {
            const auto p = args.first().value<JobProgress>();
            QVERIFY2(p.total <= 0 || p.done <= p.total, qPrintable(QStringLiteral("%1 of %2").arg(p.done).arg(p.total)));
        }

        if (fault == Fault::DiskFull) {
            // Nothing could be written, not even the end: the row still says running. The next start
            // of the store (disk fixed) finds the driver gone and shows the run paused.
            QCOMPARE(store->run(run)->status, RunStatus::Running);
            j.reset();
            store.reset();
            store = Store::open(m_dir.filePath(QString::fromStdString(file)).toStdString(), &error);
            QVERIFY2(store, error.c_str());
            QCOMPARE(store->run(run)->status, RunStatus::Paused);
            return;
        }
        const auto stored = store->run(run);
        QVERIFY(stored);
        if (fault == Fault::LeaseHeld) {
            QCOMPARE(stored->status, RunStatus::Created); // another driver's run is not ours to mark
            return;
        }
        if (fault == Fault::NoSuchRun)
            return;
        QCOMPARE(stored->status, r.status);
        QVERIFY(stored->leaseHolder.empty());
    }
};

QTEST_GUILESS_MAIN(TstJobSignals)
#include "tst_job_signals.moc"
