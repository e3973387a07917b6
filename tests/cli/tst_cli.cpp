// The command-line contract, through the real binary: every command rejects unknown options and
// malformed values before it touches anything, naming the option and the value; files are written
// safely (never over the database, never "wrote" on a full disk); foreign and damaged databases get
// a clean error and stay untouched; importers refuse FIFOs and non-UTF-8 text; no API key reaches
// anything written, even when a server echoes it.
#include "CliProcess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>
#include <sys/stat.h>

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    using Result = ds::test::CliResult;

    QString tmp(const QString &name) const { return m_dir.path() + QLatin1Char('/') + name; }

    static Result cli(const QString &db, const QStringList &args, int timeoutMs = 60000,
                      const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        return ds::test::runCli(db, args, timeoutMs, env);
    }

    static QStringList words(const char *line) { return QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts); }
    static QStringList words(const QString &line) { return line.split(QLatin1Char(' '), Qt::SkipEmptyParts); }

    QString writeFile(const QString &name, const QByteArray &bytes) const
    {
        QFile f(tmp(name));
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return f.fileName();
    }

    static QByteArray digest(const QString &path)
    {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }

    /// A database with a dataset "d" of 3 prompts and answers of models a and b (no network).
    QString offlineDb(const QString &name)
    {
        const QString db = tmp(name);
        const QString prompts =
            writeFile(name + QStringLiteral(".p.jsonl"), "{\"prompt\": \"one\"}\n{\"prompt\": \"two\"}\n{\"prompt\": \"three\"}\n");
        if (cli(db, {QStringLiteral("dataset"), QStringLiteral("import"), prompts, QStringLiteral("--name"), QStringLiteral("d")}).code !=
            0)
            return {};
        for (const char *m : {"a", "b"}) {
            const QString answers = writeFile(name + QLatin1Char('.') + QLatin1String(m) + QStringLiteral(".jsonl"),
                                              QByteArray("{\"prompt\": \"one\", \"output\": \"the first answer of ") + m +
                                                  "\"}\n{\"prompt\": \"two\", \"output\": \"a second answer\"}\n"
                                                  "{\"prompt\": \"three\", \"output\": \"third " +
                                                  m + "\"}\n");
            if (cli(db, {QStringLiteral("responses"), QStringLiteral("import"), answers, QStringLiteral("--model"), QString::fromLatin1(m),
                         QStringLiteral("--dataset"), QStringLiteral("d")})
                    .code != 0)
                return {};
        }
        return db;
    }

    /// Starts `sim serve` with `config`; returns its base URL ("" on failure).
    QString startSim(QProcess &sim, const QByteArray &config, const QString &name)
    {
        return ds::test::startCliSim(sim, writeFile(name, config));
    }

