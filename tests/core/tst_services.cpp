// The core services both front ends call: planning an RSE run (checked against what the job then
// sends through the simulator over 127.0.0.1), the ICE estimate, importing published outputs and
// building a similarity corpus. Real SQLite files in a temporary folder.
#include "LoopbackSim.h"
#include "RunFixtures.h"

#include "data/OutputImport.h"
#include "data/StoreCorpus.h"
#include "ice/IceEstimate.h"
#include "jobs/Job.h"
#include "net/LlmClient.h"
#include "rse/RseJob.h"
#include "rse/RsePlan.h"
#include "store/Store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;

namespace {

std::unique_ptr<test::LoopbackSim> startSim()
{
    return test::startLoopbackSim(R"({"seed": 7, "models": [
 {"name": "ref", "creator": "Acme AI", "style": "structured", "latency_ms": 1},
 {"name": "t1", "creator": "Beta Labs", "style": "casual", "student_of": "ref", "copy_rate": 0.7, "latency_ms": 1},
 {"name": "t2", "creator": "Gamma", "style": "casual", "latency_ms": 1},
 {"name": "judge", "creator": "Acme AI", "role": "judge", "latency_ms": 1}],
 "faults": {"rate_429": 0, "retry_after_s": 1, "rate_500": 0, "rate_timeout": 0, "rate_malformed": 0}})");
}

void addModel(Store &store, const std::string &name, const std::string &url, double priceIn = 0, double priceOut = 0)
{
    ModelConfig m = test::pricedModel(name, url, 1000, priceIn, priceOut);
    m.timeoutS = 10;
    std::string error;
    QVERIFY2(store.saveModel(m, &error), error.c_str());
}

using test::addDataset;

/// Imported answers of `model` to the first `count` prompts of `dataset` (all when -1).
void importAnswers(Store &store, const std::string &model, const std::string &dataset, int count = -1,
                   AnswerStatus status = AnswerStatus::Ok)
{
    const auto prompts = store.prompts(store.dataset(dataset)->id);
    std::vector<ResponseRecord> rs;
    for (const auto &p : prompts) {
        if (count >= 0 && int(rs.size()) >= count)
            break;
        ResponseRecord r;
        r.model = model;
        r.promptId = p.id;
        r.kind = "answer";
        r.status = status;
        r.text = status == AnswerStatus::Ok ? "Imported answer of " + model + " to " + p.text : "";
        r.source = "import";
        r.requestKey = "import:" + model + ":" + std::to_string(p.id);
        rs.push_back(r);
    }
    std::string error;
    QVERIFY2(store.importResponses(rs, &error), error.c_str());
}

/// The runs planned here: on dataset "p", judged by "judge".
rse::RseConfig config(const std::vector<std::string> &tests, bool swap = false, const std::string &reference = "ref")
{
    return test::rseConfig(reference, tests, {"p"}, swap);
}

std::vector<std::string> words(const QString &s)
{
    std::vector<std::string> out;
    for (const auto &w : s.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.push_back(w.toStdString());
    return out;
}

bool mentions(const std::vector<std::string> &lines, const std::string &what)
{
    for (const auto &l : lines)
        if (l.find(what) != std::string::npos)
            return true;
    return false;
}

} // namespace

