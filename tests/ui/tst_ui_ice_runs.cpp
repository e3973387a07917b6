// ICE runs from the GUI against the simulator over HTTP (offscreen, a real SQLite file in a temp
// dir): the New run page's spend ceiling reaches the run's Pipeline (the run-total ceiling RSE uses,
// counted over all sessions: a resume spends nothing more), and the Runs page shows the target lane's
// planned total (Done / Total / %) while lanes whose size depends on the answers show "—".
#include "RunFixtures.h"

#include "MainWindow.h"
#include "ice/IceRun.h"
#include "ice/IceStore.h"
#include "models/CoreModels.h"
#include "models/MonitorModels.h"
#include "pages/NewRunPage.h"
#include "pages/RunsPage.h"
#include "services/AppContext.h"
#include "sim/SimServer.h"
#include "store/Store.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace ds;
using namespace ds::ui;

namespace {

QString cell(QAbstractItemModel *m, int row, int col)
{
    return m->index(row, col).data().toString();
}

int64_t completions(const sim::SimServer &sim)
{
    return nlohmann::json::parse(sim.statsJson())["completions"].get<int64_t>();
}

int laneRow(LanesModel *lanes, const QString &model)
{
    for (int r = 0; r < lanes->rowCount(); ++r)
        if (cell(lanes, r, LanesModel::Model) == model)
            return r;
    return -1;
}

} // namespace

