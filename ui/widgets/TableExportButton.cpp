#include "widgets/TableExportButton.h"

#include "export/TableExport.h"
#include "services/Settings.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

namespace ds::ui {

TableExportButton::TableExportButton(QAbstractItemModel *model, const QString &baseName, const QString &caption, QWidget *parent)
    : QPushButton(tr("Export table…"), parent), m_model(model), m_base(baseName), m_caption(caption)
{
    setToolTip(tr("CSV or LaTeX (booktabs)"));
    connect(this, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export table"),
                                                       QDir(settings::exportDir.get()).filePath(m_base + QStringLiteral(".csv")),
                                                       tr("CSV (*.csv);;LaTeX (*.tex)"));
        if (f.isEmpty())
            return;
        settings::exportDir.set(QFileInfo(f).absolutePath());
        QString error;
        exportTable(*m_model, f, &error, m_caption, QStringLiteral("tab:") + m_base); // small tables: the model is in memory
        emit exported(f, error);
    });
}

} // namespace ds::ui
