// Widget tests on a demo database (offscreen): every model under QAbstractItemModelTester, the
// import wizard, the new-run estimate, the run monitor, RSE drill-down, compare filters, ICE items,
// and a screenshot of each page.
#include "WindowTest.h"

#include "MainWindow.h"
#include "charts/ChartPanel.h"
#include "charts/FigureWidget.h"
#include "dialogs/ImportWizard.h"
#include "models/CompareModel.h"
#include "models/CoreModels.h"
#include "models/IceModels.h"
#include "models/MonitorModels.h"
#include "models/PromptWindowModel.h"
#include "models/ResultModels.h"
#include "pages/ComparePage.h"
#include "pages/DatasetsPage.h"
#include "pages/IceResultsPage.h"
#include "pages/ModelsPage.h"
#include "pages/NewRunPage.h"
#include "pages/RseResultsPage.h"
#include "pages/RunsPage.h"
#include "pages/SimilarityPage.h"
#include "services/AppContext.h"
#include "services/Appearance.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;
using namespace ds::ui;

class TestUi : public test::WindowTest {
    Q_OBJECT
private:
    void tester(QAbstractItemModel *m) { new QAbstractItemModelTester(m, QAbstractItemModelTester::FailureReportingMode::QtTest, m); }

private slots:
    void initTestCase()
    {
        QVERIFY(buildDemo(QStringLiteral("demo.sqlite")));
        QVERIFY(openWindow(m_demo.path));
    }

    void modelsPassModelTester()
    {
        // Attach testers before data arrives so resets and updates are checked too.
        tester(page<ModelsPage>("models")->model());
        tester(page<DatasetsPage>("datasets")->datasets());
        tester(page<DatasetsPage>("datasets")->prompts());
        tester(page<RunsPage>("runs")->runs());
        tester(page<RunsPage>("runs")->lanes());
        tester(page<RunsPage>("runs")->errors());
        tester(page<RseResultsPage>("rse")->cells());
        tester(page<RseResultsPage>("rse")->promptScores());
        tester(page<ComparePage>("compare")->model());
        for (const QString &id : MainWindow::pageIds()) {
            QVERIFY(m_window->setPage(id));
            QVERIFY(m_window->waitIdle());
        }
        QCOMPARE(page<ModelsPage>("models")->model()->rowCount(), 4);
        QCOMPARE(page<DatasetsPage>("datasets")->datasets()->rowCount(), 1);
        QCOMPARE(page<RunsPage>("runs")->runs()->rowCount(), 2);
        IceItemsModel items;
        tester(&items);
        IceBreakdownModel breakdown;
        tester(&breakdown);
        items.setRows(std::vector<IceRunItem>(3));
        breakdown.setRows(std::vector<IceRunBreakdownRow>(2));
    }

