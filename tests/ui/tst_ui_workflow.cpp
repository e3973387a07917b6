// The workflow from the GUI without dead ends (offscreen, real store file): a failing background task
// is reported and the app keeps running, a missing keychain is said and never labelled as storage,
// published outputs can be replayed from New run, the form warns about one model in several roles
// and takes the true vendor from the registry.
#include "WindowTest.h"

#include "MainWindow.h"
#include "charts/ChartPanel.h"
#include "charts/FigureWidget.h"
#include "dialogs/ImportWizard.h"
#include "export/TableExport.h"
#include "models/CoreModels.h"
#include "models/ResultModels.h"
#include "net/LlmClient.h"
#include "pages/ComparePage.h"
#include "pages/ModelsPage.h"
#include "pages/NewRunPage.h"
#include "pages/RseResultsPage.h"
#include "pages/SimilarityPage.h"
#include "services/AppContext.h"
#include "services/Appearance.h"
#include "services/Async.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>

using namespace ds;
using namespace ds::ui;

class TestUiWorkflow : public test::WindowTest {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(buildDemo(QStringLiteral("workflow.sqlite")));
        // Published outputs of a model that has no endpoint (as `outputs import` stores them).
        QVERIFY(test::changeStore(m_demo.path, [](Store &store) {
            std::vector<ResponseRecord> rs;
            for (const auto &p : store.prompts(store.dataset("demo")->id))
                rs.push_back(test::importedAnswer("gpt4_0613", p.id, "Published answer " + std::to_string(p.idx)));
            std::string error;
            QVERIFY2(store.importResponses(rs, &error), error.c_str());
        }));
        QVERIFY(openWindow(m_demo.path));
    }

    void backgroundFailureKeepsAppRunning_data()
    {
        QTest::addColumn<int>("where"); // 0: work throws std::exception, 1: work throws a non-exception, 2: done throws
        QTest::addColumn<QString>("expected");
        QTest::newRow("work throws") << 0 << QStringLiteral("disk on fire");
        QTest::newRow("work throws int") << 1 << QStringLiteral("unknown error");
        QTest::newRow("done throws") << 2 << QStringLiteral("painter refused");
    }

    void backgroundFailureKeepsAppRunning()
    {
        QFETCH(int, where);
        QFETCH(QString, expected);
        LatestRequest request;
        bool delivered = false;
        request.run(
            [where]() -> int {
                if (where == 0)
                    throw std::runtime_error("disk on fire");
                if (where == 1)
                    throw 42;
                return 7;
            },
            [&](int) {
                delivered = true;
                throw std::runtime_error("painter refused");
            });
        QTRY_VERIFY_WITH_TIMEOUT(!request.busy(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->taskErrorText().contains(expected), 5000);
        QVERIFY(m_window->taskErrorText().startsWith(QStringLiteral("A background task failed")));
        QCOMPARE(delivered, where == 2);
        // Still alive and usable: a page loads its data afterwards.
        QVERIFY(m_window->setPage(QStringLiteral("models")));
        QVERIFY(m_window->waitIdle());
        QCOMPARE(page<ModelsPage>("models")->model()->rowCount(), 4);
    }

    void keychainUnavailableIsSaidNotLabelled()
    {
        auto *p = page<ModelsPage>("models");
        m_window->setPage(QStringLiteral("models"));
        QVERIFY(m_window->waitIdle());
        ModelConfig m = *m_ctx->store().model("judge");
        QSignalSpy saved(p, &ModelsPage::saved);
        p->save(m, QStringLiteral("session-only-test-value"));
        QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty(), 10000);
        const QString message = saved.last().at(0).toString();
        if (message.startsWith(QStringLiteral("API key stored")))
            QSKIP("a keychain service is running here; the missing-keychain path cannot be exercised");
        QVERIFY2(message.contains(QStringLiteral("keychain is unavailable")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("session only")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("environment variable")), qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("session-only-test-value")));
        // Nothing claims the keychain has it; the key still reaches requests for this session.
        QVERIFY(m_ctx->store().model("judge")->keychainKey.empty());
        QTRY_VERIFY_WITH_TIMEOUT(!p->isLoading(), 5000);
        int row = -1;
        for (int r = 0; r < p->model()->rowCount(); ++r)
            if (p->model()->index(r, ModelsModel::Name).data().toString() == QLatin1String("judge"))
                row = r;
        QVERIFY(row >= 0);
        QCOMPARE(p->model()->index(row, ModelsModel::Key).data().toString(), QStringLiteral("this session only"));
        QCOMPARE(resolveApiKey(*m_ctx->store().model("judge")), std::string("session-only-test-value"));
    }

    void publishedOutputsCanBeReplayed()
    {
        auto *p = page<NewRunPage>("new-run");
        m_window->setPage(QStringLiteral("new-run"));
        QVERIFY(m_window->waitIdle());
        QCOMPARE(p->replayOnlyModels(), QStringList{QStringLiteral("gpt4_0613")});
        QSignalSpy spy(p, &NewRunPage::estimateReady);
        p->selectRse(QStringLiteral("gpt4_0613"), {QStringLiteral("s1")}, QStringLiteral("judge"), {QStringLiteral("demo")});
        QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty(), 5000);
        QCOMPARE(p->rseConfig().reference, std::string("gpt4_0613"));
        const QString text = spy.last().at(0).toString();
        QVERIFY2(text.startsWith(QStringLiteral("0 answer requests (24 stored answers reused) + 12 judge calls")), qPrintable(text));
    }

    void roleWarnings_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QStringList>("tests");
        QTest::addColumn<QString>("judge");
        QTest::addColumn<QString>("warning"); // "" = none
        QTest::newRow("distinct") << "ref" << QStringList{QStringLiteral("s1")} << "judge"
                                  << "";
        QTest::newRow("judge is reference") << "ref" << QStringList{QStringLiteral("s1")} << "ref"
                                            << "the judge is also the reference";
        QTest::newRow("judge is a test") << "ref" << QStringList{QStringLiteral("s1")} << "s1"
                                         << "the judge s1 is also a test model";
        QTest::newRow("all three") << "ref" << QStringList{QStringLiteral("ref"), QStringLiteral("s1")} << "ref"
                                   << "ref is reference, judge and a test model";
    }

    void roleWarnings()
    {
        QFETCH(QString, reference);
        QFETCH(QStringList, tests);
        QFETCH(QString, judge);
        QFETCH(QString, warning);
        rse::RseConfig cfg;
        cfg.reference = reference.toStdString();
        cfg.judge = judge.toStdString();
        for (const QString &t : tests)
            cfg.tests.push_back(t.toStdString());
        const QStringList w = NewRunPage::roleWarnings(cfg);
        if (warning.isEmpty())
            QVERIFY(w.isEmpty());
        else
            QVERIFY2(w.join(QLatin1Char('\n')).contains(warning), qPrintable(w.join(QLatin1Char('\n'))));
    }

    void similarityChoicesAndTables()
    {
        auto *p = page<SimilarityPage>("similarity");
        QSignalSpy listed(p, &SimilarityPage::modelsListed);
        QSignalSpy matrix(p, &SimilarityPage::matrixShown);
        QSignalSpy teacher(p, &SimilarityPage::teacherShown);
        m_window->setPage(QStringLiteral("similarity"));
        QVERIFY(m_window->waitIdle());
        p->choose(QStringLiteral("demo"), QStringLiteral("tfidf"));
        QTRY_VERIFY_WITH_TIMEOUT(!p->isLoading() && p->availableModels().size() == 4, 5000);
        QCOMPARE(matrix.size(), 1); // every model's matrix, on the first visit
        matrix.clear();
        p->chooseModels({QStringLiteral("ref"), QStringLiteral("s1"), QStringLiteral("u1")});
        p->compute();
        QTRY_VERIFY_WITH_TIMEOUT(!matrix.isEmpty(), 10000);
        QCOMPARE(matrix.last().at(0).toInt(), 3); // only the ticked models
        QCOMPARE(p->matrixTable()->rowCount(), 3);
        QCOMPARE(p->matrixTable()->columnCount(), 4);
        QString error;
        const QString matrixCsv = m_dir.filePath(QStringLiteral("matrix.csv"));
        QVERIFY2(exportTable(*p->matrixTable(), matrixCsv, &error), qPrintable(error));
        // One candidate, a pool that leaves gpt4_0613 out: the ranking and the verdict say so.
        p->chooseTeacherSets(QStringLiteral("s1"), {QStringLiteral("ref")}, {QStringLiteral("u1")});
        p->identifyTeacher();
        QTRY_VERIFY_WITH_TIMEOUT(!teacher.isEmpty() || p->verdictText().contains(QStringLiteral("need")), 20000);
        QVERIFY2(!teacher.isEmpty(), qPrintable(p->verdictText()));
        QCOMPARE(p->rankingTable()->rowCount(), 1);
        QCOMPARE(p->rankingTable()->index(0, 0).data().toString(), QStringLiteral("ref"));
        QVERIFY2(p->verdictText().contains(QStringLiteral("reference pool of")), qPrintable(p->verdictText()));
        QVERIFY(!p->verdictText().contains(QStringLiteral("gpt4_0613")));
        const QString tex = tableToLatex(*p->rankingTable(), QStringLiteral("Teacher ranking"), QStringLiteral("tab:teacher-ranking"));
        QVERIFY2(tex.contains(QStringLiteral("\\begin{tabular}{lrrrl}")), qPrintable(tex));
    }

    void importWizardTypedPathAndKinds_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("detected");
        QTest::addColumn<int>("prompts");
        QTest::newRow("arena-hard") << "question.jsonl"
                                    << QByteArray(
                                           "{\"question_id\": \"a1\", \"category\": \"x\", \"turns\": [{\"content\": \"First?\"}]}\n"
                                           "{\"question_id\": \"a2\", \"category\": \"x\", \"turns\": [{\"content\": \"Second?\"}]}\n")
                                    << "arena-hard (jsonl)" << 2;
        QTest::newRow("alpacaeval") << "gpt4_0613.json"
                                    << QByteArray("[{\"dataset\": \"helpful_base\", \"instruction\": \"Say {hi}\", \"output\": \"hi\", "
                                                  "\"generator\": \"gpt4_0613\"}, {\"dataset\": \"x\", \"instruction\": \"Again\", "
                                                  "\"output\": \"o\", \"generator\": \"gpt4_0613\"}]")
                                    << "alpacaeval (" << 2;
        QTest::newRow("generic") << "p.jsonl" << QByteArray("{\"prompt\": \"One\"}\n{\"prompt\": \"Two\"}\n{\"prompt\": \"Three\"}\n")
                                 << "jsonl" << 3;
    }

    void importWizardTypedPathAndKinds()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, detected);
        QFETCH(int, prompts);
        const QString path = m_dir.filePath(fileName);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        ImportWizard wizard(*m_ctx);
        QCOMPARE(wizard.seed(), int(data::DatasetImportOptions{}.seed)); // same default as the command line
        QVERIFY(!wizard.pageComplete(0));                                // Next disabled until a file is read
        QSignalSpy preview(&wizard, &ImportWizard::previewReady);
        auto *edit = wizard.findChild<QLineEdit *>(QStringLiteral("importFile"));
        QVERIFY(edit);
        QTest::keyClicks(edit, path); // typed, not browsed
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!preview.isEmpty() && preview.last().at(0).toInt() == prompts, 5000);
        QVERIFY2(wizard.statusText().contains(QStringLiteral("Detected format: ") + detected), qPrintable(wizard.statusText()));
        QVERIFY(wizard.pageComplete(0));
        QCOMPARE(wizard.datasetName(), QFileInfo(path).completeBaseName()); // named as Browse would
        QVERIFY(wizard.pageComplete(1));
        // Editing the path invalidates the page until the new file is read.
        QTest::keyClick(edit, Qt::Key_Backspace);
        QVERIFY(!wizard.pageComplete(0));
    }

    void compareStartsFromTheReference()
    {
        auto *p = page<ComparePage>("compare");
        QSignalSpy loaded(p, &ComparePage::loaded);
        m_window->setPage(QStringLiteral("compare"));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !p->isLoading(), 10000);
        QCOMPARE(p->baseModel(), QStringLiteral("ref")); // the score run's reference
        QVERIFY(p->tickedModels().contains(QStringLiteral("ref")));
        QVERIFY(p->scoreFiltersEnabled()); // the newest RSE run gives scores
        QCOMPARE(p->paneTitles().size(), p->tickedModels().size());
    }

    void tallFiguresScroll()
    {
        auto *p = page<RseResultsPage>("rse");
        m_window->setPage(QStringLiteral("rse"));
        p->showRun(m_demo.rseRun);
        QTRY_VERIFY_WITH_TIMEOUT(p->cells()->rowCount() == 2 && !p->isLoading(), 10000);
        FigureWidget *w = p->heatmap()->figureWidget();
        QVERIFY(w->figure());
        // In a scroll area the figure asks for its natural height, so nothing is cut off.
        QVERIFY(w->minimumHeight() >= std::min(30000, w->heightForWidth(w->width())));
    }

    void darkThenLightKeepsBannersAndCheckBoxesReadable()
    {
        QWidget page;
        auto &banner = *new InlineMessage(&page);
        banner.show(QStringLiteral("Run 3 started."), InlineMessage::Success);
        page.show();
        QCheckBox box(QStringLiteral("unticked"));
        box.resize(120, 24);
        applyAppearance(QStringLiteral("dark"));
        // An unticked box shows its frame on the dark window.
        const QImage img = box.grab().toImage();
        QStyleOptionButton opt;
        opt.initFrom(&box);
        const QRect indicator = box.style()->subElementRect(QStyle::SE_CheckBoxIndicator, &opt, &box);
        QVERIFY(indicator.isValid());
        int bright = 0; // inside the indicator only: the label's light text does not count
        for (int y = indicator.top(); y <= indicator.bottom(); ++y)
            for (int x = indicator.left(); x <= indicator.right(); ++x)
                bright += img.pixelColor(x, y).lightness() > 110;
        QVERIFY2(bright > 10, "the unticked check box is invisible in dark mode");
        QVERIFY2(banner.styleSheet().contains(QApplication::palette().color(QPalette::WindowText).name()), qPrintable(banner.styleSheet()));
        applyAppearance(QStringLiteral("light"));
        const QString lightText = QApplication::palette().color(QPalette::WindowText).name();
        QVERIFY2(banner.styleSheet().contains(lightText), qPrintable(banner.styleSheet()));
        QVERIFY(QColor(lightText).lightness() < 100); // dark text on the light window, not the white of dark mode
        applyAppearance(QStringLiteral("system"));
    }

    void iceRunHasACostEstimate_data()
    {
        QTest::addColumn<QString>("judge");
        QTest::addColumn<bool>("judgeCalls");
        QTest::newRow("model judge") << "judge" << true;
        QTest::newRow("offline rules") << "rules" << false;
    }

    void iceRunHasACostEstimate()
    {
        QFETCH(QString, judge);
        QFETCH(bool, judgeCalls);
        auto *p = page<NewRunPage>("new-run");
        m_window->setPage(QStringLiteral("new-run"));
        QVERIFY(m_window->waitIdle());
        QSignalSpy spy(p, &NewRunPage::iceEstimateReady);
        p->selectIce(QStringLiteral("s1"), judge, 2);
        QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty() && !p->isLoading(), 5000);
        const QString text = spy.last().at(0).toString();
        static const QRegularExpression re(
            QStringLiteral("^(\\d+) target requests \\((\\d+) iterations × (\\d+) questions\\) \\+ (\\d+) judge calls"));
        const auto m = re.match(text);
        QVERIFY2(m.hasMatch(), qPrintable(text));
        QCOMPARE(m.captured(2).toInt(), 2);
        QVERIFY(m.captured(3).toInt() > 0);
        QCOMPARE(m.captured(1).toInt(), 2 * m.captured(3).toInt());
        QCOMPARE(m.captured(4).toInt(), judgeCalls ? m.captured(1).toInt() : 0); // the rule judge is offline: no calls
        QVERIFY(text.contains(QStringLiteral("$")));
    }

    void iceVendorComesFromTheRegistry()
    {
        auto *p = page<NewRunPage>("new-run");
        QVERIFY(p->selectIceVendor(QStringLiteral("deepseek")));
        QVERIFY2(p->iceFactHint().contains(QStringLiteral("DeepSeek")), qPrintable(p->iceFactHint()));
        QVERIFY(!p->selectIceVendor(QStringLiteral("deepsek"))); // a typo is not a vendor
    }
};

int main(int argc, char **argv)
{
    // No Secret Service reachable: the keychain-absent path is the one under test.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/distillscope-test-bus");
    QApplication app(argc, argv);
    TestUiWorkflow t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_ui_workflow.moc"
