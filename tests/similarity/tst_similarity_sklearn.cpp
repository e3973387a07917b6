// Our TF-IDF metric against scikit-learn itself: the analyzer on tricky Unicode strings and the full
// 14-model AlpacaEval matrix (../shared/checks/sklearn_tfidf_matrix.py). Skips without
// python3-sklearn or ../shared/data.
#include "AlpacaFiles.h"
#include "similarity/Similarity.h"
#include "similarity/Utf8Text.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace ds::similarity;
using ds::similarity::testing::loadAlpacaFiles;

class TestSimilaritySklearn : public QObject {
    Q_OBJECT
private:
    QString m_python;

    static QString findSklearnPython()
    {
        QStringList candidates;
        if (!qEnvironmentVariableIsEmpty("SKLEARN_PY"))
            candidates << qEnvironmentVariable("SKLEARN_PY");
        candidates << QStringLiteral("python3") << QStringLiteral("/usr/bin/python3");
        for (const auto &py : candidates) {
            QProcess p;
            p.start(py, {QStringLiteral("-c"), QStringLiteral("import sklearn")});
            if (p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
                return py;
        }
        return {};
    }

private slots:
    void initTestCase() { m_python = findSklearnPython(); }

    void analyzerMatchesSklearn()
    {
        if (m_python.isEmpty())
            QSKIP("no python3 with scikit-learn (apt-get install python3-sklearn, or set SKLEARN_PY)");
        const std::vector<std::string> texts = {
            "Hello, World! a bb", "Café NAÏVE Ærø ÉCOLE", "中文测试，ok 日本語のテキスト", "e\xcc\x81te İstanbul", "ΟΔΟΣ ΣΑ Σ",
            "x_y 3d ½ ² ٣٤ ⅷ",    "emoji 😀 ok",           "tab\tnew\nline — dash’s",       "ǅemal ǈ ẞtraße"};
        nlohmann::json in = texts;
        QProcess p;
        p.start(m_python,
                {QStringLiteral("-c"), QStringLiteral("import json,sys\nfrom sklearn.feature_extraction.text import TfidfVectorizer\n"
                                                      "a=TfidfVectorizer(sublinear_tf=True).build_analyzer()\n"
                                                      "print(json.dumps([a(t) for t in json.load(sys.stdin)]))")});
        p.write(QByteArray::fromStdString(in.dump()));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const auto expected = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        std::string buf;
        std::vector<std::string_view> toks;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            sklearnWordTokens(texts[i], buf, toks);
            const std::vector<std::string> ours(toks.begin(), toks.end());
            QVERIFY2(ours == expected[i].get<std::vector<std::string>>(),
                     (texts[i] + " -> ours " + nlohmann::json(ours).dump() + " sklearn " + expected[i].dump()).c_str());
        }
    }

    void alpacaMatrixMatchesSklearn()
    {
        if (m_python.isEmpty())
            QSKIP("no python3 with scikit-learn (apt-get install python3-sklearn, or set SKLEARN_PY)");
        const QDir data(QStringLiteral(DS_SHARED_DATA "/alpacaeval"));
        if (!data.exists())
            QSKIP("../shared/data/alpacaeval not found; the sklearn equivalence needs the AlpacaEval outputs");
        QStringList files;
        std::vector<std::string> paths;
        for (const auto &f : data.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            if (f.contains(QLatin1String("text_davinci_001")) || f.contains(QLatin1String("llama-2-70b")))
                continue; // they lack a few prompts; the check script leaves them out too
            files << data.filePath(f);
            paths.push_back(data.filePath(f).toStdString());
        }
        QTemporaryDir tmp;
        const QString ref = tmp.filePath(QStringLiteral("ref.json"));
        QProcess p;
        p.start(m_python, QStringList{QStringLiteral(DS_SKLEARN_SCRIPT), ref} + files);
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        std::ifstream refIn(ref.toStdString());
        const auto r = nlohmann::json::parse(refIn);

        const Corpus corpus = loadAlpacaFiles(paths);
        QCOMPARE(corpus.promptCount(), r["n_prompts"].get<std::size_t>());
        const auto ours = computeSimilarity(corpus, Metric::TfIdf);
        double maxDiff = 0;
        const auto refModels = r["models"].get<std::vector<std::string>>();
        for (std::size_t i = 0; i < refModels.size(); ++i)
            for (std::size_t j = 0; j < refModels.size(); ++j) {
                const int a = corpus.indexOf(refModels[i]), b = corpus.indexOf(refModels[j]);
                QVERIFY(a >= 0 && b >= 0);
                maxDiff = std::max(maxDiff, std::abs(ours.matrix[a][b] - r["matrix"][i][j].get<double>()));
            }
        qInfo("max |ours - sklearn| = %.3g over %zu models x %zu prompts", maxDiff, refModels.size(), corpus.promptCount());
        QVERIFY(maxDiff <= 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestSimilaritySklearn)
#include "tst_similarity_sklearn.moc"
