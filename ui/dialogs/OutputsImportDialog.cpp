#include "dialogs/OutputsImportDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace ds::ui {

OutputsImportDialog::OutputsImportDialog(const QStringList &models, const QStringList &datasets, const QString &dataset, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Import model outputs"));
    m_file = new QLineEdit(this);
    auto *browse = new QPushButton(tr("Browse…"), this);
    m_model = new QComboBox(this);
    m_model->setEditable(true);
    m_model->addItems(models);
    m_dataset = new QComboBox(this);
    m_dataset->addItems(datasets);
    m_dataset->setCurrentText(dataset);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Outputs file"), QString(), tr("Outputs (*.json *.jsonl);;All files (*)"));
        if (!f.isEmpty()) {
            m_file->setText(f);
            if (m_model->currentText().isEmpty())
                m_model->setCurrentText(QFileInfo(f).completeBaseName());
        }
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_file, 1);
    row->addWidget(browse);
    auto *form = new QFormLayout(this);
    form->addRow(tr("File"), row);
    form->addRow(tr("Answers of model"), m_model);
    form->addRow(tr("For dataset"), m_dataset);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QString OutputsImportDialog::file() const
{
    return m_file->text().trimmed();
}
QString OutputsImportDialog::model() const
{
    return m_model->currentText().trimmed();
}
QString OutputsImportDialog::dataset() const
{
    return m_dataset->currentText();
}

} // namespace ds::ui