    void modelTextIsPlain()
    {
        m_window->setPage(QStringLiteral("datasets"));
        QVERIFY(m_window->waitIdle());
        auto *d = page<DatasetsPage>("datasets");
        bool found = false;
        for (int r = 0; r < d->prompts()->rowCount(); ++r)
            found |= d->prompts()->index(r, PromptWindowModel::Text).data().toString().contains(QStringLiteral("<b>Bold</b>"));
        QVERIFY(found);
        QSignalSpy loaded(d, &DatasetsPage::promptsLoaded);
        d->setSearch(QStringLiteral("HAIKU")); // searched in SQL, case-insensitively
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 5000);
        QCOMPARE(d->prompts()->rowCount(), 1);
        // The table holds previews; the viewer shows the whole prompt, read on selection.
        QSignalSpy shown(d, &DatasetsPage::promptShown);
        d->selectPrompt(0);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 5000);
        QVERIFY(d->viewerText().contains(QStringLiteral("haiku"), Qt::CaseInsensitive));
        d->setSearch(QString());
        QTRY_COMPARE_WITH_TIMEOUT(d->prompts()->rowCount(), m_demo.prompts, 5000);
    }

    void importWizard()
    {
        const QString file = m_dir.filePath(QStringLiteral("p.jsonl"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 30; ++i)
            f.write(QStringLiteral("{\"id\": \"x%1\", \"question\": \"Question number %1?\"}\n").arg(i).toUtf8());
        f.close();
        ImportWizard wizard(*m_ctx);
        QSignalSpy preview(&wizard, &ImportWizard::previewReady);
        QSignalSpy done(&wizard, &ImportWizard::imported);
        QSignalSpy failed(&wizard, &ImportWizard::failed);
        wizard.setFile(file);
        QTRY_VERIFY_WITH_TIMEOUT(!preview.isEmpty() && preview.last().at(0).toInt() == 30, 5000);
        QCOMPARE(wizard.previewModel()->rowCount(), 30);
        QVERIFY(wizard.previewModel()->index(0, PromptsModel::Text).data().toString().contains(QStringLiteral("Question number 0")));
        wizard.startImport();
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() || !failed.isEmpty(), 5000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
        QCOMPARE(done.first().at(1).toInt(), 30);
        // Same name again: the store refuses, the error is reported (inline, no dialog storm).
        wizard.startImport();
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 5000);
    }

    void newRunEstimate()
    {
        m_window->setPage(QStringLiteral("new-run"));
        QVERIFY(m_window->waitIdle());
        auto *p = page<NewRunPage>("new-run");
        QSignalSpy spy(p, &NewRunPage::estimateReady);
        p->selectRse(QStringLiteral("ref"), {QStringLiteral("s1"), QStringLiteral("u1")}, QStringLiteral("judge"),
                     {QStringLiteral("demo")});
        QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty(), 5000);
        const QString text = spy.last().at(0).toString();
        // All answers are stored: nothing to request but the judge calls (12 prompts x 2 tests).
        QVERIFY2(text.startsWith(QStringLiteral("0 answer requests")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("24 judge calls")), qPrintable(text));
        QCOMPARE(p->rseConfig().tests.size(), size_t(2));
    }

    void monitorUpdates()
    {
        m_window->setPage(QStringLiteral("runs"));
        QVERIFY(m_window->waitIdle());
        auto *p = page<RunsPage>("runs");
        p->selectRun(m_demo.rseRun);
        QCOMPARE(p->selectedRun(), qint64(m_demo.rseRun));
        JobProgress prog;
        prog.runId = m_demo.rseRun;
        prog.phase = "judging";
        prog.done = 10;
        prog.total = 40;
        prog.elapsedS = 5;
        prog.etaS = 15;
        prog.cost = 0.25;
        prog.lanes["s1"] = LaneProgress{5, 20, 1, 2};
        prog.lanes["u1"] = LaneProgress{5, 20, 0, 0};
        prog.errorKinds["http-429"] = 3;
        emit m_ctx->jobProgress(m_demo.rseRun, prog);
        QCOMPARE(p->lanes()->rowCount(), 2);
        QCOMPARE(p->errors()->rowCount(), 1);
        QVERIFY(p->monitorText().contains(QStringLiteral("10 of 40")));
        prog.done = 20;
        prog.lanes["s1"].done = 15;
        emit m_ctx->jobProgress(m_demo.rseRun, prog);
        QCOMPARE(p->lanes()->index(0, LanesModel::Done).data().toLongLong(), 15);
        QVERIFY(p->runs()
                    ->index(p->runs()->rowOfRun(m_demo.rseRun), RunsModel::Progress)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("20/40")));
    }

    void rseDrillDown()
    {
        auto *p = page<RseResultsPage>("rse");
        QSignalSpy shown(p, &RseResultsPage::resultsShown);
        QSignalSpy drill(p, &RseResultsPage::drillDownReady);
        QSignalSpy prompt(p, &RseResultsPage::promptShown);
        m_window->setPage(QStringLiteral("rse"));
        p->showRun(m_demo.rseRun);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 1, 10000);
        QCOMPARE(p->cells()->rowCount(), 2);
        QVERIFY(p->heatmap()->figureWidget()->figure());
        p->drillDown(0, 0); // best model (s1) on "demo"
        QTRY_VERIFY_WITH_TIMEOUT(!drill.isEmpty(), 5000);
        QCOMPARE(drill.last().at(0).toInt(), m_demo.prompts);
        p->selectPrompt(0);
        QTRY_COMPARE_WITH_TIMEOUT(prompt.size(), 1, 5000); // answers and judgments are read on selection
        QVERIFY(p->referenceText().contains(QStringLiteral("structured answer")));
        QVERIFY(p->testText().contains(QStringLiteral("structured answer")));
        QVERIFY(p->rationaleText().contains(QStringLiteral("Nearly the same")));
    }

    void compareFilters()
    {
        m_window->setPage(QStringLiteral("compare"));
        QVERIFY(m_window->waitIdle());
        auto *p = page<ComparePage>("compare");
        QSignalSpy loaded(p, &ComparePage::loaded);
        QSignalSpy shown(p, &ComparePage::promptShown);
        auto reloadTo = [&](auto change) -> int { // rows shown after `change`, -1 on timeout
            loaded.clear();
            change();
            if (!QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 5000))
                return -1;
            return loaded.last().at(0).toInt();
        };
        QCOMPARE(reloadTo([&] {
                     p->choose(QStringLiteral("demo"), {QStringLiteral("ref"), QStringLiteral("s1"), QStringLiteral("u1")},
                               QStringLiteral("ref"));
                 }),
                 m_demo.prompts);
        QCOMPARE(p->model()->rowCount(), m_demo.prompts);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 5000);
        QCOMPARE(p->shownTexts().size(), 3);
        QVERIFY(!p->shownTexts().first().isEmpty());
        QCOMPARE(reloadTo([&] { p->setSearch(QStringLiteral("haiku")); }), 1);
        QCOMPARE(reloadTo([&] { p->setSearch(QString()); }), m_demo.prompts);
        QCOMPARE(reloadTo([&] { p->setCompleteOnly(true); }), m_demo.prompts);

        // Scores from the RSE run: one column per model, filters on them.
        QCOMPARE(reloadTo([&] { p->setScoreRun(m_demo.rseRun); }), m_demo.prompts);
        QCOMPARE(p->model()->columnCount(), int(CompareModel::FirstScore) + 3);
        QCOMPARE(reloadTo([&] { p->setScoreRange(4.5, 5.0); }), 2); // s1 on prompts 0 and 6
        QCOMPARE(reloadTo([&] { p->setScoreRange(1.0, 2.0); }), 6); // u1 on the even prompts
        QCOMPARE(reloadTo([&] { p->setScoreRange(5.0, 1.0); }), m_demo.prompts);
        // A second judge disagreeing on prompt 3 only.
        Judgment other =
            m_ctx->store().judgmentsOfPrompt(m_demo.rseRun, m_ctx->store().prompts(m_ctx->store().dataset("demo")->id)[3].id).front();
        other.judgeModel = "judge-2";
        other.overall = 1.0;
        m_ctx->store().putJudgment(other);
        m_ctx->store().flush();
        shown.clear();
        QCOMPARE(reloadTo([&] { p->setJudgesDisagree(true); }), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 5000);
        QVERIFY2(p->paneTitles().join(QLatin1Char('|')).contains(QStringLiteral("judgments")),
                 qPrintable(p->paneTitles().join(QLatin1Char('|'))));
        QCOMPARE(reloadTo([&] { p->setJudgesDisagree(false); }), m_demo.prompts);

        p->step(-100);
        QCOMPARE(p->currentPromptRow(), 0);
        p->step(1);
        QCOMPARE(p->currentPromptRow(), 1);
        QTest::keyClick(p->findChild<QTableView *>(), Qt::Key_J);
        QCOMPARE(p->currentPromptRow(), 2);
        QTest::keyClick(p->findChild<QTableView *>(), Qt::Key_K);
        QCOMPARE(p->currentPromptRow(), 1);
        const auto diff = wordsNotIn(QStringLiteral("alpha beta gamma"), QStringLiteral("Alpha gamma"));
        QCOMPARE(diff.size(), size_t(1));
        QCOMPARE(diff.front().first, 6);
    }

    void iceItems()
    {
        QVERIFY(m_demo.iceRun);
        auto *p = page<IceResultsPage>("ice");
        QSignalSpy shown(p, &IceResultsPage::resultsShown);
        QSignalSpy items(p, &IceResultsPage::itemsShown);
        m_window->setPage(QStringLiteral("ice"));
        p->showRun(m_demo.iceRun);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!items.isEmpty(), 5000);
        QCOMPARE(items.last().at(0).toInt(), 24);
        p->filterItems(QStringLiteral("team"), QStringLiteral("en"));
        QCOMPARE(items.last().at(0).toInt(), 4);
        p->selectItem(0);
        QVERIFY(!p->responseText().isEmpty());
        // The rule judge's conflicting clause is marked in the response it came from.
        p->filterItems(QString(), QString());
        int marked = 0;
        for (int i = 0; i < p->itemCount(); ++i) {
            p->selectItem(i);
            for (const QString &claim : p->markedClaims()) {
                QVERIFY(p->responseText().contains(claim));
                ++marked;
            }
        }
        QVERIFY2(marked > 0, "no conflicting claim marked in the demo ICE run");
    }

    void appearanceSwitchesMidSession()
    {
        auto *p = page<RseResultsPage>("rse");
        QSignalSpy shown(p, &RseResultsPage::resultsShown);
        m_window->setPage(QStringLiteral("rse"));
        p->showRun(m_demo.rseRun);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
        FigureWidget *figure = p->heatmap()->figureWidget();
        auto corner = [&] { return figure->grab().toImage().pixelColor(2, 2); }; // figure background
        const QPalette before = QApplication::palette();
        applyAppearance(QStringLiteral("dark"));
        QCOMPARE(currentAppearance(), QStringLiteral("dark"));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QTRY_VERIFY(corner().lightness() < 80); // the open chart repainted from the new palette
        QVERIFY(figure->palette().color(QPalette::WindowText).lightness() > 180);
        applyAppearance(QStringLiteral("light"));
        QTRY_VERIFY(corner().lightness() > 200);
        applyAppearance(QStringLiteral("system"));
        QCOMPARE(QApplication::palette().color(QPalette::Window), before.color(QPalette::Window));
        QCOMPARE(currentAppearance(), QStringLiteral("system"));
    }

    void similarity()
    {
        m_window->setPage(QStringLiteral("similarity"));
        QVERIFY(m_window->waitIdle());
        auto *p = page<SimilarityPage>("similarity");
        QSignalSpy shown(p, &SimilarityPage::matrixShown);
        p->choose(QStringLiteral("demo"), QStringLiteral("tfidf"));
        p->compute();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
        QCOMPARE(shown.last().at(0).toInt(), 3);
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("DS_UI_SCREENSHOT_DIR", m_dir.filePath(QStringLiteral("screens")));
        QDir().mkpath(dir);
        for (const QString &id : MainWindow::pageIds()) {
            QVERIFY(m_window->setPage(id));
            QVERIFY(m_window->waitIdle());
            const QImage img = m_window->grab().toImage();
            QVERIFY(!img.isNull());
            QVERIFY(img.width() >= 1000);
            QVERIFY(img.save(QDir(dir).filePath(id + QStringLiteral(".png"))));
        }
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
