// `similarity` (pairwise map) and `teacher` (which candidate was the student distilled from).
// Loads answers from the store, then hands plain texts to the ds_similarity library.
#include "Cli.h"

#include "data/StoreCorpus.h"
#include "similarity/Similarity.h"
#include "similarity/SimilarityJson.h"
#include "similarity/Teacher.h"
#include "store/Store.h"
#include "util/Csv.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace sim = ds::similarity;
using namespace ds::cli;

namespace {

std::vector<std::string> splitList(const QString &s)
{
    std::vector<std::string> out;
    for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.push_back(part.trimmed().toStdString());
    return out;
}

/// Opens the store and builds the corpus of `models` (data::loadCorpus). Returns an error message on failure.
std::string loadCorpus(const Args &args, const std::string &dataset, const std::vector<std::string> &models, sim::Corpus &corpus)
{
    std::string error;
    auto store = ds::Store::open(args.dbPath().toStdString(), &error);
    if (!store)
        return "cannot open store: " + error;
    return ds::data::loadCorpus(*store, dataset, models, corpus);
}

std::string toCsv(const sim::SimilarityMatrix &m)
{
    std::string out = "model";
    for (const auto &name : m.models)
        out += "," + ds::csvCell(name);
    out += "\n";
    char buf[64];
    for (std::size_t i = 0; i < m.models.size(); ++i) {
        out += ds::csvCell(m.models[i]);
        for (double v : m.matrix[i]) {
            std::snprintf(buf, sizeof buf, ",%.17g", v);
            out += buf;
        }
        out += "\n";
    }
    return out;
}

int runSimilarity(Args &args)
{
    const auto dataset = args.value(QStringLiteral("dataset"));
    if (!dataset)
        return fail(QStringLiteral("similarity: --dataset is required"), 2);
    const auto metric = sim::parseMetric(args.value(QStringLiteral("metric"), QStringLiteral("tfidf")).toStdString());
    if (!metric)
        return fail(QStringLiteral("similarity: unknown --metric (tfidf, char, rougeL, structure, style, combined)"), 2);
    const QString format = args.value(QStringLiteral("format"), QStringLiteral("json"));
    if (format != QLatin1String("json") && format != QLatin1String("csv"))
        return fail(QStringLiteral("similarity: --format must be json or csv"), 2);
    const auto models = splitList(args.value(QStringLiteral("models"), QString()));
    if (args.value(QStringLiteral("models")) && models.size() < 2)
        return fail(QStringLiteral("similarity: --models needs at least 2 models"), 2);

    sim::Corpus corpus;
    if (const auto problem = loadCorpus(args, dataset->toStdString(), models, corpus); !problem.empty())
        return fail(QString::fromStdString(problem));
    if (corpus.modelCount() < 2)
        return fail(QStringLiteral("similarity: need at least 2 models with answers in the dataset"));

    sim::SimilarityOptions options;
    options.threads = static_cast<unsigned>(args.count(QStringLiteral("threads"), 0));
    const auto matrix = sim::computeSimilarity(corpus, *metric, options);
    std::string text;
    if (format == QLatin1String("csv")) {
        text = toCsv(matrix);
    } else {
        nlohmann::json j = matrix;
        j["dataset"] = dataset->toStdString();
        text = j.dump() + "\n";
    }
    return writeOutput(args, text);
}

int runTeacher(Args &args)
{
    const auto dataset = args.value(QStringLiteral("dataset"));
    const auto student = args.value(QStringLiteral("student"));
    const auto candidatesArg = args.value(QStringLiteral("candidates"));
    if (!dataset || !student || !candidatesArg)
        return fail(QStringLiteral("teacher: --student, --candidates and --dataset are required"), 2);
    if (args.value(QStringLiteral("format"), QStringLiteral("json")) != QLatin1String("json"))
        return fail(QStringLiteral("teacher: only --format json is supported"), 2);
    const auto metric = sim::parseMetric(args.value(QStringLiteral("metric"), QStringLiteral("tfidf")).toStdString());
    if (!metric)
        return fail(QStringLiteral("teacher: unknown --metric"), 2);
    const auto candidates = splitList(*candidatesArg);
    if (candidates.empty())
        return fail(QStringLiteral("teacher: --candidates is empty"), 2);

    // Only the models the ranking needs are loaded: the reference pool is --pool or the candidates,
    // never every model in the store (other students of the same teacher would hide it).
    const std::vector<std::string> pool = splitList(args.value(QStringLiteral("pool"), QString()));
    if (args.value(QStringLiteral("pool")) && pool.empty())
        return fail(QStringLiteral("teacher: --pool is empty"), 2);
    const std::vector<std::string> needed = sim::teacherModels(student->toStdString(), candidates, pool);
    sim::Corpus corpus;
    if (const auto problem = loadCorpus(args, dataset->toStdString(), needed, corpus); !problem.empty())
        return fail(QStringLiteral("teacher: ") + QString::fromStdString(problem));

    sim::TeacherOptions options;
    options.metric = *metric;
    options.pool = pool;
    options.resamples = args.count(QStringLiteral("resamples"), 1000);
    options.seed = args.seed(QStringLiteral("seed"), 20250117);
    options.alpha = args.number(QStringLiteral("alpha"), 0.05);
    if (options.alpha <= 0 || options.alpha >= 1)
        return fail(QStringLiteral("teacher: --alpha must be in (0, 1)"), 2);
    options.minMargin = args.number(QStringLiteral("min-margin"), 0.5);
    std::string error;
    const auto result = sim::identifyTeacher(corpus, student->toStdString(), candidates, options, &error);
    if (!result)
        return fail(QString::fromStdString(error));
    nlohmann::json j = *result;
    j["dataset"] = dataset->toStdString();
    return writeOutput(args, j.dump(2) + "\n");
}

const CommandRegistrar similarityReg{
    Command{QStringLiteral("similarity"),
            QStringLiteral("judge-free pairwise similarity map of models' answers"),
            QStringLiteral("similarity --dataset D [--models M1,M2,...] [--metric tfidf|char|rougeL|structure|style|combined]\n"
                           "           [--format json|csv] [--out FILE] [--threads N]\n"
                           "  Mean over the prompts all listed models answered of a per-prompt similarity (default: all models\n"
                           "  with answers, metric tfidf = scikit-learn TfidfVectorizer(sublinear_tf=True) cosine). JSON:\n"
                           "  {dataset, metric, models, n_prompts, matrix, order (average-linkage clustering), mds (2-D)}."),
            runSimilarity,
            {{QString(),
              {opt::text("dataset"), opt::list("models"), opt::text("metric"), opt::choice("format", {"json", "csv"}), opt::text("out"),
               opt::count("threads")}}}}};

const CommandRegistrar teacherReg{
    Command{QStringLiteral("teacher"),
            QStringLiteral("rank candidate teachers of a student model, with confidence"),
            QStringLiteral("teacher --student S --candidates A,B,... --dataset D [--format json] [--metric tfidf|char|style|combined|...]\n"
                           "        [--pool M1,M2,...] [--alpha 0.05] [--min-margin 0.5] [--resamples 1000] [--seed N] [--out FILE]\n"
                           "  Ranks candidates by the student's mean per-prompt similarity to them (default TF-IDF cosine; the\n"
                           "  plain TF-IDF ranking is always reported as `baseline`). Reference pool: --pool (models unrelated to\n"
                           "  the student), else the candidates; the output names it (pool, pool_rule). A teacher is named only\n"
                           "  when, by bootstrap over prompts with Holm-Bonferroni correction at --alpha, the student is closer to\n"
                           "  it than to every other candidate and closer than its nearest reference model is, and it leads the\n"
                           "  runner-up by >= --min-margin pool standard deviations; otherwise the verdict is 'no confident\n"
                           "  teacher' and `reason` names the claim that failed. Evidence: shared marker phrases, layout habits."),
            runTeacher,
            {{QString(),
              {opt::text("student"), opt::list("candidates"), opt::text("dataset"), opt::choice("format", {"json"}), opt::text("metric"),
               opt::list("pool"), opt::number("alpha").range(0, 1), opt::number("min-margin"), opt::count("resamples").range(100, 1000000),
               opt::seed("seed"), opt::text("out")}}}}};

} // namespace
