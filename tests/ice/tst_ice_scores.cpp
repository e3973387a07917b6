// ICE scores keep what a slice lost apart from what it scored: each kind of loss (failed request,
// non-answer, unreadable or missing judgment, loose-only label) lands in the slice's gaps, never in
// its n, and every report format shows it. Pure computation over hand-made items; no store.
#include "ice/Report.h"
#include "ice/Scores.h"

#include <QtTest>

#include <cmath>

using namespace ds;
using namespace ds::ice;

namespace {

const char *kJudge = "judge";

struct ItemSpec {
    AnswerStatus status = AnswerStatus::Ok;
    JudgmentStatus judgment = JudgmentStatus::Ok;
    int loose = -1; ///< -1 = no loose label, 0/1 = its value
    int strict = -1;
    bool labelled = true;
};

IceItem makeItem(int templateIdx, const std::string &aspect, const std::string &language, const ItemSpec &spec)
{
    IceItem it;
    it.templateIdx = templateIdx;
    it.templateText = "template " + std::to_string(templateIdx) + " {query}";
    it.aspect = aspect;
    it.language = language;
    it.status = spec.status;
    if (spec.labelled) {
        IceLabel l;
        l.judge = kJudge;
        l.status = spec.judgment;
        if (spec.loose >= 0)
            l.loose = spec.loose == 1;
        if (spec.strict >= 0)
            l.strict = spec.strict == 1;
        it.labels.push_back(l);
    }
    return it;
}

const IceBreakdownRow *findRow(const std::vector<IceBreakdownRow> &rows, const std::string &key)
{
    for (const auto &r : rows)
        if (r.key == key)
            return &r;
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(ItemSpec)

class TstIceScores : public QObject {
    Q_OBJECT

private slots:
    void lossLandsInItsGap_data()
    {
        QTest::addColumn<ItemSpec>("spec");
        QTest::addColumn<int>("looseN");
        QTest::addColumn<int>("strictN");
        QTest::addColumn<QList<int>>("gaps"); // failed, non-answers, unreadable, unjudged, strict unknown
        //                                      answer, judgment, loose, strict, labelled
        QTest::newRow("scored miss") << ItemSpec{AnswerStatus::Ok, JudgmentStatus::Ok, 0, 0, true} << 2 << 2 << QList<int>{0, 0, 0, 0, 0};
        QTest::newRow("scored strict hit") << ItemSpec{AnswerStatus::Ok, JudgmentStatus::Ok, 1, 1, true} << 2 << 2
                                           << QList<int>{0, 0, 0, 0, 0};
        QTest::newRow("request failed") << ItemSpec{AnswerStatus::Error, JudgmentStatus::Ok, -1, -1, false} << 1 << 1
                                        << QList<int>{1, 0, 0, 0, 0};
        QTest::newRow("refused answer") << ItemSpec{AnswerStatus::Refusal, JudgmentStatus::Ok, -1, -1, false} << 1 << 1
                                        << QList<int>{0, 1, 0, 0, 0};
        QTest::newRow("empty answer, stale label")
            << ItemSpec{AnswerStatus::Empty, JudgmentStatus::Ok, 1, 1, true} << 1 << 1 << QList<int>{0, 1, 0, 0, 0};
        QTest::newRow("judge reply unparsable")
            << ItemSpec{AnswerStatus::Ok, JudgmentStatus::Unreadable, -1, -1, true} << 1 << 1 << QList<int>{0, 0, 1, 0, 0};
        QTest::newRow("not judged yet") << ItemSpec{AnswerStatus::Ok, JudgmentStatus::Ok, -1, -1, false} << 1 << 1
                                        << QList<int>{0, 0, 0, 1, 0};
        // A loose hit whose strict judgment failed counts for loose only; it is never "not strict".
        QTest::newRow("strict judgment failed")
            << ItemSpec{AnswerStatus::Ok, JudgmentStatus::Unreadable, 1, -1, true} << 2 << 1 << QList<int>{0, 0, 0, 0, 1};
        // Loose labels imported without strict ones: no strict rate at all (n = 0), not one over the misses.
        QTest::newRow("imported loose label only")
            << ItemSpec{AnswerStatus::Ok, JudgmentStatus::Ok, 1, -1, true} << 2 << 0 << QList<int>{0, 0, 0, 0, 0};
    }

    void lossLandsInItsGap()
    {
        QFETCH(ItemSpec, spec);
        QFETCH(int, looseN);
        QFETCH(int, strictN);
        QFETCH(QList<int>, gaps);
        // One plainly scored miss in another template and aspect, and the item under test.
        const std::vector<IceItem> items = {makeItem(0, "team", "en", ItemSpec{AnswerStatus::Ok, JudgmentStatus::Ok, 0, 0, true}),
                                            makeItem(1, "creator", "zh", spec)};
        const IceScores s = computeScores(items, kJudge, {200, 1});
        QCOMPARE(s.items, int64_t(2));
        QCOMPARE(s.loose.n, int64_t(looseN));
        QCOMPARE(s.strict.n, int64_t(strictN));
        QCOMPARE(s.hard.n, int64_t(strictN));
        const QList<int> overall{int(s.gaps.failed), int(s.gaps.nonAnswers), int(s.gaps.unreadable), int(s.gaps.unjudged),
                                 int(s.gaps.strictUnknown)};
        QCOMPARE(overall, gaps);
        QCOMPARE(s.responseErrors, int64_t(gaps[0] + gaps[1]));
        // The loss is charged to every slice the item belongs to, and to none of the other item's.
        for (const auto *rows : {&s.byAspect, &s.byLanguage, &s.byAspectLanguage, &s.byTemplate}) {
            const std::string key = rows == &s.byAspect           ? "creator"
                                    : rows == &s.byLanguage       ? "zh"
                                    : rows == &s.byAspectLanguage ? "creator/zh"
                                                                  : "t1";
            const IceBreakdownRow *row = findRow(*rows, key);
            QVERIFY2(row, key.c_str()); // a slice that lost everything is still listed
            QCOMPARE(int(row->gaps.total()), gaps[0] + gaps[1] + gaps[2] + gaps[3]);
            QCOMPARE(int(row->gaps.strictUnknown), gaps[4]);
            QCOMPARE(row->loose.n, int64_t(looseN - 1));
            QCOMPARE(row->strict.n, int64_t(std::max(strictN - 1, 0)));
            if (row->loose.n == 0)
                QVERIFY(std::isnan(row->loose.rate)); // missing, never 0
        }
        QCOMPARE(findRow(s.byTemplate, "t0")->gaps.total(), int64_t(0));
    }

    void reportsShowLosses()
    {
        const std::vector<IceItem> items = {
            makeItem(0, "team", "en", ItemSpec{AnswerStatus::Ok, JudgmentStatus::Ok, 1, 1, true}),
            makeItem(1, "team", "en", ItemSpec{AnswerStatus::Ok, JudgmentStatus::Ok, 0, 0, true}),
            makeItem(1, "creator", "zh", ItemSpec{AnswerStatus::Error, JudgmentStatus::Ok, -1, -1, false}),
            makeItem(1, "creator", "zh", ItemSpec{AnswerStatus::Ok, JudgmentStatus::Unreadable, -1, -1, true})};
        IceScores s = computeScores(items, kJudge, {200, 1});
        s.model = "nova";

        const auto json = scoresToJson(s);
        QCOMPARE(json["failed"].get<int>(), 1);
        QCOMPARE(json["unreadable"].get<int>(), 1);
        QCOMPARE(json["n"].get<int>(), 2);
        bool sawLostSlice = false;
        for (const auto &row : json["by_aspect_language"])
            if (row["key"] == "creator/zh") {
                sawLostSlice = true;
                QVERIFY(row["loose"]["rate"].is_null());
                QCOMPARE(row["loose"]["n"].get<int>(), 0);
                QCOMPARE(row["failed"].get<int>(), 1);
                QCOMPARE(row["unreadable"].get<int>(), 1);
            }
        QVERIFY(sawLostSlice);

        const QString csv = QString::fromStdString(reportCsv(s));
        QVERIFY(csv.startsWith(QStringLiteral("section,key,n,failed,non_answers,unreadable,unjudged,strict_unknown,loose_hits,")));
        QVERIFY2(csv.contains(QStringLiteral("\naspect_language,creator/zh,0,1,0,1,0,0,0,,,,")), qPrintable(csv));

        const QString text = QString::fromStdString(reportText(s));
        QVERIFY2(text.contains(QStringLiteral("2 of 4 responses judged (lost: 1 failed, 1 unreadable)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("lost: 1 failed, 1 unreadable\n")), qPrintable(text));

        const QString latex = QString::fromStdString(reportLatex(s));
        QVERIFY2(latex.contains(QStringLiteral("Slice & $n$ & Lost & Loose")), qPrintable(latex));
        QVERIFY2(latex.contains(QStringLiteral("nova & 2 & 2 & ")), qPrintable(latex));
        QVERIFY2(latex.contains(QStringLiteral("creator/zh & 0 & 2 & --- & --- & ---")), qPrintable(latex));
    }

    void noHitsOverSeveralTemplatesHasARealInterval()
    {
        // 0 of 24 over 3 templates: every template resample is 0, so the bootstrap would say [0, 0].
        std::vector<IceItem> items;
        for (int t = 0; t < 3; ++t)
            for (int q = 0; q < 8; ++q)
                items.push_back(makeItem(t, "team", "en", ItemSpec{AnswerStatus::Ok, JudgmentStatus::Ok, 0, 0, true}));
        const IceScores s = computeScores(items, kJudge, {200, 1});
        QCOMPARE(s.loose.n, int64_t(24));
        QCOMPARE(s.loose.ciMethod, CiMethod::Wilson);
        QCOMPARE(s.loose.ci95.lo, 0.0);
        QVERIFY2(s.loose.ci95.hi > 0.1, qPrintable(QString::number(s.loose.ci95.hi)));                    // Wilson: 0.138
        items[0] = makeItem(0, "team", "en", ItemSpec{AnswerStatus::Ok, JudgmentStatus::Ok, 1, 1, true}); // one hit: the bootstrap applies
        QCOMPARE(computeScores(items, kJudge, {200, 1}).loose.ciMethod, CiMethod::TemplateBootstrap);
    }

    void gapsSummaryNamesOnlyWhatHappened()
    {
        QCOMPARE(gapsSummary({}), std::string());
        QCOMPARE(gapsSummary({0, 3, 0, 1, 0}), std::string("3 no answer, 1 not judged"));
        QCOMPARE(gapsSummary({0, 0, 0, 0, 2}), std::string("2 without a strict label"));
        QCOMPARE(gapsSummary({1, 0, 0, 0, 2}), std::string("1 failed; 2 without a strict label"));
    }
};

QTEST_GUILESS_MAIN(TstIceScores)
#include "tst_ice_scores.moc"
