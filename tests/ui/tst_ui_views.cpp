// What the Compare and Datasets pages show, on the demo database plus a run that tests a model with a
// long name on half the prompts (offscreen, real store file): the score filter per chosen model,
// blank columns for models the run does not score against "—" for a missing score, pane titles that
// wrap instead of clipping, and a dataset's source as a file name.
#include "WindowTest.h"

#include "MainWindow.h"
#include "models/CompareModel.h"
#include "models/CoreModels.h"
#include "pages/ComparePage.h"
#include "pages/DatasetsPage.h"
#include "services/AppContext.h"
#include "store/Store.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;
using namespace ds::ui;

namespace {
const QString kLong = QStringLiteral("meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo");
const QString kRef = QStringLiteral("ref"), kS1 = QStringLiteral("s1"), kU1 = QStringLiteral("u1");

/// Run "partial": reference ref, tests s1 (4 on every prompt) and kLong (1 on prompts 0, 4, 8 and 5
/// on 2, 6, 10; no score on the odd prompts). kLong answers every prompt.
int64_t addPartialRun(const QString &path)
{
    std::string error;
    auto store = Store::open(path.toStdString(), &error);
    if (!store)
        return 0;
    const std::string longName = kLong.toStdString();
    const auto prompts = store->prompts(store->dataset("demo")->id);
    std::vector<ResponseRecord> answers;
    for (const auto &p : prompts)
        answers.push_back(test::importedAnswer(longName, p.id, "A long-named model's answer " + std::to_string(p.idx)));
    if (!store->importResponses(answers, &error))
        return 0;
    const int64_t runId = test::createDemoRseRun(*store, "partial", "ref", {"s1", longName}, false);
    if (!runId)
        return 0;
    for (const auto &p : prompts)
        for (const std::string &model : {std::string("s1"), longName}) {
            if (model == longName && p.idx % 2)
                continue;
            store->putJudgment(test::demoJudgment(runId, p.id, model, "ref", "rt", model == "s1" ? 4.0 : p.idx % 4 == 0 ? 1.0 : 5.0));
        }
    store->setRunStatus(runId, RunStatus::Complete);
    return store->flush().empty() ? runId : 0;
}
} // namespace

class TestUiViews : public test::WindowTest {
    Q_OBJECT
private:
    int64_t m_partial = 0;
    ComparePage *m_compare = nullptr;

    /// Rows shown after `change`, -1 when the page did not load within 5 s.
    int rowsAfter(const std::function<void()> &change)
    {
        QSignalSpy loaded(m_compare, &ComparePage::loaded);
        change();
        if (!loaded.wait(5000) && loaded.isEmpty())
            return -1;
        return loaded.last().at(0).toInt();
    }
    /// Chooses `models` with scores from the partial run, no score filter, and waits for the first
    /// prompt's panes.
    bool comparePartial(const QStringList &models)
    {
        if (rowsAfter([&] { m_compare->choose(QStringLiteral("demo"), models, kRef); }) < 0 ||
            rowsAfter([&] { m_compare->setScoreRun(m_partial); }) < 0)
            return false;
        QSignalSpy shown(m_compare, &ComparePage::promptShown);
        if (rowsAfter([&] { m_compare->setScoreRange(5.0, 1.0); }) != m_demo.prompts)
            return false;
        return QTest::qWaitFor([&] { return !shown.isEmpty() && !m_compare->isLoading(); }, 5000);
    }
    QString scoreCell(int row, const QString &model, int role = Qt::DisplayRole)
    {
        const int k = m_compare->model()->models().indexOf(model);
        return m_compare->model()->index(row, CompareModel::FirstScore + k).data(role).toString();
    }
    QString scoreHeader(const QString &model)
    {
        const int k = m_compare->model()->models().indexOf(model);
        return m_compare->model()->headerData(CompareModel::FirstScore + k, Qt::Horizontal, Qt::DisplayRole).toString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(buildDemo(QStringLiteral("views.sqlite")));
        m_partial = addPartialRun(m_demo.path);
        QVERIFY(m_partial > 0);
        QVERIFY(openWindow(m_demo.path));
        m_window->setPage(QStringLiteral("compare"));
        QVERIFY(m_window->waitIdle(10000));
        m_compare = page<ComparePage>("compare");
    }

    // The score range applies to one chosen model, or to any of them; the run's reference is not
    // offered (it has no scores of its own), and the filter runs in the query.
    void scoreFilterPerModel_data()
    {
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("rows");
        QTest::newRow("1-2, any model") << 1.0 << 2.0 << QString() << 3;
        QTest::newRow("1-2 of s1") << 1.0 << 2.0 << kS1 << 0;
        QTest::newRow("1-2 of the long name") << 1.0 << 2.0 << kLong << 3;
        QTest::newRow("4-5, any model") << 4.0 << 5.0 << QString() << 12;
        QTest::newRow("4-5 of s1") << 4.0 << 5.0 << kS1 << 12;
        QTest::newRow("4-5 of the long name") << 4.0 << 5.0 << kLong << 3;
        QTest::newRow("off") << 5.0 << 1.0 << kLong << 12;
    }
    void scoreFilterPerModel()
    {
        QFETCH(double, min);
        QFETCH(double, max);
        QFETCH(QString, model);
        QFETCH(int, rows);
        QVERIFY(comparePartial({kRef, kS1, kLong}));
        QCOMPARE(m_compare->scoreFilterModels(), (QStringList{QString(), kS1, kLong}));
        QCOMPARE(rowsAfter([&] { m_compare->setScoreRange(min, max, model); }), rows);
        QCOMPARE(m_compare->model()->rowCount(), rows);
        if (!model.isEmpty() && min <= max) // typed: the model's index among the chosen ones
            QCOMPARE(m_compare->model()->query().scoreModel, std::optional<std::size_t>(m_compare->model()->models().indexOf(model)));
    }

