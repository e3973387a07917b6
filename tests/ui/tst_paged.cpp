// The paged table model on a real store with more rows than it keeps: counting, fetching blocks on
// demand off the GUI thread, sorting and searching in SQL, bounded memory, stale results dropped; the
// compare table's columns as the store's sort keys.
#include "RunFixtures.h"

#include "models/CompareModel.h"
#include "models/PagedTableModel.h"
#include "models/PromptWindowModel.h"
#include "store/Sql.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;
using namespace ds::ui;

class TestPaged : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    int64_t m_dataset = 0;
    static constexpr int kPrompts = 12000; // 60 blocks: more than the model may hold

    /// Waits for `model` to deliver the row and returns its Text cell.
    static QString textAt(PromptWindowModel &model, int row)
    {
        const QModelIndex i = model.index(row, PromptWindowModel::Text);
        if (!model.rowAt(row) && !QTest::qWaitFor([&] { return model.rowAt(row) != nullptr; }, 5000))
            return {};
        return i.data().toString();
    }

private slots:
    void initTestCase()
    {
        std::string error;
        m_store = Store::open(m_dir.filePath(QStringLiteral("paged.sqlite")).toStdString(), &error);
        QVERIFY2(m_store, error.c_str());
        DatasetInfo d;
        d.name = "many";
        const auto items =
            test::promptItems(kPrompts, [](int i) { return "prompt " + std::to_string(i) + (i % 1000 == 7 ? " needle" : ""); });
        QVERIFY(m_store->createDataset(d, items, &error));
        m_dataset = d.id;
    }

    void fetchesBlocksOnDemand()
    {
        PromptWindowModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy populated(&model, &PagedModelBase::populated);
        model.setDataset(m_store.get(), m_dataset, {});
        QTRY_VERIFY_WITH_TIMEOUT(!populated.isEmpty(), 5000);
        QCOMPARE(model.rowCount(), kPrompts);
        QCOMPARE(model.cachedBlocks(), 1); // only the first block came with the count
        // A row far down shows a placeholder until its block arrives.
        const QModelIndex far = model.index(9876, PromptWindowModel::Text);
        QCOMPARE(far.data().toString(), QStringLiteral("…"));
        QCOMPARE(textAt(model, 9876), QStringLiteral("prompt 9876"));
        QCOMPARE(model.index(9876, PromptWindowModel::Index).data().toInt(), 9876);
    }

    void memoryStaysBounded()
    {
        PromptWindowModel model;
        QSignalSpy populated(&model, &PagedModelBase::populated);
        model.setDataset(m_store.get(), m_dataset, {});
        QTRY_VERIFY_WITH_TIMEOUT(!populated.isEmpty(), 5000);
        for (int row = 0; row < kPrompts; row += PagedModelBase::kBlockRows)
            QCOMPARE(textAt(model, row), QStringLiteral("prompt %1").arg(row));
        QVERIFY(model.cachedBlocks() <= PagedModelBase::kMaxBlocks);
        QCOMPARE(textAt(model, 0), QStringLiteral("prompt 0")); // evicted blocks come back
    }

    void sortsAndSearchesInSql_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("first");
        QTest::newRow("index descending") << "" << int(PromptWindowModel::Index) << int(Qt::DescendingOrder) << kPrompts << "prompt 11999";
        QTest::newRow("length descending") << "" << int(PromptWindowModel::Length) << int(Qt::DescendingOrder) << kPrompts
                                           << "prompt 11007 needle";
        QTest::newRow("search") << "NEEDLE" << int(PromptWindowModel::Index) << int(Qt::AscendingOrder) << 12 << "prompt 7 needle";
        QTest::newRow("search, by text descending")
            << "needle" << int(PromptWindowModel::Text) << int(Qt::DescendingOrder) << 12 << "prompt 9007 needle";
        QTest::newRow("no match") << "nothing like this" << int(PromptWindowModel::Index) << int(Qt::AscendingOrder) << 0 << "";
    }

    void sortsAndSearchesInSql()
    {
        QFETCH(QString, search);
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(int, rows);
        QFETCH(QString, first);
        PromptWindowModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy populated(&model, &PagedModelBase::populated);
        model.sort(column, Qt::SortOrder(order));
        model.setDataset(m_store.get(), m_dataset, search);
        QTRY_VERIFY_WITH_TIMEOUT(populated.count() >= 2, 5000); // sort() on an empty model, then the query
        QCOMPARE(model.rowCount(), rows);
        if (rows > 0)
            QCOMPARE(textAt(model, 0), first);
    }

    void newerQueryWins()
    {
        PromptWindowModel model;
        QSignalSpy populated(&model, &PagedModelBase::populated);
        // Two queries in a row: the first one's results may arrive later but must not be shown.
        model.setDataset(m_store.get(), m_dataset, {});
        model.setDataset(m_store.get(), m_dataset, QStringLiteral("needle"));
        QTRY_VERIFY_WITH_TIMEOUT(!populated.isEmpty(), 5000);
        QTest::qWait(200);
        QCOMPARE(populated.count(), 1);
        QCOMPARE(model.rowCount(), 12);
    }

    // A store that cannot answer (here a table gone from under it) reaches failed() once, and the view
    // shows no rows rather than rows from nothing.
    void aFailingQueryReachesFailed()
    {
        std::string error;
        auto broken = Store::open(m_dir.filePath(QStringLiteral("broken.sqlite")).toStdString(), &error);
        QVERIFY2(broken, error.c_str());
        DatasetInfo d;
        d.name = "doomed";
        QVERIFY2(broken->createDataset(d, test::promptItems(3, [](int i) { return "prompt " + std::to_string(i); }), &error),
                 error.c_str());
        QVERIFY2(broken->execSync([](sql::Db &db) { db.exec("ALTER TABLE prompts RENAME TO prompts_gone"); }, &error), error.c_str());
        PromptWindowModel model;
        QSignalSpy failed(&model, &PagedModelBase::failed);
        QSignalSpy populated(&model, &PagedModelBase::populated);
        model.setDataset(broken.get(), d.id, {});
        QTRY_VERIFY_WITH_TIMEOUT(!populated.isEmpty(), 5000);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("prompts")), qPrintable(failed.first().first().toString()));
        QCOMPARE(model.rowCount(), 0);
    }

    void compareColumnsMapToSortKeys_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<int>("field"); // CompareSort::Field
        QTest::addColumn<int>("model");
        QTest::newRow("index") << int(CompareModel::Index) << false << int(CompareSort::Field::Index) << 0;
        QTest::newRow("no sort column") << -1 << false << int(CompareSort::Field::Index) << 0;
        QTest::newRow("prompt, descending") << int(CompareModel::Prompt) << true << int(CompareSort::Field::Prompt) << 0;
        QTest::newRow("answered") << int(CompareModel::Answered) << false << int(CompareSort::Field::Answered) << 0;
        QTest::newRow("first score") << int(CompareModel::FirstScore) << false << int(CompareSort::Field::ScoreOfModel) << 0;
        QTest::newRow("third score, descending") << int(CompareModel::FirstScore) + 2 << true << int(CompareSort::Field::ScoreOfModel) << 2;
    }
    void compareColumnsMapToSortKeys()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        QFETCH(int, field);
        QFETCH(int, model);
        const CompareSort sort = CompareModel::sortFor(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QCOMPARE(int(sort.field), field);
        QCOMPARE(sort.model, std::size_t(model));
        QCOMPARE(sort.descending, descending);
    }
};

QTEST_MAIN(TestPaged)
#include "tst_paged.moc"
