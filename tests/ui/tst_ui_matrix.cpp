// Heatmaps with many models stay readable (offscreen, a real SQLite file in a temp dir): the
// similarity matrix of 12 models and the RSE heatmap of 12 test models keep their labels at the
// base font size (every cell at least a label line tall, so neighbouring labels cannot overlap) and
// show their values; where the pane is too narrow for that, the chart scrolls instead of shrinking.
#include "WindowTest.h"

#include "MainWindow.h"
#include "charts/ChartPanel.h"
#include "charts/HeatmapFigure.h"
#include "pages/RseResultsPage.h"
#include "pages/SimilarityPage.h"
#include "rse/RseConfig.h"
#include "services/AppContext.h"
#include "store/Store.h"
#include "widgets/HeatmapSizing.h"

#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ds;
using namespace ds::ui;

namespace {

// Names as long as real ones: the row labels need room too.
const char *kModels[] = {"gpt-4o-2024-08-06", "claude-3-5-sonnet", "Qwen2.5-72B-Instruct", "Llama-3.1-70B-Instruct",
                         "deepseek-v3",       "gemini-1.5-pro",    "mistral-large-2411",   "Yi-1.5-34B-Chat",
                         "glm-4-9b-chat",     "Phi-3-medium-128k", "internlm2_5-20b-chat", "command-r-plus"};
constexpr int kPrompts = 6;

std::string answer(int model, int prompt)
{
    // Families of similar answers, so the matrix has structure.
    static const char *openings[] = {"Certainly! Here is a structured answer", "Sure, let me explain step by step",
                                     "In short: the key idea is simple", "Great question. There are three parts"};
    return std::string(openings[model % 4]) + " about topic " + std::to_string(prompt) + ". Model " + std::to_string(model % 5) +
           " adds detail number " + std::to_string((model * 7 + prompt) % 11) + ".";
}

} // namespace

class TestUiMatrix : public test::WindowTest {
    Q_OBJECT
private:
    qint64 m_rseRun = 0;

    /// The heatmap's cell (0, 0) at the widget's current size, in points.
    static QRectF firstCell(FigureWidget *w, const HeatmapFigure &fig)
    {
        const double ptPerPx = 72.0 / (w->logicalDpiX() > 0 ? w->logicalDpiX() : 96);
        return *fig.itemRect(0, 0, QRectF(0, 0, w->width() * ptPerPx, w->height() * ptPerPx), w->currentStyle());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const std::string path = m_dir.filePath(QStringLiteral("matrix.sqlite")).toStdString();
        QVERIFY(test::changeStore(QString::fromStdString(path), [&](Store &store) {
            std::string error;
            ModelConfig judge = test::openAiModel("judge", "http://127.0.0.1:9/v1");
            QVERIFY2(store.saveModel(judge, &error), error.c_str());
            DatasetInfo info;
            info.name = "d";
            const auto items = test::promptItems(kPrompts, [](int i) { return "Explain topic " + std::to_string(i) + "."; });
            QVERIFY2(store.createDataset(info, items, &error), error.c_str());
            std::vector<ResponseRecord> rs;
            const auto prompts = store.prompts(info.id);
            for (int m = 0; m < 12; ++m)
                for (const auto &p : prompts)
                    rs.push_back(test::importedAnswer(kModels[m], p.id, answer(m, p.idx)));
            QVERIFY2(store.importResponses(rs, &error), error.c_str());
            // An RSE run of 11 test models against the first one as reference, with judgments.
            std::vector<std::string> tests;
            for (int m = 1; m < 12; ++m)
                tests.push_back(kModels[m]);
            const rse::RseConfig cfg = test::rseConfig(kModels[0], tests, {"d"});
            RunInfo run = test::completeRseRun("many-models", cfg);
            QVERIFY2(store.createRun(run, &error), error.c_str());
            m_rseRun = run.id;
            for (const auto &p : prompts)
                for (int m = 1; m < 12; ++m) {
                    Judgment j;
                    j.runId = run.id;
                    j.promptId = p.id;
                    j.dataset = "d";
                    j.testModel = kModels[m];
                    j.refModel = kModels[0];
                    j.judgeModel = "judge";
                    j.requestKey = "judge:" + j.testModel + ":" + std::to_string(p.id);
                    j.style = 1 + (m + p.idx) % 5;
                    j.logic = 1 + m % 5;
                    j.content = 1 + (m * 3 + p.idx) % 5;
                    j.overall = (*j.style + *j.logic + *j.content) / 3.0;
                    j.status = JudgmentStatus::Ok;
                    store.putJudgment(j);
                }
        }));
        QVERIFY(openWindow(QString::fromStdString(path)));
    }

