// Failure paths, watched through signals (offscreen, a real store file): a keychain that refuses a
// key reaches KeyStore::writeFinished and the Models page as an error, and nothing is labelled as
// stored; background work that throws reaches its failure handler on the GUI thread, the process
// keeps running, and the next request of the same requester is delivered.
#include "models/CoreModels.h"
#include "net/LlmClient.h"
#include "pages/ModelsPage.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "services/KeyStore.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <stdexcept>

using namespace ds;
using namespace ds::ui;

/// Turns a failure handler's calls into a signal, for QSignalSpy.
class FailureProbe : public QObject {
    Q_OBJECT
public:
    void attach(LatestRequest &request)
    {
        request.setFailureHandler([this](const QString &error) { emit failed(error, QThread::currentThread() == qApp->thread()); });
    }

signals:
    void failed(const QString &error, bool onGuiThread);
};

class TestUiFailures : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_ctx;

    /// The keychain service is reachable here after all: the refused-write path cannot be run.
    static bool keychainAccepted(const QSignalSpy &written) { return !written.isEmpty() && written.last().at(1).toBool(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QString error;
        m_ctx = AppContext::open(m_dir.filePath(QStringLiteral("failures.sqlite")), &error);
        QVERIFY2(m_ctx, qPrintable(error));
        ModelConfig m;
        m.name = "keyed";
        m.provider = "openai";
        m.baseUrl = "http://127.0.0.1:9/v1";
        m.modelId = "keyed";
        std::string e;
        QVERIFY2(m_ctx->store().saveModel(m, &e), e.c_str());
    }

    void cleanupTestCase() { m_ctx.reset(); }

    // The store itself: a refused write says so, with the keychain's reason, and caches nothing.
    void keychainRefusalReachesWriteFinished()
    {
        KeyStore &keys = m_ctx->keys();
        const QString entry = KeyStore::entryFor(QStringLiteral("direct"));
        QSignalSpy written(&keys, &KeyStore::writeFinished);
        keys.write(entry, QStringLiteral("refused-secret"));
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 10000);
        if (keychainAccepted(written)) {
            keys.remove(entry);
            QSKIP("a keychain service is running here; the refused-write path cannot be exercised");
        }
        const QList<QVariant> args = written.takeFirst();
        QCOMPARE(args.at(0).toString(), entry);
        QCOMPARE(args.at(1).toBool(), false);
        qInfo("the keychain said: %s", qPrintable(args.at(2).toString())); // "Unknown error" without D-Bus
        QVERIFY2(!args.at(2).toString().isEmpty(), "a refusal carries the keychain's reason");
        QVERIFY(!keys.hasCached(entry));
        // Not the user's refusal: the keychain cannot hold keys here, and the model dialog stops
        // offering it (ModelsPage::edit passes backendMissing()).
        QVERIFY(keys.backendMissing());
        QCOMPARE(keys.backendError(), args.at(2).toString());
        ModelConfig m;
        m.name = "direct";
        m.keychainKey = entry.toStdString();
        QCOMPARE(resolveApiKey(m), std::string()); // requests do not get the refused key from the keychain
    }

    // Through the page: the error is shown as an error, the model is not labelled "keychain" (in the
    // store or the table), and the key is kept for this session only.
    void keychainRefusalIsShownAndNotLabelled()
    {
        ModelsPage page(*m_ctx);
        page.reload();
        QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), 5000);
        QSignalSpy written(&m_ctx->keys(), &KeyStore::writeFinished);
        QSignalSpy saved(&page, &ModelsPage::saved);
        page.save(*m_ctx->store().model("keyed"), QStringLiteral("page-secret"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QCOMPARE(written.count(), 1);
        if (keychainAccepted(written)) {
            m_ctx->keys().remove(KeyStore::entryFor(QStringLiteral("keyed")));
            QSKIP("a keychain service is running here; the refused-write path cannot be exercised");
        }
        const QString reason = written.first().at(2).toString();
        const QString message = saved.first().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("keychain is unavailable")), qPrintable(message));
        QVERIFY2(message.contains(reason), qPrintable(message)); // the keychain's own words reach the user
        QVERIFY(!message.contains(QStringLiteral("page-secret")));
        auto *shown = page.findChild<InlineMessage *>();
        QVERIFY(shown);
        QCOMPARE(page.messageText(), message);
        QCOMPARE(shown->kind(), InlineMessage::Error);

        QVERIFY(m_ctx->store().model("keyed")->keychainKey.empty());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), 5000);
        ModelsModel *models = page.model();
        int row = -1;
        for (int r = 0; r < models->rowCount(); ++r)
            if (models->index(r, ModelsModel::Name).data().toString() == QLatin1String("keyed"))
                row = r;
        QVERIFY(row >= 0);
        QCOMPARE(models->index(row, ModelsModel::Key).data().toString(), QStringLiteral("this session only"));
        QCOMPARE(resolveApiKey(*m_ctx->store().model("keyed")), std::string("page-secret"));
        m_ctx->keys().setSessionKey(QStringLiteral("keyed"), QString());
    }

    void throwingWorkReachesTheFailureHandler_data()
    {
        QTest::addColumn<int>("thrower"); // which part throws what
        QTest::addColumn<QString>("reason");
        QTest::addColumn<bool>("delivered");
        QTest::newRow("work: std::exception") << 0 << QStringLiteral("the store went away") << false;
        QTest::newRow("work: not an exception") << 1 << QStringLiteral("unknown error") << false;
        QTest::newRow("done: std::exception") << 2 << QStringLiteral("the view gave up") << true;
    }

    // One failure, on the GUI thread, with the reason; then the same requester delivers again.
    void throwingWorkReachesTheFailureHandler()
    {
        QFETCH(int, thrower);
        QFETCH(QString, reason);
        QFETCH(bool, delivered);
        LatestRequest request;
        FailureProbe probe;
        probe.attach(request);
        QSignalSpy failed(&probe, &FailureProbe::failed);
        bool done = false;
        auto work = [thrower]() -> int {
            switch (thrower) {
            case 0:
                throw std::runtime_error("the store went away");
            case 1:
                throw 3.5;
            default:
                return 1;
            }
        };
        request.run(work, [&done](int) {
            done = true;
            throw std::logic_error("the view gave up");
        });
        QVERIFY(request.busy());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
        const QList<QVariant> args = failed.takeFirst();
        QVERIFY2(args.at(0).toString().contains(reason), qPrintable(args.at(0).toString()));
        QVERIFY(args.at(0).toString().startsWith(QStringLiteral("A background task failed")));
        QVERIFY2(args.at(1).toBool(), "the failure handler runs on the GUI thread");
        QCOMPARE(done, delivered);
        QVERIFY(!request.busy());

        // The event loop still runs, and the next request of the same requester is delivered.
        bool ticked = false;
        QTimer::singleShot(0, this, [&ticked] { ticked = true; });
        int value = 0;
        request.run([] { return 7; }, [&value](int v) { value = v; });
        QTRY_COMPARE_WITH_TIMEOUT(value, 7, 5000);
        QVERIFY(ticked);
        QVERIFY(!request.busy());
        QCOMPARE(failed.count(), 0);
    }

    // A failure of a request a newer one replaced is stale: dropped like a stale result.
    void staleFailureIsDropped()
    {
        LatestRequest request;
        FailureProbe probe;
        probe.attach(request);
        QSignalSpy failed(&probe, &FailureProbe::failed);
        request.run(
            []() -> int {
                QThread::msleep(200);
                throw std::runtime_error("too late to matter");
            },
            [](int) {});
        int value = 0;
        request.run([] { return 5; }, [&value](int v) { value = v; });
        QTRY_COMPARE_WITH_TIMEOUT(value, 5, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!request.busy(), 5000);
        QCOMPARE(failed.count(), 0);
    }
};

int main(int argc, char **argv)
{
    // No Secret Service reachable, whatever the machine has: the refused-write path is under test.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/distillscope-failures-bus");
    QApplication app(argc, argv);
    TestUiFailures t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_ui_failures.moc"
