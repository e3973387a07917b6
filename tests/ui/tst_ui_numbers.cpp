// The numbers the results pages show, on a demo database with two ICE runs and two RSE runs against
// different references (offscreen, real store file): drill-downs follow the clicked run, per-order
// judge scores, unrounded means, fixed colour scales and real per-template intervals.
#include "WindowTest.h"

#include "MainWindow.h"
#include "charts/ChartPanel.h"
#include "charts/FigureWidget.h"
#include "charts/HeatmapFigure.h"
#include "charts/RseCharts.h"
#include "models/IceModels.h"
#include "models/ResultModels.h"
#include "pages/IceResultsPage.h"
#include "pages/RseResultsPage.h"
#include "services/AppContext.h"
#include "store/Store.h"
#include "widgets/RunPicker.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;
using namespace ds::ui;

class TestUiNumbers : public test::WindowTest {
    Q_OBJECT
private:
    test::ComparisonRuns m_more;

    /// Clicks the centre of heatmap cell (row, col) as a user would.
    static void clickCell(FigureWidget *w, int row, int col)
    {
        const double ptPerPx = 72.0 / double(w->logicalDpiX() > 0 ? w->logicalDpiX() : 96);
        const QRectF rectPt(0, 0, w->width() * ptPerPx, w->height() * ptPerPx);
        const auto cell = w->figure()->itemRect(row, col, rectPt, w->currentStyle());
        QVERIFY(cell);
        QTest::mouseClick(w, Qt::LeftButton, {}, (cell->center() / ptPerPx).toPoint());
    }

    RunPicker *pickerOf(QWidget *page) { return page->findChild<RunPicker *>(); }

private slots:
    void initTestCase()
    {
        QVERIFY(buildDemo(QStringLiteral("numbers.sqlite")));
        m_more = test::addComparisonRuns(m_demo.path);
        QVERIFY(openWindow(m_demo.path));
    }

    void iceDrillDownFollowsClickedRun_data()
    {
        QTest::addColumn<int>("runIndex"); // 0 = first ticked run (s1), 1 = second (u1)
        QTest::addColumn<QString>("model");
        QTest::newRow("first run") << 0 << QStringLiteral("s1");
        QTest::newRow("second run") << 1 << QStringLiteral("u1");
    }

