// The trust boundaries of the core: secrets never pass (redaction, URLs), result files are written
// safely, text is valid UTF-8. Real files in temporary folders; hostile inputs of 100 MB.
#include "HostileInput.h"
#include "util/Encoding.h"
#include "util/SafeFile.h"
#include "util/Secrets.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;

namespace {
// Fake keys are assembled at run time so no key-shaped literal sits in the repository.
std::string fakeKey(const char *body)
{
    return std::string("sk") + "-" + body;
}
} // namespace

class TestBoundaries : public QObject {
    Q_OBJECT
private slots:
    void redaction_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("secret"); // must be gone
        QTest::addColumn<QString>("kept");   // must survive
        const QString k = QString::fromStdString(fakeKey("proj-ABCDEFGHIJKLMNOP1234"));
        QTest::newRow("bearer header") << QStringLiteral("Authorization: Bearer ") + k << k
                                       << QStringLiteral("Authorization: Bearer [redacted]");
        QTest::newRow("x-api-key header") << QStringLiteral("x-api-key: abcdef123456") << QStringLiteral("abcdef123456")
                                          << QStringLiteral("x-api-key: [redacted]");
        QTest::newRow("json field") << QStringLiteral(R"({"api_key": "shortsecret1", "model": "m"})") << QStringLiteral("shortsecret1")
                                    << QStringLiteral(R"("model": "m")");
        QTest::newRow("query string") << QStringLiteral("GET /v1?api-version=2&key=abc123secret&x=1") << QStringLiteral("abc123secret")
                                      << QStringLiteral("api-version=2&key=[redacted]&x=1");
        QTest::newRow("user info in a URL") << QStringLiteral("connect to https://alice:hunter22@host/v1 failed")
                                            << QStringLiteral("hunter22") << QStringLiteral("https://[redacted]@host/v1 failed");
        QTest::newRow("key in an error body") << QStringLiteral("Incorrect API key provided: ") + k + QStringLiteral(". See docs.") << k
                                              << QStringLiteral("Incorrect API key provided: [redacted]. See docs.");
        QTest::newRow("long token") << QStringLiteral("token ") + QString(48, QLatin1Char('Z')) + QStringLiteral(" end")
                                    << QString(48, QLatin1Char('Z')) << QStringLiteral(" end");
        QTest::newRow("prose is left alone") << QStringLiteral("the primary key: id, tokens: 12, keyboard=US") << QStringLiteral("\x01")
                                             << QStringLiteral("the primary key: id, tokens: 12, keyboard=US");
    }
    void redaction()
    {
        QFETCH(QString, line);
        QFETCH(QString, secret);
        QFETCH(QString, kept);
        const QString out = QString::fromStdString(redactSecrets(line.toStdString()));
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY2(out.contains(kept), qPrintable(out));
    }

    void registeredKeysAreRedactedWhateverTheirShape()
    {
        const std::string key = "short-Key_9"; // no sk- prefix, under 40 characters: only registration catches it
        QVERIFY(redactSecrets("echo " + key).find(key) != std::string::npos);
        registerSecret(key);
        QCOMPARE(QString::fromStdString(redactSecrets("echo " + key + " and " + key)), QStringLiteral("echo [redacted] and [redacted]"));
        QCOMPARE(QString::fromStdString(redactKnownSecrets("answer mentions " + key)), QStringLiteral("answer mentions [redacted]"));
        // Answers keep key-shaped text that is not a registered key: it is data.
        const std::string hash(48, 'a');
        QCOMPARE(redactKnownSecrets(hash), hash);
    }

    void redactionIsLinear_data()
    {
        QTest::addColumn<QByteArray>("text");
        using test::hostileRow;
        constexpr qsizetype kBig = test::kHostileBytes;
        QTest::newRow(hostileRow("key-shaped run")) << QByteArray(kBig, 'A');
        QTest::newRow(hostileRow("of spaces")) << QByteArray(kBig, ' ');
        QTest::newRow(hostileRow("of header names")) << QByteArray("authorization ").repeated(kBig / 14);
        QTest::newRow(hostileRow("of url schemes")) << QByteArray("a://").repeated(kBig / 4);
    }
    void redactionIsLinear()
    {
        QFETCH(QByteArray, text);
        QElapsedTimer t;
        t.start();
        const std::string out = redactSecrets(std::string_view(text.constData(), size_t(text.size())));
        qInfo("%s: %.2f ns/byte", QTest::currentDataTag(), double(t.nsecsElapsed()) / double(text.size()));
        QVERIFY(t.elapsed() < 30000);
        QVERIFY(!out.empty());
    }

    void credentialsInUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("refused");
        QTest::newRow("plain") << "https://api.openai.com/v1" << false;
        QTest::newRow("port and path") << "http://127.0.0.1:8000/v1" << false;
        QTest::newRow("api-version is fine") << "https://x.openai.azure.com/openai?api-version=2024-06-01" << false;
        QTest::newRow("at in the path is fine") << "https://host/v1/@models" << false;
        QTest::newRow("user and password") << "https://u:p@host/v1" << true;
        QTest::newRow("user only") << "https://token@host/v1" << true;
        QTest::newRow("api-key") << "https://host/v1?api-key=abc" << true;
        QTest::newRow("api_key") << "https://host/v1?x=1&api_key=abc" << true;
        QTest::newRow("key") << "https://generativelanguage.googleapis.com/v1beta?key=abc" << true;
        QTest::newRow("access_token") << "https://host/v1?access_token=abc" << true;
        QTest::newRow("upper case") << "https://host/v1?API-KEY=abc" << true;
    }
    void credentialsInUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, refused);
        const std::string problem = urlCredentialProblem(url.toStdString());
        QCOMPARE(!problem.empty(), refused);
        if (refused) {
            QVERIFY(problem.find("--api-key-env") != std::string::npos);
            QVERIFY(problem.find("abc") == std::string::npos && problem.find(":p@") == std::string::npos);
        }
    }

    void safeFileWrites_data()
    {
        QTest::addColumn<QString>("target"); // relative to a temporary folder unless absolute
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("why");
        QTest::newRow("new file") << "out.csv" << true << "";
        QTest::newRow("replaces a file") << "existing.csv" << true << "";
        QTest::newRow("full disk") << "/dev/full" << false << "No space left on device";
        QTest::newRow("device written in place") << "/dev/null" << true << "";
        QTest::newRow("missing folder") << "nope/out.csv" << false << "No such file or directory";
    }
    void safeFileWrites()
    {
        QFETCH(QString, target);
        QFETCH(bool, ok);
        QFETCH(QString, why);
        QTemporaryDir dir;
        const QString path = target.startsWith(QLatin1Char('/')) ? target : dir.path() + QLatin1Char('/') + target;
        QFile old(dir.path() + QStringLiteral("/existing.csv"));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old contents");
        old.close();
        std::string error;
        const std::string data = "model,n\nm,3\n";
        QCOMPARE(writeFileSafely(path.toStdString(), data, &error), ok);
        if (!ok) {
            QVERIFY2(QString::fromStdString(error).contains(why) && QString::fromStdString(error).contains(path), error.c_str());
        } else if (!path.startsWith(QLatin1String("/dev/"))) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray::fromStdString(data));
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(),
                 target == QLatin1String("existing.csv") || !ok || path.startsWith(QLatin1String("/dev/")) ? 1 : 2);
    }

    void outputNeverOverwritesTheDatabase()
    {
        QTemporaryDir dir;
        const std::string db = (dir.path() + QStringLiteral("/store.sqlite")).toStdString();
        QFile(QString::fromStdString(db)).open(QIODevice::WriteOnly);
        QVERIFY(!outputClobbersDatabase(db, db).empty());
        QVERIFY(!outputClobbersDatabase(dir.path().toStdString() + "/./store.sqlite", db).empty());
        QVERIFY(!outputClobbersDatabase(db + "-wal", db).empty());
        QVERIFY(QFile::link(QString::fromStdString(db), dir.path() + QStringLiteral("/link.sqlite")));
        QVERIFY(!outputClobbersDatabase(dir.path().toStdString() + "/link.sqlite", db).empty());
        QVERIFY(outputClobbersDatabase(dir.path().toStdString() + "/report.csv", db).empty());
    }

    void utf8Validation_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("firstBad"); // -1 = valid
        QTest::newRow("ascii") << QByteArray("plain") << -1;
        QTest::newRow("two, three, four bytes") << QByteArray("\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") << -1;
        QTest::newRow("latin-1 e acute") << QByteArray("caf\xe9") << 3;
        QTest::newRow("overlong slash") << QByteArray("a\xc0\xaf") << 1;
        QTest::newRow("overlong three bytes") << QByteArray("\xe0\x80\xaf") << 0;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << 0;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << 0;
        QTest::newRow("lone continuation") << QByteArray("ab\x80") << 2;
        QTest::newRow("truncated at the end") << QByteArray("ab\xe2\x82") << 2;
    }
    void utf8Validation()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, firstBad);
        const size_t at = firstInvalidUtf8(std::string_view(bytes.constData(), size_t(bytes.size())));
        QCOMPARE(at == std::string_view::npos ? -1 : int(at), firstBad);
    }
};

QTEST_GUILESS_MAIN(TestBoundaries)
#include "tst_boundaries.moc"
