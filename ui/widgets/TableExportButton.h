#pragma once
// "Export table…" for any view: CSV (formula cells neutralised) or LaTeX booktabs (escaped).
#include <QPushButton>

class QAbstractItemModel;

namespace ds::ui {

class TableExportButton : public QPushButton {
    Q_OBJECT
public:
    TableExportButton(QAbstractItemModel *model, const QString &baseName, QWidget *parent = nullptr);

signals:
    void exported(const QString &path, const QString &error);

private:
    QAbstractItemModel *m_model;
    QString m_base;
};

} // namespace ds::ui
