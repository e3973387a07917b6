// Importers: every supported format, malformed input named by file and line, deterministic sampling.
#include "data/Importers.h"
#include "util/Csv.h"
#include "util/Encoding.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

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

    // The one CSV reader (datasets and every ICE file): cells as "|"-joined rows, each with the line
    // it starts on.
    void csvReader_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QString>("error");
        QTest::newRow("plain") << QByteArray("a,b\n1,2\n") << QStringList{QStringLiteral("1:a|b"), QStringLiteral("2:1|2")} << QString();
        QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << QStringList{QStringLiteral("1:a|b"), QStringLiteral("2:1|2")}
                                          << QString();
        QTest::newRow("quoted comma and quote")
            << QByteArray("\"x,y\",\"say \"\"hi\"\"\"\n") << QStringList{QStringLiteral("1:x,y|say \"hi\"")} << QString();
        QTest::newRow("newline inside quotes") << QByteArray("q\n\"two\nlines\",z\nnext\n")
                                               << QStringList{QStringLiteral("1:q"), QStringLiteral("2:two\nlines|z"),
                                                              QStringLiteral("4:next")}
                                               << QString();
        QTest::newRow("crlf and lone cr") << QByteArray("a\r\nb\rc\n")
                                          << QStringList{QStringLiteral("1:a"), QStringLiteral("2:b"), QStringLiteral("3:c")} << QString();
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBFname\nv\n") << QStringList{QStringLiteral("1:name"), QStringLiteral("2:v")}
                             << QString();
        QTest::newRow("blank lines skipped") << QByteArray("a\n\n\nb\n") << QStringList{QStringLiteral("1:a"), QStringLiteral("4:b")}
                                             << QString();
        QTest::newRow("empty cells kept") << QByteArray(",,\n") << QStringList{QStringLiteral("1:||")} << QString();
        QTest::newRow("unterminated quote") << QByteArray("a\n\"open,\nstill\n") << QStringList{QStringLiteral("1:a")}
                                            << QStringLiteral("line 2: unterminated quoted field");
    }
    void csvReader()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, rows);
        QFETCH(QString, error);
        std::vector<CsvRow> parsed;
        std::string why;
        QCOMPARE(parseCsv(text.toStdString(), &parsed, &why), error.isEmpty());
        QCOMPARE(QString::fromStdString(why), error);
        QStringList got;
        for (const auto &r : parsed) {
            QStringList cells;
            for (const auto &c : r.cells)
                cells << QString::fromStdString(c);
            got << QString::number(r.line) + QLatin1Char(':') + cells.join(QLatin1Char('|'));
        }
        QCOMPARE(got, rows);
    }

    void csvColumnsAndCells()
    {
        std::vector<CsvRow> rows;
        std::string why;
        QVERIFY(parseCsv(" Query ,jailbreak_prompt\n", &rows, &why));
        QCOMPARE(csvColumn(rows[0], "query"), 0);
        QCOMPARE(csvColumn(rows[0], "JAILBREAK_PROMPT"), 1);
        QCOMPARE(csvColumn(rows[0], "missing"), -1);
        QCOMPARE(QString::fromStdString(csvCell("=1+1")), QStringLiteral("'=1+1"));
        QCOMPARE(QString::fromStdString(csvCell("\tx")), QStringLiteral("'\tx"));
        QCOMPARE(QString::fromStdString(csvCell("a,\"b\"")), QStringLiteral("\"a,\"\"b\"\"\""));
        // What the writer makes, the reader reads back.
        QVERIFY(parseCsv(csvCell("x\ny, \"z\"") + "\n", &rows, &why));
        QCOMPARE(QString::fromStdString(rows.back().cells.at(0)), QStringLiteral("x\ny, \"z\""));
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

    void nonRegularFilesAreRefusedWithoutWaiting()
    {
        QTemporaryDir dir;
        const std::string fifo = (dir.path() + QStringLiteral("/prompts.jsonl")).toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        QElapsedTimer t;
        t.start();
        const auto prompts = readPrompts(fifo, {});
        const auto outputs = readOutputs(fifo);
        const auto folder = readPrompts(dir.path().toStdString(), {});
        QVERIFY(t.elapsed() < 5000); // refused at once: nobody ever writes to this FIFO
        QVERIFY2(prompts.error.find("not a regular file (a FIFO)") != std::string::npos, prompts.error.c_str());
        QVERIFY2(outputs.error.find("not a regular file") != std::string::npos, outputs.error.c_str());
        QVERIFY2(folder.error.find("a directory") != std::string::npos, folder.error.c_str());
    }

    void encodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("error"); // "" = imports
        QTest::addColumn<QString>("first"); // first prompt when it imports
        const QByteArray latin1 = "prompt\n\"Caf\xe9 cr\xe8me, s'il vous pla\xeet\"\n";
        QTest::newRow("latin-1 csv refused") << latin1 << QString() << QStringLiteral("not valid UTF-8 at line 2, column 5 (byte 0xE9)")
                                             << QString();
        QTest::newRow("latin-1 csv converted") << latin1 << QStringLiteral("latin1") << QString()
                                               << QStringLiteral("Caf\u00e9 cr\u00e8me, s'il vous pla\u00eet");
        QTest::newRow("windows-1252 quotes") << QByteArray("prompt\n\x93quoted\x94 \x80 5\n") << QStringLiteral("windows-1252") << QString()
                                             << QStringLiteral("\u201cquoted\u201d \u20ac 5");
        QTest::newRow("unassigned windows-1252 byte") << QByteArray("prompt\nbad \x81\n") << QStringLiteral("windows-1252")
                                                      << QStringLiteral("no character in Windows-1252") << QString();
        QTest::newRow("utf-8 passes") << QByteArray("prompt\nna\xc3\xafve\n") << QString() << QString() << QStringLiteral("na\u00efve");
        QTest::newRow("overlong utf-8 refused")
            << QByteArray("prompt\nx\xc0\xafy\n") << QString() << QStringLiteral("byte 0xC0") << QString();
        QTest::newRow("surrogate refused") << QByteArray("prompt\nx\xed\xa0\x80\n") << QString() << QStringLiteral("byte 0xED")
                                           << QString();
        QTest::newRow("truncated sequence refused")
            << QByteArray("prompt\nx\xe2\x82") << QString() << QStringLiteral("byte 0xE2") << QString();
    }
    void encodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        QFETCH(QString, error);
        QFETCH(QString, first);
        QTemporaryDir dir;
        QFile f(dir.path() + QStringLiteral("/p.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        DatasetImportOptions opt;
        opt.encoding = encoding.toStdString();
        const auto r = readPrompts(f.fileName().toStdString(), opt);
        if (!error.isEmpty()) {
            QVERIFY2(!r.ok() && QString::fromStdString(r.error).contains(error), r.error.c_str());
            QVERIFY(QString::fromStdString(r.error).contains(f.fileName()));
            return;
        }
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(QString::fromStdString(r.items.at(0).text), first);
        for (const auto &item : r.items)
            QCOMPARE(firstInvalidUtf8(item.text), std::string::npos);
        QCOMPARE(!r.warnings.empty(), !encoding.isEmpty());
    }

    void unusableOutputsGetAStatus_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("text");
        QTest::newRow("text") << QByteArray(R"({"instruction": "p1", "output": "an answer"})") << "ok"
                              << "an answer";
        QTest::newRow("null") << QByteArray(R"({"instruction": "p1", "output": null})") << "empty"
                              << "";
        QTest::newRow("empty string") << QByteArray(R"({"instruction": "p1", "output": ""})") << "empty"
                                      << "";
        QTest::newRow("whitespace") << QByteArray(R"({"instruction": "p1", "output": " \n\t "})") << "empty"
                                    << " \n\t ";
        QTest::newRow("number") << QByteArray(R"({"instruction": "p1", "output": 42})") << "invalid"
                                << "";
        QTest::newRow("object") << QByteArray(R"({"instruction": "p1", "output": {"text": "x"}})") << "invalid"
                                << "";
        QTest::newRow("list") << QByteArray(R"({"instruction": "p1", "output": ["x"]})") << "invalid"
                              << "";
        QTest::newRow("boolean") << QByteArray(R"({"instruction": "p1", "output": false})") << "invalid"
                                 << "";
        QTest::newRow("arena-hard null content")
            << QByteArray(R"({"question_id": "q1", "choices": [{"turns": [{"content": null}]}]})") << "empty"
            << "";
    }
    void unusableOutputsGetAStatus()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, status);
        QFETCH(QString, text);
        QTemporaryDir dir;
        QFile f(dir.path() + QStringLiteral("/m.jsonl"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(line + "\n");
        f.close();
        const auto r = readOutputs(f.fileName().toStdString());
        QVERIFY2(r.ok(), r.error.c_str());
        PromptItem p;
        p.id = 7;
        p.text = "p1";
        p.extId = "q1";
        const auto m = matchOutputs({p}, r.items, "m", "m.jsonl");
        QCOMPARE(m.records.size(), size_t(1));
        QCOMPARE(QString::fromLatin1(answerStatusName(m.records[0].status)), status);
        QCOMPARE(QString::fromStdString(m.records[0].text), text);
        QCOMPARE(m.unusable, status == QLatin1String("ok") ? 0 : 1);
        QCOMPARE(m.records[0].error.empty(), status == QLatin1String("ok"));
    }

    void duplicateAnswersAreCountedByPolicy_data()
    {
        QTest::addColumn<int>("policy");
        QTest::addColumn<QString>("kept");
        QTest::newRow("keep first") << int(DuplicatePolicy::KeepFirst) << "first";
        QTest::newRow("keep last") << int(DuplicatePolicy::KeepLast) << "third";
        QTest::newRow("refuse (caller fails)") << int(DuplicatePolicy::Refuse) << "first";
    }
    void duplicateAnswersAreCountedByPolicy()
    {
        QFETCH(int, policy);
        QFETCH(QString, kept);
        std::vector<OutputRow> rows(4);
        const char *texts[] = {"first", "second", "third", "other prompt"};
        for (int i = 0; i < 4; ++i) {
            rows[size_t(i)].line = i + 1;
            rows[size_t(i)].promptText = i < 3 ? "p1" : "p2";
            rows[size_t(i)].output = texts[i];
        }
        rows[2].output = "third";
        PromptItem p1, p2;
        p1.id = 1;
        p1.text = "p1";
        p2.id = 2;
        p2.text = "p2";
        const auto m = matchOutputs({p1, p2}, rows, "m", "m.jsonl", DuplicatePolicy(policy));
        QCOMPARE(m.records.size(), size_t(2));
        QCOMPARE(m.duplicates, 2);
        QCOMPARE(m.conflictingDuplicates, 2);
        QCOMPARE(m.firstDuplicateLine, 2);
        QCOMPARE(QString::fromStdString(m.records[0].text), kept);
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
