#pragma once
// "Export table…" for any view: CSV (formula cells neutralised) or LaTeX booktabs (escaped).
#include <QPushButton>

class QAbstractItemModel;

namespace ds::ui {

class TableExportButton : public QPushButton {
    Q_OBJECT
public:
    /// `caption` is the LaTeX caption (the label is "tab:<baseName>").
    TableExportButton(QAbstractItemModel *model, const QString &baseName, const QString &caption, QWidget *parent = nullptr);

signals:
    void exported(const QString &path, const QString &error);

private:
    QAbstractItemModel *m_model;
    QString m_base, m_caption;
};

} // namespace ds::ui
