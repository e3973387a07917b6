#pragma once
// Tables to files: CSV (RFC 4180, cells starting with = + - @ neutralised) and LaTeX booktabs
// (special characters escaped). Works on any QAbstractItemModel's DisplayRole text.
#include <QString>

class QAbstractItemModel;

namespace ds::ui {

QString tableToCsv(const QAbstractItemModel &model);
QString tableToLatex(const QAbstractItemModel &model, const QString &caption = {});
/// By suffix: .csv or .tex. False + *error on failure.
bool exportTable(const QAbstractItemModel &model, const QString &path, QString *error, const QString &caption = {});

} // namespace ds::ui
