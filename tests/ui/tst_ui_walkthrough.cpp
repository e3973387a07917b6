// What a walk-through of the GUI on the demo database found (the last items of issue 13), each
// checked on a real store file, offscreen: one test function per finding, newest last.
#include "WindowTest.h"

#include "MainWindow.h"
#include "charts/ChartPanel.h"
#include "charts/IceCharts.h"
#include "charts/ScatterFigure.h"
#include "models/CompareModel.h"
#include "models/ResultModels.h"
#include "pages/ComparePage.h"
#include "pages/IceResultsPage.h"
#include "pages/NewRunPage.h"
#include "pages/RseResultsPage.h"
#include "pages/RunsPage.h"
#include "pages/SimilarityPage.h"
#include "services/AppContext.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"
#include "widgets/RunPicker.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>

using namespace ds;
using namespace ds::ui;

namespace {
const std::string kLong = "meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo";

/// A run testing a model with a long name (answers on every prompt, scored 3), so the Compare page's
/// score filter offers that name.
int64_t addLongNameRun(Store &store)
{
    std::string error;
    const auto prompts = store.prompts(store.dataset("demo")->id);
    std::vector<ResponseRecord> answers;
    for (const auto &p : prompts)
        answers.push_back(test::importedAnswer(kLong, p.id, "A long-named model's answer " + std::to_string(p.idx)));
    if (!store.importResponses(answers, &error))
        return 0;
    const int64_t runId = test::createDemoRseRun(store, "long-name", "ref", {"s1", kLong}, false);
    for (const auto &p : prompts)
        for (const std::string &model : {std::string("s1"), kLong})
            store.putJudgment(test::demoJudgment(runId, p.id, model, "ref", "rt", 3.0));
    store.setRunStatus(runId, RunStatus::Complete);
    return runId;
}

/// `w`'s rectangle in `window` coordinates.
QRect inWindow(const QWidget *w, const QWidget *window)
{
    return QRect(w->mapTo(window, QPoint(0, 0)), w->size());
}
} // namespace

class TestUiWalkthrough : public test::WindowTest {
    Q_OBJECT
private:
    int64_t m_longRun = 0;
    std::map<QString, int64_t> m_statusRuns; ///< status -> a run left in it

    /// A fresh demo database for one data row, changed by `extra` (given its path), in its own context.
    std::unique_ptr<AppContext> rowDb(test::DemoDb *demo, const std::function<void(const QString &)> &extra = {})
    {
        QString name = QStringLiteral("%1-%2")
                           .arg(QLatin1String(QTest::currentTestFunction()), QLatin1String(QTest::currentDataTag()))
                           .replace(QLatin1Char(' '), QLatin1Char('-'));
        *demo = test::buildDemoDb(m_dir.filePath(name + QStringLiteral(".sqlite")));
        if (extra)
            extra(demo->path);
        return test::openContext(demo->path);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(buildDemo(QStringLiteral("walkthrough.sqlite")));
        QVERIFY(test::changeStore(m_demo.path, [this](Store &store) {
            m_longRun = addLongNameRun(store);
            QVERIFY(m_longRun > 0);
            for (const char *status : {"created", "running", "paused", "cancelled", "incomplete", "failed", "complete"}) {
                const int64_t id = test::createDemoRseRun(store, std::string("status-") + status, "ref", {"s1"}, false);
                QVERIFY(id > 0);
                store.setRunStatus(id, runStatusFromName(status));
                m_statusRuns[QString::fromLatin1(status)] = id;
            }
        }));
        QVERIFY(openWindow(m_demo.path));
    }