class TestServices : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_serial = 0;
    std::unique_ptr<test::LoopbackSim> m_sim;

    std::unique_ptr<Store> open()
    {
        std::string error;
        auto s = Store::open((m_dir.path() + QStringLiteral("/s%1.sqlite").arg(++m_serial)).toStdString(), &error);
        if (!s)
            qWarning("%s", error.c_str());
        return s;
    }
    QString writeFile(const QString &name, const QByteArray &text)
    {
        QFile f(m_dir.path() + QLatin1Char('/') + name);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text);
        return f.fileName();
    }

    /// Creates and runs the configured run; returns how many requests reached the simulator.
    int64_t runAndCount(Store &store, const rse::RseConfig &cfg, JobResult *result = nullptr)
    {
        std::string error;
        const int64_t run = rse::RseJob::createRun(store, cfg, "plan", &error);
        if (!run) {
            qWarning("%s", error.c_str());
            return -1;
        }
        const int64_t before = m_sim->completions();
        LlmClient client;
        rse::RseJob job(store, client, run);
        const JobResult r = job.runHere();
        if (result)
            *result = r;
        return m_sim->completions() - before;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sim = startSim();
        QVERIFY(m_sim);
    }

    // ---- the RSE plan counts what the job sends --------------------------------------------------
    void planCountsWhatTheJobSends_data()
    {
        QTest::addColumn<int>("prompts");
        QTest::addColumn<int>("distinct"); // 0 = every prompt different
        QTest::addColumn<QString>("tests");
        QTest::addColumn<bool>("swap");
        QTest::addColumn<QString>("imported"); // models whose answers are imported (no request)
        QTest::addColumn<bool>("again");       // plan a second run after a first one stored the answers
        QTest::addColumn<int>("answerRequests");
        QTest::addColumn<int>("reusedAnswers");
        QTest::addColumn<int>("sharedAnswers");
        QTest::addColumn<int>("judgeRequests");
        QTest::newRow("fresh") << 5 << 0 << "t1" << false << "" << false << 10 << 0 << 0 << 5;
        QTest::newRow("swap doubles the judge") << 5 << 0 << "t1" << true << "" << false << 10 << 0 << 0 << 10;
        QTest::newRow("two tests") << 4 << 0 << "t1,t2" << false << "" << false << 12 << 0 << 0 << 8;
        QTest::newRow("duplicate prompts are sent once") << 6 << 3 << "t1" << false << "" << false << 6 << 0 << 6 << 3;
        QTest::newRow("imported reference") << 5 << 0 << "t1" << false << "ref" << false << 5 << 5 << 0 << 5;
        // The old UI estimate said 0 answer requests here only by luck of the names; the job reuses
        // answers by request key, and the judge's salt is new, so every judgment is sent again.
        QTest::newRow("a second run reuses the answers") << 5 << 0 << "t1" << false << "" << true << 0 << 10 << 0 << 5;
    }
    void planCountsWhatTheJobSends()
    {
        QFETCH(int, prompts);
        QFETCH(int, distinct);
        QFETCH(QString, tests);
        QFETCH(bool, swap);
        QFETCH(QString, imported);
        QFETCH(bool, again);
        auto store = open();
        QVERIFY(store);
        for (const char *m : {"ref", "t1", "t2", "judge"})
            addModel(*store, m, m_sim->url, 1.0, 2.0);
        addDataset(*store, "p", prompts, distinct);
        for (const auto &m : words(imported))
            importAnswers(*store, m, "p");
        const auto cfg = config(words(tests), swap);
        if (again)
            QVERIFY(runAndCount(*store, cfg) > 0);
        const rse::RsePlan plan = rse::planRun(*store, cfg);
        QVERIFY2(plan.ok(), rse::planText(plan).c_str());
        QTEST(int(plan.answerRequests), "answerRequests");
        QTEST(int(plan.reusedAnswers), "reusedAnswers");
        QTEST(int(plan.sharedAnswers), "sharedAnswers");
        QTEST(int(plan.judgeRequests), "judgeRequests");
        QVERIFY(plan.tokensIn > 0 && plan.tokensOut > 0 && plan.cost > 0);
        JobResult result;
        const int64_t sent = runAndCount(*store, cfg, &result);
        QCOMPARE(result.status, RunStatus::Complete);
        QCOMPARE(sent, plan.answerRequests + plan.judgeRequests);
    }

    void planOfAFinishedRunSendsNothing()
    {
        auto store = open();
        for (const char *m : {"ref", "t1", "judge"})
            addModel(*store, m, m_sim->url);
        addDataset(*store, "p", 4);
        auto cfg = config({"t1"}, true);
        std::string error;
        const int64_t run = rse::RseJob::createRun(*store, cfg, "done", &error);
        QVERIFY2(run, error.c_str());
        LlmClient client;
        rse::RseJob job(*store, client, run);
        QCOMPARE(job.runHere().status, RunStatus::Complete);
        QVERIFY(rse::RseConfig::fromJson(store->run(run)->configJson, cfg).empty());
        const auto plan = rse::planRun(*store, cfg, run);
        QCOMPARE(plan.answerRequests, int64_t(0));
        QCOMPARE(plan.judgeRequests, int64_t(0));
        QCOMPARE(plan.reusedAnswers, int64_t(8));
        QCOMPARE(plan.reusedJudgments, int64_t(8));
        QCOMPARE(plan.cost, 0.0);
        // Priced at nothing: the plan says so instead of showing $0 as a fact.
        QVERIFY(!mentions(plan.warnings, "no price")); // nothing is sent, nothing charged
        QVERIFY(mentions(rse::planRun(*store, config({"t1"})).warnings, "judge has no price set"));
    }

    void unusableStoredAnswersAreNotJudged_data()
    {
        QTest::addColumn<bool>("retryFailed");
        QTest::newRow("plain") << false;
        QTest::newRow("retry failed") << true;
    }
    void unusableStoredAnswersAreNotJudged()
    {
        QFETCH(bool, retryFailed);
        auto store = open();
        for (const char *m : {"ref", "t1", "judge"})
            addModel(*store, m, m_sim->url);
        addDataset(*store, "p", 3);
        // A refusal stored for t1's request to the first prompt, as an earlier run would leave it.
        const auto prompt = store->prompts(store->dataset("p")->id).front();
        ResponseRecord r = {};
        const auto req = rse::answerRequest(*store->model("t1"), prompt, 0);
        r.requestKey = req.key;
        r.model = "t1";
        r.promptId = prompt.id;
        r.kind = "answer";
        r.status = AnswerStatus::Refusal;
        r.text = "I cannot help with that.";
        r.source = "api";
        std::string error;
        QVERIFY2(store->importResponses({r}, &error), error.c_str());
        const auto plan = rse::planRun(*store, config({"t1"}), 0, retryFailed);
        QCOMPARE(plan.answerRequests, int64_t(retryFailed ? 6 : 5));
        QCOMPARE(plan.reusedAnswers, int64_t(retryFailed ? 0 : 1));
        QCOMPARE(plan.unjudgeable, int64_t(retryFailed ? 0 : 1));
        QCOMPARE(plan.judgeRequests, int64_t(retryFailed ? 3 : 2));
    }

    // ---- one set of checks: the plan, createRun and the job --------------------------------------
    void refusedConfigurations_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("tests");
        QTest::addColumn<QString>("datasets");
        QTest::addColumn<QString>("judge");
        QTest::addColumn<QString>("error"); // "" = accepted
        QTest::newRow("accepted") << "ref"
                                  << "t1"
                                  << "p"
                                  << "judge"
                                  << "";
        QTest::newRow("replayed model with every answer imported") << "ref"
                                                                   << "full"
                                                                   << "p"
                                                                   << "judge"
                                                                   << "";
        QTest::newRow("unknown dataset") << "ref"
                                         << "t1"
                                         << "nope"
                                         << "judge"
                                         << "unknown dataset 'nope'";
        QTest::newRow("unknown judge") << "ref"
                                       << "t1"
                                       << "p"
                                       << "nobody"
                                       << "unknown judge model 'nobody'";
        QTest::newRow("model without endpoint or all answers")
            << "ref"
            << "half"
            << "p"
            << "judge"
            << "unknown model 'half' and no imported answers for all of dataset 'p' (2 of 4)";
        QTest::newRow("imported empty outputs are no answers") << "ref"
                                                               << "blank"
                                                               << "p"
                                                               << "judge"
                                                               << "unknown model 'blank' and no imported answers";
        QTest::newRow("reference among the tests") << "ref"
                                                   << "t1,ref"
                                                   << "p"
                                                   << "judge"
                                                   << "'ref' is both the reference and a test model";
        QTest::newRow("test listed twice") << "ref"
                                           << "t1,t1"
                                           << "p"
                                           << "judge"
                                           << "test model 't1' is listed twice";
        QTest::newRow("dataset listed twice") << "ref"
                                              << "t1"
                                              << "p,p"
                                              << "judge"
                                              << "dataset 'p' is listed twice";
        QTest::newRow("no test") << "ref"
                                 << ""
                                 << "p"
                                 << "judge"
                                 << "no test model";
    }
    void refusedConfigurations()
    {
        QFETCH(QString, reference);
        QFETCH(QString, tests);
        QFETCH(QString, datasets);
        QFETCH(QString, judge);
        QFETCH(QString, error);
        auto store = open();
        for (const char *m : {"ref", "t1", "judge"})
            addModel(*store, m, m_sim->url);
        addDataset(*store, "p", 4);
        importAnswers(*store, "full", "p");
        importAnswers(*store, "half", "p", 2);
        importAnswers(*store, "blank", "p", -1, AnswerStatus::Empty);
        rse::RseConfig cfg = config(words(tests), false, reference.toStdString());
        cfg.datasets = words(datasets);
        cfg.judge = judge.toStdString();
        const auto plan = rse::planRun(*store, cfg);
        std::string refusal;
        const int64_t run = rse::RseJob::createRun(*store, cfg, "checked", &refusal);
        if (error.isEmpty()) {
            QVERIFY2(plan.ok(), rse::planText(plan).c_str());
            QVERIFY2(run > 0, refusal.c_str());
            return;
        }
        QVERIFY(!plan.ok());
        QVERIFY2(mentions(plan.errors, error.toStdString()), rse::planText(plan).c_str());
        QCOMPARE(plan.answerRequests + plan.judgeRequests, int64_t(0));
        QCOMPARE(run, int64_t(0)); // refused with the same words, and no run row left behind
        QVERIFY2(refusal.find(error.toStdString()) != std::string::npos, refusal.c_str());
        QVERIFY(store->runs().empty());
    }

    void rolesAreWarnedAbout_data()
    {
        QTest::addColumn<QString>("tests");
        QTest::addColumn<QString>("judge");
        QTest::addColumn<QString>("warning");
        QTest::newRow("distinct") << "t1"
                                  << "judge"
                                  << "";
        QTest::newRow("judge is the reference") << "t1"
                                                << "ref"
                                                << "the judge is also the reference";
        QTest::newRow("judge is a test") << "t1"
                                         << "t1"
                                         << "the judge t1 is also a test model";
    }
    void rolesAreWarnedAbout()
    {
        QFETCH(QString, tests);
        QFETCH(QString, judge);
        QFETCH(QString, warning);
        auto store = open();
        for (const char *m : {"ref", "t1", "judge"})
            addModel(*store, m, m_sim->url, 1, 1);
        addDataset(*store, "p", 2);
        auto cfg = config(words(tests));
        cfg.judge = judge.toStdString();
        const auto plan = rse::planRun(*store, cfg);
        QVERIFY(plan.ok());
        if (warning.isEmpty())
            QVERIFY2(plan.warnings.empty(), rse::planText(plan).c_str());
        else
            QVERIFY2(mentions(plan.warnings, warning.toStdString()), rse::planText(plan).c_str());
    }

    // ---- ICE estimate ----------------------------------------------------------------------------
    void iceEstimate_data()
    {
        QTest::addColumn<QString>("judge");
        QTest::addColumn<QString>("helper");
        QTest::addColumn<int>("judgeRequests");
        QTest::addColumn<qlonglong>("tokensIn");
        QTest::addColumn<QString>("error");
        // 3 iterations x 4 questions = 12 answers of 170 in / 400 out (max tokens 1000 is capped).
        QTest::newRow("rules judge, no helper") << "rules"
                                                << "" << 0 << qlonglong(12 * 170) << "";
        QTest::newRow("model judge") << "judge"
                                     << "" << 12 << qlonglong(12 * 170 + 12 * 700) << "";
        QTest::newRow("helper mutates") << "rules"
                                        << "ref" << 0 << qlonglong(12 * 170 + 3 * 400) << "";
        QTest::newRow("unknown judge") << "nobody"
                                       << "" << 0 << qlonglong(0) << "no judge model 'nobody'";
    }
    void iceEstimate()
    {
        QFETCH(QString, judge);
        QFETCH(QString, helper);
        QFETCH(int, judgeRequests);
        QFETCH(qlonglong, tokensIn);
        QFETCH(QString, error);
        auto store = open();
        for (const char *m : {"ref", "t1", "judge"})
            addModel(*store, m, m_sim->url, 1, 1);
        const auto e = ice::estimateIce(*store, {"t1", helper.toStdString(), judge.toStdString(), 4, 3});
        QCOMPARE(QString::fromStdString(e.error), error);
        if (!error.isEmpty())
            return;
        QCOMPARE(e.answerRequests, int64_t(12));
        QCOMPARE(int(e.judgeRequests), judgeRequests);
        QCOMPARE(qlonglong(e.tokensIn), tokensIn);
        // Priced output: every reply at its max tokens (1000) costs more than at the ≈400 estimate.
        QVERIFY2(e.cost > 0 && e.costAtMaxTokens > e.cost, qPrintable(QStringLiteral("%1 vs %2").arg(e.costAtMaxTokens).arg(e.cost)));
    }

    // ---- published outputs -----------------------------------------------------------------------
    void importOutputs_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("policy"); // data::DuplicatePolicy
        QTest::addColumn<int>("answers");
        QTest::addColumn<int>("unusable");
        QTest::addColumn<int>("unmatched");
        QTest::addColumn<int>("duplicates");
        QTest::addColumn<QString>("error");
        const int first = int(data::DuplicatePolicy::KeepFirst), refuse = int(data::DuplicatePolicy::Refuse);
        QTest::newRow("by id, then by text") << QByteArray("{\"question_id\": \"q0\", \"output\": \"A0\"}\n"
                                                           "{\"prompt\": \"Explain topic 1 of p to a beginner.\", \"output\": \"A1\"}\n")
                                             << first << 2 << 0 << 0 << 0 << "";
        QTest::newRow("null, empty and non-text outputs") << QByteArray("{\"question_id\": \"q0\", \"output\": null}\n"
                                                                        "{\"question_id\": \"q1\", \"output\": \"  \"}\n"
                                                                        "{\"question_id\": \"q2\", \"output\": 42}\n"
                                                                        "{\"question_id\": \"q3\", \"output\": \"fine\"}\n")
                                                          << first << 1 << 3 << 0 << 0 << "";
        QTest::newRow("unmatched") << QByteArray("{\"question_id\": \"q0\", \"output\": \"A0\"}\n"
                                                 "{\"prompt\": \"Something else\", \"output\": \"A1\"}\n")
                                   << first << 1 << 0 << 1 << 0 << "";
        QTest::newRow("duplicates kept first") << QByteArray("{\"question_id\": \"q0\", \"output\": \"A0\"}\n"
                                                             "{\"question_id\": \"q0\", \"output\": \"B0\"}\n")
                                               << first << 1 << 0 << 0 << 1 << "";
        QTest::newRow("duplicates refused") << QByteArray("{\"question_id\": \"q0\", \"output\": \"A0\"}\n"
                                                          "{\"question_id\": \"q0\", \"output\": \"B0\"}\n")
                                            << refuse << 0 << 0 << 0 << 0 << ":2: a second answer to a prompt already answered";
        QTest::newRow("nothing matches") << QByteArray("{\"prompt\": \"Something else\", \"output\": \"A1\"}\n") << first << 0 << 0 << 0
                                         << 0 << "none of the 1 answers matches a prompt of dataset 'p'";
        QTest::newRow("bad line") << QByteArray("{\"question_id\": \"q0\", \"output\": \"A0\"}\n{broken\n") << first << 0 << 0 << 0 << 0
                                  << "outputs.jsonl:2";
    }
    void importOutputs()
    {
        QFETCH(QByteArray, file);
        QFETCH(int, policy);
        QFETCH(int, answers);
        QFETCH(int, unusable);
        QFETCH(int, unmatched);
        QFETCH(int, duplicates);
        QFETCH(QString, error);
        auto store = open();
        addDataset(*store, "p", 4);
        const QString path = writeFile(QStringLiteral("outputs.jsonl"), file);
        data::OutputImportOptions options;
        options.duplicates = data::DuplicatePolicy(policy);
        const auto r = data::importOutputs(*store, "p", {{path.toStdString(), "m"}}, options);
        const auto stored = store->answerStatusCounts("m", store->dataset("p")->id);
        if (!error.isEmpty()) {
            QVERIFY2(r.error.find(error.toStdString()) != std::string::npos, r.error.c_str());
            QVERIFY(stored.empty()); // all or nothing
            return;
        }
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(int(r.answers), answers);
        QCOMPARE(int(r.unusable), unusable);
        QCOMPARE(r.files.size(), size_t(1));
        QCOMPARE(r.files[0].answers, answers);
        QCOMPARE(r.files[0].matched.unmatched, unmatched);
        QCOMPARE(r.files[0].matched.duplicates, duplicates);
        QCOMPARE(int(store->answers("m", store->dataset("p")->id).size()), answers); // unusable ones are no answers
        int64_t all = 0;
        for (const auto &[status, n] : stored)
            all += n;
        QCOMPARE(int(all), answers + unusable);
    }

    void importOfSeveralFilesIsAllOrNothing()
    {
        auto store = open();
        addDataset(*store, "p", 2);
        const QString good = writeFile(QStringLiteral("a.jsonl"), "{\"question_id\": \"q0\", \"output\": \"A0\"}\n");
        const QString bad = writeFile(QStringLiteral("b.jsonl"), "{\"prompt\": \"nothing like it\", \"output\": \"B\"}\n");
        const auto r = data::importOutputs(*store, "p", {{good.toStdString(), "a"}, {bad.toStdString(), "b"}});
        QVERIFY(!r.ok());
        QVERIFY(store->answers("a", store->dataset("p")->id).empty());
        QVERIFY(data::importOutputs(*store, "nope", {{good.toStdString(), "a"}}).error.find("no dataset named 'nope'") == 0);
    }

    // ---- similarity corpus -----------------------------------------------------------------------
    void corpusIsAlignedByPromptId()
    {
        auto store = open();
        addDataset(*store, "p", 12); // ids 1..12: "10" sorts before "2" as text, not as a number
        importAnswers(*store, "a", "p");
        importAnswers(*store, "b", "p", 11);
        importAnswers(*store, "c", "p", 3, AnswerStatus::Empty);
        similarity::Corpus corpus;
        QCOMPARE(data::loadCorpus(*store, "p", {"b", "a"}, corpus), std::string());
        QCOMPARE(corpus.models, (std::vector<std::string>{"b", "a"}));
        QCOMPARE(corpus.promptCount(), size_t(11)); // only the prompts both answered
        std::vector<int64_t> ids;
        for (const auto &k : corpus.promptKeys)
            ids.push_back(std::stoll(k));
        QVERIFY(std::is_sorted(ids.begin(), ids.end()));
        const auto prompts = store->prompts(store->dataset("p")->id);
        QCOMPARE(corpus.texts[1][9], "Imported answer of a to " + prompts[9].text);
        // An empty answer is an empty text (similar to nothing), not a missing one.
        QCOMPARE(data::loadCorpus(*store, "p", {"a", "c"}, corpus), std::string());
        QCOMPARE(corpus.promptCount(), size_t(3));
        QCOMPARE(corpus.texts[1][0], std::string());
    }

    void corpusRefusals_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("models");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown dataset") << "nope"
                                         << "a"
                                         << "unknown dataset: nope";
        QTest::newRow("model without answers") << "p"
                                               << "a,ghost"
                                               << "model ghost has no answers in dataset p";
        QTest::newRow("listed twice") << "p"
                                      << "a,a"
                                      << "model listed twice: a";
        QTest::newRow("nothing shared") << "p"
                                        << "a,late"
                                        << "the models share no answered prompt";
    }
    void corpusRefusals()
    {
        QFETCH(QString, dataset);
        QFETCH(QString, models);
        QFETCH(QString, error);
        auto store = open();
        addDataset(*store, "p", 3);
        importAnswers(*store, "a", "p", 1);
        // "late" answered only the last prompt.
        const auto last = store->prompts(store->dataset("p")->id).back();
        ResponseRecord r;
        r.model = "late";
        r.promptId = last.id;
        r.kind = "answer";
        r.status = AnswerStatus::Ok;
        r.text = "late";
        r.source = "import";
        r.requestKey = "import:late";
        std::string e;
        QVERIFY(store->importResponses({r}, &e));
        similarity::Corpus corpus;
        const std::string problem = data::loadCorpus(*store, dataset.toStdString(), words(models), corpus);
        QVERIFY2(problem.find(error.toStdString()) == 0, problem.c_str());
    }
};

QTEST_GUILESS_MAIN(TestServices)
#include "tst_services.moc"
