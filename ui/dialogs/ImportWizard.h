#pragma once
// Dataset import wizard: (1) file, detected format, field mapping and a live preview of the first
// rows; (2) name and sampling (size + seed). Parsing runs in the background; the dataset is created
// in one transaction when the wizard finishes.
#include "data/Importers.h"

#include <QWizard>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace ds::ui {
class AppContext;
class LatestRequest;
class PromptsModel;
struct PromptPreview;

class ImportWizard : public QWizard {
    Q_OBJECT
public:
    explicit ImportWizard(AppContext &ctx, QWidget *parent = nullptr);
    void setFile(const QString &path);
    data::DatasetImportOptions options() const;
    QString datasetName() const;
    PromptsModel *previewModel() const { return m_preview; }
    int previewTotal() const { return m_total; }
    /// Creates the dataset (background); imported() or failed() follows.
    void startImport();
    void accept() override;
    /// Whether Next/Finish is enabled on the current page / on page `index` (0 source, 1 name).
    bool canAdvance() const;
    bool pageComplete(int index) const;
    int seed() const;
    /// The line under the file: detected format and prompt count, or the error.
    QString statusText() const;

signals:
    void previewReady(int total);
    void imported(const QString &name, int count);
    void failed(const QString &error);

private:
    void refreshPreview();
    void showPreview(const PromptPreview &p);
    AppContext &m_ctx;
    QLineEdit *m_file, *m_name;
    QComboBox *m_format, *m_field;
    QSpinBox *m_sample, *m_seed;
    QLabel *m_status, *m_summary;
    QTableView *m_table;
    PromptsModel *m_preview;
    LatestRequest *m_previewJob, *m_importJob;
    QWizardPage *m_sourcePage, *m_namePage;
    QString m_sniffedPath; ///< the path whose fields were read last
    QString m_sniffKind;   ///< arena-hard / alpacaeval / … from the fields ("" = generic)
    int m_total = 0;
    bool m_importing = false;
};

} // namespace ds::ui