    void heatmapStaysReadable_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<int>("models");
        QTest::addColumn<QSize>("window");
        QTest::newRow("similarity 12 models, 1024x700") << QStringLiteral("similarity") << 12 << QSize(1024, 700);
        QTest::newRow("similarity 12 models, 1600x1000") << QStringLiteral("similarity") << 12 << QSize(1600, 1000);
        QTest::newRow("similarity 3 models, 1024x700") << QStringLiteral("similarity") << 3 << QSize(1024, 700);
        QTest::newRow("rse 11 test models, 1024x700") << QStringLiteral("rse") << 11 << QSize(1024, 700);
    }
    void heatmapStaysReadable()
    {
        QFETCH(QString, page);
        QFETCH(int, models);
        QFETCH(QSize, window);
        m_window->resize(window);
        QVERIFY(m_window->setPage(page));
        QVERIFY(m_window->waitIdle());
        ChartPanel *panel = nullptr;
        if (page == QLatin1String("similarity")) {
            auto *p = static_cast<SimilarityPage *>(m_window->page(page));
            QSignalSpy shown(p, &SimilarityPage::matrixShown);
            p->choose(QStringLiteral("d"), QStringLiteral("tfidf"));
            QTRY_VERIFY_WITH_TIMEOUT(!p->isLoading() && p->availableModels().size() == 12, 5000);
            QStringList chosen;
            for (int m = 0; m < models; ++m)
                chosen << QString::fromLatin1(kModels[m]);
            p->chooseModels(chosen);
            p->compute();
            QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
            QCOMPARE(shown.last().at(0).toInt(), models);
            panel = p->matrix();
        } else {
            auto *p = static_cast<RseResultsPage *>(m_window->page(page));
            QSignalSpy shown(p, &RseResultsPage::resultsShown);
            p->showRun(m_rseRun);
            QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
            panel = p->heatmap();
        }
        QVERIFY(m_window->waitIdle());
        QApplication::processEvents();
        FigureWidget *w = panel->figureWidget();
        const auto *fig = dynamic_cast<const HeatmapFigure *>(w->figure().get());
        QVERIFY(fig);
        QCOMPARE(int(fig->data().rows.size()), models);
        const FigureStyle style = w->currentStyle();
        const QRectF cell = firstCell(w, *fig);
        // Labels keep the base size: a row is at least one label line tall (neighbours cannot overlap).
        const double line = fig::lineHeight(style, style.fontPt);
        QVERIFY2(cell.height() >= line, qPrintable(QStringLiteral("row %1 pt < line %2 pt").arg(cell.height()).arg(line)));
        // Values are shown: the cell is wider than "0.00" at the value size.
        QVERIFY2(cell.width() >= fig::textWidth(style, style.fontPt * 0.9, QStringLiteral("0.00")),
                 qPrintable(QStringLiteral("cell %1 pt").arg(cell.width())));
        // Row labels are not squeezed: the widest fits left of the cells.
        double labels = 0;
        for (const QString &r : fig->data().rows)
            labels = std::max(labels, fig::textWidth(style, style.fontPt, r));
        QVERIFY2(cell.left() >= labels, qPrintable(QStringLiteral("labels %1 pt, room %2 pt").arg(labels).arg(cell.left())));
        // Too wide for the pane: it scrolls (the figure is never cut off).
        auto *area = panel->findChild<QScrollArea *>();
        QVERIFY(area);
        const int viewport = area->viewport()->width();
        QVERIFY(w->width() >= w->minimumWidth());
        QCOMPARE(area->horizontalScrollBar()->maximum() > 0, w->minimumWidth() > viewport);
        QCOMPARE(area->verticalScrollBar()->maximum() > 0, w->minimumHeight() > area->viewport()->height());
        if (models == 12 && window.width() == 1024)
            QVERIFY2(w->minimumWidth() > 200, "12 models need more than the default minimum width");
    }
};

QTEST_MAIN(TestUiMatrix)
#include "tst_ui_matrix.moc"