    void iceDrillDownFollowsClickedRun()
    {
        QVERIFY(m_demo.iceRun);
        QFETCH(int, runIndex);
        QFETCH(QString, model);
        auto *p = page<IceResultsPage>("ice");
        QSignalSpy shown(p, &IceResultsPage::resultsShown);
        QSignalSpy items(p, &IceResultsPage::itemsShown);
        m_window->setPage(QStringLiteral("ice"));
        QVERIFY(m_window->waitIdle());
        pickerOf(p)->setChecked(m_demo.iceRun, true);
        pickerOf(p)->setChecked(m_more.iceSecond, false);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!items.isEmpty() && !p->isLoading(), 5000);
        p->setTab(1);
        FigureWidget *w = p->aspectsPanel()->figureWidget();
        const auto *fig = dynamic_cast<const HeatmapFigure *>(w->figure().get());
        QVERIFY(fig);
        // Rows are grouped per run: click the "team" row of the wanted run, language column "all".
        int row = -1;
        for (int r = 0; r < fig->data().rows.size(); ++r)
            if (fig->data().rows[r].startsWith(model + QStringLiteral(" · ")) && fig->data().rows[r].endsWith(QStringLiteral("team")))
                row = r;
        QVERIFY2(row >= 0, qPrintable(fig->data().rows.join(QLatin1Char('|'))));
        const int allCol = int(fig->data().cols.size()) - 1;
        items.clear();
        clickCell(w, row, allCol);
        QVERIFY(!items.isEmpty());
        QCOMPARE(w->selectedCell(), std::make_pair(row, allCol));
        const int n = items.last().at(0).toInt();
        QCOMPARE(n, runIndex == 0 ? 8 : 2); // s1: 4 templates x 2 team questions; u1: 2 x 1
        for (int i = 0; i < n; ++i)
            QCOMPARE(p->shownModel(i), model);
        p->selectItem(0);
        QVERIFY(p->responseText().contains(QStringLiteral("second run")) == (runIndex == 1));
    }

    void iceTemplatesOfEveryRunWithRealIntervals()
    {
        QVERIFY(m_demo.iceRun);
        auto *p = page<IceResultsPage>("ice");
        QAbstractItemModel *t = p->templateTable();
        QTRY_VERIFY_WITH_TIMEOUT(t->rowCount() == 6, 5000); // 4 templates of s1 + 2 of u1
        const QStringList models = p->templateModels();
        QCOMPARE(models.count(QStringLiteral("s1")), 4);
        QCOMPARE(models.count(QStringLiteral("u1")), 2);
        for (int r = 0; r < t->rowCount(); ++r) {
            const QString ci = t->index(r, IceBreakdownModel::LooseCi).data().toString();
            const double width = t->index(r, IceBreakdownModel::LooseCi).data(SortRole).toDouble();
            QCOMPARE(t->index(r, IceBreakdownModel::CiMethod).data().toString(), QStringLiteral("Wilson"));
            // A single template still has an interval: Wilson over its responses, never [x, x].
            QVERIFY2(width > 0.05, qPrintable(ci));
        }
        // The Wilson interval of 2 hits in 6: [0.097, 0.700].
        QCOMPARE(QString::number(ice::wilsonInterval(2, 6).lo, 'f', 3), QStringLiteral("0.097"));
        QCOMPARE(QString::number(ice::wilsonInterval(2, 6).hi, 'f', 3), QStringLiteral("0.700"));
    }

    void rseJudgePaneShowsBothOrders()
    {
        auto *p = page<RseResultsPage>("rse");
        QSignalSpy shown(p, &RseResultsPage::resultsShown);
        QSignalSpy drill(p, &RseResultsPage::drillDownReady);
        QSignalSpy prompt(p, &RseResultsPage::promptShown);
        m_window->setPage(QStringLiteral("rse"));
        p->showRun(m_more.rseOtherReference);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && !p->isLoading(), 10000);
        QCOMPARE(p->cells()->rowCount(), 1);
        clickCell(p->heatmap()->figureWidget(), 0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!drill.isEmpty(), 5000);
        // The prompt list keeps the mean of the two orders: 2.50, not "3".
        QCOMPARE(p->promptScores()->index(0, PromptScoresModel::Overall).data().toString(), QStringLiteral("2.50"));
        QCOMPARE(p->promptScores()->index(0, PromptScoresModel::Style).data().toString(), QStringLiteral("2.50"));
        p->selectPrompt(0);
        QTRY_VERIFY_WITH_TIMEOUT(!prompt.isEmpty(), 5000);
        const QString judge = p->rationaleText();
        for (const char *part : {"Mean of 2 scored order(s): overall 2.50, style 2.50", "Reference shown first", "overall 3.00 — style 3",
                                 "Reference-first rationale.", "Test shown first", "overall 2.00 — style 2", "Test-first rationale."})
            QVERIFY2(judge.contains(QString::fromUtf8(part)), qPrintable(judge));
        QVERIFY2(judge.indexOf(QStringLiteral("Reference shown first")) < judge.indexOf(QStringLiteral("Test shown first")),
                 qPrintable(judge));
    }

    void rseHeatmapScaleIsTheScoreRange_data()
    {
        QTest::addColumn<bool>("fit");
        QTest::newRow("1-5 by default") << false;
        QTest::newRow("fit to data") << true;
    }

    void rseHeatmapScaleIsTheScoreRange()
    {
        QFETCH(bool, fit);
        auto *p = page<RseResultsPage>("rse");
        m_window->setPage(QStringLiteral("rse"));
        p->showRun(m_demo.rseRun);
        QTRY_VERIFY_WITH_TIMEOUT(p->cells()->rowCount() == 2 && !p->isLoading(), 10000);
        p->setFitColoursToData(fit);
        const auto *fig = dynamic_cast<const HeatmapFigure *>(p->heatmap()->figureWidget()->figure().get());
        QVERIFY(fig);
        QCOMPARE(std::isnan(fig->data().vmin), fit);
        QCOMPARE(std::isnan(fig->data().vmax), fit);
        if (!fit) {
            QCOMPARE(fig->data().vmin, 1.0);
            QCOMPARE(fig->data().vmax, 5.0);
            QVERIFY(fig->data().scaleLabel.contains(QStringLiteral("(1–5)")));
        } else {
            QVERIFY(!fig->data().scaleLabel.contains(QStringLiteral("(1–5)")));
        }
        p->setFitColoursToData(false);
    }

    void rseRunsWithDifferentReferencesNameThem()
    {
        auto *p = page<RseResultsPage>("rse");
        QSignalSpy shown(p, &RseResultsPage::resultsShown);
        m_window->setPage(QStringLiteral("rse"));
        pickerOf(p)->setChecked(m_demo.rseRun, true);
        pickerOf(p)->setChecked(m_more.rseOtherReference, false);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 2 && !p->isLoading(), 10000);
        const auto *fig = dynamic_cast<const HeatmapFigure *>(p->heatmap()->figureWidget()->figure().get());
        QVERIFY(fig);
        const QString rows = fig->data().rows.join(QLatin1Char('|'));
        QVERIFY2(rows.contains(QStringLiteral("s1 vs ref")), qPrintable(rows));
        QVERIFY2(rows.contains(QStringLiteral("u1 vs ref")), qPrintable(rows));
        QVERIFY2(rows.contains(QStringLiteral("u1 vs s1")), qPrintable(rows));
        QVERIFY2(fig->data().title.contains(QStringLiteral("different references (ref, s1)")), qPrintable(fig->data().title));
        // Same reference: no per-row reference needed.
        std::vector<rse::RseResults> one(2);
        one[0].config.reference = one[1].config.reference = "ref";
        one[0].runName = "a", one[1].runName = "b";
        QVERIFY(!rseHeatmap(one, RseAspect::Overall).title.contains(QStringLiteral("different")));
    }
};

QTEST_MAIN(TestUiNumbers)
#include "tst_ui_numbers.moc"
