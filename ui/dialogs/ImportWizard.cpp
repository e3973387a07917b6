#include "dialogs/ImportWizard.h"

#include "models/CoreModels.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "services/ImportService.h"
#include "services/Settings.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <functional>

namespace ds::ui {

namespace {
/// A wizard page whose Next/Finish is enabled only while `complete()` holds.
class CheckedPage : public QWizardPage {
public:
    CheckedPage(std::function<bool()> complete, QWidget *parent) : QWizardPage(parent), m_complete(std::move(complete)) {}
    bool isComplete() const override { return m_complete(); }
    void recheck() { emit completeChanged(); }

private:
    std::function<bool()> m_complete;
};
} // namespace

// Kept whole (~85 lines): the wizard's two pages and their validation wiring, read top to bottom.
ImportWizard::ImportWizard(AppContext &ctx, QWidget *parent)
    : QWizard(parent), m_ctx(ctx), m_preview(new PromptsModel(this)), m_previewJob(new LatestRequest(this)),
      m_importJob(new LatestRequest(this))
{
    setWindowTitle(tr("Import prompts"));
    setWizardStyle(QWizard::ClassicStyle);
    resize(860, 600);

    // Page 1: file, format, field, preview.
    auto *p1 = new CheckedPage([this] { return m_total > 0; }, this);
    m_sourcePage = p1;
    p1->setTitle(tr("Source file"));
    p1->setSubTitle(tr("JSONL, JSON, CSV, Arena-Hard questions, AlpacaEval, ShareGPT or Numina files."));
    m_file = new QLineEdit(p1);
    m_file->setObjectName(QStringLiteral("importFile"));
    auto *browse = new QPushButton(tr("Browse…"), p1);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Prompt file"), settings::lastImportDir.get(),
                                                       tr("Prompt files (*.jsonl *.json *.csv);;All files (*)"));
        if (!f.isEmpty()) {
            settings::lastImportDir.set(QFileInfo(f).absolutePath());
            setFile(f);
        }
    });
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    m_format = new QComboBox(p1);
    for (const char *f : {"auto", "jsonl", "json", "csv", "arena-hard", "alpacaeval", "sharegpt", "numina"})
        m_format->addItem(QString::fromLatin1(f));
    m_field = new QComboBox(p1);
    m_field->setEditable(true);
    m_field->addItem(QString());
    m_field->setToolTip(tr("The field holding the prompt (empty = guess)"));
    m_status = new QLabel(p1);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_table = new QTableView(p1);
    m_table->setModel(m_preview);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    auto *form1 = new QFormLayout;
    form1->addRow(tr("File"), fileRow);
    form1->addRow(tr("Format"), m_format);
    form1->addRow(tr("Prompt field"), m_field);
    auto *l1 = new QVBoxLayout(p1);
    l1->addLayout(form1);
    l1->addWidget(m_status);
    l1->addWidget(m_table, 1);
    addPage(p1);
    // A typed path does what Browse does: read the fields, suggest a name, preview.
    connect(m_file, &QLineEdit::editingFinished, this, [this] {
        if (m_file->text().trimmed() != m_sniffedPath)
            setFile(m_file->text().trimmed());
    });
    connect(m_file, &QLineEdit::textEdited, this, [this] {
        m_total = 0; // not valid until the new path is read
        static_cast<CheckedPage *>(m_sourcePage)->recheck();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportWizard::refreshPreview);
    connect(m_field, &QComboBox::currentTextChanged, this, &ImportWizard::refreshPreview);

    // Page 2: name and sampling.
    auto *p2 = new CheckedPage([this] { return m_total > 0 && !datasetName().isEmpty() && !m_importing; }, this);
    m_namePage = p2;
    p2->setTitle(tr("Name and sampling"));
    p2->setSubTitle(tr("A seeded sample gives the same subset on every machine."));
    m_name = new QLineEdit(p2);
    m_sample = new QSpinBox(p2);
    m_sample->setRange(0, 10000000);
    m_sample->setSpecialValueText(tr("all prompts"));
    m_seed = new QSpinBox(p2);
    m_seed->setRange(0, 2147483647);
    m_seed->setValue(int(data::DatasetImportOptions{}.seed)); // the command line's default, so both pick the same sample
    m_summary = new QLabel(p2);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    auto *form2 = new QFormLayout(p2);
    form2->addRow(tr("Dataset name"), m_name);
    form2->addRow(tr("Sample size"), m_sample);
    form2->addRow(tr("Seed"), m_seed);
    form2->addRow(m_summary);
    addPage(p2);
    connect(m_name, &QLineEdit::textChanged, this, [this] { static_cast<CheckedPage *>(m_namePage)->recheck(); });
    connect(m_sample, &QSpinBox::valueChanged, this, &ImportWizard::refreshPreview);
    connect(m_seed, &QSpinBox::valueChanged, this, &ImportWizard::refreshPreview);
}

