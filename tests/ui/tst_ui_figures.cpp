// Figure regression: every chart kind, rendered from a fixed store at the single- and double-column
// presets to SVG and PNG. From the SVG: every text item lies inside the figure and none was elided.
// The PNG is compared, with a tolerance, to a reference committed in tests/ui/figures/. To accept
// an intended change of the figures, run with DS_UPDATE_FIGURE_REFERENCES=1 and commit the images.
#include "DemoDb.h"

#include "charts/ChartKinds.h"
#include "charts/FigureExport.h"
#include "charts/ScatterFigure.h"
#include "charts/SimilarityCharts.h"
#include "similarity/Corpus.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTransform>
#include <QXmlStreamReader>

#include <map>

using namespace ds;
using namespace ds::ui;

namespace {

/// Text items of an SVG written by QSvgGenerator, with the box each one covers (in viewBox units).
struct SvgText {
    QString text;
    QRectF box;
};

struct SvgFile {
    QRectF viewBox;
    std::vector<SvgText> texts;
};

QTransform parseMatrix(const QString &attr)
{
    static const QRegularExpression re(QStringLiteral("matrix\\(([^)]*)\\)"));
    const auto m = re.match(attr);
    if (!m.hasMatch())
        return {};
    const QStringList v = m.captured(1).split(QRegularExpression(QStringLiteral("[ ,]+")), Qt::SkipEmptyParts);
    if (v.size() != 6)
        return {};
    return QTransform(v[0].toDouble(), v[1].toDouble(), v[2].toDouble(), v[3].toDouble(), v[4].toDouble(), v[5].toDouble());
}

/// Measures text as the figures do: one SVG user unit is one point (72 dpi).
QRectF textBox(const QString &text, const QString &family, double size, bool bold, double x, double y)
{
    static QImage device = [] {
        QImage i(1, 1, QImage::Format_ARGB32);
        i.setDotsPerMeterX(int(std::lround(72 / 0.0254)));
        i.setDotsPerMeterY(int(std::lround(72 / 0.0254)));
        return i;
    }();
    QFont f(family);
    f.setPointSizeF(size * 72.0 / device.logicalDpiY());
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    const QFontMetricsF fm(f, &device);
    return QRectF(x, y - fm.ascent(), fm.horizontalAdvance(text), fm.ascent() + fm.descent());
}

SvgFile readSvg(const QString &path)
{
    SvgFile out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&f);
    std::vector<QTransform> stack{QTransform()};
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto a = xml.attributes();
            if (xml.name() == QLatin1String("svg")) {
                const QStringList v = a.value(QLatin1String("viewBox")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
                if (v.size() == 4)
                    out.viewBox = QRectF(v[0].toDouble(), v[1].toDouble(), v[2].toDouble(), v[3].toDouble());
            }
            QTransform t = stack.back();
            if (a.hasAttribute(QLatin1String("transform")))
                t = parseMatrix(a.value(QLatin1String("transform")).toString()) * t;
            stack.push_back(t);
            if (xml.name() == QLatin1String("text")) {
                const QString family = a.value(QLatin1String("font-family")).toString().remove(QLatin1Char('"'));
                const double size = a.value(QLatin1String("font-size")).toDouble();
                const bool bold = a.value(QLatin1String("font-weight")).toInt() >= 600;
                const double x = a.value(QLatin1String("x")).toDouble(), y = a.value(QLatin1String("y")).toDouble();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                stack.pop_back();
                if (!text.trimmed().isEmpty())
                    out.texts.push_back({text, t.mapRect(textBox(text, family, size, bold, x, y))});
            }
        } else if (xml.isEndElement()) {
            stack.pop_back();
        }
    }
    return out;
}

struct PixelDiff {
    double differingShare = 1; ///< share of pixels with a channel differing by more than 64
    double meanAbs = 255;      ///< mean absolute channel difference
};

