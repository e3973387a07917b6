#pragma once
// Import published model outputs (AlpacaEval model_outputs.json, Arena-Hard model_answer JSONL,
// generic JSON/JSONL) as a model's answers to a dataset's prompts.
#include <QDialog>

class QComboBox;
class QLineEdit;

namespace ds::ui {

class OutputsImportDialog : public QDialog {
    Q_OBJECT
public:
    OutputsImportDialog(const QStringList &models, const QStringList &datasets, const QString &dataset, QWidget *parent = nullptr);
    QString file() const;
    QString model() const;
    QString dataset() const;

private:
    QLineEdit *m_file;
    QComboBox *m_model, *m_dataset;
};

} // namespace ds::ui
