// `dataset import|list|show` and `responses import`: prompt sets and published outputs.
#include "Cli.h"

#include "data/Importers.h"
#include "data/OutputImport.h"
#include "store/Store.h"

#include <QFileInfo>

using namespace ds;
using namespace ds::cli;

namespace {

const char *kDatasetUsage = "dataset import FILE --name NAME [--format auto|jsonl|csv|json|arena-hard|alpacaeval|sharegpt|numina]\n"
                            "               [--field NAME] [--sample N --seed S] [--encoding latin1|windows-1252]\n"
                            "    Imports a prompt set in one transaction (a bad line imports nothing and names file:line).\n"
                            "    Files must be UTF-8 (a file with other bytes is refused naming the line) unless --encoding\n"
                            "    names what they are; FIFOs and devices are refused.\n"
                            "    --sample N picks N prompts with a seeded Fisher-Yates shuffle (mt19937_64, default seed 0); the\n"
                            "    picked prompts keep their file order, and the same file, N and seed give the same set everywhere.\n"
                            "dataset list                         datasets with prompt counts\n"
                            "dataset show NAME [--limit N]        the first prompts of a dataset";

const char *kResponsesUsage = "responses import FILE [FILE...] [--model NAME] --dataset NAME [--duplicates first|last|refuse]\n"
                              "                 [--encoding latin1|windows-1252]\n"
                              "    Imports published outputs (AlpacaEval model_outputs.json, Arena-Hard model_answer JSONL, or\n"
                              "    JSON/JSONL with instruction|prompt + output|response) matched to the dataset's prompts by text or\n"
                              "    question_id, so they can be evaluated without any API call. Without --model each file's name\n"
                              "    (minus extension) names its model. All files in one transaction: all or nothing.\n"
                              "    A second answer to the same prompt in a file is a duplicate: the first one is kept (or the\n"
                              "    last, or the import refused: --duplicates) and the count is reported. Outputs that are null,\n"
                              "    empty or not text are stored with status empty / invalid, never as answers, and not judged.\n"
                              "responses list --dataset NAME        models with answers in a dataset";

int importDataset(Args &a)
{
    const QStringList &pos = a.positional();
    if (pos.size() < 2 || !a.value(QStringLiteral("name")))
        return fail(QStringLiteral("usage: dataset import FILE --name NAME [--format F]"), 2);
    data::DatasetImportOptions opt;
    opt.format = a.value(QStringLiteral("format"), QStringLiteral("auto")).toStdString();
    opt.field = a.value(QStringLiteral("field"), QString()).toStdString();
    opt.sample = a.count(QStringLiteral("sample"), 0);
    opt.seed = a.seed(QStringLiteral("seed"), 0);
    opt.encoding = a.value(QStringLiteral("encoding"), QString()).toStdString();
    const auto parsed = data::readPrompts(pos[1].toStdString(), opt);
    if (!parsed.ok())
        return fail(QString::fromStdString(parsed.error));
    for (const auto &w : parsed.warnings)
        err(QStringLiteral("note: ") + QString::fromStdString(w));
    auto store = openStore(a);
    if (!store)
        return 1;
    DatasetInfo info;
    info.name = a.value(QStringLiteral("name"))->toStdString();
    info.format = parsed.detectedFormat;
    info.source = QFileInfo(pos[1]).absoluteFilePath().toStdString();
    std::string error;
    if (!store->createDataset(info, parsed.items, &error))
        return fail(QString::fromStdString(error));
    out(QStringLiteral("dataset %1: %2 prompts imported (%3)")
            .arg(QString::fromStdString(info.name))
            .arg(parsed.items.size())
            .arg(QString::fromStdString(parsed.detectedFormat)));
    return 0;
}

int listDatasets(Args &a)
{
    auto store = openStore(a);
    if (!store)
        return 1;
    const auto all = store->datasets();
    if (all.empty())
        out(QStringLiteral("no datasets (import one with `dataset import`)"));
    for (const auto &d : all)
        out(QStringLiteral("%1  %2 prompts  %3  %4")
                .arg(QString::fromStdString(d.name), -20)
                .arg(d.promptCount, 6)
                .arg(QString::fromStdString(d.format), -10)
                .arg(QString::fromStdString(d.source)));
    return 0;
}

int showDataset(Args &a)
{
    const QStringList &pos = a.positional();
    if (pos.size() < 2)
        return fail(QStringLiteral("usage: dataset show NAME"), 2);
    auto store = openStore(a);
    if (!store)
        return 1;
    auto d = store->dataset(pos[1].toStdString());
    if (!d)
        return fail(QStringLiteral("no dataset named '%1'").arg(pos[1]));
    const int limit = a.count(QStringLiteral("limit"), 10);
    int shown = 0;
    for (const auto &p : store->prompts(d->id)) {
        if (shown++ >= limit)
            break;
        QString text = QString::fromStdString(p.text).simplified();
        if (text.size() > 100)
            text = text.left(97) + QStringLiteral("...");
        out(QStringLiteral("%1  %2").arg(p.idx, 5).arg(text));
    }
    out(QStringLiteral("(%1 prompts)").arg(d->promptCount));
    return 0;
}

/// The per-file warnings of an import: duplicates, unusable outputs, answers that matched no prompt.
void warnAbout(const data::OutputFileSummary &f, data::DuplicatePolicy policy)
{
    const QString file = QString::fromStdString(f.path);
    const data::MatchedOutputs &m = f.matched;
    if (m.duplicates)
        err(QStringLiteral("warning: %1: %2 duplicate answers to prompts already answered in the file (%3 with a different text; "
                           "first at line/item %4): kept the %5 answer of each (--duplicates first|last|refuse)")
                .arg(file)
                .arg(m.duplicates)
                .arg(m.conflictingDuplicates)
                .arg(m.firstDuplicateLine)
                .arg(policy == data::DuplicatePolicy::KeepLast ? QStringLiteral("last") : QStringLiteral("first")));
    if (m.unusable)
        err(QStringLiteral("warning: %1: %2 outputs are null, empty or not text (first at line/item %3): stored with status "
                           "empty / invalid, not as answers; they are not judged")
                .arg(file)
                .arg(m.unusable)
                .arg(m.firstUnusableLine));
    if (m.unmatched)
        err(QStringLiteral("warning: %1: %2 answers matched no prompt (first at line/item %3)")
                .arg(file)
                .arg(m.unmatched)
                .arg(m.firstUnmatchedLine));
}

int importResponses(Args &a)
{
    const QStringList &pos = a.positional();
    const QStringList files = pos.mid(1);
    if (files.isEmpty() || !a.value(QStringLiteral("dataset")))
        return fail(QStringLiteral("usage: responses import FILE [FILE...] [--model NAME] --dataset NAME"), 2);
    if (files.size() > 1 && a.value(QStringLiteral("model")))
        return fail(QStringLiteral("--model names one model: give one file, or omit --model to name models by file"), 2);
    auto store = openStore(a);
    if (!store)
        return 1;
    const QString duplicatePolicy = a.value(QStringLiteral("duplicates"), QStringLiteral("first"));
    data::OutputImportOptions options;
    options.duplicates = duplicatePolicy == QLatin1String("last")     ? data::DuplicatePolicy::KeepLast
                         : duplicatePolicy == QLatin1String("refuse") ? data::DuplicatePolicy::Refuse
                                                                      : data::DuplicatePolicy::KeepFirst;
    options.encoding = a.value(QStringLiteral("encoding"), QString()).toStdString();
    std::vector<data::OutputFile> inputs;
    for (const QString &file : files)
        inputs.push_back({file.toStdString(), a.value(QStringLiteral("model"), QFileInfo(file).completeBaseName()).toStdString()});
    const std::string dsName = a.value(QStringLiteral("dataset"))->toStdString();
    const auto result = data::importOutputs(*store, dsName, inputs, options);
    for (const auto &w : result.warnings)
        err(QStringLiteral("note: ") + QString::fromStdString(w));
    if (!result.ok())
        return fail(QString::fromStdString(result.error));
    for (const auto &f : result.files)
        warnAbout(f, options.duplicates);
    for (const auto &f : result.files)
        out(QStringLiteral("%1: %2 answers of %3 (%4 of %5 prompts covered)")
                .arg(QString::fromStdString(f.path))
                .arg(f.answers)
                .arg(QString::fromStdString(f.model))
                .arg(f.answers)
                .arg(result.dataset.promptCount));
    out(QStringLiteral("%1 answers imported into %2").arg(result.answers).arg(QString::fromStdString(dsName)) +
        (result.unusable ? QStringLiteral(" (and %1 unusable outputs kept with their status)").arg(result.unusable) : QString()));
    return 0;
}

int listResponses(Args &a)
{
    auto store = openStore(a);
    if (!store)
        return 1;
    auto d = store->dataset(a.value(QStringLiteral("dataset"), QString()).toStdString());
    if (!d)
        return fail(QStringLiteral("usage: responses list --dataset NAME (unknown dataset)"), 2);
    for (const auto &m : store->modelsWithAnswers(d->id))
        out(QStringLiteral("%1  %2 answers").arg(QString::fromStdString(m), -40).arg(store->answers(m, d->id).size()));
    return 0;
}

int runDataset(Args &a)
{
    const QString sub = a.positional().value(0);
    if (sub == QLatin1String("import"))
        return importDataset(a);
    if (sub == QLatin1String("list"))
        return listDatasets(a);
    if (sub == QLatin1String("show"))
        return showDataset(a);
    return fail(QStringLiteral("usage:\n") + QString::fromLatin1(kDatasetUsage), 2);
}

int runResponses(Args &a)
{
    const QString sub = a.positional().value(0);
    if (sub == QLatin1String("import"))
        return importResponses(a);
    if (sub == QLatin1String("list"))
        return listResponses(a);
    return fail(QStringLiteral("usage:\n") + QString::fromLatin1(kResponsesUsage), 2);
}

const std::vector<const char *> kEncodings = {"utf-8", "latin1", "iso-8859-1", "windows-1252", "cp1252"};

CommandRegistrar regDataset{
    Command{QStringLiteral("dataset"),
            QStringLiteral("import and browse prompt sets"),
            QString::fromLatin1(kDatasetUsage),
            runDataset,
            {{QStringLiteral("import"),
              {opt::text("name"), opt::choice("format", {"auto", "jsonl", "csv", "json", "arena-hard", "alpacaeval", "sharegpt", "numina"}),
               opt::text("field"), opt::count("sample"), opt::seed("seed"), opt::choice("encoding", kEncodings)}},
             {QStringLiteral("list"), {}},
             {QStringLiteral("show"), {opt::count("limit")}}}}};
CommandRegistrar regResponses{Command{QStringLiteral("responses"),
                                      QStringLiteral("import published model outputs (no API cost)"),
                                      QString::fromLatin1(kResponsesUsage),
                                      runResponses,
                                      {{QStringLiteral("import"),
                                        {opt::text("model"), opt::text("dataset"), opt::choice("duplicates", {"first", "last", "refuse"}),
                                         opt::choice("encoding", kEncodings)}},
                                       {QStringLiteral("list"), {opt::text("dataset")}}}}};

} // namespace
