// Store: schema and migrations, group commit durability, upsert rules, runs and judgments.
#include "store/Sql.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace ds;

class TestStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return (m_dir.path() + QLatin1Char('/') + QLatin1String(name)).toStdString(); }

private slots:
    void createsSchemaAtCurrentVersion()
    {
        std::string err;
        auto s = Store::open(path("a.sqlite"), &err);
        QVERIFY2(s, err.c_str());
        auto q = s->reader().prepare("PRAGMA user_version");
        QVERIFY(q.step());
        QCOMPARE(int(q.i64(0)), Store::schemaVersion());
        auto j = s->reader().prepare("PRAGMA journal_mode");
        QVERIFY(j.step());
        QCOMPARE(QString::fromStdString(j.text(0)), QStringLiteral("wal"));
    }

    void reopenKeepsData()
    {
        std::string err;
        {
            auto s = Store::open(path("b.sqlite"), &err);
            ModelConfig m;
            m.name = "alpha";
            m.provider = "openai";
            m.baseUrl = "http://127.0.0.1:1/v1";
            m.apiKeyEnv = "ALPHA_KEY";
            QVERIFY(s->saveModel(m, &err));
            QVERIFY(m.id > 0);
        }
        auto s = Store::open(path("b.sqlite"), &err);
        QVERIFY(s);
        auto m = s->model("alpha");
        QVERIFY(m);
        QCOMPARE(QString::fromStdString(m->apiKeyEnv), QStringLiteral("ALPHA_KEY"));
    }

    void refusesNewerSchema()
    {
        const std::string p = path("future.sqlite");
        {
            std::string err;
            auto s = Store::open(p, &err);
            QVERIFY(s);
        }
        sqlite3 *h = nullptr;
        sqlite3_open(p.c_str(), &h);
        sqlite3_exec(h, "PRAGMA user_version=999", nullptr, nullptr, nullptr);
        sqlite3_close(h);
        std::string err;
        QVERIFY(!Store::open(p, &err));
        QVERIFY2(err.find("newer") != std::string::npos, err.c_str());
    }

    void refusesForeignDatabase()
    {
        const std::string p = path("other.sqlite");
        sqlite3 *h = nullptr;
        sqlite3_open(p.c_str(), &h);
        sqlite3_exec(h, "PRAGMA application_id=1234; CREATE TABLE t(x);", nullptr, nullptr, nullptr);
        sqlite3_close(h);
        std::string err;
        QVERIFY(!Store::open(p, &err));
        QVERIFY2(err.find("not a DistillScope database") != std::string::npos, err.c_str());
    }

    void datasetImportIsAllOrNothing()
    {
        std::string err;
        auto s = Store::open(path("c.sqlite"), &err);
        DatasetInfo d;
        d.name = "set";
        std::vector<PromptItem> items(3);
        for (int i = 0; i < 3; ++i) {
            items[size_t(i)].idx = i;
            items[size_t(i)].text = "prompt " + std::to_string(i);
        }
        QVERIFY(s->createDataset(d, items, &err));
        DatasetInfo again;
        again.name = "set";
        QVERIFY(!s->createDataset(again, items, &err));
        QVERIFY(err.find("already exists") != std::string::npos);
        // A duplicate idx violates UNIQUE: nothing of the second dataset may remain.
        DatasetInfo broken;
        broken.name = "broken";
        items[2].idx = 0;
        QVERIFY(!s->createDataset(broken, items, &err));
        QVERIFY(!s->dataset("broken"));
        QCOMPARE(s->prompts(s->dataset("set")->id).size(), size_t(3));
    }

    void errorNeverReplacesOk_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ok then error") << "ok" << "error" << "ok";
        QTest::newRow("error then ok") << "error" << "ok" << "ok";
        QTest::newRow("error then error") << "error" << "error" << "error";
    }

    void errorNeverReplacesOk()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, expected);
        std::string err;
        auto s = Store::open(path("d.sqlite"), &err);
        const std::string key = ("k-" + first + second).toStdString();
        ResponseRecord r;
        r.requestKey = key;
        r.model = "m";
        r.status = first.toStdString();
        r.text = "one";
        r.attempts = 1;
        s->putResponse(r);
        r.status = second.toStdString();
        r.text = "two";
        s->putResponse(r);
        s->flush();
        auto got = s->responseByKey(key);
        QVERIFY(got);
        QCOMPARE(QString::fromStdString(got->status), expected);
        QCOMPARE(got->attempts, expected == QLatin1String("ok") && first == QLatin1String("ok") ? 1 : 2);
    }

    void missingUsageIsNullNotZero()
    {
        std::string err;
        auto s = Store::open(path("e.sqlite"), &err);
        ResponseRecord r;
        r.requestKey = "nousage";
        r.model = "m";
        r.status = "ok";
        s->putResponse(r);
        s->flush();
        auto got = s->responseByKey("nousage");
        QVERIFY(got);
        QVERIFY(!got->tokensIn.has_value());
        QVERIFY(!got->tokensOut.has_value());
    }

    void concurrentWritersAllLand()
    {
        std::string err;
        auto s = Store::open(path("f.sqlite"), &err);
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 250; ++i) {
                    ResponseRecord r;
                    r.requestKey = "t" + std::to_string(t) + "-" + std::to_string(i);
                    r.model = "m";
                    r.status = "ok";
                    s->putResponse(r);
                }
            });
        for (auto &t : threads)
            t.join();
        s->flush();
        QCOMPARE(s->responseCount(), int64_t(2000));
    }

    void failingWriteDoesNotTakeOthersDown()
    {
        std::string err;
        auto s = Store::open(path("g.sqlite"), &err);
        std::string reported;
        s->post([](sql::Db &db) { db.exec("INSERT INTO nonexistent VALUES (1)"); },
                [&](const std::string &e) { reported = e; });
        ResponseRecord r;
        r.requestKey = "survivor";
        r.model = "m";
        r.status = "ok";
        s->putResponse(r);
        s->flush();
        QVERIFY(!reported.empty());
        QVERIFY(s->responseByKey("survivor"));
    }

    void runsByIdOrName()
    {
        std::string err;
        auto s = Store::open(path("h.sqlite"), &err);
        RunInfo a;
        a.name = "nightly";
        a.kind = "rse";
        QVERIFY(s->createRun(a, &err));
        RunInfo b = a;
        QVERIFY(s->createRun(b, &err));
        QCOMPARE(s->run(std::to_string(a.id))->id, a.id);
        QCOMPARE(s->run("nightly")->id, b.id); // newest with that name
        s->setRunStatus(a.id, "paused", "billing");
        s->flush();
        QCOMPARE(QString::fromStdString(s->run(a.id)->status), QStringLiteral("paused"));
        QVERIFY(!s->run("nope"));
    }

    void judgmentsUpsertPerOrder()
    {
        std::string err;
        auto s = Store::open(path("i.sqlite"), &err);
        RunInfo run;
        run.kind = "rse";
        QVERIFY(s->createRun(run, &err));
        Judgment j;
        j.runId = run.id;
        j.promptId = 7;
        j.dataset = "d";
        j.testModel = "t";
        j.refModel = "r";
        j.judgeModel = "j";
        j.parseStatus = "error";
        s->putJudgment(j);
        j.parseStatus = "ok";
        j.style = 4;
        j.overall = 4.0;
        s->putJudgment(j);
        j.order = "tr";
        s->putJudgment(j);
        s->flush();
        const auto all = s->judgments(run.id);
        QCOMPARE(all.size(), size_t(2));
        QCOMPARE(QString::fromStdString(all[0].parseStatus), QStringLiteral("ok"));
        QCOMPARE(*all[0].style, 4);
    }

    void backupProducesReadableCopy()
    {
        std::string err;
        auto s = Store::open(path("j.sqlite"), &err);
        ModelConfig m;
        m.name = "x";
        m.provider = "openai";
        QVERIFY(s->saveModel(m, &err));
        QVERIFY2(s->backupTo(path("j-backup.sqlite"), &err), err.c_str());
        auto copy = Store::open(path("j-backup.sqlite"), &err);
        QVERIFY(copy && copy->model("x"));
        // The store keeps working after the backup.
        ModelConfig n;
        n.name = "y";
        n.provider = "openai";
        QVERIFY(s->saveModel(n, &err));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