QString ImportWizard::statusText() const
{
    return m_status->text();
}

void ImportWizard::setFile(const QString &path)
{
    m_file->setText(path);
    m_sniffedPath = path;
    if (m_name->text().isEmpty())
        m_name->setText(QFileInfo(path).completeBaseName());
    const QString current = m_field->currentText();
    m_previewJob->run([path] { return sniffFile(path); },
                      [this, current](const FileSniff &s) {
                          m_sniffKind = s.error.isEmpty() ? s.kind : QString();
                          m_field->blockSignals(true);
                          m_field->clear();
                          m_field->addItem(QString());
                          m_field->addItems(s.fields);
                          m_field->setCurrentText(current);
                          m_field->blockSignals(false);
                          refreshPreview();
                      });
}

data::DatasetImportOptions ImportWizard::options() const
{
    data::DatasetImportOptions o;
    o.format = m_format->currentText().toStdString();
    o.field = m_field->currentText().trimmed().toStdString();
    o.sample = m_sample->value();
    o.seed = uint64_t(m_seed->value());
    return o;
}

QString ImportWizard::datasetName() const
{
    return m_name->text().trimmed();
}

void ImportWizard::refreshPreview()
{
    const QString path = m_file->text().trimmed();
    if (path.isEmpty())
        return;
    const auto opt = options();
    m_status->setText(tr("Reading…"));
    m_previewJob->run([path, opt] { return previewPrompts(path, opt); }, [this](const PromptPreview &p) { showPreview(p); });
}

void ImportWizard::showPreview(const PromptPreview &p)
{
    m_total = p.error.isEmpty() ? p.total : 0;
    m_preview->setRows(p.first);
    if (!p.error.isEmpty())
        m_status->setText(p.error);
    else
        m_status->setText(tr("Detected format: %1 — %2 prompts%3")
                              .arg(m_format->currentIndex() == 0 && !m_sniffKind.isEmpty()
                                       ? QStringLiteral("%1 (%2)").arg(m_sniffKind, p.detectedFormat)
                                       : p.detectedFormat)
                              .arg(p.total)
                              .arg(p.warnings.isEmpty() ? QString() : QStringLiteral("\n") + p.warnings.mid(0, 3).join(QLatin1Char('\n'))));
    m_summary->setText(p.error.isEmpty() ? tr("%1 prompts will be imported.").arg(p.total) : p.error);
    static_cast<CheckedPage *>(m_sourcePage)->recheck();
    static_cast<CheckedPage *>(m_namePage)->recheck();
    emit previewReady(m_total);
}

void ImportWizard::startImport()
{
    const QString name = datasetName(), path = m_file->text().trimmed();
    if (name.isEmpty() || path.isEmpty()) {
        emit failed(tr("Choose a file and a dataset name."));
        return;
    }
    const auto opt = options();
    Store *store = &m_ctx.store();
    m_importing = true;
    static_cast<CheckedPage *>(m_namePage)->recheck();
    m_summary->setText(tr("Importing…"));
    m_importJob->run([store, name, path, opt] { return createDataset(*store, name, path, opt); },
                     [this, name](const ImportResult &r) {
                         m_importing = false;
                         static_cast<CheckedPage *>(m_namePage)->recheck();
                         if (!r.error.isEmpty()) {
                             m_summary->setText(r.error);
                             emit failed(r.error);
                             return;
                         }
                         emit m_ctx.datasetsChanged();
                         emit imported(name, r.count);
                         QWizard::accept();
                     });
}

int ImportWizard::seed() const
{
    return m_seed->value();
}

bool ImportWizard::canAdvance() const
{
    return currentPage() && currentPage()->isComplete();
}

bool ImportWizard::pageComplete(int index) const
{
    return (index == 0 ? m_sourcePage : m_namePage)->isComplete();
}

void ImportWizard::accept()
{
    if (!m_importing)
        startImport(); // closes itself when the import succeeded; errors stay visible on the page
}

} // namespace ds::ui
