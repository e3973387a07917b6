// Batch APIs end to end: RSE and ICE runs whose models have `batch` on go through the simulator's OpenAI
// (files + batches) and Anthropic (message batches) endpoints over real HTTP on 127.0.0.1, into real
// SQLite files. Checks stored answers and batch prices, resume without a second submission, failed /
// expired batches and per-line errors.
#include "LoopbackSim.h"
#include "RunFixtures.h"

#include "ice/IceRun.h"
#include "ice/IceStore.h"
#include "jobs/Job.h"
#include "net/BatchApi.h"
#include "net/LlmClient.h"
#include "net/PromptMessages.h"
#include "rse/RseJob.h"
#include "sim/SimServer.h"
#include "store/BatchLedger.h"
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
    ModelConfig m = test::pricedModel(name, url, 400, kPriceIn, kPriceOut);
    m.provider = provider;
    m.timeoutS = 10;
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
        store.createDataset(
            info, test::promptItems(prompts, [](int i) { return "Explain topic " + std::to_string(i) + " to a beginner."; }), &error);
        return test::createRse(store, "p", {"t1"}, 0, false, "batch run");
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
        QCOMPARE(first->status, AnswerStatus::Ok);
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

    /// ICE goes through the same engine: a batch-enabled target answers every iteration's questions
    /// through the batch API; a resume pays nothing.
    void iceOverBatch_data() { completes_data(); }

    void iceOverBatch()
    {
        QFETCH(QString, provider);
        const std::string json = R"({"seed": 5, "models": [
          {"name": "target", "creator": "DeepSeek", "vendor": "deepseek", "model_family": "DeepSeek", "identity_leak_rate": 0.3},
          {"name": "helper", "role": "helper"}], "batch": {"duration_ms": 300}})";
        auto sim = test::startLoopbackSim(json);
        QVERIFY(sim);
        const std::string url = sim->url;
        auto store = open();
        std::string error;
        ModelConfig target = model("target", provider.toStdString(), url, true), helper = model("helper", "openai", url, false);
        QVERIFY(store->saveModel(target, &error));
        QVERIFY(store->saveModel(helper, &error));
        ice::IceRunConfig cfg;
        cfg.target = "target";
        cfg.vendor = "deepseek";
        cfg.helper = "helper";
        cfg.iterations = 2;
        int64_t run = 0;
        QVERIFY2(ice::createIceRun(*store, cfg, &run, &error), error.c_str());
        LlmClient client;
        ice::IceRunJob job(*store, client, run);
        const JobResult r = job.runHere();
        QVERIFY2(r.status == RunStatus::Complete, r.message.c_str());
        const auto items = IceStore(*store).items(run);
        QVERIFY(!items.empty());
        for (const auto &it : items)
            QCOMPARE(it.status, AnswerStatus::Ok);
        const int64_t batches = sim->stat("batches_created");
        QVERIFY(batches >= 1);
        QCOMPARE(count(*store, "SELECT COUNT(*) FROM batches WHERE state='read'"), batches);
        ice::IceRunJob again(*store, client, run);
        QCOMPARE(again.runHere().status, RunStatus::Complete);
        QCOMPARE(sim->stat("batches_created"), batches);
    }

    /// A second run over the same answers joins the batches the first one left running.
    void anotherRunsBatchIsJoined()
    {
        auto sim = startSim(2500);
        QVERIFY(sim);
        auto store = open();
        const int64_t first = setUp(*store, *sim, "openai", false, 5);
        LlmClient client;
        {
            rse::RseJob job(*store, client, first);
            QSignalSpy done(&job, &Job::finished);
            job.start();
            QTRY_COMPARE_WITH_TIMEOUT(count(*store, "SELECT COUNT(*) FROM batches WHERE state='submitted'"), int64_t(2), 10000);
            job.cancel();
            QVERIFY(done.wait(10000));
        }
        const int64_t second = test::createRse(*store, "p", {"t1"}, 0, /*swap: another run over the same answers*/ true, "second");
        QVERIFY(second > 0);
        rse::RseJob job(*store, client, second);
        const JobResult r = job.runHere();
        QVERIFY2(r.status == RunStatus::Complete, r.message.c_str());
        QCOMPARE(sim->stat("batches_created"), int64_t(2)); // joined, not paid again
        QCOMPARE(int(answers(*store, "ref").size()), 5);
        QCOMPARE(int(answers(*store, "t1").size()), 5);
        bool joined = false;
        for (const auto &e : store->events(second))
            joined = joined || e.message.find("submitted by run " + std::to_string(first)) != std::string::npos;
        QVERIFY(joined);
    }

    /// What a process killed during submission leaves: the batch recorded as intended (tag, no id),
    /// and the provider holding it ("accepted") or not ("never sent"). `ambiguous` adds a second
    /// unrecorded Anthropic batch of the same size, which no listing can tell apart.
    void interruptedSubmission_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<bool>("ambiguous");
        QTest::newRow("openai accepted") << QStringLiteral("openai") << true << false;
        QTest::newRow("openai never sent") << QStringLiteral("openai") << false << false;
        QTest::newRow("anthropic accepted") << QStringLiteral("anthropic") << true << false;
        QTest::newRow("anthropic never sent") << QStringLiteral("anthropic") << false << false;
        QTest::newRow("anthropic ambiguous") << QStringLiteral("anthropic") << true << true;
    }

    void interruptedSubmission()
    {
        QFETCH(QString, provider);
        QFETCH(bool, accepted);
        QFETCH(bool, ambiguous);
        auto sim = startSim(300);
        QVERIFY(sim);
        auto store = open();
        const int64_t run = setUp(*store, *sim, provider.toStdString(), false, 5);
        // The ref's batch, as BatchRunner::create would send it, stopped before confirm().
        auto submitUnconfirmed = [&](const std::string &name) {
            const ModelConfig m = *store->model(name);
            std::vector<LlmRequest> reqs;
            std::vector<std::string> keys;
            for (const auto &p : store->prompts(store->dataset("p")->id)) {
                LlmRequest r;
                r.model = m;
                r.messages = promptMessages(p);
                r.key = requestKey(m, r.messages);
                keys.push_back(r.key);
                reqs.push_back(std::move(r));
            }
            std::string error;
            const std::string tag = "ds-test-" + name;
            QVERIFY2(BatchLedger(*store).intend(run, name, m.provider, tag, keys, &error) > 0, error.c_str());
            if (!accepted)
                return;
            std::vector<const LlmRequest *> ptrs;
            for (const auto &r : reqs)
                ptrs.push_back(&r);
            QVERIFY2(!batch::create(
                          m, ptrs, tag, [] { return true; }, error)
                          .empty(),
                     error.c_str());
        };
        submitUnconfirmed("ref");
        if (ambiguous)
            submitUnconfirmed("t1");
        const int64_t before = sim->stat("batches_created");
        QCOMPARE(before, int64_t(accepted ? (ambiguous ? 2 : 1) : 0));

        LlmClient client;
        rse::RseJob job(*store, client, run);
        const JobResult r = job.runHere();
        std::string events;
        for (const auto &e : store->events(run))
            events += e.message + "\n";
        if (ambiguous) {
            // Nobody can tell which batch is whose: nothing is sent again, and the user is told why.
            QVERIFY2(r.status == RunStatus::Incomplete, (std::to_string(int(r.status)) + " " + r.message + "\n" + events).c_str());
            QCOMPARE(sim->stat("batches_created"), before);
            QVERIFY2(events.find("cannot tell which is this run's") != std::string::npos, events.c_str());
            const auto a = answers(*store, "ref");
            QCOMPARE(int(a.size()), 5);
            QVERIFY2(a.front().error.find("held back") != std::string::npos, a.front().error.c_str());
            // The user's way out (`run resume --retry-failed --resubmit-unconfirmed`): submitted again.
            std::string error;
            QCOMPARE(BatchLedger(*store).abandonUnconfirmed(run, &error), 2);
            rse::RseJob again(*store, client, run, true);
            const JobResult r2 = again.runHere();
            QVERIFY2(r2.status == RunStatus::Complete, r2.message.c_str());
            QCOMPARE(sim->stat("batches_created"), before + 2);
            return;
        }
        QVERIFY2(r.status == RunStatus::Complete, r.message.c_str());
        // Accepted: the ref's batch is found and polled, only t1's is new. Never sent: both are new.
        QCOMPARE(sim->stat("batches_created"), int64_t(2));
        QVERIFY2(events.find(accepted ? "at the provider as" : "never reached the provider") != std::string::npos, events.c_str());
        QCOMPARE(int(answers(*store, "ref").size()), 5);
        for (const auto &a : answers(*store, "ref"))
            QCOMPARE(a.status, AnswerStatus::Ok);
        QCOMPARE(int(store->judgments(run).size()), 5);
        QCOMPARE(count(*store, "SELECT COUNT(*) FROM batches WHERE state='submitting'"), int64_t(0));
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
                if (a.status == AnswerStatus::Error) {
                    ++failed;
                    QVERIFY2(a.error.find("model " + std::string(name)) != std::string::npos, a.error.c_str());
                    QVERIFY2(a.error.find("prompt ") != std::string::npos, a.error.c_str());
                } else {
                    QCOMPARE(a.status, AnswerStatus::Ok);
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
