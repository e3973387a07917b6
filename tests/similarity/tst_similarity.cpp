// Unit tests of the judge-free similarity library: tokenizer, metrics with hand-computed values,
// marker phrases on a fixture, clustering/MDS, and teacher identification on synthetic texts.
#include "similarity/Clustering.h"
#include "similarity/FunctionTemplates.h"
#include "similarity/MarkerPhrases.h"
#include "similarity/RougeL.h"
#include "similarity/Similarity.h"
#include "similarity/StructureProfile.h"
#include "similarity/Teacher.h"
#include "similarity/Utf8Text.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <random>

using namespace ds::similarity;

Q_DECLARE_METATYPE(std::vector<std::string>)
Q_DECLARE_METATYPE(std::vector<double>)

namespace {

QStringList toList(const std::vector<std::string_view> &v)
{
    QStringList out;
    for (auto s : v)
        out << QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
    return out;
}

Corpus corpusOf(std::vector<std::string> models, std::vector<std::vector<std::string>> texts)
{
    Corpus c;
    c.models = std::move(models);
    c.texts = std::move(texts);
    return c;
}

double idf(double n, double df)
{
    return std::log((1 + n) / (1 + df)) + 1;
}

/// Textbook TF-IDF cosine (sublinear tf, smooth idf over all answers, l2 norm), pair by pair with
/// std::map: the reference for the Gram-matrix engine. terms(text) gives a text's terms as strings.
template <class Terms> std::vector<std::vector<double>> naiveTfidf(const Corpus &c, Terms terms, std::vector<double> *perPrompt01 = nullptr)
{
    const std::size_t M = c.modelCount(), P = c.promptCount();
    std::vector<std::vector<std::map<std::string, double>>> tf(P, std::vector<std::map<std::string, double>>(M));
    std::map<std::string, double> df;
    for (std::size_t p = 0; p < P; ++p)
        for (std::size_t m = 0; m < M; ++m) {
            for (const auto &t : terms(c.texts[m][p]))
                tf[p][m][t] += 1;
            for (const auto &[t, n] : tf[p][m])
                df[t] += 1;
        }
    std::vector<std::vector<double>> S(M, std::vector<double>(M, 0.0));
    for (std::size_t p = 0; p < P; ++p) {
        for (auto &doc : tf[p]) {
            double norm = 0;
            for (auto &[t, x] : doc) {
                x = (1 + std::log(x)) * idf(double(M * P), df[t]);
                norm += x * x;
            }
            for (auto &[t, x] : doc)
                x /= std::sqrt(norm);
        }
        for (std::size_t i = 0; i < M; ++i)
            for (std::size_t j = 0; j < M; ++j) {
                double dot = 0;
                for (const auto &[t, x] : tf[p][i])
                    if (auto it = tf[p][j].find(t); it != tf[p][j].end())
                        dot += x * it->second;
                S[i][j] += dot / double(P);
                if (perPrompt01 && i == 0 && j == 1)
                    perPrompt01->push_back(dot);
            }
    }
    return S;
}

/// A corpus whose prompts mix terms nearly every model uses (dense columns of the Gram engine) with
/// rare ones (its per-term lists), plus empty and one-word answers.
Corpus mixedCorpus(std::size_t models, std::size_t prompts)
{
    std::mt19937 rng(7);
    Corpus c;
    for (std::size_t m = 0; m < models; ++m)
        c.models.push_back("m" + std::to_string(m));
    c.texts.assign(models, {});
    for (std::size_t p = 0; p < prompts; ++p)
        for (std::size_t m = 0; m < models; ++m) {
            std::string text;
            const std::size_t len = (m + p) % 11 == 0 ? 0 : (m + p) % 13 == 0 ? 1 : 20 + rng() % 60;
            for (std::size_t k = 0; k < len; ++k) {
                const unsigned r = rng() % 100;
                const unsigned w = r < 60 ? rng() % 15 : r < 90 ? 15 + rng() % 150 : 165 + rng() % 3000;
                text += (k ? (rng() % 9 == 0 ? "\n" : " ") : "") + std::string(k % 7 == 0 ? "W" : "w") + std::to_string(w);
            }
            c.texts[m].push_back(text);
        }
    return c;
}

std::vector<std::string> charTrigrams(const std::string &text)
{
    const std::string lowered = lowercase(text);
    std::u32string cps;
    for (std::size_t pos = 0; pos < lowered.size();) {
        char32_t cp = decodeUtf8(lowered, pos);
        const bool space = cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == 0xA0 || cp == 0x3000;
        if (space && (cps.empty() || cps.back() == U' '))
            continue;
        cps.push_back(space ? U' ' : cp);
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i + 3 <= cps.size(); ++i) {
        std::string key;
        for (std::size_t k = 0; k < 3; ++k)
            appendUtf8(key, cps[i + k]);
        out.push_back(key);
    }
    return out;
}

/// 8 models x 120 prompts. Each answer = topic words of the prompt + the model's own habit words +
/// "hub" words every model uses a little (hub uses them most). "student" draws 70% of its habit
/// words from "teacher"; "human" has its own habits only.
Corpus syntheticTeacherCorpus()
{
    std::mt19937_64 rng(2025);
    const std::vector<std::string> models = {"teacher", "student", "human", "hub", "m1", "m2", "m3", "m4"};
    auto word = [](const std::string &prefix, std::size_t i) { return prefix + std::to_string(i); };
    Corpus c;
    c.models = models;
    c.texts.assign(models.size(), {});
    for (std::size_t p = 0; p < 120; ++p) {
        for (std::size_t m = 0; m < models.size(); ++m) {
            std::string text;
            auto add = [&](const std::string &w) { text += w + " "; };
            for (int k = 0; k < 12; ++k)
                add(word("topic" + std::to_string(p) + "x", rng() % 15));
            for (int k = 0; k < 10; ++k) {
                const std::string source = models[m] == "student" ? (rng() % 10 < 7 ? "teacher" : "student") : models[m];
                add(word(source + "w", rng() % 40));
            }
            for (int k = 0; k < (models[m] == "hub" ? 12 : 4); ++k)
                add(word("hubw", rng() % 20));
            if ((models[m] == "teacher" && p % 5 < 2) || (models[m] == "student" && p % 10 < 3))
                text += "I hope this helps!";
            c.texts[m].push_back(text);
        }
    }
    return c;
}

} // namespace