private slots:
    void badCommandLineIsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named"); // what the error message must name

        const char *rse = "rse run --reference a --test b --dataset d --judge j";
        QTest::newRow("typo in an option") << words(rse) + words("--spend-limt 20") << QStringLiteral("--spend-limt");
        QTest::newRow("typo gets a suggestion") << words(rse) + words("--spend-limt 20") << QStringLiteral("did you mean --spend-limit");
        QTest::newRow("number that is not one") << words(rse) + words("--spend-limit abc") << QStringLiteral("'abc'");
        QTest::newRow("number given with =") << words(rse) + words("--spend-limit=abc") << QStringLiteral("--spend-limit");
        QTest::newRow("negative spend limit") << words(rse) + words("--spend-limit -5") << QStringLiteral("'-5'");
        QTest::newRow("infinite spend limit") << words(rse) + words("--spend-limit inf") << QStringLiteral("'inf'");
        QTest::newRow("nan spend limit") << words(rse) + words("--spend-limit nan") << QStringLiteral("'nan'");
        QTest::newRow("option missing its value") << words(rse) + words("--spend-limit") << QStringLiteral("--spend-limit needs a value");
        QTest::newRow("option followed by an option")
            << words("rse run --reference --test b") << QStringLiteral("--reference needs a value");
        QTest::newRow("flag with a value") << words(rse) + words("--swap=yes") << QStringLiteral("--swap takes no value");
        QTest::newRow("option given twice") << words(rse) + words("--judge k") << QStringLiteral("--judge given more than once");
        QTest::newRow("empty list") << words("rse run --reference a --test , --dataset d --judge j") << QStringLiteral("--test");
        QTest::newRow("option of another subcommand") << words("run list --retry-failed") << QStringLiteral("--retry-failed");
        QTest::newRow("unknown subcommand") << words("model ad x") << QStringLiteral("unknown subcommand");
        QTest::newRow("model add: count not integer") << words("model add x --concurrency 2.5") << QStringLiteral("'2.5'");
        QTest::newRow("model add: negative count") << words("model add x --max-tokens -1") << QStringLiteral("--max-tokens");
        QTest::newRow("model add: huge count") << words("model add x --rpm 99999999999") << QStringLiteral("--rpm");
        QTest::newRow("model add: bad temperature") << words("model add x --temperature warm") << QStringLiteral("--temperature");
        QTest::newRow("model add: bad provider") << words("model add x --provider azure") << QStringLiteral("openai, anthropic");
        QTest::newRow("model add: unknown option") << words("model add x --api-key sk-123") << QStringLiteral("--api-key");
        QTest::newRow("report: unknown format") << words("report 1 --format xml") << QStringLiteral("'xml'");
        QTest::newRow("report: typo") << words("report 1 --fromat csv") << QStringLiteral("--fromat");
        QTest::newRow("dataset import: bad sample") << words("dataset import f.jsonl --name x --sample ten") << QStringLiteral("--sample");
        QTest::newRow("dataset import: negative seed") << words("dataset import f.jsonl --name x --seed -3") << QStringLiteral("--seed");
        QTest::newRow("dataset show: bad limit") << words("dataset show x --limit 1e3") << QStringLiteral("--limit");
        QTest::newRow("responses import: typo") << words("responses import a.json --datset d") << QStringLiteral("--datset");
        QTest::newRow("ice run: bad iterations") << words("ice run --target t --iterations many") << QStringLiteral("--iterations");
        QTest::newRow("ice run: alpha out of range") << words("ice run --target t --mcts-alpha 2") << QStringLiteral("--mcts-alpha");
        QTest::newRow("ice run: bad selector") << words("ice run --target t --selector greedy") << QStringLiteral("--selector");
        QTest::newRow("ice report: unknown option") << words("ice report 1 --aspect x") << QStringLiteral("--aspect");
        QTest::newRow("similarity: bad threads") << words("similarity --dataset d --threads -2") << QStringLiteral("--threads");
        QTest::newRow("teacher: zero resamples")
            << words("teacher --student s --candidates a --dataset d --resamples 0") << QStringLiteral("--resamples");
        QTest::newRow("sim serve: port out of range") << words("sim serve --config c.json --port 70000") << QStringLiteral("--port");
        QTest::newRow("demo: unknown option") << words("demo --fast") << QStringLiteral("--fast");
        QTest::newRow("chart: bad dpi") << words("chart 1 --kind rse-heatmap --out f.png --dpi high") << QStringLiteral("--dpi");
    }

    void badCommandLineIsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        if (args.first() == QLatin1String("chart") &&
            !cli(tmp(QStringLiteral("help.sqlite")), {QStringLiteral("--help")}).out.contains(QStringLiteral("\n  chart")))
            QSKIP("built without the ui library: no chart command");
        // A fresh path per row: a refused command line must not even create the database.
        const QString db = tmp(
            QStringLiteral("refused-%1.sqlite").arg(QLatin1String(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('-')));
        const Result r = cli(db, args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(named), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("error: ")), qPrintable(r.err));
        QVERIFY2(!QFile::exists(db), "the database was created for a refused command line");
    }

    void goodCommandLinesStillWork_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected"); // on stdout
        QTest::newRow("model add with typed values")
            << words("model add m --provider openai --base-url http://127.0.0.1:9/v1 --concurrency 4 --temperature 0.5 --max-tokens 64")
            << QStringLiteral("model m saved");
        QTest::newRow("option with =") << words("model add m2 --provider=anthropic --rpm=60") << QStringLiteral("model m2 saved");
        QTest::newRow("--db after the command") << words("model list --format json") << QStringLiteral("\"name\"");
        QTest::newRow("-- ends the options") << words("run list --") << QString();
    }

    void goodCommandLinesStillWork()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Result r = cli(tmp(QStringLiteral("good.sqlite")), args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(expected), qPrintable(r.out));
    }

    void dbOptionAfterTheCommandIsHonoured()
    {
        const QString db = tmp(QStringLiteral("late.sqlite"));
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), tmp(QStringLiteral("xdg")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(DS_CLI),
                {QStringLiteral("model"), QStringLiteral("add"), QStringLiteral("late"), QStringLiteral("--db"), db});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(QFile::exists(db));
        QVERIFY(cli(db, {QStringLiteral("model"), QStringLiteral("list")}).out.contains(QStringLiteral("late")));
    }

    void outputFilesAreWrittenSafely_data()
    {
        QTest::addColumn<QString>("out"); // "@db" = the database itself
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("named");
        QTest::newRow("a plain file") << tmp(QStringLiteral("sim.json")) << 0 << QStringLiteral("wrote");
        QTest::newRow("the database itself") << QStringLiteral("@db") << 2 << QStringLiteral("the database this command reads");
        QTest::newRow("the database's WAL") << QStringLiteral("@db-wal") << 2 << QStringLiteral("the database this command reads");
        QTest::newRow("a full disk") << QStringLiteral("/dev/full") << 1 << QStringLiteral("No space left on device");
        QTest::newRow("a missing folder") << tmp(QStringLiteral("no/such/dir/x.json")) << 1 << QStringLiteral("cannot write");
    }
    void outputFilesAreWrittenSafely()
    {
        QFETCH(QString, out);
        QFETCH(int, code);
        QFETCH(QString, named);
        const QString db = offlineDb(
            QStringLiteral("out-%1.sqlite").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
        QVERIFY(!db.isEmpty());
        if (out.startsWith(QLatin1Char('@')))
            out = db + out.mid(3);
        const QByteArray before = digest(db);
        for (const QStringList &command : {words("similarity --dataset d --format json --out"), words("report 1 --format csv --out"),
                                           words("chart 1 --kind rse-heatmap --out")}) {
            const Result r = cli(db, command + QStringList{out});
            if (command.first() != QLatin1String("similarity") && code != 2)
                continue; // report and chart need a run; here they only show they refuse the database
            QVERIFY2(r.code == code, qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
            QVERIFY2(r.err.contains(named), qPrintable(r.err));
            if (code != 0)
                QVERIFY2(!r.err.contains(QStringLiteral("wrote")), qPrintable(r.err));
        }
        QCOMPARE(digest(db), before); // nothing written over the store
        QCOMPARE(cli(db, {QStringLiteral("dataset"), QStringLiteral("list")}).code, 0);
        if (code == 0) {
            QFile f(out);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(QJsonDocument::fromJson(f.readAll())[QStringLiteral("models")].toArray().size(), 2);
        }
        const QStringList leftovers = QDir(m_dir.path()).entryList({QStringLiteral(".~*")}, QDir::Files | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    }

    void rsePlanIsWhatRunChecks_data()
    {
        QTest::addColumn<QString>("args"); // after "rse"
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("out"); // what stdout must hold ("" = nothing checked)
        QTest::addColumn<QString>("err"); // what stderr must hold
        QTest::newRow("replayed answers, judge calls only")
            << "plan --reference a --test b --dataset d --judge j" << 0
            << "answer requests: 0 (6 stored answers reused, 0 shared by duplicate prompts)\njudge requests: 3 (0 stored"
            << "";
        QTest::newRow("swap") << "plan --reference a --test b --dataset d --judge j --swap" << 0 << "judge requests: 6 ("
                              << "";
        QTest::newRow("a replayed model cannot judge")
            << "plan --reference a --test b --dataset d --judge a" << 1 << "error: unknown judge model 'a'"
            << "";
        QTest::newRow("unknown model") << "plan --reference a --test ghost --dataset d --judge j" << 1
                                       << "error: unknown model 'ghost' and no imported answers for all of dataset 'd' (0 of 3)"
                                       << "";
        QTest::newRow("run refuses what plan refuses") << "run --reference a --test a --dataset d --judge j" << 1 << ""
                                                       << "'a' is both the reference and a test model";
    }
    void rsePlanIsWhatRunChecks()
    {
        QFETCH(QString, args);
        QFETCH(int, code);
        QFETCH(QString, out);
        QFETCH(QString, err);
        static int serial = 0;
        const QString db = offlineDb(QStringLiteral("plan-%1.sqlite").arg(++serial));
        QVERIFY(!db.isEmpty());
        QCOMPARE(cli(db, words("model add j --base-url http://127.0.0.1:9/v1 --model j")).code, 0);
        const Result r = cli(db, QStringList{QStringLiteral("rse")} + words(args));
        QVERIFY2(r.code == code, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(out), qPrintable(r.out));
        QVERIFY2(r.err.contains(err), qPrintable(r.err));
        QVERIFY(cli(db, words("run list")).out.trimmed().isEmpty()); // planning (or refusing) creates no run
    }

    void stdoutOnAFullDiskIsAnError()
    {
        const QString db = offlineDb(QStringLiteral("stdout.sqlite"));
        QVERIFY(!db.isEmpty());
        QProcess p;
        p.setStandardOutputFile(QStringLiteral("/dev/full"));
        p.start(QStringLiteral(DS_CLI),
                {QStringLiteral("--db"), db, QStringLiteral("similarity"), QStringLiteral("--dataset"), QStringLiteral("d")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("cannot write the output")));
    }

    void foreignDatabasesAreRefusedUntouched_data()
    {
        QTest::addColumn<QByteArray>("setup"); // SQL run on a fresh file
        QTest::addColumn<QString>("named");
        QTest::newRow("another app's tables")
            << QByteArray("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES('keep me');")
            << QStringLiteral("another application (tables: notes)");
        QTest::newRow("another app's id") << QByteArray("PRAGMA application_id=1234;") << QStringLiteral("application_id");
        QTest::newRow("another app's schema version") << QByteArray("PRAGMA user_version=7;") << QStringLiteral("another application");
        QTest::newRow("not SQLite at all") << QByteArray("@model,dataset\nx,y\n") << QStringLiteral("not a DistillScope database");
    }
    void foreignDatabasesAreRefusedUntouched()
    {
        QFETCH(QByteArray, setup);
        QFETCH(QString, named);
        const QString path = tmp(QStringLiteral("foreign-%1.sqlite")
                                     .arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
        if (setup.startsWith('@')) {
            writeFile(QFileInfo(path).fileName(), setup.mid(1));
        } else {
            sqlite3 *h = nullptr;
            QCOMPARE(sqlite3_open(path.toUtf8().constData(), &h), SQLITE_OK);
            QCOMPARE(sqlite3_exec(h, setup.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(h);
        }
        const QByteArray before = digest(path);
        for (const QStringList &command : {words("run list"), words("report 1"), words("model add x"), words("similarity --dataset d")}) {
            const Result r = cli(path, command);
            QVERIFY2(r.code == 1, qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
            QVERIFY2(r.err.contains(named) && r.err.contains(QStringLiteral("untouched")), qPrintable(r.err));
        }
        QCOMPARE(digest(path), before);
    }

    void damagedDatabaseGivesACleanError()
    {
        const QString db = tmp(QStringLiteral("damaged.sqlite"));
        QByteArray prompts;
        for (int i = 0; i < 400; ++i)
            prompts += "{\"prompt\": \"a prompt long enough to fill many pages of the database, number " + QByteArray::number(i) + "\"}\n";
        QCOMPARE(cli(db, {QStringLiteral("dataset"), QStringLiteral("import"), writeFile(QStringLiteral("many.jsonl"), prompts),
                          QStringLiteral("--name"), QStringLiteral("d")})
                     .code,
                 0);
        {
            QFile f(db);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.size() > 8 * 4096);
            f.seek(4096); // keep page 1 (the header), scramble every other page
            QByteArray garbage(int(f.size() - 4096), '\0');
            for (int i = 0; i < garbage.size(); ++i)
                garbage[i] = char((i * 131 + 7) & 0xff);
            f.write(garbage);
        }
        for (const QStringList &command :
             {words("dataset list"), words("dataset show d"), words("similarity --dataset d"), words("report 1")}) {
            const Result r = cli(db, command);
            QVERIFY2(r.code == 1, qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(": exit ") + QString::number(r.code) + r.err));
            QVERIFY2(r.err.contains(QStringLiteral("error: ")), qPrintable(r.err));
        }
        const Result r = cli(db, words("dataset list"));
        QVERIFY2(r.err.contains(QStringLiteral("damaged")), qPrintable(r.err));
#ifdef DS_GUI
        QProcess gui;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        gui.setProcessEnvironment(env);
        gui.start(QStringLiteral(DS_GUI), {QStringLiteral("--db"), db});
        QVERIFY(gui.waitForFinished(60000));
        QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
        QCOMPARE(gui.exitCode(), 1);
        QVERIFY2(QString::fromUtf8(gui.readAllStandardError()).contains(QStringLiteral("damaged")), "the GUI did not name the damage");
#endif
    }

    // The demo's dataset names the bundled prompts, not this machine's path to them (a build tree or
    // /usr/share), so a demo database reads the same on every machine. A small world without faults
    // or latency keeps it quick; the ICE part needs a helper and is left out.
    void demoDatasetSourceIsMachineIndependent()
    {
        const QString world = writeFile(QStringLiteral("demo-world.json"), R"({"seed": 3, "models": [
 {"name": "teacher", "creator": "Acme AI", "style": "structured", "latency_ms": 0},
 {"name": "other", "creator": "Beta Labs", "style": "terse", "latency_ms": 0},
 {"name": "judge", "creator": "Acme AI", "role": "judge", "style": "terse", "latency_ms": 0}]})");
        const QString db = tmp(QStringLiteral("demo-source.sqlite"));
        const Result r = cli(db, {QStringLiteral("demo"), QStringLiteral("--world"), world}, 240000);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // Its progress lines give "ETA 0m00s" only once nothing is left to store or in flight.
        static const QRegularExpression line(QStringLiteral("demo RSE: (\\d+)/(\\d+) stored \\(.* (\\d+) in flight\\).* ETA (\\S+)"));
        int lines = 0;
        QString lastEta;
        for (auto it = line.globalMatch(r.err); it.hasNext(); ++lines) {
            const auto m = it.next();
            lastEta = m.captured(4);
            if (m.captured(1).toInt() < m.captured(2).toInt() || m.captured(3).toInt() > 0)
                QVERIFY2(lastEta != QLatin1String("0m00s"), qPrintable(m.captured(0)));
        }
        QVERIFY2(lines > 0, qPrintable(r.err));
        QCOMPARE(lastEta, QStringLiteral("0m00s"));
        sqlite3 *h = nullptr;
        QCOMPARE(sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt *st = nullptr;
        QCOMPARE(sqlite3_prepare_v2(h, "SELECT source FROM datasets WHERE name='demo'", -1, &st, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        const QString source = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        sqlite3_close(h);
        QCOMPARE(source, QStringLiteral("demo.jsonl (built-in)"));
    }

    void importersRefuseWhatTheyCannotTrust()
    {
        const QString db = offlineDb(QStringLiteral("imports.sqlite"));
        QVERIFY(!db.isEmpty());
        const QString fifo = tmp(QStringLiteral("pipe.jsonl"));
        QCOMPARE(::mkfifo(fifo.toUtf8().constData(), 0600), 0);
        QElapsedTimer t;
        t.start();
        Result r =
            cli(db, {QStringLiteral("dataset"), QStringLiteral("import"), fifo, QStringLiteral("--name"), QStringLiteral("f")}, 20000);
        QVERIFY2(r.code == 1 && r.err.contains(QStringLiteral("not a regular file")), qPrintable(r.err));
        r = cli(db, {QStringLiteral("responses"), QStringLiteral("import"), fifo, QStringLiteral("--dataset"), QStringLiteral("d")}, 20000);
        QVERIFY2(r.code == 1 && r.err.contains(QStringLiteral("not a regular file")), qPrintable(r.err));
        r = cli(fifo, {QStringLiteral("run"), QStringLiteral("list")}, 20000);
        QVERIFY2(r.code == 1 && r.err.contains(QStringLiteral("not a regular file")), qPrintable(r.err));
        QVERIFY(t.elapsed() < 20000);

        const QString latin1 = writeFile(QStringLiteral("latin1.csv"), "prompt\n\"Caf\xe9 au lait\"\n");
        r = cli(db, {QStringLiteral("dataset"), QStringLiteral("import"), latin1, QStringLiteral("--name"), QStringLiteral("l")});
        QVERIFY2(r.code == 1 && r.err.contains(latin1 + QStringLiteral(": not valid UTF-8 at line 2")), qPrintable(r.err));
        QCOMPARE(cli(db, {QStringLiteral("dataset"), QStringLiteral("show"), QStringLiteral("l")}).code, 1); // nothing was stored
        r = cli(db, {QStringLiteral("dataset"), QStringLiteral("import"), latin1, QStringLiteral("--name"), QStringLiteral("l"),
                     QStringLiteral("--encoding"), QStringLiteral("latin1")});
        QVERIFY2(r.code == 0 && r.err.contains(QStringLiteral("converted from latin1")), qPrintable(r.err));
        QVERIFY(cli(db, {QStringLiteral("dataset"), QStringLiteral("show"), QStringLiteral("l")})
                    .out.contains(QStringLiteral("Caf\u00e9 au lait")));

        // Two answers to prompt "one", one null output.
        const QString dup = writeFile(QStringLiteral("c.jsonl"), "{\"prompt\": \"one\", \"output\": \"first\"}\n"
                                                                 "{\"prompt\": \"one\", \"output\": \"second\"}\n"
                                                                 "{\"prompt\": \"two\", \"output\": null}\n"
                                                                 "{\"prompt\": \"three\", \"output\": 42}\n");
        r = cli(db, {QStringLiteral("responses"), QStringLiteral("import"), dup, QStringLiteral("--dataset"), QStringLiteral("d"),
                     QStringLiteral("--duplicates"), QStringLiteral("refuse")});
        QVERIFY2(r.code == 1 && r.err.contains(dup + QStringLiteral(":2:")), qPrintable(r.err));
        r = cli(db, {QStringLiteral("responses"), QStringLiteral("import"), dup, QStringLiteral("--dataset"), QStringLiteral("d")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("1 duplicate answers")) && r.err.contains(QStringLiteral("kept the first")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("2 outputs are null, empty or not text")), qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("1 answers imported")), qPrintable(r.out));
        // Only the real answer counts as one: the null and the number are not answers.
        QVERIFY(cli(db, {QStringLiteral("responses"), QStringLiteral("list"), QStringLiteral("--dataset"), QStringLiteral("d")})
                    .out.contains(QRegularExpression(QStringLiteral("c\\s+1 answers"))));
    }

    void credentialsInBaseUrlsAreRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("user and password") << QStringLiteral("https://alice:s3cretpass@api.example.com/v1");
        QTest::newRow("api-key in the query") << QStringLiteral("https://api.example.com/v1?api-key=s3cretpass");
        QTest::newRow("key in the query") << QStringLiteral("https://api.example.com/v1?foo=1&key=s3cretpass");
        QTest::newRow("token in the query") << QStringLiteral("https://api.example.com/v1?token=s3cretpass");
    }
    void credentialsInBaseUrlsAreRefused()
    {
        QFETCH(QString, url);
        const QString db = tmp(QStringLiteral("urls.sqlite"));
        const Result r = cli(db, {QStringLiteral("model"), QStringLiteral("add"), QStringLiteral("m"), QStringLiteral("--base-url"), url});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--api-key-env")) && r.err.contains(QStringLiteral("keychain")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("s3cretpass")), qPrintable(r.err));
        QVERIFY(!cli(db, {QStringLiteral("model"), QStringLiteral("list")}).out.contains(QStringLiteral("example.com")));
    }

    void apiKeysNeverReachAnythingWritten()
    {
        // The simulator REQUIRES the right key: the run only gets answers if the key was sent. A second
        // model sends a wrong key, which the server echoes in its 401 body, as some servers do.
        const QByteArray good = QByteArray("sk") + "-canary-" + QByteArray::number(0x5eed1e55c0ffee42ull, 16);
        const QByteArray wrong = QByteArray("sk") + "-wrongkey-" + QByteArray::number(0x0ddba11deadbeefull, 16);
        QProcess sim;
        const QString url = startSim(sim, R"({"seed": 5, "require_key": ")" + good + R"(", "echo_key_in_errors": true, "models": [
 {"name": "ref", "creator": "Acme AI", "style": "structured", "latency_ms": 1},
 {"name": "t", "creator": "Beta Labs", "style": "casual", "student_of": "ref", "copy_rate": 0.6, "latency_ms": 1},
 {"name": "judge", "creator": "Acme AI", "role": "judge", "latency_ms": 1}],
 "faults": {"rate_429": 0, "retry_after_s": 1, "rate_500": 0, "rate_timeout": 0, "rate_malformed": 0}})",
                                     QStringLiteral("canary-sim.json"));
        QVERIFY(!url.isEmpty());
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DS_GOOD_KEY"), QString::fromLatin1(good));
        env.insert(QStringLiteral("DS_WRONG_KEY"), QString::fromLatin1(wrong));
        QDir().mkpath(tmp(QStringLiteral("canary")));
        const QString db = tmp(QStringLiteral("canary/keys.sqlite"));
        QString everything;
        auto run = [&](const QStringList &args) {
            const Result r = cli(db, args, 120000, env);
            everything += r.out + r.err;
            return r;
        };
        for (const char *m : {"ref", "t", "judge"})
            QCOMPARE(run({QStringLiteral("model"), QStringLiteral("add"), QString::fromLatin1(m), QStringLiteral("--base-url"),
                          url + QStringLiteral("/v1"), QStringLiteral("--model"), QString::fromLatin1(m), QStringLiteral("--api-key-env"),
                          QStringLiteral("DS_GOOD_KEY")})
                         .code,
                     0);
        QCOMPARE(run({QStringLiteral("model"), QStringLiteral("add"), QStringLiteral("w"), QStringLiteral("--base-url"),
                      url + QStringLiteral("/v1"), QStringLiteral("--model"), QStringLiteral("t"), QStringLiteral("--api-key-env"),
                      QStringLiteral("DS_WRONG_KEY")})
                     .code,
                 0);
        QCOMPARE(run({QStringLiteral("dataset"), QStringLiteral("import"),
                      writeFile(QStringLiteral("canary/p.jsonl"),
                                "{\"prompt\": \"Explain TCP handshakes.\"}\n{\"prompt\": \"Give three tips about SQL joins.\"}\n"
                                "{\"prompt\": \"What are common mistakes with sourdough bread?\"}\n"),
                      QStringLiteral("--name"), QStringLiteral("p")})
                     .code,
                 0);
        // Run 1 proves the key is sent (the simulator answers nothing without it); run 2 gets the echo.
        const Result good1 = run(words("rse run --reference ref --test t --dataset p --judge judge"));
        const QString runId = good1.out.section(QLatin1Char('\n'), 0, 0).trimmed();
        QVERIFY2(good1.code == 0 && !runId.isEmpty(), qPrintable(good1.err));
        const QJsonObject report =
            QJsonDocument::fromJson(run({QStringLiteral("report"), runId, QStringLiteral("--format"), QStringLiteral("json")}).out.toUtf8())
                .object();
        const QJsonObject cell = report[QStringLiteral("scores")].toArray().at(0).toObject();
        QVERIFY2(cell[QStringLiteral("n")].toInt() == 3, "the simulator never got the key: the test would prove nothing");
        const Result echoed = run(words("rse run --reference ref --test w --dataset p --judge judge"));
        const QString echoRun = echoed.out.section(QLatin1Char('\n'), 0, 0).trimmed();
        QVERIFY2(!echoRun.isEmpty(), qPrintable(echoed.err));
        for (const QString &id : {runId, echoRun}) {
            // run show adds up the run's sessions (here one, ended as it says) whatever drove it.
            const Result shown = run({QStringLiteral("run"), QStringLiteral("show"), id});
            QVERIFY2(shown.out.contains(QStringLiteral("sessions: 1, ")) && shown.out.contains(QStringLiteral("last session (")) &&
                         shown.out.contains(QStringLiteral("all sessions: tokens ")),
                     qPrintable(shown.out));
            for (const char *fmt : {"text", "csv", "latex", "json"})
                QCOMPARE(run({QStringLiteral("report"), id, QStringLiteral("--format"), QString::fromLatin1(fmt), QStringLiteral("--out"),
                              tmp(QStringLiteral("canary/report-%1.%2").arg(id, QLatin1String(fmt)))})
                             .code,
                         0);
        }
        // Every file written (database, WAL, exports) and everything printed.
        QByteArray written = everything.toUtf8();
        QDirIterator it(tmp(QStringLiteral("canary")), QDir::Files | QDir::Hidden);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            written += f.readAll();
            ++files;
        }
        QVERIFY(files >= 9);
        QVERIFY2(!written.contains(good), "the key that was sent reached a file or the output");
        QVERIFY2(!written.contains(wrong), "the key echoed by the server reached a file or the output");
        QVERIFY(written.contains("Incorrect API key provided")); // the error itself is kept, without the key
        sim.terminate();
        sim.waitForFinished(3000);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
