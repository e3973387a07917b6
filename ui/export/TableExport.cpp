#include "export/TableExport.h"

#include "util/Csv.h"
#include "util/Latex.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace ds::ui {

namespace {
QString text(const QAbstractItemModel &m, int r, int c)
{
    return m.data(m.index(r, c), Qt::DisplayRole).toString();
}
QString header(const QAbstractItemModel &m, int c)
{
    return m.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
}
QString csv(const QString &s)
{
    return QString::fromStdString(csvCell(s.toStdString()));
}
QString tex(const QString &s)
{
    return QString::fromStdString(latexEscape(s.toStdString()));
}
} // namespace

QString tableToCsv(const QAbstractItemModel &m)
{
    QString out;
    const int cols = m.columnCount();
    for (int c = 0; c < cols; ++c)
        out += (c ? QStringLiteral(",") : QString()) + csv(header(m, c));
    out += QLatin1Char('\n');
    for (int r = 0; r < m.rowCount(); ++r) {
        for (int c = 0; c < cols; ++c)
            out += (c ? QStringLiteral(",") : QString()) + csv(text(m, r, c));
        out += QLatin1Char('\n');
    }
    return out;
}

namespace {
bool isNumberCell(const QString &s)
{
    static const QRegularExpression number(QStringLiteral("^[-+−]?\\$?\\d[\\d,]*(\\.\\d+)?%?$"));
    const QString t = s.trimmed();
    return t.isEmpty() || t == QStringLiteral("–") || t == QStringLiteral("—") || t == QStringLiteral("-") || number.match(t).hasMatch();
}
} // namespace

QString tableToLatex(const QAbstractItemModel &m, const QString &caption, const QString &label)
{
    const int cols = m.columnCount();
    QString align;
    for (int c = 0; c < cols; ++c) {
        bool numeric = m.rowCount() > 0;
        for (int r = 0; r < m.rowCount() && numeric; ++r)
            numeric = isNumberCell(text(m, r, c));
        align += numeric ? QLatin1Char('r') : QLatin1Char('l');
    }
    QString out = QStringLiteral("\\begin{table}[t]\n\\centering\n");
    if (!caption.isEmpty())
        out += QStringLiteral("\\caption{%1}\n").arg(tex(caption));
    if (!label.isEmpty())
        out += QStringLiteral("\\label{%1}\n").arg(tex(label));
    out += QStringLiteral("\\begin{tabular}{%1}\n\\toprule\n").arg(align);
    QStringList h;
    for (int c = 0; c < cols; ++c)
        h << tex(header(m, c));
    out += h.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n\\midrule\n");
    for (int r = 0; r < m.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < cols; ++c)
            row << tex(text(m, r, c));
        out += row.join(QStringLiteral(" & ")) + QStringLiteral(" \\\\\n");
    }
    out += QStringLiteral("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
    return out;
}

bool exportTable(const QAbstractItemModel &model, const QString &path, QString *error, const QString &caption, const QString &label)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QString content;
    if (suffix == QLatin1String("csv"))
        content = tableToCsv(model);
    else if (suffix == QLatin1String("tex"))
        content = tableToLatex(model, caption, label);
    else {
        if (error)
            *error = QObject::tr("unknown table format '%1' (use .csv or .tex)").arg(suffix);
        return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content.toUtf8()) < 0 || !f.commit()) {
        if (error)
            *error = QObject::tr("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace ds::ui