    // The prompt list of a clicked RSE cell has eight columns: from 1400 px every one is at least as
    // wide as its header, the prompt keeps a readable width, and nothing needs scrolling. At 1024 px
    // the list scrolls sideways instead, so that the two answers beside it stay readable too.
    void rseDrillDownColumnsFit_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("allColumns");
        QTest::newRow("1400x900") << QSize(1400, 900) << true;
        QTest::newRow("1600x1000") << QSize(1600, 1000) << true;
        QTest::newRow("1024x700") << QSize(1024, 700) << false;
    }
    void rseDrillDownColumnsFit()
    {
        QFETCH(QSize, size);
        QFETCH(bool, allColumns);
        m_window->resize(size);
        m_window->setPage(QStringLiteral("rse"));
        auto *p = page<RseResultsPage>("rse");
        QSignalSpy shown(p, &RseResultsPage::resultsShown);
        QSignalSpy drill(p, &RseResultsPage::drillDownReady);
        p->showRun(m_demo.rseRun);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && !p->isLoading(), 10000);
        p->drillDown(0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!drill.isEmpty(), 5000);
        QVERIFY(m_window->waitIdle());
        QCOMPARE(m_window->width(), size.width()); // the page's minimum widths do not push the window wider
        const auto views = m_window->findChild<QSplitter *>(QStringLiteral("rseDrillSplitter"))->findChildren<QTableView *>();
        QCOMPARE(views.size(), 1);
        QTableView *view = views.first();
        QCOMPARE(view->model()->columnCount(), int(PromptScoresModel::ColumnCount));
        QHeaderView *h = view->horizontalHeader();
        int total = 0;
        for (int c = 0; c < h->count(); ++c) {
            const QString name = view->model()->headerData(c, Qt::Horizontal).toString();
            QVERIFY2(h->sectionSize(c) >= std::min(h->sectionSizeHint(c), 80),
                     qPrintable(QStringLiteral("%1: %2 px, header needs %3").arg(name).arg(h->sectionSize(c)).arg(h->sectionSizeHint(c))));
            if (allColumns)
                QVERIFY2(
                    h->sectionSize(c) >= h->sectionSizeHint(c),
                    qPrintable(QStringLiteral("%1: %2 px, header needs %3").arg(name).arg(h->sectionSize(c)).arg(h->sectionSizeHint(c))));
            total += h->sectionSize(c);
        }
        if (allColumns) {
            QVERIFY2(total <= view->viewport()->width(),
                     qPrintable(QStringLiteral("columns %1 px in %2").arg(total).arg(view->viewport()->width())));
            QVERIFY2(h->sectionSize(PromptScoresModel::Prompt) >= 160,
                     qPrintable(QString::number(h->sectionSize(PromptScoresModel::Prompt))));
        }
        QVERIFY2(view->width() >= 300, qPrintable(QString::number(view->width())));
        // The two answers beside it keep a readable width too (the judge pane under them spans both).
        const auto responses = m_window->findChild<QSplitter *>(QStringLiteral("rseResponsesSplitter"));
        QCOMPARE(responses->count(), 2);
        for (int i = 0; i < responses->count(); ++i)
            QVERIFY2(responses->widget(i)->width() >= (allColumns ? 170 : 150), qPrintable(QString::number(responses->widget(i)->width())));
        m_window->resize(1400, 900);
    }

    // Teacher identification starts with a student: a model the dataset's RSE runs test and never use
    // as reference (the reference is the suspected teacher, so asking for its teacher reads backwards).
    void similarityDefaultStudent_data()
    {
        QTest::addColumn<bool>("secondReference");
        QTest::addColumn<QString>("student");
        QTest::newRow("ref is the reference") << false << QStringLiteral("s1");
        QTest::newRow("s1 is a reference too") << true << QStringLiteral("u1");
    }
    void similarityDefaultStudent()
    {
        QFETCH(bool, secondReference);
        QFETCH(QString, student);
        test::DemoDb demo;
        auto ctx = rowDb(&demo, [&](const QString &path) {
            if (secondReference)
                test::addComparisonRuns(path); // reference s1, test u1
        });
        QVERIFY(ctx);
        SimilarityPage p(*ctx);
        QSignalSpy listed(&p, &SimilarityPage::modelsListed);
        test::showPage(p);
        // Busy until the models are listed too (the screenshots waited on this and caught empty lists).
        QTRY_VERIFY_WITH_TIMEOUT(!p.isLoading(), 5000);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(p.availableModels().first(), QStringLiteral("ref")); // the first model listed is the reference
        QCOMPARE(p.student(), student);
    }

    // The ICE-vs-RSE scatter starts with an RSE run that tests an ICE run's target (the newest such),
    // not "(none)"; a newer run that tests none of them is passed over.
    void iceScatterPreselectsARun_data()
    {
        QTest::addColumn<QString>("added"); // to the demo database
        QTest::addColumn<QString>("run");
        QTest::newRow("the run testing the target") << QString() << QStringLiteral("demo-rse");
        QTest::newRow("a newer unrelated run is passed over") << QStringLiteral("unrelated") << QStringLiteral("demo-rse");
        QTest::newRow("the newest run testing a target") << QStringLiteral("comparison") << QStringLiteral("other-reference");
    }
    void iceScatterPreselectsARun()
    {
        QFETCH(QString, added);
        QFETCH(QString, run);
        test::DemoDb demo;
        auto ctx = rowDb(&demo, [&](const QString &path) {
            if (added == QLatin1String("comparison"))
                test::addComparisonRuns(path); // ICE target u1, RSE "other-reference" tests u1
            if (added == QLatin1String("unrelated"))
                test::changeStore(path, [](Store &store) { test::createDemoRseRun(store, "unrelated", "s1", {"ref"}, false); });
        });
        QVERIFY(ctx);
        IceResultsPage p(*ctx);
        QSignalSpy shown(&p, &IceResultsPage::resultsShown);
        test::showPage(p);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && !p.isLoading(), 5000);
        QVERIFY(p.scatterRseRun() != 0);
        QCOMPARE(QString::fromStdString(ctx->store().run(p.scatterRseRun())->name), run);
        // A choice the user made, "(none)" included, survives a reload.
        auto *combo = p.findChild<QComboBox *>(QStringLiteral("iceScatterRseRun"));
        QVERIFY(combo);
        combo->setCurrentIndex(0);
        p.reloadRuns();
        QTRY_VERIFY_WITH_TIMEOUT(!p.isLoading(), 5000);
        QCOMPARE(p.scatterRseRun(), 0);
    }

    // Resume continues what is missing; a complete run has nothing missing (and no failed request to
    // retry), so both buttons are off and their tooltips say why. Every other stopped status resumes.
    void resumeFollowsTheStatus_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("enabled");
        // "running" is a run left so by a process that died.
        for (const char *status : {"complete", "incomplete", "paused", "failed", "cancelled", "created", "running"})
            QTest::newRow(status) << QString::fromLatin1(status) << (qstrcmp(status, "complete") != 0);
    }
    void resumeFollowsTheStatus()
    {
        QFETCH(QString, status);
        QFETCH(bool, enabled);
        m_window->setPage(QStringLiteral("runs"));
        auto *p = page<RunsPage>("runs");
        p->reload();
        QTRY_VERIFY_WITH_TIMEOUT(!p->isLoading(), 5000);
        const int64_t id = m_statusRuns.at(status);
        p->selectRun(id);
        QTRY_COMPARE_WITH_TIMEOUT(p->selectedRun(), qint64(id), 5000);
        QCOMPARE(p->resumeButton()->isEnabled(), enabled);
        QCOMPARE(p->resumeButton()->toolTip().contains(QStringLiteral("complete")), !enabled);
        QCOMPARE(p->retryButton()->isEnabled(), enabled); // an RSE run: Retry failed follows Resume
        QCOMPARE(p->retryButton()->toolTip().contains(QStringLiteral("complete")), !enabled);
    }

    // At 1024 x 700 the filter rows (a long model name in the score filter) fit the left pane: every
    // control gets its minimum width inside it, the panes stay in the window and the prompt column of
    // the list stays visible.
    void compareFiltersFitAt1024()
    {
        m_window->resize(1024, 700);
        m_window->setPage(QStringLiteral("compare"));
        QVERIFY(m_window->waitIdle());
        auto *p = page<ComparePage>("compare");
        QSignalSpy loaded(p, &ComparePage::loaded);
        const QString longName = QString::fromStdString(kLong);
        p->choose(QStringLiteral("demo"), {QStringLiteral("ref"), QStringLiteral("s1"), QStringLiteral("u1"), longName},
                  QStringLiteral("ref"));
        p->setScoreRun(m_longRun);
        p->setScoreRange(2.0, 4.0, longName);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !p->isLoading(), 5000);
        QVERIFY(m_window->waitIdle());
        QCOMPARE(p->scoreFilterModels().last(), longName);
        QCOMPARE(m_window->width(), 1024);
        auto *split = p->findChild<QSplitter *>(QStringLiteral("compareSplitter"));
        QVERIFY(split);
        QCOMPARE(split->count(), 2);
        const QRect window = m_window->rect();
        for (int i = 0; i < split->count(); ++i)
            QVERIFY2(window.contains(inWindow(split->widget(i), m_window.get())), qPrintable(QString::number(i)));
        QWidget *left = split->widget(0);
        QVERIFY2(split->widget(1)->width() >= p->paneMinimumWidth(), qPrintable(QString::number(split->widget(1)->width())));
        QVERIFY2(left->width() <= m_window->width() / 2, qPrintable(QString::number(left->width())));
        QList<QWidget *> controls;
        for (auto *w : left->findChildren<QCheckBox *>())
            controls << w;
        for (auto *w : left->findChildren<QComboBox *>())
            controls << w;
        for (auto *w : left->findChildren<QAbstractSpinBox *>())
            controls << w;
        QVERIFY(controls.size() >= 6);
        for (const QWidget *w : controls) {
            const QRect r = inWindow(w, left);
            QVERIFY2(left->rect().contains(r) && w->width() >= w->minimumSizeHint().width(),
                     qPrintable(QStringLiteral("%1 at %2,%3 %4 px (needs %5) in %6 px")
                                    .arg(QLatin1String(w->metaObject()->className()))
                                    .arg(r.x())
                                    .arg(r.y())
                                    .arg(w->width())
                                    .arg(w->minimumSizeHint().width())
                                    .arg(left->width())));
        }
        auto *view = left->findChild<QTableView *>();
        QVERIFY(view);
        const int x = view->columnViewportPosition(CompareModel::Prompt);
        const int visible = std::min(view->viewport()->width(), x + view->columnWidth(CompareModel::Prompt)) - std::max(0, x);
        QVERIFY2(x >= 0 && visible >= 120, qPrintable(QStringLiteral("prompt column at %1, %2 px visible").arg(x).arg(visible)));
        m_window->resize(1400, 900);
    }

    // The New run form starts with the newest RSE run's reference and judge, not the first model by
    // name (the judge itself, in the demo: reference and judge were the same model).
    void newRunStartsFromTheLastRun()
    {
        m_window->setPage(QStringLiteral("new-run"));
        QVERIFY(m_window->waitIdle());
        auto *p = page<NewRunPage>("new-run");
        QCOMPARE(p->rseConfig().reference, std::string("ref"));
        QCOMPARE(p->rseConfig().judge, std::string("judge"));
    }

    // Opening the Similarity page computes the matrix of the dataset's models in the background (the
    // page busy and saying so meanwhile): it stayed empty until the user pressed Compute. Coming back
    // to the page keeps that matrix.
    void similarityComputesOnFirstVisit()
    {
        test::DemoDb demo;
        auto ctx = rowDb(&demo);
        QVERIFY(ctx);
        SimilarityPage p(*ctx);
        QSignalSpy shown(&p, &SimilarityPage::matrixShown);
        bool busy = false;
        QString said;
        connect(&p, &SimilarityPage::modelsListed, this, [&] {
            busy = p.isLoading();
            said = p.findChild<InlineMessage *>()->text();
        });
        test::showPage(p);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && !p.isLoading(), 10000);
        QVERIFY(busy);
        QVERIFY2(said.startsWith(QStringLiteral("Computing")), qPrintable(said));
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().at(0).toInt(), 3); // ref, s1 and u1 answer the demo prompts
        QVERIFY(p.matrix()->figureWidget()->figure());
        QCOMPARE(p.matrixTable()->rowCount(), 3);
        p.activate();
        QTRY_VERIFY_WITH_TIMEOUT(!p.isLoading(), 5000);
        QCOMPARE(shown.size(), 1);
    }

    // With several runs and none asked for, the results pages tick the newest (Store::runs() lists
    // the oldest first, and the picker ticked that one).
    void runPickerTicksTheNewest_data()
    {
        QTest::addColumn<QString>("pageId");
        QTest::newRow("RSE results") << QStringLiteral("rse");
        QTest::newRow("ICE results") << QStringLiteral("ice");
    }
    void runPickerTicksTheNewest()
    {
        QFETCH(QString, pageId);
        test::DemoDb demo;
        test::ComparisonRuns more;
        auto ctx = rowDb(&demo, [&](const QString &path) { more = test::addComparisonRuns(path); });
        QVERIFY(ctx);
        std::unique_ptr<Page> p;
        if (pageId == QLatin1String("rse"))
            p = std::make_unique<RseResultsPage>(*ctx);
        else
            p = std::make_unique<IceResultsPage>(*ctx);
        test::showPage(*p);
        auto *picker = p->findChild<RunPicker *>();
        QVERIFY(picker);
        QTRY_VERIFY_WITH_TIMEOUT(!p->isLoading() && picker->count() == 2, 5000);
        const auto ticked = picker->checkedRuns();
        QCOMPARE(ticked.size(), size_t(1));
        QCOMPARE(ticked.front().id, pageId == QLatin1String("rse") ? more.rseOtherReference : more.iceSecond);
    }

    // One model in both runs gives one point: at 1024 x 700 the scatter fills its panel instead of
    // reaching below it, and it says that no correlation can be read rather than giving an r.
    void iceScatterWithOnePointFitsAndSaysSo()
    {
        test::DemoDb demo;
        auto ctx = rowDb(&demo);
        QVERIFY(ctx);
        MainWindow w(*ctx);
        w.setConfirmClose(false);
        w.resize(1024, 700);
        w.show();
        QVERIFY(w.setPage(QStringLiteral("ice")));
        QVERIFY(w.waitIdle(10000));
        ChartPanel *panel = nullptr;
        for (auto *c : w.page(QStringLiteral("ice"))->findChildren<ChartPanel *>())
            if (dynamic_cast<const ScatterFigure *>(c->figureWidget()->figure().get()))
                panel = c;
        QVERIFY(panel);
        for (auto *tabs : w.page(QStringLiteral("ice"))->findChildren<QTabWidget *>())
            if (tabs->indexOf(panel) >= 0)
                tabs->setCurrentWidget(panel);
        QVERIFY(panel->isVisible());
        QVERIFY(w.waitIdle());
        const auto *fig = static_cast<const ScatterFigure *>(panel->figureWidget()->figure().get());
        QCOMPARE(fig->data().points.size(), size_t(1));
        QVERIFY2(fig->data().note.contains(QStringLiteral("too few to read a correlation")), qPrintable(fig->data().note));
        QVERIFY(!fig->data().note.contains(QStringLiteral("r =")));
        auto *scroll = panel->findChild<QScrollArea *>();
        QVERIFY(scroll);
        const int figure = panel->figureWidget()->height(), room = scroll->viewport()->height();
        QVERIFY2(!scroll->verticalScrollBar()->isVisible() && figure <= room && figure >= room - 2,
                 qPrintable(QStringLiteral("figure %1 px in a panel of %2 px").arg(figure).arg(room)));
    }

    // Pearson's r needs three points at least (from one or two it is ±1 or undefined whatever the
    // data), and spread on both axes.
    void correlationNeedsThreePoints_data()
    {
        QTest::addColumn<QList<QPointF>>("points");
        QTest::addColumn<QString>("note");
        QTest::newRow("one") << QList<QPointF>{{3.1, 0.2}} << QStringLiteral("1 point: too few to read a correlation (3 or more needed)");
        QTest::newRow("two") << QList<QPointF>{{3.1, 0.2}, {2.0, 0.5}}
                             << QStringLiteral("2 points: too few to read a correlation (3 or more needed)");
        QTest::newRow("three") << QList<QPointF>{{1, 1}, {2, 2}, {3, 3}} << QStringLiteral("Pearson r = 1.00 over 3 points");
        QTest::newRow("four, falling") << QList<QPointF>{{1, 4}, {2, 3}, {3, 2.5}, {4, 1}}
                                       << QStringLiteral("Pearson r = -0.98 over 4 points");
        QTest::newRow("no spread") << QList<QPointF>{{1, 0.5}, {2, 0.5}, {3, 0.5}}
                                   << QStringLiteral("3 points without spread on an axis: no correlation to read");
    }
    void correlationNeedsThreePoints()
    {
        QFETCH(QList<QPointF>, points);
        QFETCH(QString, note);
        std::vector<ScatterPoint> pts;
        for (const QPointF &q : points) {
            ScatterPoint p;
            p.x = q.x(), p.y = q.y();
            pts.push_back(p);
        }
        QCOMPARE(correlationNote(pts), note);
    }

    // At 1024 x 700 every score column of the Compare list stays in view, sized to its values (a long
    // model name in its header is elided; the tooltip names it); the prompt column takes the rest.
    void compareScoreColumnsStayInView_data()
    {
        QTest::addColumn<QStringList>("models");
        const QString longName = QString::fromStdString(kLong);
        QTest::newRow("4 models") << QStringList{QStringLiteral("ref"), QStringLiteral("s1"), QStringLiteral("u1"), longName};
        QTest::newRow("3 models") << QStringList{QStringLiteral("ref"), QStringLiteral("s1"), longName};
    }
    void compareScoreColumnsStayInView()
    {
        QFETCH(QStringList, models);
        m_window->resize(1024, 700);
        m_window->setPage(QStringLiteral("compare"));
        QVERIFY(m_window->waitIdle());
        auto *p = page<ComparePage>("compare");
        QSignalSpy loaded(p, &ComparePage::loaded);
        p->choose(QStringLiteral("demo"), models, QStringLiteral("ref"));
        p->setScoreRun(m_longRun);
        p->setScoreRange(5.0, 1.0); // no score filter: every prompt
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !p->isLoading(), 5000);
        QVERIFY(m_window->waitIdle());
        auto *view = p->findChild<QSplitter *>(QStringLiteral("compareSplitter"))->widget(0)->findChild<QTableView *>();
        QVERIFY(view);
        QCOMPARE(view->model()->columnCount(), int(CompareModel::FirstScore) + int(models.size()));
        const QRect room = view->viewport()->rect();
        const QAbstractItemView *values = view; // sizeHintForColumn is protected in QTableView
        for (int c = CompareModel::FirstScore; c < view->model()->columnCount(); ++c) {
            const QRect column(view->columnViewportPosition(c), 0, view->columnWidth(c), 1);
            const QString what = QStringLiteral("%1 at %2, %3 px (values need %4) in %5 px")
                                     .arg(view->model()->headerData(c, Qt::Horizontal).toString())
                                     .arg(column.x())
                                     .arg(column.width())
                                     .arg(values->sizeHintForColumn(c))
                                     .arg(room.width());
            QVERIFY2(room.contains(column) && column.width() >= values->sizeHintForColumn(c), qPrintable(what));
        }
        QVERIFY2(view->columnWidth(CompareModel::Prompt) >= 80, qPrintable(QString::number(view->columnWidth(CompareModel::Prompt))));
        m_window->resize(1400, 900);
    }
};

QTEST_MAIN(TestUiWalkthrough)
#include "tst_ui_walkthrough.moc"
