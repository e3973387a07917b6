#include "services/ImportService.h"

#include "data/OutputImport.h"
#include "store/Store.h"
#include "util/Csv.h"
#include "util/JsonScan.h"

#include <QFile>
#include <QFileInfo>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace ds::ui {

namespace {
/// The first complete {...} of a JSON array's text (strings and escapes respected), so the fields
/// of a large array file are known without parsing all of it.
std::string firstObject(const QByteArray &text)
{
    const qsizetype start = text.indexOf('{');
    if (start < 0)
        return {};
    size_t work = 0;
    const size_t end = balancedObjectEnd(std::string_view(text.constData(), size_t(text.size())), size_t(start), work);
    return end == std::string_view::npos ? std::string() : text.mid(start, qsizetype(end) - start).toStdString();
}

QString kindOf(const QStringList &f)
{
    if (f.contains(QLatin1String("turns")) && f.contains(QLatin1String("question_id")))
        return QStringLiteral("arena-hard");
    if (f.contains(QLatin1String("instruction")) &&
        (f.contains(QLatin1String("output")) || f.contains(QLatin1String("generator")) || f.contains(QLatin1String("dataset"))))
        return QStringLiteral("alpacaeval");
    if (f.contains(QLatin1String("conversations")) || f.contains(QLatin1String("messages")))
        return QStringLiteral("sharegpt");
    if (f.contains(QLatin1String("problem")) && f.contains(QLatin1String("solution")))
        return QStringLiteral("numina");
    return {};
}
} // namespace

FileSniff sniffFile(const QString &path)
{
    FileSniff s;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        s.error = QObject::tr("cannot open %1: %2").arg(path, f.errorString());
        return s;
    }
    const QByteArray head = f.read(1 << 20);
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QByteArray trimmed = head.trimmed();
    auto keysOf = [&](const nlohmann::json &obj) {
        if (obj.is_object())
            for (auto it = obj.begin(); it != obj.end(); ++it)
                s.fields << QString::fromStdString(it.key());
    };
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv")) {
        s.guessedFormat = QStringLiteral("csv");
        std::string err;
        std::vector<CsvRow> rows;
        parseCsv(head.left(head.indexOf('\n') + 1).toStdString(), &rows, &err); // the header line only
        if (!rows.empty())
            for (const auto &c : rows.front().cells)
                s.fields << QString::fromStdString(c);
    } else if (trimmed.startsWith('[')) {
        s.guessedFormat = QStringLiteral("json");
        keysOf(nlohmann::json::parse(firstObject(head), nullptr, false));
    } else {
        s.guessedFormat = QStringLiteral("jsonl");
        const QByteArray first = trimmed.left(trimmed.indexOf('\n') < 0 ? trimmed.size() : trimmed.indexOf('\n'));
        keysOf(nlohmann::json::parse(first.toStdString(), nullptr, false));
    }
    s.kind = kindOf(s.fields);
    return s;
}

PromptPreview previewPrompts(const QString &path, const data::DatasetImportOptions &opt)
{
    PromptPreview p;
    auto parsed = data::readPrompts(path.toStdString(), opt);
    p.error = QString::fromStdString(parsed.error);
    p.detectedFormat = QString::fromStdString(parsed.detectedFormat);
    for (const auto &w : parsed.warnings)
        p.warnings << QString::fromStdString(w);
    p.total = int(parsed.items.size());
    const size_t n = std::min<size_t>(50, parsed.items.size());
    p.first.assign(parsed.items.begin(), parsed.items.begin() + long(n));
    return p;
}

ImportResult createDataset(Store &store, const QString &name, const QString &path, const data::DatasetImportOptions &opt)
{
    ImportResult r;
    auto parsed = data::readPrompts(path.toStdString(), opt);
    if (!parsed.ok()) {
        r.error = QString::fromStdString(parsed.error);
        return r;
    }
    if (parsed.items.empty()) {
        r.error = QObject::tr("%1 holds no prompts").arg(path);
        return r;
    }
    DatasetInfo info;
    info.name = name.toStdString();
    info.format = parsed.detectedFormat;
    info.source = QFileInfo(path).fileName().toStdString();
    std::string err;
    if (!store.createDataset(info, parsed.items, &err)) {
        r.error = QString::fromStdString(err);
        return r;
    }
    r.count = int(parsed.items.size());
    r.summary = QObject::tr("Imported %1 prompts into %2").arg(r.count).arg(name);
    return r;
}

ImportResult importOutputs(Store &store, const QString &path, const QString &modelName, const QString &dataset)
{
    const auto done = data::importOutputs(store, dataset.toStdString(), {{path.toStdString(), modelName.toStdString()}});
    ImportResult r;
    r.error = QString::fromStdString(done.error);
    if (!done.ok())
        return r;
    const data::MatchedOutputs &m = done.files.front().matched;
    r.count = int(done.answers);
    r.unmatched = m.unmatched;
    r.summary = QObject::tr("%1 answers of %2 imported into %3 (%4 of %5 prompts covered, %6 unmatched)")
                    .arg(r.count)
                    .arg(modelName, dataset)
                    .arg(r.count)
                    .arg(done.dataset.promptCount)
                    .arg(r.unmatched);
    if (m.duplicates)
        r.summary += QObject::tr("; %1 duplicate answers to a prompt (the first of each kept)").arg(m.duplicates);
    if (m.unusable)
        r.summary += QObject::tr("; %1 outputs null, empty or not text (kept with their status, not judged)").arg(m.unusable);
    return r;
}

} // namespace ds::ui
