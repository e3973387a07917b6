// Golden reports: each folder of tests/golden holds an input store (store.sql, loaded into a fresh
// database) and the reports it must give, byte for byte: report.json, report.csv, report.tex and
// report.txt, for RSE and ICE runs. A change in any number, rounding, escaping or missing-data convention shows up as a
// diff. DS_UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing it).
#include "ice/IceStore.h"
#include "ice/Report.h"
#include "ice/Scores.h"
#include "rse/RseReport.h"
#include "store/Sql.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;

namespace {

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeAll(const QString &path, const std::string &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text.data(), qint64(text.size())) == qint64(text.size());
}

} // namespace

class TstGolden : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void reports_data()
    {
        QTest::addColumn<QString>("folder");
        const QDir root(QStringLiteral(DS_GOLDEN_DIR));
        for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            QTest::newRow(qPrintable(name)) << root.filePath(name);
        QVERIFY2(!root.entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty(), "no golden folders");
    }

    void reports()
    {
        QFETCH(QString, folder);
        std::string error;
        auto store = Store::open(m_dir.filePath(QFileInfo(folder).fileName() + QStringLiteral(".sqlite")).toStdString(), &error);
        QVERIFY2(store, error.c_str());
        const QString sql = readAll(folder + QStringLiteral("/store.sql"));
        QVERIFY2(!sql.isEmpty(), qPrintable(folder));
        IceStore(*store).items(0); // the ICE module makes its tables on first use; the SQL fills them
        QVERIFY2(store->execSync([&](sql::Db &db) { db.exec(sql.toStdString()); }, &error), error.c_str());
        const auto run = store->run(int64_t(1));
        QVERIFY2(run, "store.sql must create run 1");
        std::vector<std::pair<const char *, std::string>> outputs;
        if (run->kind == RunKind::Ice) {
            const auto s = ice::scoresForRun(*store, 1, "", &error);
            QVERIFY2(s, error.c_str());
            outputs = {{"report.json", ice::scoresToJson(*s).dump(2) + "\n"},
                       {"report.csv", ice::reportCsv(*s)},
                       {"report.tex", ice::reportLatex(*s)},
                       {"report.txt", ice::reportText(*s)}};
        } else {
            const auto results = rse::computeResults(*store, 1, &error);
            QVERIFY2(results, error.c_str());
            outputs = {{"report.json", rse::toJson(*results) + "\n"},
                       {"report.csv", rse::toCsv(*results)},
                       {"report.tex", rse::toLatex(*results)},
                       {"report.txt", rse::toText(*results)}};
        }
        const bool update = qEnvironmentVariableIsSet("DS_UPDATE_GOLDEN");
        for (const auto &[file, text] : outputs) {
            const QString path = folder + QLatin1Char('/') + QLatin1String(file);
            if (update) {
                QVERIFY2(writeAll(path, text), qPrintable(path));
                continue;
            }
            QVERIFY2(QFile::exists(path), qPrintable(path + QStringLiteral(" is missing: run with DS_UPDATE_GOLDEN=1")));
            QCOMPARE(QString::fromStdString(text), readAll(path));
        }
    }
};

QTEST_GUILESS_MAIN(TstGolden)
#include "tst_golden.moc"
