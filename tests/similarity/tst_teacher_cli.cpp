// `distillscope-cli teacher` end to end: AlpacaEval-format files written to a temporary folder,
// imported into a real SQLite store with the CLI, then ranked. Checks the JSON contract (pool and its
// rule, baseline, tests, verdict) and that bad input reaches the exit code with a message naming it.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <random>

namespace {

struct Result {
    int code = -1;
    QByteArray out, err;
};

Result cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(DS_CLI), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

/// Answers of `models` to 60 instructions, as AlpacaEval arrays: topic words + habit words of the
/// model's own; "copy" is a post-edit of "source" (each of source's words kept with probability 0.7,
/// else replaced by a habit word of its own), the kind of derivative the verdict must name.
std::map<QString, QJsonArray> answers(const QStringList &models)
{
    std::mt19937_64 rng(7);
    std::map<QString, QJsonArray> out;
    for (int p = 0; p < 60; ++p) {
        std::map<QString, QStringList> words;
        for (const QString &m : models) {
            for (int k = 0; k < 10; ++k)
                words[m] << QStringLiteral("topic%1x%2").arg(p).arg(rng() % 12);
            for (int k = 0; k < 10; ++k)
                words[m] << QStringLiteral("%1w%2").arg(m).arg(rng() % 30);
        }
        for (auto &w : words[QStringLiteral("copy")] = words[QStringLiteral("source")])
            if (rng() % 10 >= 7)
                w = QStringLiteral("copyw%1").arg(rng() % 30);
        for (const QString &m : models)
            out[m].append(QJsonObject{{QStringLiteral("instruction"), QStringLiteral("Question number %1?").arg(p)},
                                      {QStringLiteral("output"), words[m].join(QLatin1Char(' '))},
                                      {QStringLiteral("generator"), m}});
    }
    return out;
}

} // namespace

class TestTeacherCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("store.sqlite"));
        const QStringList models = {QStringLiteral("source"), QStringLiteral("copy"),   QStringLiteral("other1"),
                                    QStringLiteral("other2"), QStringLiteral("other3"), QStringLiteral("loner")};
        const auto byModel = answers(models);
        bool first = true;
        for (const QString &m : models) {
            const QString path = m_dir.filePath(m + QStringLiteral(".json"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(byModel.at(m)).toJson());
            f.close();
            if (first) {
                const auto r =
                    cli({QStringLiteral("--db"), m_db, QStringLiteral("dataset"), QStringLiteral("import"), path,
                         QStringLiteral("--format"), QStringLiteral("alpacaeval"), QStringLiteral("--name"), QStringLiteral("d")});
                QVERIFY2(r.code == 0, r.err.constData());
                first = false;
            }
            const auto r = cli({QStringLiteral("--db"), m_db, QStringLiteral("responses"), QStringLiteral("import"), path,
                                QStringLiteral("--model"), m, QStringLiteral("--dataset"), QStringLiteral("d")});
            QVERIFY2(r.code == 0, r.err.constData());
        }
    }

    void ranks_data()
    {
        QTest::addColumn<QString>("student");
        QTest::addColumn<QString>("pool");
        QTest::addColumn<bool>("confident");
        QTest::addColumn<QString>("poolRule");
        QTest::addColumn<int>("poolSize");
        QTest::newRow("derivative, candidates as pool") << "copy" << QString() << true << "candidates" << 4;
        QTest::newRow("derivative, given pool") << "copy"
                                                << "other3,loner" << true << "given" << 2;
        QTest::newRow("unrelated model") << "loner" << QString() << false << "candidates" << 4;
    }

    void ranks()
    {
        QFETCH(QString, student);
        QFETCH(QString, pool);
        QFETCH(bool, confident);
        QFETCH(QString, poolRule);
        QFETCH(int, poolSize);
        QStringList args = {QStringLiteral("--db"),
                            m_db,
                            QStringLiteral("teacher"),
                            QStringLiteral("--student"),
                            student,
                            QStringLiteral("--candidates"),
                            QStringLiteral("source,other1,other2,other3"),
                            QStringLiteral("--dataset"),
                            QStringLiteral("d"),
                            QStringLiteral("--resamples"),
                            QStringLiteral("200")};
        if (!pool.isEmpty())
            args << QStringLiteral("--pool") << pool;
        const auto r = cli(args);
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QVERIFY2(j[QStringLiteral("confident")].toBool() == confident, qPrintable(j[QStringLiteral("reason")].toString()));
        QCOMPARE(j[QStringLiteral("pool_rule")].toString(), poolRule);
        QCOMPARE(j[QStringLiteral("pool")].toArray().size(), poolSize);
        QCOMPARE(j[QStringLiteral("n_prompts")].toInt(), 60);
        QCOMPARE(j[QStringLiteral("ranking")].toArray().size(), 4);
        QCOMPARE(j[QStringLiteral("baseline")].toObject()[QStringLiteral("ranking")].toArray().size(), 4);
        QCOMPARE(j[QStringLiteral("tests")].toArray().size(), 4); // 3 pairwise claims + the nearest reference
        QVERIFY(!j[QStringLiteral("reason")].toString().isEmpty());
        if (confident)
            QCOMPARE(j[QStringLiteral("verdict")].toString(), QStringLiteral("source"));
        else
            QCOMPARE(j[QStringLiteral("verdict")].toString(), QStringLiteral("no confident teacher"));
    }

    void badInputFails_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown candidate") << QStringList{QStringLiteral("--candidates"), QStringLiteral("source,ghost")} << 1 << "ghost";
        QTest::newRow("unknown pool model") << QStringList{QStringLiteral("--candidates"), QStringLiteral("source,other1"),
                                                           QStringLiteral("--pool"), QStringLiteral("phantom")}
                                            << 1 << "phantom";
        QTest::newRow("one candidate, no pool")
            << QStringList{QStringLiteral("--candidates"), QStringLiteral("source")} << 1 << "no reference model";
        QTest::newRow("bad alpha") << QStringList{QStringLiteral("--candidates"), QStringLiteral("source,other1"),
                                                  QStringLiteral("--alpha"), QStringLiteral("2")}
                                   << 2 << "--alpha";
        QTest::newRow("few resamples") << QStringList{QStringLiteral("--candidates"), QStringLiteral("source,other1"),
                                                      QStringLiteral("--resamples"), QStringLiteral("5")}
                                       << 2 << "--resamples";
    }

    void badInputFails()
    {
        QFETCH(QStringList, extra);
        QFETCH(int, code);
        QFETCH(QString, message);
        const auto r = cli(QStringList{QStringLiteral("--db"), m_db, QStringLiteral("teacher"), QStringLiteral("--student"),
                                       QStringLiteral("copy"), QStringLiteral("--dataset"), QStringLiteral("d")} +
                           extra);
        QCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTeacherCli)
#include "tst_teacher_cli.moc"
