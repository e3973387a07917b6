// The rule judge's vocabulary (resources/ice/rule_patterns.json) and the learned judge's pieces: every
// pattern compiles and says what its note says on rows written for the purpose; a broken file is refused
// with the pattern named; the logistic model learns a rule it can learn, round-trips through JSON, and
// leave-one-model-out never lets a model judge itself.
#include "ice/JudgeFeatures.h"
#include "ice/JudgeTraining.h"
#include "ice/LogisticModel.h"
#include "ice/RulePatterns.h"

#include <QtTest>

using namespace ds::ice;

class TstIceJudge : public QObject {
    Q_OBJECT
private slots:
    void builtinComplete()
    {
        const RulePatterns &p = RulePatterns::builtin();
        QVERIFY2(p.error().empty(), p.error().c_str());
        QVERIFY2(p.missing().empty(), p.missing().c_str());
        for (const auto &[name, pat] : p.patterns())
            QVERIFY2(!pat.note.empty(), name.c_str()); // each pattern says why it exists
    }

    void patterns_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("matches");
        QTest::newRow("negation-en") << "negation"
                                     << "I am not a chat product" << true;
        QTest::newRow("negation-contraction") << "negation"
                                              << "it wasn't built that way" << true;
        QTest::newRow("negation-zh") << "negation"
                                     << "我并非由他们训练" << true;
        QTest::newRow("negation-none") << "negation"
                                       << "I know the answer" << false;
        QTest::newRow("contrast-unlike") << "contrast"
                                         << "unlike some other assistants" << true;
        QTest::newRow("contrast-zh") << "contrast"
                                     << "不同于别的模型" << true;
        QTest::newRow("contrast-none") << "contrast"
                                       << "I was trained last year" << false;
        QTest::newRow("denial-any-company") << "denial"
                                            << "I was not made by any company" << true;
        QTest::newRow("denial-self-made") << "denial"
                                          << "I'm my own creator" << true;
        QTest::newRow("denial-zh") << "denial"
                                   << "我没有母公司" << true;
        QTest::newRow("denial-none") << "denial"
                                     << "a company made me" << false;
        QTest::newRow("uncertain-en") << "uncertain"
                                      << "I'm not certain about that" << true;
        QTest::newRow("uncertain-contraction") << "uncertain"
                                               << "I don't have detailed information about it" << true;
        QTest::newRow("uncertain-zh") << "uncertain"
                                      << "我不清楚这个问题" << true;
        QTest::newRow("pretend-en") << "pretend"
                                    << "let's say I am a pirate" << true;
        QTest::newRow("pretend-zh") << "pretend"
                                    << "我来扮演一个角色" << true;
        QTest::newRow("geo-based") << "geo_words"
                                   << "the team is based abroad" << true;
        QTest::newRow("geo-zh") << "geo_words"
                                << "总部在北京" << true;
        QTest::newRow("made-up") << "made_up"
                                 << "an imaginary studio" << true;
        QTest::newRow("made-up-none") << "made_up"
                                      << "a real studio" << false;
        QTest::newRow("maker-noun") << "maker_noun"
                                    << "my creators are kind" << true;
        QTest::newRow("maker-of-me") << "maker_of_me"
                                     << "Lumen Works, the company that built me, is small" << true;
        QTest::newRow("maker-of-me-lower") << "maker_of_me"
                                           << "lumen works, the company that built me" << false; // names are capitalised
        QTest::newRow("refusal") << "refusal"
                                 << "I cannot do that" << true;
        QTest::newRow("generic") << "generic"
                                 << "assistants usually do this" << true;
    }

    void patterns()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(bool, matches);
        QCOMPARE(rules::pattern(name.toUtf8().constData()).match(text).hasMatch(), matches);
    }

    void wordLists()
    {
        QVERIFY(rules::listed("common_capitalised", QStringLiteral("However")));
        QVERIFY(!rules::listed("common_capitalised", QStringLiteral("Lumen")));
        QVERIFY(rules::listed("not_a_name", QStringLiteral("Sorry")));
        QVERIFY(!rules::listed("no_such_list", QStringLiteral("Sorry")));
    }

    void brokenFilesRefused_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("bad regex") << "{\"version\":1,\"patterns\":{\"negation\":{\"regex\":[\"(unclosed\"]}}}"
                                   << "pattern 'negation'";
        QTest::newRow("bad version") << "{\"version\":2,\"patterns\":{}}"
                                     << "version";
        QTest::newRow("not json") << "{"
                                  << "parse";
    }

    void brokenFilesRefused()
    {
        QFETCH(QString, json);
        QFETCH(QString, errorPart);
        std::string error;
        QVERIFY(!RulePatterns::fromJson(json.toStdString(), &error));
        QVERIFY2(QString::fromStdString(error).contains(errorPart), error.c_str());
        const auto incomplete = RulePatterns::fromJson("{\"version\":1,\"patterns\":{\"negation\":{\"regex\":[\"no\"]}}}", &error);
        QVERIFY(incomplete);
        QVERIFY(QString::fromStdString(incomplete->missing()).contains(QStringLiteral("contrast")));
    }

    void logisticLearns()
    {
        // y = a AND NOT b, with a noise feature: the weights must find it.
        std::vector<Features> xs;
        std::vector<bool> ys;
        for (int i = 0; i < 400; ++i) {
            const bool a = i % 2, b = (i / 2) % 2, noise = (i / 4) % 3 == 0;
            Features f;
            if (a)
                f.emplace_back("a", 1.0);
            if (b)
                f.emplace_back("b", 1.0);
            if (noise)
                f.emplace_back("noise", 1.0);
            xs.push_back(f);
            ys.push_back(a && !b);
        }
        FitOptions opt;
        opt.epochs = 300;
        std::string error;
        const auto m = LogisticModel::fit(xs, ys, opt, &error);
        QVERIFY2(m, error.c_str());
        for (size_t i = 0; i < xs.size(); ++i)
            QCOMPARE(m->predict(xs[i]), bool(ys[i]));
        QVERIFY(m->weights().at("a") > 0);
        QVERIFY(m->weights().at("b") < 0);
        // One class only: refused, not a constant model.
        QVERIFY(!LogisticModel::fit(xs, std::vector<bool>(xs.size(), false), opt, &error));
        QVERIFY(QString::fromStdString(error).contains(QStringLiteral("both classes")));
        // Round trip.
        auto back = LogisticModel::fromJson(m->toJson(), &error);
        QVERIFY2(back, error.c_str());
        for (size_t i = 0; i < xs.size(); i += 7)
            QVERIFY(qAbs(back->probability(xs[i]) - m->probability(xs[i])) < 1e-3);
        QVERIFY(!LogisticModel::fromJson("{\"version\":1,\"bias\":0,\"threshold\":1.5,\"weights\":{}}", &error));
    }

    // A feature only one model carries cannot help leave-one-model-out: the fold that judges that model never
    // sees it, while a model trained on everything (in-sample) uses it to reproduce the labels exactly.
    void leaveOneModelOutHoldsOut()
    {
        std::vector<LabelledResponse> data;
        for (int m = 0; m < 3; ++m)
            for (int i = 0; i < 60; ++i) {
                LabelledResponse r;
                r.model = "m" + std::to_string(m);
                r.loose = i % 3 == 0;
                r.strict = r.loose && i % 2 == 0;
                data.push_back(r);
            }
        std::vector<TrainingExample> ex;
        for (const LabelledResponse &r : data) {
            Features f;
            if (r.model == "m2" && r.loose)
                f.emplace_back("leak", 1.0);
            ex.push_back({&r, f});
        }
        FitOptions opt;
        opt.minCount = 1;
        opt.epochs = 300;
        std::string error;
        const auto models = trainIdentityModels(ex, opt, &error);
        QVERIFY2(models, error.c_str());
        const auto lomo = leaveOneModelOut(ex, opt, &error);
        QVERIFY2(lomo, error.c_str());
        QCOMPARE(lomo->loose.size(), data.size());
        const JudgeLabels inSample = applyIdentityModels(*models, ex);
        int inSampleRight = 0, lomoPositives = 0;
        for (size_t i = 120; i < data.size(); ++i) {
            inSampleRight += inSample.loose[i] == data[i].loose;
            lomoPositives += lomo->loose[i];
            QVERIFY(!lomo->strict[i] || lomo->loose[i]); // strict implies loose
        }
        QCOMPARE(inSampleRight, 60);
        QCOMPARE(lomoPositives, 0);
    }
};

QTEST_GUILESS_MAIN(TstIceJudge)
#include "tst_ice_judge.moc"
