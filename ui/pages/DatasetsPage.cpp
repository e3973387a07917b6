#include "pages/DatasetsPage.h"

#include "dialogs/ImportWizard.h"
#include "dialogs/OutputsImportDialog.h"
#include "models/CoreModels.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "services/ImportService.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ds::ui {

namespace {
QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *v = new QTableView(parent);
    v->setModel(model);
    v->setSortingEnabled(true);
    v->sortByColumn(0, Qt::AscendingOrder);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->horizontalHeader()->setStretchLastSection(true);
    v->verticalHeader()->hide();
    v->setWordWrap(false);
    return v;
}
} // namespace

DatasetsPage::DatasetsPage(AppContext &ctx, QWidget *parent)
    : Page(ctx, parent), m_datasets(new DatasetsModel(this)), m_prompts(new PromptsModel(this)),
      m_datasetProxy(new QSortFilterProxyModel(this)), m_promptProxy(new QSortFilterProxyModel(this)),
      m_load(new LatestRequest(this)), m_promptLoad(new LatestRequest(this)), m_work(new LatestRequest(this))
{
    m_datasetProxy->setSourceModel(m_datasets);
    m_datasetProxy->setSortRole(SortRole);
    m_promptProxy->setSourceModel(m_prompts);
    m_promptProxy->setSortRole(SortRole);
    m_promptProxy->setFilterRole(SortRole); // full text, not the preview
    m_promptProxy->setFilterKeyColumn(PromptsModel::Text);
    m_promptProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_datasetView = makeTable(m_datasetProxy, this);
    m_promptView = makeTable(m_promptProxy, this);

    auto *importButton = new QPushButton(tr("Import prompts…"), this);
    auto *outputsButton = new QPushButton(tr("Import model outputs…"), this);
    connect(importButton, &QPushButton::clicked, this, &DatasetsPage::importPrompts);
    connect(outputsButton, &QPushButton::clicked, this, &DatasetsPage::importOutputs);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search prompts…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &DatasetsPage::setSearch);
    m_viewer = new QPlainTextEdit(this);
    m_viewer->setReadOnly(true);
    m_answers = new QLabel(this);
    m_answers->setTextFormat(Qt::PlainText);
    m_answers->setWordWrap(true);
    m_message = new InlineMessage(this);

    auto *left = new QWidget(this);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(importButton);
    buttons->addWidget(outputsButton);
    buttons->addStretch(1);
    ll->addLayout(buttons);
    ll->addWidget(m_datasetView, 1);
    ll->addWidget(m_answers);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("datasetsPromptSplitter"));
    auto *top = new QWidget(right);
    auto *tl = new QVBoxLayout(top);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->addWidget(m_search);
    tl->addWidget(m_promptView, 1);
    right->addWidget(top);
    right->addWidget(m_viewer);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("datasetsSplitter"));
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_datasetView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DatasetsPage::loadPrompts);
    connect(m_promptView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &cur) {
        if (!cur.isValid()) {
            m_viewer->clear();
            return;
        }
        const PromptItem &p = m_prompts->rowAt(m_promptProxy->mapToSource(cur).row());
        m_viewer->setPlainText(QString::fromStdString(p.turnsJson.empty() ? p.text : p.turnsJson));
    });
    connect(&m_ctx, &AppContext::datasetsChanged, this, &DatasetsPage::reload);
}

bool DatasetsPage::isLoading() const
{
    return m_load->busy() || m_promptLoad->busy();
}

void DatasetsPage::setSearch(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    m_promptProxy->setFilterFixedString(text);
}

void DatasetsPage::reload()
{
    Store *store = &m_ctx.store();
    m_load->run([store] { return store->datasets(); },
                [this](std::vector<DatasetInfo> ds) {
                    const bool first = m_datasets->rowCount() == 0;
                    m_datasets->setRows(std::move(ds));
                    m_datasetView->resizeColumnsToContents();
                    if (first && m_datasets->rowCount() > 0)
                        m_datasetView->selectRow(0);
                });
}

void DatasetsPage::loadPrompts()
{
    const auto rows = m_datasetView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const DatasetInfo d = m_datasets->rowAt(m_datasetProxy->mapToSource(rows.first()).row());
    Store *store = &m_ctx.store();
    struct Loaded {
        std::vector<PromptItem> prompts;
        std::vector<std::string> models;
    };
    m_promptLoad->run([store, id = d.id] { return Loaded{store->prompts(id), store->modelsWithAnswers(id)}; },
                      [this](Loaded l) {
                          const int n = int(l.prompts.size());
                          m_prompts->setRows(std::move(l.prompts));
                          QStringList models;
                          for (const auto &m : l.models)
                              models << QString::fromStdString(m);
                          m_answers->setText(models.isEmpty() ? tr("No answers stored for this dataset yet.")
                                                              : tr("Answers stored from: %1").arg(models.join(QStringLiteral(", "))));
                          emit promptsLoaded(n);
                      });
}

void DatasetsPage::importPrompts()
{
    auto *wizard = new ImportWizard(m_ctx, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ImportWizard::imported, this, [this](const QString &name, int count) {
        m_message->show(tr("Imported %1 prompts into %2.").arg(count).arg(name), InlineMessage::Success);
    });
    wizard->open();
}

void DatasetsPage::importOutputs()
{
    QStringList datasets;
    for (const auto &d : m_datasets->rows())
        datasets << QString::fromStdString(d.name);
    if (datasets.isEmpty()) {
        m_message->show(tr("Import a prompt set first: outputs are matched to its prompts."), InlineMessage::Error);
        return;
    }
    const auto sel = m_datasetView->selectionModel()->selectedRows();
    const QString current = sel.isEmpty() ? datasets.first() : QString::fromStdString(m_datasets->rowAt(m_datasetProxy->mapToSource(sel.first()).row()).name);
    OutputsImportDialog dlg({}, datasets, current, this);
    if (dlg.exec() != QDialog::Accepted || dlg.file().isEmpty() || dlg.model().isEmpty())
        return;
    Store *store = &m_ctx.store();
    m_message->show(tr("Importing outputs…"));
    m_work->run([store, f = dlg.file(), m = dlg.model(), d = dlg.dataset()] { return ui::importOutputs(*store, f, m, d); },
                [this](const ImportResult &r) {
                    m_message->show(r.error.isEmpty() ? r.summary : r.error, r.error.isEmpty() ? InlineMessage::Success : InlineMessage::Error);
                    loadPrompts();
                });
}

} // namespace ds::ui