class TestUiIceRuns : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<sim::SimServer> m_sim;
    std::string m_url;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        auto parsed = sim::parseSimConfig(R"({"seed": 5, "models": [
          {"name": "student", "creator": "DeepSeek", "vendor": "deepseek", "model_family": "DeepSeek", "identity_leak_rate": 0.3},
          {"name": "helper", "role": "helper"}]})");
        QVERIFY2(parsed.ok(), parsed.error.c_str());
        m_sim = std::make_unique<sim::SimServer>(*parsed.config);
        const int port = m_sim->start(0);
        QVERIFY(port > 0);
        m_url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
    }

    void cleanupTestCase()
    {
        if (m_sim)
            m_sim->stop();
    }

    void spendCeilingAndLaneTotals_data()
    {
        QTest::addColumn<double>("ceiling");
        QTest::addColumn<QString>("status");
        // About $0.10-0.25 a request at these prices: a full run costs several dollars.
        QTest::newRow("no ceiling") << 0.0 << QStringLiteral("complete");
        QTest::newRow("$1.50 ceiling") << 1.5 << QStringLiteral("paused");
    }
    void spendCeilingAndLaneTotals()
    {
        QFETCH(double, ceiling);
        QFETCH(QString, status);
        const QString path = m_dir.filePath(QStringLiteral("ice-%1.sqlite").arg(QLatin1String(QTest::currentDataTag())));
        {
            std::string error;
            auto store = Store::open(path.toStdString(), &error);
            QVERIFY2(store, error.c_str());
            for (const char *name : {"student", "helper"}) {
                ModelConfig m = test::pricedModel(name, m_url, 256, 100, 1000);
                m.concurrency = 4;
                QVERIFY2(store->saveModel(m, &error), error.c_str());
            }
        }
        QString error;
        auto ctx = AppContext::open(path, &error);
        QVERIFY2(ctx, qPrintable(error));
        MainWindow window(*ctx);
        window.setConfirmClose(false);
        window.resize(1400, 900);
        window.show();
        window.setPage(QStringLiteral("new-run"));
        QVERIFY(window.waitIdle());
        auto *page = static_cast<NewRunPage *>(window.page(QStringLiteral("new-run")));
        page->selectIce(QStringLiteral("student"), QStringLiteral("rules"), 2);
        QVERIFY(page->selectIceVendor(QStringLiteral("deepseek")));
        auto *helper = page->findChild<QComboBox *>(QStringLiteral("iceHelper"));
        auto *spend = page->findChild<QDoubleSpinBox *>(QStringLiteral("iceSpendCeiling"));
        QVERIFY(helper && spend);
        helper->setCurrentText(QStringLiteral("helper"));
        QCOMPARE(spend->value(), 0.0); // "no ceiling" by default, as for RSE
        spend->setValue(ceiling);

        QSignalSpy started(page, &NewRunPage::runStarted);
        QSignalSpy finished(ctx.get(), &AppContext::jobFinished);
        page->startIce();
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 10000);
        const qint64 runId = started.first().at(0).toLongLong();
        const auto config = nlohmann::json::parse(ctx->store().run(runId)->configJson);
        QCOMPARE(config.value("spend_limit", -1.0), ceiling); // stored in the run, where resume reads it

        // While it runs, the Runs page (opened by the start) shows the target lane's planned total.
        auto *runs = static_cast<RunsPage *>(window.page(QStringLiteral("runs")));
        QTRY_COMPARE_WITH_TIMEOUT(runs->selectedRun(), runId, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(laneRow(runs->lanes(), QStringLiteral("student")) >= 0 || !finished.isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
        const auto result = finished.last().at(1).value<JobResult>();
        QCOMPARE(QString::fromLatin1(runStatusName(result.status)), status);
        const RunInfo run = *ctx->store().run(runId);
        QCOMPARE(QString::fromLatin1(runStatusName(run.status)), status);
        QVERIFY(run.spent > 0);
        if (ceiling > 0) {
            QVERIFY2(run.spent <= ceiling, qPrintable(QString::number(run.spent)));
            QVERIFY2(result.message.find("spend ceiling of $1.5000") != std::string::npos, result.message.c_str());
            bool event = false;
            for (const auto &e : ctx->store().events(runId))
                event = event || e.kind == "spend-limit";
            QVERIFY(event);
        } else {
            QVERIFY2(run.spent > 1.5, qPrintable(QString::number(run.spent))); // the ceiling row stops a run that costs more
        }

        // The finished run's lanes: the target's planned total is a number, with a percentage; the
        // helper's (re-mutations depend on the answers) is "—".
        runs->selectRun(runId);
        QTRY_VERIFY_WITH_TIMEOUT(!runs->isLoading(), 5000);
        LanesModel *lanes = runs->lanes();
        const int t = laneRow(lanes, QStringLiteral("student")), h = laneRow(lanes, QStringLiteral("helper"));
        QVERIFY(t >= 0 && h >= 0);
        bool ok = false;
        const qint64 total = cell(lanes, t, LanesModel::Total).toLongLong(&ok);
        QVERIFY2(ok && total > 0, qPrintable(cell(lanes, t, LanesModel::Total)));
        const qint64 done = cell(lanes, t, LanesModel::Done).toLongLong();
        QCOMPARE(cell(lanes, t, LanesModel::Percent), QString::number(100 * done / total));
        QCOMPARE(cell(lanes, h, LanesModel::Total), QStringLiteral("—"));
        QCOMPARE(cell(lanes, h, LanesModel::Percent), QStringLiteral("—"));
        const qint64 items = qint64(IceStore(ctx->store()).items(runId).size());
        if (ceiling > 0) {
            QVERIFY2(done < total, qPrintable(QStringLiteral("%1 of %2").arg(done).arg(total)));
        } else {
            // Complete: every planned target request was asked and stored.
            QCOMPARE(done, total);
            QCOMPARE(items, total);
            QCOMPARE(cell(lanes, t, LanesModel::Percent), QStringLiteral("100"));
        }
        const QString progress = cell(runs->runs(), runs->runs()->rowOfRun(runId), RunsModel::Progress);
        QVERIFY2(!progress.contains(QStringLiteral("/0")), qPrintable(progress));

        if (ceiling > 0) {
            // Resume: the ceiling counts the run's whole life (not each session from $0), so sessions
            // only use what the first left below it (each sends while an upper-bound estimate of the next
            // request still fits), and then send nothing at all.
            int64_t sent = -1;
            for (int session = 0; session < 30 && completions(*m_sim) != sent; ++session) {
                sent = completions(*m_sim);
                finished.clear();
                QVERIFY2(ctx->startRun(runId, false, &error), qPrintable(error));
                QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
                const auto again = finished.last().at(1).value<JobResult>();
                QCOMPARE(int(again.status), int(RunStatus::Paused));
                QVERIFY2(again.message.find("spend ceiling") != std::string::npos, again.message.c_str());
                QVERIFY2(ctx->store().run(runId)->spent <= ceiling, qPrintable(QString::number(ctx->store().run(runId)->spent)));
            }
            QCOMPARE(completions(*m_sim), sent); // the last session sent nothing
        }
    }
};

QTEST_MAIN(TestUiIceRuns)
#include "tst_ui_ice_runs.moc"