class TestSimilarity : public QObject {
    Q_OBJECT
private slots:
    void sklearnTokens_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("ascii") << QStringLiteral("Hello, World! a bb")
                               << QStringList{QStringLiteral("hello"), QStringLiteral("world"), QStringLiteral("bb")};
        QTest::newRow("digits-underscore") << QStringLiteral("x_y 3d 7 __")
                                           << QStringList{QStringLiteral("x_y"), QStringLiteral("3d"), QStringLiteral("__")};
        QTest::newRow("accents") << QStringLiteral("Café NAÏVE Ærø")
                                 << QStringList{QStringLiteral("café"), QStringLiteral("naïve"), QStringLiteral("ærø")};
        QTest::newRow("cjk") << QStringLiteral("中文测试，ok") << QStringList{QStringLiteral("中文测试"), QStringLiteral("ok")};
        QTest::newRow("combining-mark-splits") << QStringLiteral("e\u0301te") << QStringList{QStringLiteral("te")};
        QTest::newRow("dotted-I") << QStringLiteral("İstanbul") << QStringList{QStringLiteral("stanbul")};
        QTest::newRow("final-sigma") << QStringLiteral("ΟΔΟΣ ΣΑ") << QStringList{QStringLiteral("οδος"), QStringLiteral("σα")};
        QTest::newRow("apostrophe") << QStringLiteral("it's don't") << QStringList{QStringLiteral("it"), QStringLiteral("don")};
    }
    void sklearnTokens()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        std::string buf;
        std::vector<std::string_view> toks;
        const QByteArray utf8 = text.toUtf8();
        sklearnWordTokens(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())), buf, toks);
        QCOMPARE(toList(toks), tokens);
    }

    void tfidfHandComputed_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<double>("expected");
        // two documents: n = 2. "aa" in both (idf 1), "bb"/"cc" in one (idf ln 1.5 + 1)
        const double i1 = idf(2, 1);
        QTest::newRow("one shared term") << QStringLiteral("aa bb") << QStringLiteral("aa cc") << 1.0 / (1 + i1 * i1);
        // sublinear tf: "aa" twice -> 1 + ln 2
        const double t2 = 1 + std::log(2.0);
        QTest::newRow("sublinear tf") << QStringLiteral("aa aa bb") << QStringLiteral("aa") << t2 / std::sqrt(t2 * t2 + i1 * i1);
        QTest::newRow("identical") << QStringLiteral("Same words here") << QStringLiteral("same WORDS here") << 1.0;
        QTest::newRow("disjoint") << QStringLiteral("alpha beta") << QStringLiteral("gamma delta") << 0.0;
        QTest::newRow("empty") << QString() << QStringLiteral("gamma delta") << 0.0;
    }
    void tfidfHandComputed()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(double, expected);
        const auto m = computeSimilarity(corpusOf({"A", "B"}, {{a.toStdString()}, {b.toStdString()}}), Metric::TfIdf);
        QVERIFY(std::abs(m.matrix[0][1] - expected) < 1e-12);
        QCOMPARE(m.matrix[0][1], m.matrix[1][0]);
    }

    void tfidfMeanOverPrompts()
    {
        // prompt 1 identical (1), prompt 2 disjoint (0): the pair's similarity is the mean, 0.5
        const auto m = computeSimilarity(corpusOf({"A", "B"}, {{"same text", "left side"}, {"same text", "right wing"}}), Metric::TfIdf);
        QVERIFY(std::abs(m.matrix[0][1] - 0.5) < 1e-12);
        QCOMPARE(m.prompts, std::size_t(2));
    }

    void rougeL_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<double>("expected");
        // LCS "the cat on mat" = 4 of 6 and 5 tokens: F1 = 2*4/11
        QTest::newRow("classic") << QStringLiteral("the cat sat on the mat") << QStringLiteral("the cat on a mat") << 8.0 / 11;
        QTest::newRow("identical") << QStringLiteral("a b c") << QStringLiteral("A B C") << 1.0;
        QTest::newRow("reversed") << QStringLiteral("a b c") << QStringLiteral("c b a") << 2.0 / 6;
        QTest::newRow("empty") << QString() << QStringLiteral("x") << 0.0;
    }
    void rougeL()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(double, expected);
        const auto m = computeSimilarity(corpusOf({"A", "B"}, {{a.toStdString()}, {b.toStdString()}}), Metric::RougeL);
        QVERIFY(std::abs(m.matrix[0][1] - expected) < 1e-12);
    }

    void lcsBitParallelMatchesDynamicProgramming()
    {
        std::mt19937_64 rng(7);
        for (int round = 0; round < 50; ++round) {
            std::vector<uint64_t> a(rng() % 300), b(rng() % 300);
            for (auto &x : a)
                x = rng() % 6;
            for (auto &x : b)
                x = rng() % 6;
            std::vector<std::vector<int>> dp(a.size() + 1, std::vector<int>(b.size() + 1, 0));
            for (std::size_t i = 1; i <= a.size(); ++i)
                for (std::size_t j = 1; j <= b.size(); ++j)
                    dp[i][j] = a[i - 1] == b[j - 1] ? dp[i - 1][j - 1] + 1 : std::max(dp[i - 1][j], dp[i][j - 1]);
            QCOMPARE(lcsLength(a, b), static_cast<std::size_t>(dp[a.size()][b.size()]));
        }
    }

    void charNgrams_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::newRow("chinese identical") << QStringLiteral("我们今天去公园散步") << QStringLiteral("我们今天去公园散步") << 1.0 << 1.0;
        QTest::newRow("whitespace collapsed") << QStringLiteral("int  x =\n1;") << QStringLiteral("int x = 1;") << 1.0 << 1.0;
        QTest::newRow("disjoint") << QStringLiteral("aaaa") << QStringLiteral("zzzz") << 0.0 << 0.0;
        QTest::newRow("partial code") << QStringLiteral("for (int i = 0; i < n; ++i)") << QStringLiteral("for (int j = 0; j < m; ++j)")
                                      << 0.2 << 0.9;
    }
    void charNgrams()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(double, low);
        QFETCH(double, high);
        const auto m = computeSimilarity(corpusOf({"A", "B"}, {{a.toStdString()}, {b.toStdString()}}), Metric::CharNgram);
        QVERIFY2(m.matrix[0][1] >= low - 1e-12 && m.matrix[0][1] <= high + 1e-12, QByteArray::number(m.matrix[0][1]));
    }

    void gramEngineMatchesPairwiseTfidf()
    {
        const Corpus c = mixedCorpus(41, 9);
        std::vector<double> ref01;
        const auto ref = naiveTfidf(
            c,
            [](const std::string &t) {
                std::string buf;
                std::vector<std::string_view> toks;
                sklearnWordTokens(t, buf, toks);
                return std::vector<std::string>(toks.begin(), toks.end());
            },
            &ref01);
        for (unsigned threads : {1u, 2u, 3u}) {
            SimilarityOptions o;
            o.threads = threads;
            o.keepPerPrompt = true;
            const PairScores s = scorePairs(c, Metric::TfIdf, o);
            double maxDiff = 0;
            for (std::size_t i = 0; i < c.modelCount(); ++i)
                for (std::size_t j = 0; j < c.modelCount(); ++j)
                    maxDiff = std::max(maxDiff, std::abs(s.at(i, j) - ref[i][j]));
            QVERIFY2(maxDiff < 1e-12, QByteArray::number(maxDiff));
            for (std::size_t p = 0; p < c.promptCount(); ++p)
                QVERIFY(std::abs(s.promptScores(0, 1)[p] - ref01[p]) < 1e-6);
        }
    }

    void charNgramKeysAreExact()
    {
        // distinct 3-grams (any script) get distinct keys, equal 3-grams equal keys
        const std::string text = "Ab ab\tAB  ba 我们我们 aé éa 😀😀x ab";
        std::vector<uint64_t> keys;
        charNgramHashes(text, 3, keys);
        const auto grams = charTrigrams(text);
        QCOMPARE(keys.size(), grams.size());
        std::map<std::string, uint64_t> byGram;
        std::map<uint64_t, std::string> byKey;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            QVERIFY(byGram.emplace(grams[i], keys[i]).first->second == keys[i]);
            QVERIFY(byKey.emplace(keys[i], grams[i]).first->second == grams[i]);
        }
        const Corpus c = mixedCorpus(23, 5);
        const auto ref = naiveTfidf(c, charTrigrams);
        const auto m = computeSimilarity(c, Metric::CharNgram);
        for (std::size_t i = 0; i < c.modelCount(); ++i)
            for (std::size_t j = 0; j < c.modelCount(); ++j)
                QVERIFY2(std::abs(m.matrix[i][j] - ref[i][j]) < 1e-12, QByteArray::number(m.matrix[i][j] - ref[i][j]));
    }

    void structureCounts()
    {
        const std::string md = "# Title\n\nIntro:\n- a\n- b\n\n1. x\n2. y\n\n| a | b |\n|---|---|\n\n```\n# not a heading\n```\n"
                               "Some **bold** and `code`.";
        const auto c = structureOf(md);
        QCOMPARE(c[Headings], 1.0);
        QCOMPARE(c[Bullets], 2.0);
        QCOMPARE(c[Numbered], 2.0);
        QCOMPARE(c[TableRows], 2.0);
        QCOMPARE(c[CodeBlocks], 1.0);
        QCOMPARE(c[Bold], 1.0);
        QCOMPARE(c[InlineCode], 1.0);
        QCOMPARE(c[ColonIntros], 1.0);
        QCOMPARE(c[Paragraphs], 5.0); // the text after the fence follows it without a blank line
    }

    void markerPhrasesFromFixture()
    {
        std::ifstream in(DS_SIMILARITY_FIXTURES "/markers.json");
        QVERIFY(in.good());
        const auto j = nlohmann::json::parse(in);
        Corpus c;
        for (const char *m : {"alpha", "beta", "gamma", "delta"}) {
            c.models.push_back(m);
            c.texts.push_back(j["models"][m].get<std::vector<std::string>>());
        }
        MarkerOptions o;
        o.minZ = 2.0;
        const PhraseCounts counts = PhraseCounts::count(c, o);
        const auto shared = sharedMarkers(counts, 0, 1, {2, 3}, o);
        QVERIFY(!shared.empty());
        const auto hope = std::find_if(shared.begin(), shared.end(),
                                       [](const MarkerPhrase &m) { return m.phrase.find("hope this helps") != std::string::npos; });
        QVERIFY(hope != shared.end());
        QCOMPARE(hope->shares[0], 0.5);
        QCOMPARE(hope->shares[1], 0.4);
        QCOMPARE(hope->poolShare, 0.0);
        QVERIFY(std::any_of(shared.begin(), shared.end(),
                            [](const MarkerPhrase &m) { return m.phrase.find("in summary") != std::string::npos; }));
        // a phrase everybody uses is no marker
        QVERIFY(std::none_of(shared.begin(), shared.end(),
                             [](const MarkerPhrase &m) { return m.phrase.find("many sides") != std::string::npos; }));
        // gamma's own habit
        const auto own = markerPhrases(counts, 2, {0, 1, 3}, o);
        QVERIFY(!own.empty());
        QVERIFY(own.front().phrase.find("let me know") != std::string::npos || own.front().phrase.find("need more") != std::string::npos);
    }

    void logOddsSign()
    {
        QVERIFY(logOddsZ(30, 100, 10, 300, 0.1, 20) > 3);
        QVERIFY(std::abs(logOddsZ(10, 100, 30, 300, 0.1, 20)) < 0.5);
    }

    void clusteringAndMds()
    {
        // A~B and C~D; the two pairs are far apart
        const std::vector<std::vector<double>> s = {{1, 0.9, 0.1, 0.2}, {0.9, 1, 0.15, 0.1}, {0.1, 0.15, 1, 0.8}, {0.2, 0.1, 0.8, 1}};
        const auto order = clusterOrder(s);
        QCOMPARE(order.size(), std::size_t(4));
        auto pos = [&](int m) { return std::find(order.begin(), order.end(), m) - order.begin(); };
        QCOMPARE(std::abs(pos(0) - pos(1)), 1L);
        QCOMPARE(std::abs(pos(2) - pos(3)), 1L);
        const auto xy = classicalMds(s);
        auto dist = [&](int a, int b) { return std::hypot(xy[a].first - xy[b].first, xy[a].second - xy[b].second); };
        QVERIFY(dist(0, 1) < dist(0, 2));
        QVERIFY(dist(2, 3) < dist(1, 3));
    }

    void metricNames()
    {
        for (Metric m :
             {Metric::TfIdf, Metric::CharNgram, Metric::RougeL, Metric::Structure, Metric::Style, Metric::Template, Metric::Combined})
            QCOMPARE(parseMetric(metricName(m)), std::optional<Metric>(m));
        QVERIFY(!parseMetric("bleu"));
    }

    void functionTemplates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("function words kept, content words classed")
            << "Here are some tips:" << QStringList{QStringLiteral("^"),    QStringLiteral("here"), QStringLiteral("are"),
                                                    QStringLiteral("some"), QStringLiteral("w"),    QStringLiteral(":")};
        QTest::newRow("lines and numbers") << "1. Use a knife\n2. Cut it"
                                           << QStringList{QStringLiteral("^"), QStringLiteral("#"), QStringLiteral("."),
                                                          QStringLiteral("w"), QStringLiteral("a"), QStringLiteral("w"),
                                                          QStringLiteral("^"), QStringLiteral("#"), QStringLiteral("."),
                                                          QStringLiteral("w"), QStringLiteral("it")};
        QTest::newRow("empty lines make no start")
            << "\n\nSure!" << QStringList{QStringLiteral("^"), QStringLiteral("sure"), QStringLiteral("!")};
    }

    void functionTemplates()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QStringList got;
        for (const auto &t : functionTemplate(text.toStdString()))
            got << QString::fromStdString(t);
        QCOMPARE(got, expected);
        std::vector<uint64_t> features;
        functionTemplateFeatures(text.toStdString(), features);
        const auto n = static_cast<std::size_t>(expected.size());
        QCOMPARE(features.size(), n >= 4 ? 4 * n - 6 : n * (n + 1) / 2); // all n-grams, n = 1..4
    }

    void alignSharedKeepsCommonPrompts()
    {
        const auto c = alignShared({"A", "B"}, {{{"p1", "a1"}, {"p2", "a2"}}, {{"p2", "b2"}, {"p3", "b3"}}});
        QCOMPARE(c.promptCount(), std::size_t(1));
        QCOMPARE(c.texts[1][0], std::string("b2"));
        QVERIFY(c.validate().empty());
        QVERIFY(!corpusOf({"A", "A"}, {{"x"}, {"y"}}).validate().empty());
    }

    void holmAdjustment_data()
    {
        QTest::addColumn<std::vector<double>>("p");
        QTest::addColumn<std::vector<double>>("expected");
        // hand-computed: sorted 0.01, 0.02, 0.04 -> x3, x2, x1 = 0.03, 0.04, 0.04 (monotone)
        QTest::newRow("three") << std::vector<double>{0.04, 0.01, 0.02} << std::vector<double>{0.04, 0.03, 0.04};
        QTest::newRow("running max") << std::vector<double>{0.03, 0.01} << std::vector<double>{0.03, 0.02};
        QTest::newRow("capped at 1") << std::vector<double>{0.6, 0.7} << std::vector<double>{1.0, 1.0};
        QTest::newRow("single") << std::vector<double>{0.2} << std::vector<double>{0.2};
        QTest::newRow("empty") << std::vector<double>{} << std::vector<double>{};
    }

    void holmAdjustment()
    {
        QFETCH(std::vector<double>, p);
        QFETCH(std::vector<double>, expected);
        const auto got = holmAdjust(p);
        QCOMPARE(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i)
            QVERIFY2(std::abs(got[i] - expected[i]) < 1e-12, std::to_string(got[i]).c_str());
        QCOMPARE(bootstrapP(0, 999), 0.001);
        QCOMPARE(bootstrapP(999, 999), 1.0);
    }

    void teacherOnSyntheticTexts_data()
    {
        QTest::addColumn<QString>("student");
        QTest::addColumn<std::vector<std::string>>("pool");
        QTest::addColumn<bool>("confident");
        QTest::addColumn<QString>("poolRule");
        // "student" draws 70% of its habits from "teacher"; "human" has habits of its own only
        QTest::newRow("student, candidates as pool") << "student" << std::vector<std::string>{} << true << "candidates";
        QTest::newRow("student, given pool") << "student" << std::vector<std::string>{"m1", "m2", "m3"} << true << "given";
        QTest::newRow("human") << "human" << std::vector<std::string>{} << false << "candidates";
        QTest::newRow("human, given pool") << "human" << std::vector<std::string>{"m3", "m4"} << false << "given";
    }

    void teacherOnSyntheticTexts()
    {
        QFETCH(QString, student);
        QFETCH(std::vector<std::string>, pool);
        QFETCH(bool, confident);
        QFETCH(QString, poolRule);
        const Corpus c = syntheticTeacherCorpus();
        TeacherOptions o;
        o.resamples = 300;
        o.pool = pool;
        const std::vector<std::string> candidates = {"teacher", "hub", "m1", "m2", "m3", "m4"};
        std::string error;
        const auto r = identifyTeacher(c, student.toStdString(), candidates, o, &error);
        QVERIFY2(r, error.c_str());
        QCOMPARE(r->confident, confident);
        QCOMPARE(QString::fromStdString(r->poolRule), poolRule);
        QCOMPARE(r->pool, pool.empty() ? candidates : pool);
        QCOMPARE(r->ranking.size(), candidates.size());
        QCOMPARE(r->baseline.size(), candidates.size()); // plain TF-IDF, same run
        QCOMPARE(r->tests.size(), candidates.size());    // 5 pairwise claims + the lead over the nearest reference model
        for (std::size_t k = 1; k < r->ranking.size(); ++k)
            QVERIFY(r->ranking[k - 1].score >= r->ranking[k].score);
        QVERIFY2(r->reason.find(confident ? "claims hold" : "not shown") != std::string::npos, r->reason.c_str());
        if (confident) {
            QCOMPARE(r->verdict, std::string("teacher"));
            QCOMPARE(r->ranking.front().model, std::string("teacher"));
            QVERIFY(r->ranking.front().pTop > 0.95);
            QVERIFY(r->ranking.front().excess > 0);
            QVERIFY(r->margin > 0);
            for (const auto &t : r->tests)
                QVERIFY2(t.holds && t.pHolm < o.alpha && t.pHolm >= t.p, t.claim.c_str());
            QVERIFY(!r->evidence.empty());
        } else {
            QCOMPARE(r->verdict, std::string("no confident teacher"));
        }
    }

    void teacherRejectsBadInput_data()
    {
        QTest::addColumn<QString>("student");
        QTest::addColumn<std::vector<std::string>>("candidates");
        QTest::addColumn<std::vector<std::string>>("pool");
        QTest::addColumn<QString>("message");
        using V = std::vector<std::string>;
        QTest::newRow("unknown student") << "nobody" << V{"teacher", "m1"} << V{} << "nobody";
        QTest::newRow("unknown candidate") << "student" << V{"teacher", "ghost"} << V{} << "ghost";
        QTest::newRow("unknown pool model") << "student" << V{"teacher", "m1"} << V{"phantom"} << "phantom";
        QTest::newRow("student as candidate") << "student" << V{"teacher", "student"} << V{} << "student";
        QTest::newRow("student in pool") << "student" << V{"teacher", "m1"} << V{"m2", "student"} << "student";
        QTest::newRow("candidate twice") << "student" << V{"teacher", "teacher"} << V{} << "twice";
        QTest::newRow("one candidate, no pool") << "student" << V{"teacher"} << V{} << "no reference model";
        QTest::newRow("no candidates") << "student" << V{} << V{} << "no candidates";
    }

    void teacherRejectsBadInput()
    {
        QFETCH(QString, student);
        QFETCH(std::vector<std::string>, candidates);
        QFETCH(std::vector<std::string>, pool);
        QFETCH(QString, message);
        TeacherOptions o;
        o.resamples = 100;
        o.pool = pool;
        std::string error;
        QVERIFY(!identifyTeacher(syntheticTeacherCorpus(), student.toStdString(), candidates, o, &error));
        QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
    }

    void oneCandidateWithPool()
    {
        TeacherOptions o;
        o.resamples = 200;
        o.pool = {"m1", "m2"};
        std::string error;
        const auto r = identifyTeacher(syntheticTeacherCorpus(), "student", {"teacher"}, o, &error);
        QVERIFY2(r, error.c_str());
        QCOMPARE(r->tests.size(), std::size_t(1)); // only the excess over the pool can be tested
        QVERIFY2(r->confident, r->reason.c_str());
        QCOMPARE(r->margin, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestSimilarity)
#include "tst_similarity.moc"
