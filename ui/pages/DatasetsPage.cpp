#include "pages/DatasetsPage.h"

#include "dialogs/ImportWizard.h"
#include "dialogs/OutputsImportDialog.h"
#include "models/CoreModels.h"
#include "models/PromptWindowModel.h"
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
#include <QTimer>
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
    : Page(ctx, parent), m_datasets(new DatasetsModel(this)), m_prompts(new PromptWindowModel(this)),
      m_datasetProxy(new QSortFilterProxyModel(this)), m_searchDelay(new QTimer(this)), m_load(new LatestRequest(this)),
      m_promptLoad(new LatestRequest(this)), m_promptText(new LatestRequest(this)), m_work(new LatestRequest(this))
{
    m_datasetProxy->setSourceModel(m_datasets);
    m_datasetProxy->setSortRole(SortRole);
    m_datasetView = makeTable(m_datasetProxy, this);
    m_promptView = makeTable(m_prompts, this); // sorted and filtered by the store, not a proxy
    m_promptView->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &DatasetsPage::loadPrompts);
    connect(m_prompts, &PagedModelBase::failed, this, [this](const QString &e) { m_message->show(e, InlineMessage::Error); });

    auto *importButton = new QPushButton(tr("Import prompts…"), this);
    auto *outputsButton = new QPushButton(tr("Import model outputs…"), this);
    connect(importButton, &QPushButton::clicked, this, &DatasetsPage::importPrompts);
    connect(outputsButton, &QPushButton::clicked, this, &DatasetsPage::importOutputs);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search prompts…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
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
    connect(m_promptView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DatasetsPage::showPrompt);
    connect(&m_ctx, &AppContext::datasetsChanged, this, &DatasetsPage::reload);
    connect(m_prompts, &PagedModelBase::populated, this, [this](int n) {
        for (int c : {PromptWindowModel::Index, PromptWindowModel::ExtId, PromptWindowModel::Category, PromptWindowModel::Length})
            m_promptView->resizeColumnToContents(c);
        emit promptsLoaded(n);
    });
}

bool DatasetsPage::isLoading() const
{
    return m_load->busy() || m_promptLoad->busy() || m_promptText->busy() || m_prompts->busy() || m_searchDelay->isActive();
}

void DatasetsPage::setSearch(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text); // starts the search delay
}

QString DatasetsPage::viewerText() const
{
    return m_viewer->toPlainText();
}

void DatasetsPage::selectPrompt(int row)
{
    m_promptView->selectRow(row);
}

void DatasetsPage::showPrompt(const QModelIndex &current)
{
    const PromptSummary *row = current.isValid() ? m_prompts->rowAt(current.row()) : nullptr;
    if (!row) {
        m_promptText->invalidate();
        m_viewer->clear();
        return;
    }
    // The table holds previews only; the full prompt (or conversation) is read on selection.
    Store *store = &m_ctx.store();
    m_promptText->run([store, id = row->id] { return store->prompt(id); },
                      [this](const std::optional<PromptItem> &p) {
                          if (!p)
                              return;
                          m_viewer->setPlainText(QString::fromStdString(p->turnsJson.empty() ? p->text : p->turnsJson));
                          emit promptShown();
                      });
}

void DatasetsPage::reload()
{
    Store *store = &m_ctx.store();
    m_load->run([store] { return store->datasets(); },
                [this](std::vector<DatasetInfo> ds) {
                    // A refresh keeps the selected dataset (a model reset clears the selection).
                    const int64_t keep = m_prompts->datasetId();
                    m_datasets->setRows(std::move(ds));
                    m_datasetView->resizeColumnsToContents();
                    int row = m_datasets->rowCount() > 0 ? 0 : -1;
                    for (int r = 0; r < m_datasets->rowCount(); ++r)
                        if (m_datasets->rowAt(r).id == keep)
                            row = r;
                    if (row >= 0)
                        m_datasetView->selectRow(m_datasetProxy->mapFromSource(m_datasets->index(row, 0)).row());
                });
}

void DatasetsPage::loadPrompts()
{
    const auto rows = m_datasetView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const DatasetInfo d = m_datasets->rowAt(m_datasetProxy->mapToSource(rows.first()).row());
    Store *store = &m_ctx.store();
    m_searchDelay->stop();
    m_viewer->clear();
    m_promptLoad->run([store, id = d.id] { return store->modelsWithAnswers(id); },
                      [this](const std::vector<std::string> &ms) {
                          QStringList models;
                          for (const auto &m : ms)
                              models << QString::fromStdString(m);
                          m_answers->setText(models.isEmpty() ? tr("No answers stored for this dataset yet.")
                                                              : tr("Answers stored from: %1").arg(models.join(QStringLiteral(", "))));
                      });
    m_prompts->setDataset(store, d.id, m_search->text());
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
    const QString current =
        sel.isEmpty() ? datasets.first() : QString::fromStdString(m_datasets->rowAt(m_datasetProxy->mapToSource(sel.first()).row()).name);
    OutputsImportDialog dlg({}, datasets, current, this);
    if (dlg.exec() != QDialog::Accepted || dlg.file().isEmpty() || dlg.model().isEmpty())
        return;
    Store *store = &m_ctx.store();
    m_message->show(tr("Importing outputs…"));
    m_work->run([store, f = dlg.file(), m = dlg.model(), d = dlg.dataset()] { return ui::importOutputs(*store, f, m, d); },
                [this](const ImportResult &r) {
                    m_message->show(r.error.isEmpty() ? r.summary : r.error,
                                    r.error.isEmpty() ? InlineMessage::Success : InlineMessage::Error);
                    loadPrompts();
                });
}

} // namespace ds::ui
