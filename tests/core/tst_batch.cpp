// Batch APIs end to end: RSE runs whose models have `batch` on go through the simulator's OpenAI
// (files + batches) and Anthropic (message batches) endpoints over real HTTP on 127.0.0.1, into real
// SQLite files. Checks stored answers and batch prices, resume without a second submission, failed /
// expired batches and per-line errors.
#include "LoopbackSim.h"

#include "jobs/Job.h"
#include "net/LlmClient.h"
#include "net/PromptMessages.h"
#include "rse/RseJob.h"
#include "sim/SimServer.h"
#include "store/Sql.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

#include <future>

using namespace ds;

namespace {

constexpr double kPriceIn = 1.0, kPriceOut = 2.0;

using Sim = test::LoopbackSim;

std::unique_ptr<Sim> startSim(int durationMs, const std::string &outcome = "completed", double lineErrors = 0)
{
    const std::string json = R"({"seed": 11, "models": [
 {"name": "ref", "creator": "Acme AI", "style": "structured"},
 {"name": "t1", "creator": "Beta Labs", "style": "casual", "student_of": "ref", "copy_rate": 0.7},
 {"name": "judge", "creator": "Acme AI", "role": "judge"}],
 "judge_sloppy_rate": 0,
 "batch": {"duration_ms": )" +
                             std::to_string(durationMs) + R"(, "outcome": ")" + outcome + R"(", "line_error_rate": )" +
                             std::to_string(lineErrors) + "}}";
    return test::startLoopbackSim(json);
}

ModelConfig model(const std::string &name, const std::string &provider, const std::string &url, bool batch)
{
    ModelConfig m;
    m.name = name;
    m.provider = provider;
    m.baseUrl = url;
    m.modelId = name;
    m.timeoutS = 10;
    m.maxTokens = 400;
    m.priceInPerMTok = kPriceIn;
    m.priceOutPerMTok = kPriceOut;
    m.options.batch = batch;
    m.options.batchDiscount = 0.5;
    return m;
}

int64_t count(Store &store, const std::string &sql)
{
    int64_t n = -1;
    std::string error;
    store.execSync(
        [&](sql::Db &db) {
            auto s = db.prepare(sql);
            if (s.step())
                n = s.i64(0);
        },
        &error);
    return n;
}

} // namespace