PixelDiff compare(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return {};
    const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
    qint64 differing = 0;
    double sum = 0;
    for (int r = 0; r < x.height(); ++r) {
        const auto *p = reinterpret_cast<const QRgb *>(x.constScanLine(r));
        const auto *q = reinterpret_cast<const QRgb *>(y.constScanLine(r));
        for (int c = 0; c < x.width(); ++c) {
            const int d =
                std::max({std::abs(qRed(p[c]) - qRed(q[c])), std::abs(qGreen(p[c]) - qGreen(q[c])), std::abs(qBlue(p[c]) - qBlue(q[c]))});
            differing += d > 64;
            sum += std::abs(qRed(p[c]) - qRed(q[c])) + std::abs(qGreen(p[c]) - qGreen(q[c])) + std::abs(qBlue(p[c]) - qBlue(q[c]));
        }
    }
    const double n = double(x.width()) * x.height();
    return {double(differing) / n, sum / (3 * n)};
}

} // namespace

class TestUiFigures : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::map<QString, FigurePtr> m_figures; ///< kind -> figure of the fixed store

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // The fixed store: judgments and ICE labels written explicitly (no judge that may change).
        const test::DemoDb demo = test::buildDemoDb(m_dir.filePath(QStringLiteral("figures.sqlite")));
        const test::ComparisonRuns more = test::addComparisonRuns(demo.path);
        std::string err;
        auto store = Store::open(demo.path.toStdString(), &err);
        QVERIFY2(store, err.c_str());
        QString error;
        QStringList runs{QString::number(demo.rseRun)};
        QVERIFY(more.iceSecond);
        runs << QString::number(more.iceSecond);
        auto in = loadChartInputs(*store, runs, &error);
        QVERIFY2(in, qPrintable(error));
        for (const QString &kind : applicableKinds(*in)) {
            ChartOptions o;
            o.kind = kind;
            auto fig = makeFigure(*in, o, &error);
            QVERIFY2(fig, qPrintable(kind + QStringLiteral(": ") + error));
            m_figures[kind] = fig;
        }
        // The similarity matrix and map of the demo answers.
        std::vector<std::string> models = store->modelsWithAnswers(store->dataset("demo")->id);
        std::vector<std::map<std::string, std::string>> answers;
        for (const auto &m : models) {
            std::map<std::string, std::string> a;
            for (auto &[pid, r] : store->answers(m, store->dataset("demo")->id))
                a.emplace(std::to_string(pid), r.text);
            answers.push_back(std::move(a));
        }
        const auto matrix = similarity::computeSimilarity(similarity::alignShared(models, answers), similarity::Metric::TfIdf);
        m_figures[QStringLiteral("similarity-matrix")] = std::make_shared<HeatmapFigure>(similarityHeatmap(matrix, QStringLiteral("demo")));
        m_figures[QStringLiteral("similarity-mds")] = std::make_shared<ScatterFigure>(similarityMds(matrix, QStringLiteral("demo")));
        QVERIFY(m_figures.size() >= 6);
    }

    void everyKindAtBothPresets_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("widthIn");
        for (const auto &[kind, fig] : m_figures)
            for (const auto &[preset, width] :
                 {std::pair{"single", ExportOptions::kSingleColumnIn}, std::pair{"double", ExportOptions::kDoubleColumnIn}})
                QTest::newRow(qPrintable(kind + QLatin1Char('-') + QLatin1String(preset))) << kind << width;
    }

    void everyKindAtBothPresets()
    {
        QFETCH(QString, kind);
        QFETCH(double, widthIn);
        const FigurePtr fig = m_figures.at(kind);
        const QString name = QStringLiteral("%1-%2").arg(kind, widthIn < 5 ? QStringLiteral("single") : QStringLiteral("double"));
        ExportOptions o;
        o.widthIn = widthIn;
        o.dpi = 100; // small references; the layout is the same at any DPI
        QString error;

        const QString svgPath = m_dir.filePath(name + QStringLiteral(".svg"));
        QVERIFY2(exportFigure(*fig, svgPath, o, &error), qPrintable(error));
        const SvgFile svg = readSvg(svgPath);
        QVERIFY(svg.viewBox.isValid());
        QVERIFY(!svg.texts.empty());
        const QRectF bounds = svg.viewBox.adjusted(-0.5, -0.5, 0.5, 0.5);
        for (const SvgText &t : svg.texts) {
            QVERIFY2(bounds.contains(t.box), qPrintable(QStringLiteral("'%1' at [%2, %3, %4 x %5] leaves the %6 x %7 figure")
                                                            .arg(t.text)
                                                            .arg(t.box.x(), 0, 'f', 1)
                                                            .arg(t.box.y(), 0, 'f', 1)
                                                            .arg(t.box.width(), 0, 'f', 1)
                                                            .arg(t.box.height(), 0, 'f', 1)
                                                            .arg(svg.viewBox.width())
                                                            .arg(svg.viewBox.height())));
            QVERIFY2(!t.text.contains(QChar(0x2026)), qPrintable(QStringLiteral("'%1' was cut short").arg(t.text)));
        }

        const QString pngPath = m_dir.filePath(name + QStringLiteral(".png"));
        QVERIFY2(exportFigure(*fig, pngPath, o, &error), qPrintable(error));
        const QImage png(pngPath);
        QCOMPARE(png.width(), int(std::lround(widthIn * o.dpi)));
        const QString refPath = QStringLiteral(DS_FIGURE_REFERENCES "/") + name + QStringLiteral(".png");
        if (qEnvironmentVariableIsSet("DS_UPDATE_FIGURE_REFERENCES")) {
            QDir().mkpath(QFileInfo(refPath).absolutePath());
            QVERIFY(png.save(refPath));
            return;
        }
        const QImage ref(refPath);
        QVERIFY2(!ref.isNull(), qPrintable(QStringLiteral("no reference %1 (create it with DS_UPDATE_FIGURE_REFERENCES=1)").arg(refPath)));
        QVERIFY2(ref.size() == png.size(), qPrintable(QStringLiteral("%1: %2 x %3 px, reference %4 x %5 px")
                                                          .arg(name)
                                                          .arg(png.width())
                                                          .arg(png.height())
                                                          .arg(ref.width())
                                                          .arg(ref.height())));
        const PixelDiff d = compare(png, ref);
        qInfo("%s: %.3f%% of pixels differ, mean difference %.2f", qPrintable(name), d.differingShare * 100, d.meanAbs);
        QVERIFY2(d.differingShare < 0.005 && d.meanAbs < 2.0, qPrintable(QStringLiteral("%1 differs from its reference").arg(name)));
    }

    void editedTitleLabelsAndHeightReachTheFile()
    {
        const FigurePtr fig = m_figures.at(QStringLiteral("rse-bars"));
        FigureLabels l = fig->labels();
        QVERIFY(l.hasX);
        l.title = QStringLiteral("Similarity to the reference");
        l.xLabel = QStringLiteral("judge score");
        const FigurePtr edited = fig->withLabels(l);
        ExportOptions o;
        o.heightIn = 2.0;
        const QString path = m_dir.filePath(QStringLiteral("edited.svg"));
        QString error;
        QVERIFY2(exportFigure(*edited, path, o, &error), qPrintable(error));
        const SvgFile svg = readSvg(path);
        QCOMPARE(svg.viewBox.height(), 144.0); // 2 in
        QStringList texts;
        for (const auto &t : svg.texts)
            texts << t.text;
        QVERIFY(texts.contains(QStringLiteral("Similarity to the reference")));
        QVERIFY(texts.contains(QStringLiteral("judge score")));
        QVERIFY(!texts.contains(fig->labels().title));
    }

    // A model against itself is not missing data: the similarity matrix draws its diagonal flat (one
    // colour, "self"), while a pair without shared prompts stays hatched ("—"). Checked on the pixels
    // of a band along each cell's top edge, away from the centred text.
    void similarityDiagonalIsSelfNotMissing_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("print") << false;
        QTest::newRow("dark widget") << true;
    }
    void similarityDiagonalIsSelfNotMissing()
    {
        QFETCH(bool, dark);
        similarity::SimilarityMatrix m;
        m.models = {"a", "b", "c"};
        m.prompts = 5;
        m.matrix = {{1.0, 0.6, NAN}, {0.6, 1.0, 0.4}, {NAN, 0.4, 1.0}}; // a and c share no prompt
        m.order = {0, 1, 2};
        const HeatmapFigure fig(similarityHeatmap(m, QStringLiteral("demo")));
        FigureStyle style = FigureStyle::print(8);
        if (dark) {
            style.background = QColor(0x20, 0x20, 0x20);
            style.foreground = Qt::white;
            style.grid = QColor(0x50, 0x50, 0x50);
        }
        const QRectF rect(0, 0, 400, fig.heightFor(400, style));
        QImage img(rect.size().toSize(), QImage::Format_ARGB32);
        {
            QPainter p(&img);
            fig.paint(p, rect, style);
        }
        // Distinct colours in a band inside the top of a cell (the text sits in the middle).
        auto bandColours = [&](int row, int col) {
            const QRectF cell = *fig.itemRect(row, col, rect, style);
            QSet<QRgb> colours;
            for (int y = int(cell.top() + 2); y < int(cell.top() + cell.height() * 0.25); ++y)
                for (int x = int(cell.left() + 2); x < int(cell.right() - 2); ++x)
                    colours.insert(img.pixel(x, y));
            return colours;
        };
        for (int i = 0; i < 3; ++i) {
            const auto self = bandColours(i, i);
            QVERIFY2(self.size() == 1, qPrintable(QStringLiteral("diagonal cell %1 has %2 colours").arg(i).arg(self.size())));
            QCOMPARE(QColor(*self.begin()).saturation(), 0); // grey, off the (coloured) scale
            const QPointF centre = fig.itemRect(i, i, rect, style)->center();
            QVERIFY(fig.hitTest(centre, rect, style)->tooltip.contains(QStringLiteral("self")));
        }
        const auto missing = bandColours(0, 2);
        QVERIFY2(missing.size() >= 2, "a missing pair must stay hatched");
        QVERIFY(fig.hitTest(fig.itemRect(0, 2, rect, style)->center(), rect, style)->tooltip.contains(QStringLiteral("—")));
        QVERIFY(!fig.hitTest(fig.itemRect(0, 2, rect, style)->center(), rect, style)->tooltip.contains(QStringLiteral("self")));
        QCOMPARE(bandColours(0, 1).size(), 1); // a value: one colour of the scale
    }

    void crowdedMapLabelsStayApartAndInside()
    {
        ScatterData d;
        d.title = QStringLiteral("MDS map");
        d.equalAspect = true;
        for (int i = 0; i < 12; ++i) { // a tight cluster plus two far points: the case that overlapped
            ScatterPoint p;
            p.label = QStringLiteral("model-%1").arg(i);
            p.x = i < 10 ? 0.01 * i : (i == 10 ? 1.0 : -1.0);
            p.y = i < 10 ? 0.005 * (i % 3) : 0.5;
            d.points.push_back(p);
        }
        const ScatterFigure fig(d);
        const FigureStyle style = FigureStyle::print(8);
        const QRectF rect(0, 0, 252, fig.heightFor(252, style));
        const auto boxes = fig.labelBoxes(rect, style);
        QCOMPARE(boxes.size(), size_t(12));
        int overlaps = 0;
        for (size_t i = 0; i < boxes.size(); ++i) {
            QVERIFY2(rect.contains(boxes[i]), qPrintable(d.points[i].label));
            for (size_t j = i + 1; j < boxes.size(); ++j)
                overlaps += boxes[i].intersects(boxes[j]);
        }
        QCOMPARE(overlaps, 0);
    }
};

QTEST_MAIN(TestUiFigures)
#include "tst_ui_figures.moc"
