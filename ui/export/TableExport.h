#pragma once
// Tables to files: CSV (RFC 4180, cells starting with = + - @ neutralised) and LaTeX booktabs
// (special characters escaped). Works on any QAbstractItemModel's DisplayRole text.
#include <QString>

class QAbstractItemModel;

namespace ds::ui {

QString tableToCsv(const QAbstractItemModel &model);
/// A booktabs table: columns whose cells are all numbers (or "–" for missing) are right-aligned,
/// every other column (names, intervals "[lo, hi]", text) left-aligned; `caption` and `label`
/// (e.g. "tab:rse-cells") become \caption and \label when given.
QString tableToLatex(const QAbstractItemModel &model, const QString &caption = {}, const QString &label = {});
/// By suffix: .csv or .tex. False + *error on failure.
bool exportTable(const QAbstractItemModel &model, const QString &path, QString *error, const QString &caption = {},
                 const QString &label = {});

} // namespace ds::ui
