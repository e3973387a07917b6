// Figure and table export: files are opened and checked (PNG size = inches x DPI, SVG has a viewBox
// and vector shapes, PDF has a page), plus chart kinds on a demo database and heatmap redraw speed.
#include "DemoDb.h"
#include "HeatmapFixtures.h"

#include "charts/BarFigure.h"
#include "charts/ChartKinds.h"
#include "charts/FigureExport.h"
#include "charts/HeatmapFigure.h"
#include "charts/Palette.h"
#include "export/ExportAll.h"
#include "export/TableExport.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace ds;
using namespace ds::ui;

class TestUiExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    test::DemoDb m_demo;

    static HeatmapData bigHeatmap(int n) { return test::longNamesHeatmap(n, QStringLiteral("60 x 60")); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_demo = test::buildDemoDb(m_dir.filePath(QStringLiteral("demo.sqlite")));
        QVERIFY(m_demo.rseRun > 0);
    }

    void png_data()
    {
        QTest::addColumn<double>("widthIn");
        QTest::addColumn<double>("dpi");
        QTest::newRow("single column 300 dpi") << 3.5 << 300.0;
        QTest::newRow("double column 300 dpi") << 7.16 << 300.0;
        QTest::newRow("single column 600 dpi") << 3.5 << 600.0;
    }
    void png()
    {
        QFETCH(double, widthIn);
        QFETCH(double, dpi);
        HeatmapFigure fig(bigHeatmap(8));
        ExportOptions o;
        o.widthIn = widthIn;
        o.dpi = dpi;
        const QString path = m_dir.filePath(QStringLiteral("h.png"));
        QString error;
        QVERIFY2(exportFigure(fig, path, o, &error), qPrintable(error));
        QImage img(path);
        QVERIFY(!img.isNull());
        QCOMPARE(img.width(), int(std::lround(widthIn * dpi)));
        QVERIFY(img.height() > 100);
        QVERIFY(std::abs(img.dotsPerMeterX() * 0.0254 - dpi) < 1);
    }

    void svgIsVectorWithViewBox()
    {
        BarData b;
        b.title = QStringLiteral("bars");
        b.categories = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        b.series.push_back({QStringLiteral("s"), {0.2, 0.5, 0.3}, {0.1, 0.4, 0.2}, {0.3, 0.6, 0.4}, {}});
        BarFigure fig(b);
        const QString path = m_dir.filePath(QStringLiteral("b.svg"));
        QString error;
        QVERIFY2(exportFigure(fig, path, ExportOptions{}, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        QVERIFY(svg.contains(QStringLiteral("viewBox")));
        QVERIFY(svg.count(QRegularExpression(QStringLiteral("<(rect|path|polygon|polyline)\\b"))) >= 5);
        QVERIFY(!svg.contains(QStringLiteral("<image")));
    }

    void pdfHasOnePage()
    {
        HeatmapFigure fig(bigHeatmap(5));
        const QString path = m_dir.filePath(QStringLiteral("h.pdf"));
        QString error;
        QVERIFY2(exportFigure(fig, path, ExportOptions{}, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pdf = f.readAll();
        QVERIFY(pdf.startsWith("%PDF"));
        QCOMPARE(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page "), 1);
    }

    void unknownSuffixFails()
    {
        HeatmapFigure fig(bigHeatmap(3));
        QString error;
        QVERIFY(!exportFigure(fig, m_dir.filePath(QStringLiteral("x.gif")), ExportOptions{}, &error));
        QVERIFY(error.contains(QStringLiteral("gif")));
    }

    void sixtyModelHeatmapIsReadable()
    {
        HeatmapFigure fig(bigHeatmap(60));
        ExportOptions o;
        o.widthIn = ExportOptions::kDoubleColumnIn;
        const QSizeF pt = exportSizePt(fig, o);
        QVERIFY(pt.height() >= pt.width() * 0.8); // square cells, labels not squeezed
        QVERIFY(exportFigure(fig, m_dir.filePath(QStringLiteral("big.pdf")), o, nullptr));
    }

    void palettes()
    {
        for (const QString &n : ColorMap::names()) {
            const ColorMap m = ColorMap::sequential(n);
            QVERIFY(m.at(0) != m.at(1));
        }
        QVERIFY(ColorMap::diverging(QStringLiteral("puor")).divergent());
        QCOMPARE(ColorMap::sequential(QStringLiteral("nope")).name(), QStringLiteral("viridis"));
    }

    void chartKindsFromDemoDb()
    {
        std::string err;
        auto store = Store::open(m_demo.path.toStdString(), &err);
        QVERIFY(store);
        QString error;
        auto in = loadChartInputs(*store, QStringList{QString::number(m_demo.rseRun)}, &error);
        QVERIFY2(in, qPrintable(error));
        for (const char *kind : {"rse-heatmap", "rse-bars"}) {
            ChartOptions o;
            o.kind = QString::fromLatin1(kind);
            auto fig = makeFigure(*in, o, &error);
            QVERIFY2(fig, qPrintable(error));
            QVERIFY(exportFigure(*fig, m_dir.filePath(o.kind + QStringLiteral(".png")), ExportOptions{}, &error));
        }
        ChartOptions ice;
        ice.kind = QStringLiteral("ice-scores");
        QVERIFY(!makeFigure(*in, ice, &error));
        QVERIFY(error.contains(QStringLiteral("ICE")));
        QVERIFY(m_demo.iceRun);
        auto both = loadChartInputs(*store, QStringList{QString::number(m_demo.iceRun), QString::number(m_demo.rseRun)}, &error);
        QVERIFY2(both, qPrintable(error));
        for (const char *kind : {"ice-scores", "ice-aspects", "ice-vendors", "ice-vs-rse"}) {
            ChartOptions o;
            o.kind = QString::fromLatin1(kind);
            auto fig = makeFigure(*both, o, &error);
            QVERIFY2(fig, qPrintable(QStringLiteral("%1: %2").arg(o.kind, error)));
            QVERIFY(exportFigure(*fig, m_dir.filePath(o.kind + QStringLiteral(".svg")), ExportOptions{}, &error));
        }
        error.clear();
        const QStringList files = exportAllFigures(*both, m_dir.filePath(QStringLiteral("all")), ExportOptions{}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(files.size() >= 30);
    }

    void tableCsvAndLatexAreSafe()
    {
        QStandardItemModel m(2, 2);
        m.setHorizontalHeaderLabels({QStringLiteral("model"), QStringLiteral("note")});
        m.setItem(0, 0, new QStandardItem(QStringLiteral("=HYPERLINK(\"x\")")));
        m.setItem(0, 1, new QStandardItem(QStringLiteral("50% & $5_x")));
        m.setItem(1, 0, new QStandardItem(QStringLiteral("@SUM(A1)")));
        m.setItem(1, 1, new QStandardItem(QStringLiteral("a,b \"q\"")));
        const QString csv = tableToCsv(m);
        QVERIFY(!csv.contains(QStringLiteral("\n=")));
        QVERIFY(!csv.contains(QStringLiteral("\n@")));
        QVERIFY(csv.contains(QStringLiteral("\"a,b \"\"q\"\"\"")));
        const QString tex = tableToLatex(m);
        QVERIFY(tex.contains(QStringLiteral("\\toprule")));
        QVERIFY(tex.contains(QStringLiteral("50\\% \\& \\$5\\_x")));
        QString error;
        QVERIFY(exportTable(m, m_dir.filePath(QStringLiteral("t.csv")), &error));
        QVERIFY(!exportTable(m, m_dir.filePath(QStringLiteral("t.xls")), &error));
    }

    void latexAlignsTextLeftAndNumbersRight_data()
    {
        QTest::addColumn<QStringList>("column"); // cells of the second column
        QTest::addColumn<QString>("spec");
        QTest::newRow("numbers") << QStringList{QStringLiteral("0.317"), QStringLiteral("12")} << "{lr}";
        QTest::newRow("missing is a number column") << QStringList{QStringLiteral("–"), QStringLiteral("4.5")} << "{lr}";
        QTest::newRow("intervals are text") << QStringList{QStringLiteral("[0.10, 0.70]"), QStringLiteral("0.5")} << "{ll}";
        QTest::newRow("names") << QStringList{QStringLiteral("gpt-4o"), QStringLiteral("deepseek-v3")} << "{ll}";
    }

    void latexAlignsTextLeftAndNumbersRight()
    {
        QFETCH(QStringList, column);
        QFETCH(QString, spec);
        QStandardItemModel m(int(column.size()), 2);
        m.setHorizontalHeaderLabels({QStringLiteral("model"), QStringLiteral("value")});
        for (int r = 0; r < column.size(); ++r) {
            m.setItem(r, 0, new QStandardItem(QStringLiteral("m%1").arg(r)));
            m.setItem(r, 1, new QStandardItem(column[r]));
        }
        const QString tex = tableToLatex(m, QStringLiteral("RSE scores (n per cell)"), QStringLiteral("tab:rse-cells"));
        QVERIFY2(tex.contains(QStringLiteral("\\begin{tabular}") + spec), qPrintable(tex));
        QVERIFY(tex.contains(QStringLiteral("\\caption{RSE scores (n per cell)}")));
        QVERIFY(tex.contains(QStringLiteral("\\label{tab:rse-cells}")));
        QVERIFY(tex.indexOf(QStringLiteral("\\caption")) < tex.indexOf(QStringLiteral("\\label")));
    }
};

QTEST_MAIN(TestUiExport)
#include "tst_ui_export.moc"