    // Choosing another model in the combo refilters at once, as the spin boxes do.
    void scoreModelComboRefilters()
    {
        QVERIFY(comparePartial({kRef, kS1, kLong}));
        QCOMPARE(rowsAfter([&] { m_compare->setScoreRange(4.0, 5.0); }), 12);
        auto *combo = m_compare->findChild<QComboBox *>(QStringLiteral("compareScoreModel"));
        QVERIFY(combo);
        QVERIFY(combo->isEnabled());
        QCOMPARE(rowsAfter([&] { combo->setCurrentIndex(combo->findData(kLong)); }), 3);
    }

    // A tested model without a score for a prompt reads "—"; the reference's column and that of a
    // model the run does not test are blank in every row and their headers say why.
    void missingScoreIsADashUnscoredColumnIsBlank()
    {
        QVERIFY(comparePartial({kRef, kS1, kLong, kU1}));
        QCOMPARE(scoreHeader(kRef), QStringLiteral("ref (ref)"));
        QCOMPARE(scoreHeader(kU1), QStringLiteral("u1 (not tested)"));
        QCOMPARE(scoreHeader(kLong), kLong);
        QTRY_VERIFY_WITH_TIMEOUT(m_compare->model()->rowAt(11), 5000);
        for (int row = 0; row < m_demo.prompts; ++row) {
            QCOMPARE(scoreCell(row, kRef), QString());
            QCOMPARE(scoreCell(row, kU1), QString());
            QVERIFY(scoreCell(row, kRef, Qt::ToolTipRole).contains(QStringLiteral("reference")));
            QCOMPARE(scoreCell(row, kS1), QStringLiteral("4.00"));
            QCOMPARE(scoreCell(row, kLong), row % 2 ? QStringLiteral("—") : row % 4 ? QStringLiteral("5.00") : QStringLiteral("1.00"));
        }
        const QStringList titles = m_compare->paneTitles();
        QCOMPARE(titles.value(0), QStringLiteral("ref · reference"));
        QCOMPARE(titles.value(3), QStringLiteral("u1 · not tested in this run"));
        QSignalSpy shown(m_compare, &ComparePage::promptShown);
        m_compare->step(1); // prompt 1: the long-named model has no score there
        QVERIFY(shown.wait(5000));
        QCOMPARE(m_compare->paneTitles().value(2), kLong + QStringLiteral(" · no score"));
    }

    // At 1024 x 700 with four panes, every title (a long model name and its score) wraps inside its
    // pane: no line is wider than the label and every line fits its height.
    void compareTitlesWrap()
    {
        m_window->resize(1024, 700);
        QVERIFY(comparePartial({kRef, kS1, kLong, kU1}));
        QVERIFY(m_window->waitIdle());
        const auto titles = m_compare->findChild<QSplitter *>(QStringLiteral("comparePanes"))->findChildren<QLabel *>();
        QCOMPARE(titles.size(), 4);
        bool wrapped = false;
        for (const QLabel *t : titles) {
            const QRect box = t->contentsRect();
            const QRect need = t->fontMetrics().boundingRect(QRect(0, 0, box.width(), 100000), Qt::TextWordWrap, t->text());
            QVERIFY2(need.width() <= box.width() && need.height() <= box.height(), qPrintable(QStringLiteral("\"%1\" needs %2x%3 in %4x%5")
                                                                                                  .arg(t->text())
                                                                                                  .arg(need.width())
                                                                                                  .arg(need.height())
                                                                                                  .arg(box.width())
                                                                                                  .arg(box.height())));
            wrapped |= need.height() > t->fontMetrics().height();
        }
        QVERIFY(wrapped); // the long name did need more than one line
        m_window->resize(1400, 900);
    }

    // A dataset imported from an absolute path (another machine's folder) is listed by its file
    // name; the path as stored is the tooltip.
    void datasetSourceIsTheFileName()
    {
        DatasetInfo d;
        d.name = "from-elsewhere";
        d.format = "jsonl";
        d.source = "/work/wt-other/resources/prompts/elsewhere.jsonl";
        PromptItem p;
        p.text = "One prompt.";
        std::string error;
        QVERIFY2(m_ctx->store().createDataset(d, {p}, &error), error.c_str());
        m_window->setPage(QStringLiteral("datasets"));
        auto *page = static_cast<DatasetsPage *>(m_window->page(QStringLiteral("datasets")));
        page->reload();
        QVERIFY(m_window->waitIdle());
        DatasetsModel *model = page->datasets();
        QMap<QString, QPair<QString, QString>> shown; // name -> (cell, tooltip)
        for (int r = 0; r < model->rowCount(); ++r)
            shown[model->index(r, DatasetsModel::Name).data().toString()] = {
                model->index(r, DatasetsModel::Source).data().toString(),
                model->index(r, DatasetsModel::Source).data(Qt::ToolTipRole).toString()};
        QCOMPARE(shown.value(QStringLiteral("from-elsewhere")).first, QStringLiteral("elsewhere.jsonl"));
        QCOMPARE(shown.value(QStringLiteral("from-elsewhere")).second, QString::fromStdString(d.source));
        QCOMPARE(shown.value(QStringLiteral("demo")).first, QStringLiteral("demo.jsonl")); // a bare name stays
        QCOMPARE(sourceName("C:\\data\\set.csv"), QStringLiteral("set.csv"));
    }
};

QTEST_MAIN(TestUiViews)
#include "tst_ui_views.moc"