class TestBatch : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_serial = 0;

    std::unique_ptr<Store> open()
    {
        std::string error;
        auto s = Store::open((m_dir.path() + QLatin1Char('/')).toStdString() + "b" + std::to_string(++m_serial) + ".sqlite", &error);
        if (!s)
            qWarning("%s", error.c_str());
        return s;
    }

    /// ref, t1 and judge on the simulator; the answering models (and the judge, if `judgeBatch`) batch on.
    int64_t setUp(Store &store, const Sim &sim, const std::string &provider, bool judgeBatch, int prompts)
    {
        std::string error;
        for (const char *name : {"ref", "t1", "judge"}) {
            const bool batch = std::string(name) != "judge" || judgeBatch;
            ModelConfig m = model(name, provider, sim.url, batch);
            if (!store.saveModel(m, &error))
                qWarning("%s", error.c_str());
        }
        DatasetInfo info;
        info.name = "p";
        std::vector<PromptItem> items;
        for (int i = 0; i < prompts; ++i) {
            PromptItem p;
            p.idx = i;
            p.text = "Explain topic " + std::to_string(i) + " to a beginner.";
            items.push_back(p);
        }
        store.createDataset(info, items, &error);
        rse::RseConfig cfg;
        cfg.reference = "ref";
        cfg.tests = {"t1"};
        cfg.datasets = {"p"};
        cfg.judge = "judge";
        return rse::RseJob::createRun(store, cfg, "batch run", &error);
    }

    static std::vector<ResponseRecord> answers(Store &store, const std::string &name)
    {
        std::vector<ResponseRecord> out;
        const auto m = store.model(name);
        for (const auto &p : store.prompts(store.dataset("p")->id))
            if (auto r = store.responseByKey(requestKey(*m, promptMessages(p))))
                out.push_back(*r);
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("DISTILLSCOPE_BATCH_POLL_S", "0.2"); // the simulator's batches take a second, not hours
    }

    void completes_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::newRow("openai") << QStringLiteral("openai");
        QTest::newRow("anthropic") << QStringLiteral("anthropic");
    }

    void completes()
    {
        QFETCH(QString, provider);
        auto sim = startSim(400);
        QVERIFY(sim);
        auto store = open();
        const int64_t run = setUp(*store, *sim, provider.toStdString(), true, 6);
        QVERIFY(run > 0);
        LlmClient client;
        rse::RseJob job(*store, client, run);
        const JobResult r = job.runHere();
        QVERIFY2(r.status == RunStatus::Complete, r.message.c_str());
        QCOMPARE(r.counters.done, r.counters.total);
        QCOMPARE(int(store->judgments(run).size()), 6);
        QVERIFY(sim->stat("batches_created") >= 3); // ref, t1, then the judge once answers are in

        // Stored like a live answer, at half the live price: the same request sent live agrees.
        const auto stored = answers(*store, "ref");
        QCOMPARE(int(stored.size()), 6);
        ModelConfig live = *store->model("ref");
        live.options.batch = false;
        const auto p0 = store->prompts(store->dataset("p")->id).front();
        LlmRequest req;
        req.model = live;
        req.messages = promptMessages(p0);
        req.key = requestKey(live, req.messages);
        std::promise<ResponseRecord> got;
        client.submit(req, [&](const ResponseRecord &rec, Outcome) { got.set_value(rec); });
        const ResponseRecord liveRec = got.get_future().get();
        const auto first = store->responseByKey(req.key);
        QVERIFY(first);
        QCOMPARE(first->status, std::string("ok"));
        QCOMPARE(first->text, liveRec.text);
        QCOMPARE(first->finishReason, liveRec.finishReason);
        QVERIFY(first->tokensIn && first->tokensOut);
        const double livePrice = (double(*first->tokensIn) * kPriceIn + double(*first->tokensOut) * kPriceOut) / 1e6;
        QVERIFY(livePrice > 0);
        QVERIFY(std::abs(first->cost - livePrice * 0.5) < 1e-12);
        QVERIFY(std::abs(liveRec.cost - livePrice) < 1e-12);
        QVERIFY(first->requestJson.find("\"messages\"") != std::string::npos);
        QCOMPARE(count(*store, "SELECT COUNT(*) FROM batches WHERE state='read'"), count(*store, "SELECT COUNT(*) FROM batches"));
    }

    void resumePollsTheSameBatch_data() { completes_data(); }

    void resumePollsTheSameBatch()
    {
        QFETCH(QString, provider);
        auto sim = startSim(2500);
        QVERIFY(sim);
        auto store = open();
        const int64_t run = setUp(*store, *sim, provider.toStdString(), false, 5);
        LlmClient client;
        {
            rse::RseJob job(*store, client, run);
            QSignalSpy done(&job, &Job::finished);
            QSignalSpy progress(&job, &Job::progress);
            job.start();
            // Cancelled once both answer batches are submitted and recorded.
            QTRY_COMPARE_WITH_TIMEOUT(count(*store, "SELECT COUNT(*) FROM batches"), int64_t(2), 10000);
            auto shown = [&] { // progress names the batches and their state
                for (const auto &args : progress)
                    if (args.first().value<JobProgress>().phase.find("in_progress") != std::string::npos)
                        return true;
                return false;
            };
            QTRY_VERIFY_WITH_TIMEOUT(shown(), 5000);
            job.cancel();
            QVERIFY(done.wait(10000));
            const auto r = done.first().first().value<JobResult>();
            QCOMPARE(r.status, RunStatus::Cancelled);
            QCOMPARE(int(answers(*store, "ref").size()), 0);
        }
        bool told = false;
        for (const auto &e : store->events(run))
            told = told || e.message.find("keeps running at the provider") != std::string::npos;
        QVERIFY(told);
        QCOMPARE(sim->stat("batches_created"), int64_t(2));
        rse::RseJob again(*store, client, run);
        const JobResult r = again.runHere();
        QVERIFY2(r.status == RunStatus::Complete, r.message.c_str());
        QCOMPARE(sim->stat("batches_created"), int64_t(2)); // polled, never submitted again
        QCOMPARE(int(answers(*store, "ref").size()), 5);
        QCOMPARE(int(answers(*store, "t1").size()), 5);
        QCOMPARE(int(store->judgments(run).size()), 5);
    }

    void failures_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<double>("lineErrors");
        QTest::addColumn<int>("failedAnswers"); ///< of 2 x 6 answers; -1 = some, not all
        QTest::newRow("openai expired") << QStringLiteral("openai") << QStringLiteral("expired") << 0.0 << 6;
        QTest::newRow("anthropic expired") << QStringLiteral("anthropic") << QStringLiteral("expired") << 0.0 << 6;
        QTest::newRow("openai failed") << QStringLiteral("openai") << QStringLiteral("failed") << 0.0 << 12;
        QTest::newRow("openai line errors") << QStringLiteral("openai") << QStringLiteral("completed") << 0.4 << -1;
        QTest::newRow("anthropic line errors") << QStringLiteral("anthropic") << QStringLiteral("completed") << 0.4 << -1;
    }

    void failures()
    {
        QFETCH(QString, provider);
        QFETCH(QString, outcome);
        QFETCH(double, lineErrors);
        QFETCH(int, failedAnswers);
        auto sim = startSim(300, outcome.toStdString(), lineErrors);
        QVERIFY(sim);
        auto store = open();
        const int64_t run = setUp(*store, *sim, provider.toStdString(), false, 6);
        LlmClient client;
        rse::RseJob job(*store, client, run);
        const JobResult r = job.runHere();
        QVERIFY2(r.status == RunStatus::Incomplete, r.message.c_str());
        int failed = 0, ok = 0;
        for (const char *name : {"ref", "t1"})
            for (const auto &a : answers(*store, name)) {
                if (a.status == "error") {
                    ++failed;
                    QVERIFY2(a.error.find("model " + std::string(name)) != std::string::npos, a.error.c_str());
                    QVERIFY2(a.error.find("prompt ") != std::string::npos, a.error.c_str());
                } else {
                    QCOMPARE(a.status, std::string("ok"));
                    ++ok;
                }
            }
        QCOMPARE(failed + ok, 12); // nothing lost: every request has a stored outcome
        if (failedAnswers >= 0)
            QCOMPARE(failed, failedAnswers);
        else
            QVERIFY(failed > 0 && failed < 12);
        QVERIFY(r.counters.failed >= failed);
        QCOMPARE(r.counters.done, r.counters.total);
    }
};

QTEST_GUILESS_MAIN(TestBatch)
#include "tst_batch.moc"
