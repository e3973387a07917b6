// Importers: every supported format, malformed input named by file and line, deterministic sampling.
#include "data/Importers.h"

#include <QTest>

using namespace ds;
using namespace ds::data;

static std::string fixture(const char *name)
{
    return std::string(DS_FIXTURES) + "/" + name;
}

class TestImporters : public QObject {
    Q_OBJECT
private slots:
    void formats_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("first");
        QTest::newRow("arena-hard auto") << "arena_questions.jsonl"
                                         << "auto" << 3 << "Write a function that reverses a list.";
        QTest::newRow("arena-hard explicit") << "arena_questions.jsonl"
                                             << "arena-hard" << 3 << "Write a function that reverses a list.";
        QTest::newRow("csv with quotes") << "prompts.csv"
                                         << "auto" << 3 << "Explain recursion, briefly.";
        QTest::newRow("sharegpt") << "sharegpt.json"
                                  << "sharegpt" << 2 << "Hi, who won the 1998 World Cup?";
        QTest::newRow("sharegpt auto") << "sharegpt.json"
                                       << "auto" << 2 << "Hi, who won the 1998 World Cup?";
        QTest::newRow("numina csv") << "numina.csv"
                                    << "numina" << 2 << "Find x if 2x+3=7.";
        QTest::newRow("alpacaeval") << "alpaca_outputs.json"
                                    << "alpacaeval" << 3 << "Explain recursion, briefly.";
    }
    void formats()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(int, count);
        QFETCH(QString, first);
        DatasetImportOptions opt;
        opt.format = format.toStdString();
        const auto r = readPrompts(fixture(file.toLatin1().constData()), opt);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(int(r.items.size()), count);
        QCOMPARE(QString::fromStdString(r.items[0].text), first);
        for (size_t i = 0; i < r.items.size(); ++i)
            QCOMPARE(r.items[i].idx, int(i));
    }

    void csvKeepsEmbeddedNewlinesAndQuotes()
    {
        const auto r = readPrompts(fixture("prompts.csv"), {});
        QVERIFY(r.ok());
        QCOMPARE(QString::fromStdString(r.items[1].text), QStringLiteral("A prompt with a \"quote\" and\na newline"));
        QCOMPARE(QString::fromStdString(r.items[1].extId), QStringLiteral("2"));
    }

    void sharegptKeepsTheConversation()
    {
        DatasetImportOptions opt;
        opt.format = "sharegpt";
        const auto r = readPrompts(fixture("sharegpt.json"), opt);
        QVERIFY(r.ok());
        QVERIFY(r.items[0].turnsJson.find("Who scored?") != std::string::npos);
        QCOMPARE(QString::fromStdString(r.items[1].text), QStringLiteral("Tell me a joke.")); // system turn skipped
    }

    void malformedInputNamesFileAndLine_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad json line") << "broken.jsonl"
                                       << "auto"
                                       << "broken.jsonl:3: not valid JSON";
        QTest::newRow("missing field") << "missing_field.jsonl"
                                       << "auto"
                                       << "missing_field.jsonl:2: no prompt field";
        QTest::newRow("named field absent") << "prompts.csv"
                                            << "csv"
                                            << "prompts.csv:1: missing column 'question'";
        QTest::newRow("short csv row") << "short_row.csv"
                                       << "auto"
                                       << "short_row.csv:3: row has 2 columns";
        QTest::newRow("no such file") << "nope.jsonl"
                                      << "auto"
                                      << "nope.jsonl: cannot open file";
    }
    void malformedInputNamesFileAndLine()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        DatasetImportOptions opt;
        opt.format = format.toStdString();
        if (file == QLatin1String("prompts.csv"))
            opt.field = "question";
        const auto r = readPrompts(fixture(file.toLatin1().constData()), opt);
        QVERIFY(!r.ok());
        QVERIFY(r.items.empty());
        QVERIFY2(QString::fromStdString(r.error).contains(expected), r.error.c_str());
    }

    void samplingIsDeterministicAndOrdered()
    {
        DatasetImportOptions opt;
        opt.sample = 2;
        opt.seed = 7;
        const auto a = readPrompts(fixture("arena_questions.jsonl"), opt);
        const auto b = readPrompts(fixture("arena_questions.jsonl"), opt);
        QCOMPARE(a.items.size(), size_t(2));
        QCOMPARE(a.items[0].text, b.items[0].text);
        QCOMPARE(a.items[1].text, b.items[1].text);
        QVERIFY(a.items[0].extId < a.items[1].extId); // file order kept
        opt.sample = 10;                              // more than available: everything
        QCOMPARE(readPrompts(fixture("arena_questions.jsonl"), opt).items.size(), size_t(3));
    }

    void outputsFormats()
    {
        const auto arena = readOutputs(fixture("arena_answers.jsonl"));
        QVERIFY2(arena.ok(), arena.error.c_str());
        QCOMPARE(arena.items.size(), size_t(2));
        QCOMPARE(QString::fromStdString(arena.items[0].extId), QStringLiteral("q2"));
        const auto alpaca = readOutputs(fixture("alpaca_outputs.json"));
        QVERIFY(alpaca.ok());
        QCOMPARE(alpaca.items.size(), size_t(3));
        QCOMPARE(matchKey(alpaca.items[1].promptText), matchKey("Plain prompt"));
    }

    void outputsMatchPromptsByIdThenText()
    {
        auto prompts = readPrompts(fixture("prompts.csv"), {}).items;
        for (size_t i = 0; i < prompts.size(); ++i)
            prompts[i].id = int64_t(100 + i);
        const auto rows = readOutputs(fixture("alpaca_outputs.json")).items;
        const auto m = matchOutputs(prompts, rows, "toy", "alpaca_outputs.json");
        QCOMPARE(m.records.size(), size_t(2)); // whitespace differences still match
        QCOMPARE(m.unmatched, 1);
        QCOMPARE(m.firstUnmatchedLine, 3);
        QCOMPARE(m.records[0].promptId, int64_t(100));
        QCOMPARE(m.records[1].promptId, int64_t(102));
        QCOMPARE(QString::fromStdString(m.records[0].source), QStringLiteral("import"));
        QVERIFY(m.records[0].rawJson.find("alpaca_outputs.json") != std::string::npos);
        // Arena-Hard answers match by question_id.
        auto questions = readPrompts(fixture("arena_questions.jsonl"), {}).items;
        for (size_t i = 0; i < questions.size(); ++i)
            questions[i].id = int64_t(1 + i);
        const auto byId = matchOutputs(questions, readOutputs(fixture("arena_answers.jsonl")).items, "m", "a.jsonl");
        QCOMPARE(byId.records.size(), size_t(2));
        QCOMPARE(byId.records[0].promptId, int64_t(2)); // q2 first in the file
    }

    void sharedArenaHard()
    {
        const std::string q = std::string(DS_SHARED_DATA) + "/arena-hard/question.jsonl";
        if (!QFile::exists(QString::fromStdString(q)))
            QSKIP("../shared/data is absent: Arena-Hard importer check skipped");
        const auto r = readPrompts(q, {});
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.items.size(), size_t(500));
        const auto answers = readOutputs(std::string(DS_SHARED_DATA) + "/arena-hard/gpt-4-0613.jsonl");
        QVERIFY2(answers.ok(), answers.error.c_str());
        QVERIFY(answers.items.size() >= 490);
    }

    void sharedAlpacaEval()
    {
        const std::string f = std::string(DS_SHARED_DATA) + "/alpacaeval/gpt4_0613.json";
        if (!QFile::exists(QString::fromStdString(f)))
            QSKIP("../shared/data is absent: AlpacaEval importer check skipped");
        DatasetImportOptions opt;
        opt.format = "alpacaeval";
        const auto r = readPrompts(f, opt);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.items.size(), size_t(805));
        const auto out = readOutputs(f);
        QCOMPARE(out.items.size(), size_t(805));
    }
};

QTEST_GUILESS_MAIN(TestImporters)
#include "tst_importers.moc"
