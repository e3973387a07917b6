// Store: schema and migrations, group commit durability, upsert rules, runs and judgments.
#include "RunFixtures.h"

#include "store/ModuleSchema.h"
#include "store/Placeholders.h"
#include "store/Sql.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <span>
#include <thread>
#include <tuple>

using namespace ds;

class TestStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return (m_dir.path() + QLatin1Char('/') + QLatin1String(name)).toStdString(); }
    std::unique_ptr<Store> m_paged;
    int64_t m_pagedRun = 0;
    std::unique_ptr<Store> m_sorted;
    int64_t m_sortedRun = 0;

    /// A new store at `p`, created at the current schema and closed again; false if it could not be.
    static bool createStore(const std::string &p)
    {
        std::string err;
        return Store::open(p, &err) != nullptr;
    }
    /// Runs `sql` on the file at `p` through SQLite itself, past the Store: the files it must refuse or migrate.
    static int execRaw(const std::string &p, const char *sql)
    {
        sqlite3 *h = nullptr;
        sqlite3_open(p.c_str(), &h);
        const int rc = sqlite3_exec(h, sql, nullptr, nullptr, nullptr);
        sqlite3_close(h);
        return rc;
    }

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
        QVERIFY(createStore(p));
        execRaw(p, "PRAGMA user_version=999");
        std::string err;
        QVERIFY(!Store::open(p, &err));
        QVERIFY2(err.find("newer") != std::string::npos, err.c_str());
    }

    void judgmentStatusesMigrate()
    {
        // A database of schema 6 told a failed judge request from an unreadable reply by the rationale.
        const std::string p = path("v6.sqlite");
        QVERIFY(createStore(p));
        const char *sql =
            "INSERT INTO runs(id, kind) VALUES (1, 'rse');"
            "INSERT INTO judgments(run_id, prompt_id, dataset, test_model, ref_model, judge_model, ord, rationale, parse_status)"
            " VALUES (1, 1, 'd', 't', 'r', 'j', 'rt', 'judge request failed: HTTP 503', 'error'),"
            " (1, 2, 'd', 't', 'r', 'j', 'rt', 'unreadable judge reply: no JSON', 'error'),"
            " (1, 3, 'd', 't', 'r', 'j', 'rt', 'fine', 'repaired');"
            "DROP TABLE run_sessions;" // step 8's, which a schema-6 file does not have
            "PRAGMA user_version=6;";
        QCOMPARE(execRaw(p, sql), SQLITE_OK);
        std::string err;
        auto s = Store::open(p, &err);
        QVERIFY2(s, err.c_str());
        const auto all = s->judgments(1);
        QCOMPARE(int(all.size()), 3);
        QCOMPARE(all[0].status, JudgmentStatus::RequestFailed);
        QCOMPARE(all[1].status, JudgmentStatus::Unreadable);
        QCOMPARE(all[2].status, JudgmentStatus::Repaired);
        QVERIFY(s->runSessions(1).empty()); // step 8 made the table: no sessions before it existed
    }

    // Every status has one stored name, read back as itself; names the build does not know read as
    // the value that can never be mistaken for success.
    void statusNamesRoundTrip()
    {
        for (RunStatus st : {RunStatus::Created, RunStatus::Running, RunStatus::Complete, RunStatus::Incomplete, RunStatus::Paused,
                             RunStatus::Cancelled, RunStatus::Failed, RunStatus::Busy})
            QCOMPARE(runStatusFromName(runStatusName(st)), st);
        for (AnswerStatus st : {AnswerStatus::Ok, AnswerStatus::Error, AnswerStatus::Empty, AnswerStatus::Refusal, AnswerStatus::Filtered,
                                AnswerStatus::Truncated, AnswerStatus::Invalid})
            QCOMPARE(answerStatusFromName(answerStatusName(st)), st);
        for (JudgmentStatus st : {JudgmentStatus::Ok, JudgmentStatus::Repaired, JudgmentStatus::Unreadable, JudgmentStatus::RequestFailed})
            QCOMPARE(judgmentStatusFromName(judgmentStatusName(st)), st);
        QCOMPARE(runStatusFromName("done"), RunStatus::Failed);
        QCOMPARE(answerStatusFromName("refused"), AnswerStatus::Invalid);
        QCOMPARE(judgmentStatusFromName("error"), JudgmentStatus::Unreadable);
        QVERIFY(!isUnusableAnswer(AnswerStatus::Ok));
        QVERIFY(!isUnusableAnswer(AnswerStatus::Error)); // a failed request is retried, not kept as a non-answer
        QVERIFY(isUnusableAnswer(AnswerStatus::Truncated));
    }

    void refusesForeignDatabase()
    {
        const std::string p = path("other.sqlite");
        execRaw(p, "PRAGMA application_id=1234; CREATE TABLE t(x);");
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
        auto items = test::promptItems(3, [](int i) { return "prompt " + std::to_string(i); });
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
        QTest::newRow("ok then error") << "ok"
                                       << "error"
                                       << "ok";
        QTest::newRow("error then ok") << "error"
                                       << "ok"
                                       << "ok";
        QTest::newRow("error then error") << "error"
                                          << "error"
                                          << "error";
    }

    void errorNeverReplacesOk()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, expected);
        std::string err;
        auto s = Store::open(path("d.sqlite"), &err);
        const std::string key = "k-" + first.toStdString() + second.toStdString();
        ResponseRecord r;
        r.requestKey = key;
        r.model = "m";
        r.status = answerStatusFromName(first.toStdString());
        r.text = "one";
        r.attempts = 1;
        s->putResponse(r);
        r.status = answerStatusFromName(second.toStdString());
        r.text = "two";
        s->putResponse(r);
        s->flush();
        auto got = s->responseByKey(key);
        QVERIFY(got);
        QCOMPARE(QString::fromLatin1(answerStatusName(got->status)), expected);
        QCOMPARE(got->attempts, expected == QLatin1String("ok") && first == QLatin1String("ok") ? 1 : 2);
    }

    void missingUsageIsNullNotZero()
    {
        std::string err;
        auto s = Store::open(path("e.sqlite"), &err);
        ResponseRecord r;
        r.requestKey = "nousage";
        r.model = "m";
        r.status = AnswerStatus::Ok;
        s->putResponse(r);
        s->flush();
        auto got = s->responseByKey("nousage");
        QVERIFY(got);
        QVERIFY(!got->tokensIn.has_value());
        QVERIFY(!got->tokensOut.has_value());
    }

    // Every stored field of a model, a prompt and an answer comes back from each query that reads the
    // record (readers are tables of column -> field: a wrong order or a short SELECT shows here).
    void everyFieldReadsBack()
    {
        std::string err;
        auto s = Store::open(path("fields.sqlite"), &err);
        ModelConfig m;
        m.name = "full", m.provider = "anthropic", m.baseUrl = "http://127.0.0.1:9/v1", m.modelId = "claude-x", m.apiKeyEnv = "FULL_KEY";
        m.keychainKey = "model/full", m.concurrency = 3, m.rpm = 60, m.temperature = 0.25, m.maxTokens = 777, m.systemPrompt = "brief";
        m.priceInPerMTok = 1.5, m.priceOutPerMTok = 4.5, m.vendor = "anthropic", m.timeoutS = 42, m.options.thinkingBudget = 2048;
        QVERIFY2(s && s->saveModel(m, &err), err.c_str());
        const auto model = [](const ModelConfig &x) {
            return std::tie(x.id, x.name, x.provider, x.baseUrl, x.modelId, x.apiKeyEnv, x.keychainKey, x.concurrency, x.rpm, x.temperature,
                            x.maxTokens, x.systemPrompt, x.priceInPerMTok, x.priceOutPerMTok, x.vendor, x.timeoutS,
                            x.options.thinkingBudget);
        };
        QVERIFY(model(*s->model("full")) == model(m) && model(s->models().at(0)) == model(m));
        DatasetInfo d;
        d.name = "fields";
        std::vector<PromptItem> items(1);
        items[0].text = "q", items[0].extId = "ext-1", items[0].category = "cat", items[0].turnsJson = R"([{"role":"user"}])";
        QVERIFY2(s->createDataset(d, items, &err), err.c_str());
        const auto prompt = [](const PromptItem &x) { return std::tie(x.idx, x.extId, x.text, x.turnsJson, x.category); };
        const PromptItem stored = s->prompts(d.id).at(0);
        QVERIFY(prompt(stored) == prompt(items[0]) && prompt(*s->prompt(stored.id)) == prompt(items[0]));
        QCOMPARE(s->dataset("fields")->promptCount, int64_t(1));

        ResponseRecord r;
        r.requestKey = "k", r.model = "full", r.promptId = stored.id, r.kind = "answer", r.status = AnswerStatus::Ok,
        r.finishReason = "stop";
        r.text = "an answer", r.reasoning = "thought", r.tokensIn = 11, r.tokensOut = 22, r.tokensReasoning = 5, r.refusal = "none";
        r.latencyMs = 12.5, r.cost = 0.125, r.httpStatus = 200, r.attempts = 2, r.rawJson = "{}", r.requestJson = "{\"a\":1}", r.runId = 0;
        QVERIFY2(s->importResponses({r}, &err), err.c_str());
        const auto answer = [](const ResponseRecord &x) {
            return std::tie(x.requestKey, x.model, x.promptId, x.kind, x.status, x.finishReason, x.text, x.reasoning, x.tokensIn,
                            x.tokensOut, x.tokensReasoning, x.refusal, x.latencyMs, x.cost, x.httpStatus, x.attempts, x.error, x.rawJson,
                            x.requestJson, x.source, x.runId);
        };
        QVERIFY(answer(*s->responseByKey("k")) == answer(r));
        QVERIFY(answer(s->okResponses({"k"}).at("k")) == answer(r));
        QVERIFY(answer(s->answers("full", d.id).at(stored.id)) == answer(r));
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
                    r.status = AnswerStatus::Ok;
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
        s->post([](sql::Db &db) { db.exec("INSERT INTO nonexistent VALUES (1)"); }, [&](const std::string &e) { reported = e; });
        ResponseRecord r;
        r.requestKey = "survivor";
        r.model = "m";
        r.status = AnswerStatus::Ok;
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
        a.kind = RunKind::Rse;
        QVERIFY(s->createRun(a, &err));
        RunInfo b = a;
        QVERIFY(s->createRun(b, &err));
        QCOMPARE(s->run(std::to_string(a.id))->id, a.id);
        QCOMPARE(s->run("nightly")->id, b.id); // newest with that name
        s->setRunStatus(a.id, RunStatus::Paused, "billing");
        s->flush();
        QCOMPARE(s->run(a.id)->status, RunStatus::Paused);
        QVERIFY(!s->run("nope"));
    }

    void judgmentsUpsertPerOrder()
    {
        std::string err;
        auto s = Store::open(path("i.sqlite"), &err);
        RunInfo run;
        run.kind = RunKind::Rse;
        QVERIFY(s->createRun(run, &err));
        Judgment j;
        j.runId = run.id;
        j.promptId = 7;
        j.dataset = "d";
        j.testModel = "t";
        j.refModel = "r";
        j.judgeModel = "j";
        j.status = JudgmentStatus::Unreadable;
        s->putJudgment(j);
        j.status = JudgmentStatus::Ok;
        j.style = 4;
        j.overall = 4.0;
        s->putJudgment(j);
        j.order = JudgeOrder::TestFirst;
        s->putJudgment(j);
        s->flush();
        const auto all = s->judgments(run.id);
        QCOMPARE(all.size(), size_t(2));
        QCOMPARE(all[0].status, JudgmentStatus::Ok);
        QCOMPARE(*all[0].style, 4);
    }

    // A store shared by the paging tests: 10 prompts, answers from a/b/c, two judges' scores.
    Store *pagedStore()
    {
        if (m_paged)
            return m_paged.get();
        std::string err;
        m_paged = Store::open(path("paged.sqlite"), &err);
        DatasetInfo d;
        d.name = "set";
        std::vector<PromptItem> items(10);
        for (int i = 0; i < 10; ++i) {
            items[size_t(i)].idx = i;
            // Lengths grow with i; prompt 3 holds LIKE wildcards that must be matched literally.
            items[size_t(i)].text = (i == 3 ? "50% off_sale " : i % 2 ? "Odd prompt " : "even prompt ") + std::string(size_t(i), 'x');
            items[size_t(i)].category = i < 5 ? "b" : "a";
        }
        items[4].turnsJson = R"([{"role":"user","content":"even prompt xxxx"}])";
        m_paged->createDataset(d, items, &err);
        const auto prompts = m_paged->prompts(d.id);
        RunInfo run;
        run.kind = RunKind::Rse;
        m_paged->createRun(run, &err);
        m_pagedRun = run.id;
        std::vector<ResponseRecord> rs;
        for (const auto &p : prompts)
            for (const char *model : {"a", "b", "c"}) {
                if (std::string(model) == "c" && p.idx >= 5)
                    continue; // c answered only the first half
                ResponseRecord r;
                r.requestKey = std::string(model) + std::to_string(p.idx);
                r.model = model;
                r.promptId = p.id;
                r.kind = "answer";
                r.source = "import";
                r.status = AnswerStatus::Ok;
                r.text = std::string(model) == "b" && p.idx == 7 ? "needle in b's answer" : "answer of " + std::string(model);
                rs.push_back(r);
                const auto judge = [&](const char *by, double overall) {
                    Judgment j;
                    j.runId = run.id;
                    j.promptId = p.id;
                    j.dataset = "set";
                    j.testModel = model;
                    j.refModel = "a";
                    j.judgeModel = by;
                    j.status = JudgmentStatus::Ok;
                    j.overall = overall;
                    m_paged->putJudgment(j);
                };
                if (std::string(model) == "b") {
                    judge("j1", 1.0 + p.idx % 5);                    // 1..5
                    judge("j2", p.idx == 2 ? 5.0 : 1.0 + p.idx % 5); // judges disagree only on prompt 2
                }
                if (std::string(model) == "c" && p.idx < 5)
                    judge("j1", 1.0); // c scores 1 wherever it answered
            }
        // A later API answer does not replace an import.
        ResponseRecord later;
        later.requestKey = "api-b0";
        later.model = "b";
        later.promptId = prompts[0].id;
        later.kind = "answer";
        later.status = AnswerStatus::Ok;
        later.text = "newer api answer";
        m_paged->importResponses(rs, &err);
        m_paged->putResponse(later);
        m_paged->flush();
        return m_paged.get();
    }

    void promptWindowPagesSortsAndSearches_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("count");
        QTest::addColumn<QList<int>>("idx");
        QTest::newRow("first page") << "" << 0 << false << 0 << 3 << 10 << QList<int>{0, 1, 2};
        QTest::newRow("last partial page") << "" << 0 << false << 8 << 3 << 10 << QList<int>{8, 9};
        QTest::newRow("past the end") << "" << 0 << false << 20 << 3 << 10 << QList<int>{};
        QTest::newRow("descending") << "" << 0 << true << 0 << 2 << 10 << QList<int>{9, 8};
        QTest::newRow("by length desc") << "" << 3 << true << 0 << 3 << 10 << QList<int>{9, 8, 7};
        QTest::newRow("by text") << "" << 4 << false << 0 << 3 << 10 << QList<int>{3, 0, 2};
        QTest::newRow("by category, ties by idx") << "" << 2 << false << 0 << 6 << 10 << QList<int>{5, 6, 7, 8, 9, 0};
        QTest::newRow("search case-insensitive") << "ODD" << 0 << false << 0 << 10 << 4 << QList<int>{1, 5, 7, 9};
        QTest::newRow("percent is literal") << "50%" << 0 << false << 0 << 10 << 1 << QList<int>{3};
        QTest::newRow("underscore is literal") << "f_s" << 0 << false << 0 << 10 << 1 << QList<int>{3};
        QTest::newRow("no match") << "zzz" << 0 << false << 0 << 10 << 0 << QList<int>{};
    }

    void promptWindowPagesSortsAndSearches()
    {
        QFETCH(QString, search);
        QFETCH(int, sort);
        QFETCH(bool, descending);
        QFETCH(int, offset);
        QFETCH(int, limit);
        QFETCH(int, count);
        QFETCH(QList<int>, idx);
        Store *s = pagedStore();
        PromptQuery q;
        q.datasetId = s->dataset("set")->id;
        q.search = search.toStdString();
        q.sort = PromptQuery::Sort(sort);
        q.descending = descending;
        QCOMPARE(s->countPrompts(q), int64_t(count));
        QList<int> got;
        for (const auto &p : s->promptWindow(q, offset, limit))
            got << p.idx;
        QCOMPARE(got, idx);
        const auto all = s->promptWindow(PromptQuery{q.datasetId, {}, PromptQuery::Sort::Index, false}, 4, 1);
        QVERIFY(all.front().multiTurn);
        QCOMPARE(all.front().length, int64_t(std::string("even prompt xxxx").size()));
    }

    void compareWindowFilters_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<bool>("all");
        QTest::addColumn<bool>("scores");
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("disagree");
        QTest::addColumn<int>("scoreModel"); // index into the models; -1 = any of them
        QTest::addColumn<int>("sortField");  // CompareSort::Field
        QTest::addColumn<int>("sortModel");
        QTest::addColumn<QList<int>>("idx");
        const int index = int(CompareSort::Field::Index), score = int(CompareSort::Field::ScoreOfModel);
        const QList<int> every{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        QTest::newRow("everything") << "" << false << false << 0.0 << 0.0 << 0.0 << -1 << index << 0 << every;
        QTest::newRow("answered by all") << "" << true << false << 0.0 << 0.0 << 0.0 << -1 << index << 0 << QList<int>{0, 1, 2, 3, 4};
        QTest::newRow("search in answers") << "needle" << false << false << 0.0 << 0.0 << 0.0 << -1 << index << 0 << QList<int>{7};
        QTest::newRow("search in prompts") << "odd" << true << false << 0.0 << 0.0 << 0.0 << -1 << index << 0 << QList<int>{1};
        QTest::newRow("score range") << "" << false << true << 4.0 << 5.0 << 0.0 << -1 << index << 0 << QList<int>{2, 3, 4, 8, 9};
        QTest::newRow("judges disagree") << "" << false << true << 0.0 << 0.0 << 1.0 << -1 << index << 0 << QList<int>{2};
        QTest::newRow("sort by score of b") << "" << false << true << 0.0 << 0.0 << 0.0 << -1 << score << 1
                                            << QList<int>{0, 5, 1, 6, 7, 2, 3, 8, 4, 9};
        QTest::newRow("sort by answered") << "" << false << false << 0.0 << 0.0 << 0.0 << -1 << int(CompareSort::Field::Answered) << 0
                                          << QList<int>{5, 6, 7, 8, 9, 0, 1, 2, 3, 4};
        // b scores 1 on prompts 0 and 5 and 2 on 1 and 6; c scores 1 on 0-4; a (the reference) none.
        QTest::newRow("score range, any model")
            << "" << false << true << 1.0 << 2.0 << 0.0 << -1 << index << 0 << QList<int>{0, 1, 2, 3, 4, 5, 6};
        QTest::newRow("score range of b") << "" << false << true << 1.0 << 2.0 << 0.0 << 1 << index << 0 << QList<int>{0, 1, 5, 6};
        QTest::newRow("score range of c") << "" << false << true << 1.0 << 2.0 << 0.0 << 2 << index << 0 << QList<int>{0, 1, 2, 3, 4};
        QTest::newRow("score range of the unscored a") << "" << false << true << 1.0 << 5.0 << 0.0 << 0 << index << 0 << QList<int>{};
        QTest::newRow("score model out of range") << "" << false << true << 1.0 << 5.0 << 0.0 << 3 << index << 0 << QList<int>{};
        QTest::newRow("score of b, judges disagree") << "" << false << true << 3.0 << 5.0 << 1.0 << 1 << index << 0 << QList<int>{2};
    }

    void compareWindowFilters()
    {
        QFETCH(QString, search);
        QFETCH(bool, all);
        QFETCH(bool, scores);
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(double, disagree);
        QFETCH(int, scoreModel);
        QFETCH(int, sortField);
        QFETCH(int, sortModel);
        QFETCH(QList<int>, idx);
        Store *s = pagedStore();
        CompareQuery q;
        q.datasetId = s->dataset("set")->id;
        q.models = {"a", "b", "c"};
        q.search = search.toStdString();
        q.answeredByAll = all;
        if (scores)
            q.scoreRunId = m_pagedRun;
        if (max > 0) {
            q.scoreMin = min;
            q.scoreMax = max;
        }
        if (disagree > 0)
            q.disagreement = disagree;
        if (scoreModel >= 0)
            q.scoreModel = std::size_t(scoreModel);
        q.sort.field = CompareSort::Field(sortField);
        q.sort.model = std::size_t(sortModel);
        QCOMPARE(s->countCompare(q), int64_t(idx.size()));
        // Two pages of 4 and the rest put together give the same rows as one query.
        QList<int> got;
        for (int offset = 0; offset < 12; offset += 4)
            for (const auto &c : s->compareWindow(q, offset, 4))
                got << c.idx;
        QCOMPARE(got, idx);
        const auto first = s->compareWindow(q, 0, 1);
        if (!first.empty() && scores) {
            QVERIFY(!first.front().score[0]); // a is the reference: no score
            QVERIFY(first.front().score[1]);
        }
    }

    void compareSortsByTypedKey_data()
    {
        QTest::addColumn<int>("field"); // CompareSort::Field
        QTest::addColumn<int>("model");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QList<int>>("idx");
        const int index = int(CompareSort::Field::Index), prompt = int(CompareSort::Field::Prompt);
        const int answered = int(CompareSort::Field::Answered), score = int(CompareSort::Field::ScoreOfModel);
        // m scores 3, 1, 3, 2 on prompts 0-3 and has no score on 4 and 5; n scores 2, 1 on 4 and 5 only.
        QTest::newRow("score of m, ascending, missing last") << score << 0 << false << QList<int>{1, 3, 0, 2, 4, 5};
        QTest::newRow("score of m, descending, missing last") << score << 0 << true << QList<int>{2, 0, 3, 1, 5, 4};
        QTest::newRow("score of n, ascending, missing last") << score << 1 << false << QList<int>{5, 4, 0, 1, 2, 3};
        QTest::newRow("score of n, descending, missing last") << score << 1 << true << QList<int>{4, 5, 3, 2, 1, 0};
        QTest::newRow("model out of range sorts by index") << score << 2 << false << QList<int>{0, 1, 2, 3, 4, 5};
        QTest::newRow("index, descending") << index << 0 << true << QList<int>{5, 4, 3, 2, 1, 0};
        QTest::newRow("prompt text ignores case") << prompt << 0 << false << QList<int>{1, 3, 2, 0, 4, 5};
        QTest::newRow("answered, ascending") << answered << 0 << false << QList<int>{2, 3, 0, 1, 4, 5};
        QTest::newRow("answered, descending") << answered << 0 << true << QList<int>{5, 4, 1, 0, 3, 2};
    }

    void compareSortsByTypedKey()
    {
        QFETCH(int, field);
        QFETCH(int, model);
        QFETCH(bool, descending);
        QFETCH(QList<int>, idx);
        std::string err;
        std::unique_ptr<Store> &s = m_sorted; // made by the first row
        int64_t &runId = m_sortedRun;
        if (!s) {
            s = Store::open(path("sorted.sqlite"), &err);
            QVERIFY2(s, err.c_str());
            DatasetInfo d;
            d.name = "sorted";
            std::vector<PromptItem> items;
            for (const char *text : {"delta", "Alpha", "charlie", "Bravo", "echo", "foxtrot"})
                items.push_back({0, int(items.size()), "", text, "", ""});
            QVERIFY2(s->createDataset(d, items, &err), err.c_str());
            RunInfo run;
            run.kind = RunKind::Rse;
            QVERIFY2(s->createRun(run, &err), err.c_str());
            runId = run.id;
            const auto prompts = s->prompts(d.id);
            std::vector<ResponseRecord> answers;
            auto score = [&](const char *m, int i, double overall) {
                Judgment j;
                j.runId = runId;
                j.promptId = prompts[size_t(i)].id;
                j.dataset = "sorted";
                j.testModel = m;
                j.refModel = "ref";
                j.judgeModel = "judge";
                j.status = JudgmentStatus::Ok;
                j.overall = overall;
                s->putJudgment(j);
            };
            for (const auto &p : prompts)
                for (const char *m : {"m", "n"}) {
                    if (std::string(m) == "n" && (p.idx == 2 || p.idx == 3))
                        continue; // n answered 0, 1, 4, 5
                    ResponseRecord r;
                    r.requestKey = m + std::to_string(p.idx);
                    r.model = m;
                    r.promptId = p.id;
                    r.kind = "answer";
                    r.status = AnswerStatus::Ok;
                    answers.push_back(r);
                }
            QVERIFY2(s->importResponses(answers, &err), err.c_str());
            score("m", 0, 3);
            score("m", 1, 1);
            score("m", 2, 3);
            score("m", 3, 2);
            score("n", 4, 2);
            score("n", 5, 1);
            QCOMPARE(QString::fromStdString(s->flush()), QString());
        }
        CompareQuery q;
        q.datasetId = s->dataset("sorted")->id;
        q.models = {"m", "n"};
        q.scoreRunId = runId;
        q.sort.field = CompareSort::Field(field);
        q.sort.model = std::size_t(model);
        q.sort.descending = descending;
        QList<int> got;
        bool missingSeen = false;
        for (int offset = 0; offset < 6; offset += 4) // two pages: the order holds across them
            for (const auto &c : s->compareWindow(q, offset, 4)) {
                got << c.idx;
                if (q.sort.field == CompareSort::Field::ScoreOfModel && q.sort.model < q.models.size()) {
                    const bool missing = !c.score[q.sort.model];
                    QVERIFY2(!(missingSeen && !missing), "a score after a missing one");
                    missingSeen = missingSeen || missing;
                }
            }
        QCOMPARE(got, idx);
    }

    void placeholdersNumberAndBindInLists_data()
    {
        QTest::addColumn<int>("first");
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<QString>("probe");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<bool>("found");
        QTest::newRow("none: IN () is false") << 2 << QStringList{} << "a"
                                              << "" << false;
        QTest::newRow("one") << 2 << QStringList{QStringLiteral("a")} << "a"
                             << "?2" << true;
        QTest::newRow("probe is last") << 2 << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")} << "c"
                                       << "?2,?3,?4" << true;
        QTest::newRow("probe absent") << 2 << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")} << "d"
                                      << "?2,?3,?4" << false;
        QTest::newRow("after fixed parameters") << 7 << QStringList{QStringLiteral("x"), QStringLiteral("y")} << "y"
                                                << "?7,?8" << true;
        QTest::newRow("values are bound, not spliced") << 2 << QStringList{QStringLiteral("') OR 1=1 --"), QStringLiteral("b")} << "z"
                                                       << "?2,?3" << false;
    }

    void placeholdersNumberAndBindInLists()
    {
        QFETCH(int, first);
        QFETCH(QStringList, values);
        QFETCH(QString, probe);
        QFETCH(QString, sql);
        QFETCH(bool, found);
        std::vector<std::string> v;
        for (const QString &value : values)
            v.push_back(value.toStdString());
        const sql::Placeholders in(first, v.size());
        QCOMPARE(QString::fromStdString(in.list()), sql);
        QCOMPARE(in.next(), first + int(v.size()));
        if (!v.empty())
            QCOMPARE(QString::fromStdString(in[v.size() - 1]), QStringLiteral("?%1").arg(first + int(v.size()) - 1));
        sqlite3 *h = nullptr;
        QCOMPARE(sqlite3_open(":memory:", &h), SQLITE_OK);
        {
            sql::Stmt s(h, "SELECT ?1 IN (" + in.list() + ")");
            s.bind(1, probe.toStdString());
            in.bind(s, std::span<const std::string>(v));
            QVERIFY(s.step());
            QCOMPARE(s.i64(0) != 0, found);
        }
        sqlite3_close(h);
    }

    void moduleSchemaMigratesPerModule_data()
    {
        QTest::addColumn<QStringList>("before"); // SQL run first: the state the database is in
        QTest::addColumn<QStringList>("steps");  // the module's steps
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("version"); // store_modules row afterwards (-1 = no row)
        QTest::addColumn<QStringList>("tables");
        const QStringList two{QStringLiteral("CREATE TABLE demo_a (x)"), QStringLiteral("CREATE TABLE demo_b (y)")};
        const QString modules = QStringLiteral("CREATE TABLE store_modules (name TEXT PRIMARY KEY, version INTEGER NOT NULL)");
        QTest::newRow("fresh database: every step")
            << QStringList{} << two << true << 2 << QStringList{QStringLiteral("demo_a"), QStringLiteral("demo_b")};
        QTest::newRow("legacy table, no version: it is v1") << QStringList{QStringLiteral("CREATE TABLE demo_a (x)")} << two << true << 2
                                                            << QStringList{QStringLiteral("demo_a"), QStringLiteral("demo_b")};
        QTest::newRow("legacy table at the newest: nothing written")
            << QStringList{QStringLiteral("CREATE TABLE demo_a (x)")} << QStringList{two[0]} << true << -1
            << QStringList{QStringLiteral("demo_a")};
        QTest::newRow("recorded v1: from step 2") << QStringList{modules, QStringLiteral("INSERT INTO store_modules VALUES('demo', 1)"),
                                                                 QStringLiteral("CREATE TABLE demo_a (x)")}
                                                  << two << true << 2 << QStringList{QStringLiteral("demo_a"), QStringLiteral("demo_b")};
        QTest::newRow("newer than known: refused")
            << QStringList{modules, QStringLiteral("INSERT INTO store_modules VALUES('demo', 3)")} << two << false << 3 << QStringList{};
        QTest::newRow("a failing step: nothing applied")
            << QStringList{} << QStringList{two[0], QStringLiteral("CREATE TABLE demo_b (y")} << false << -1 << QStringList{};
    }

    void moduleSchemaMigratesPerModule()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, steps);
        QFETCH(bool, ok);
        QFETCH(int, version);
        QFETCH(QStringList, tables);
        std::string err;
        static int row = 0;
        const std::string file = path(("module" + std::to_string(++row) + ".sqlite").c_str());
        auto s = Store::open(file, &err);
        QVERIFY2(s, err.c_str());
        QVERIFY2(s->execSync(
                     [&](sql::Db &db) {
                         for (const QString &q : before)
                             db.exec(q.toStdString());
                     },
                     &err),
                 err.c_str());
        std::vector<std::string> text;
        for (const QString &q : steps)
            text.push_back(q.toStdString());
        ModuleSchema m{"demo", {}, "demo_a"};
        for (const auto &t : text)
            m.steps.push_back(t.c_str());
        QCOMPARE(ensureModuleSchema(*s, m, &err), ok);
        if (!ok)
            QVERIFY2(err.find(file) == 0 && err.size() > file.size(), err.c_str());
        const int recorded = [&] {
            auto t = s->reader().prepare("SELECT 1 FROM sqlite_master WHERE name='store_modules'");
            if (!t.step())
                return -1;
            auto v = s->reader().prepare("SELECT version FROM store_modules WHERE name='demo'");
            return v.step() ? int(v.i64(0)) : -1;
        }();
        QCOMPARE(recorded, version);
        QStringList got;
        auto t = s->reader().prepare("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'demo%' ORDER BY name");
        while (t.step())
            got << QString::fromStdString(t.text(0));
        if (ok || version < 0)
            QCOMPARE(got, tables);
        // The core's own version does not move: other builds still open the file.
        auto uv = s->reader().prepare("PRAGMA user_version");
        QVERIFY(uv.step());
        QCOMPARE(int(uv.i64(0)), Store::schemaVersion());
        // A second call is a no-op (and still fails when the module is too new).
        QCOMPARE(ensureModuleSchema(*s, m, &err), ok);
    }

    void answersToPromptFollowTheAnswerRule()
    {
        Store *s = pagedStore();
        const auto prompts = s->prompts(s->dataset("set")->id);
        const auto a = s->answersToPrompt(prompts[0].id, {"a", "b", "nobody"});
        QCOMPARE(a.size(), size_t(2));
        QCOMPARE(QString::fromStdString(a.at("b")), QStringLiteral("answer of b")); // the import wins
        const auto c = s->answersToPrompt(prompts[7].id, {"c", "b"});
        QCOMPARE(c.size(), size_t(1));
        const auto judged = s->judgmentsOfPrompt(m_pagedRun, prompts[2].id);
        QCOMPARE(std::count_if(judged.begin(), judged.end(), [](const Judgment &j) { return j.testModel == "b"; }), 2);
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
