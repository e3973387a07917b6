#include "export/ExportAll.h"

#include <QDir>
#include <QSaveFile>

namespace ds::ui {

QStringList exportAllFigures(const ChartInputs &in, const QString &dir, const ExportOptions &options, QString *error)
{
    QStringList written;
    QDir().mkpath(dir);
    auto note = [&](const QString &e) {
        if (error && error->isEmpty())
            *error = e;
    };
    for (const QString &kind : applicableKinds(in)) {
        std::vector<std::pair<QString, ChartOptions>> variants;
        if (kind == QLatin1String("rse-heatmap") || kind == QLatin1String("rse-bars")) {
            for (RseAspect a : {RseAspect::Overall, RseAspect::Style, RseAspect::Logic, RseAspect::Content}) {
                ChartOptions o;
                o.kind = kind;
                o.aspect = a;
                variants.emplace_back(kind + QLatin1Char('-') + aspectName(a), o);
            }
        } else if (kind == QLatin1String("ice-aspects") || kind == QLatin1String("ice-vs-rse")) {
            for (const char *m : {"loose", "strict"}) {
                ChartOptions o;
                o.kind = kind;
                o.iceMetric = QString::fromLatin1(m);
                variants.emplace_back(kind + QLatin1Char('-') + o.iceMetric, o);
            }
        } else {
            ChartOptions o;
            o.kind = kind;
            variants.emplace_back(kind, o);
        }
        for (const auto &[base, o] : variants) {
            QString e;
            const FigurePtr fig = makeFigure(in, o, &e);
            if (!fig) {
                note(e);
                continue;
            }
            for (const char *suffix : {"pdf", "svg", "png"}) {
                const QString path = QDir(dir).filePath(base + QLatin1Char('.') + QLatin1String(suffix));
                if (exportFigure(*fig, path, options, &e))
                    written << path;
                else
                    note(e);
            }
        }
    }
    for (const auto &r : in.rse) {
        const QString base = QDir(dir).filePath(QStringLiteral("rse-run%1").arg(r.runId));
        for (const auto &[suffix, text] :
             {std::pair{QStringLiteral(".csv"), rse::toCsv(r)}, std::pair{QStringLiteral(".tex"), rse::toLatex(r)},
              std::pair{QStringLiteral(".json"), rse::toJson(r)}}) {
            QSaveFile f(base + suffix);
            if (f.open(QIODevice::WriteOnly) && f.write(QByteArray::fromStdString(text)) >= 0 && f.commit())
                written << base + suffix;
            else
                note(QObject::tr("cannot write %1").arg(base + suffix));
        }
    }
    return written;
}

} // namespace ds::ui
