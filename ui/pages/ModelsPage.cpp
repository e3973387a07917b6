#include "pages/ModelsPage.h"

#include "dialogs/ModelDialog.h"
#include "models/CoreModels.h"
#include "net/LlmClient.h"
#include "net/ModelList.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "services/KeyStore.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace ds::ui {

ModelsPage::ModelsPage(AppContext &ctx, QWidget *parent)
    : Page(ctx, parent), m_model(new ModelsModel(this)), m_proxy(new QSortFilterProxyModel(this)), m_load(new LatestRequest(this)),
      m_work(new LatestRequest(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    connect(m_view, &QTableView::doubleClicked, this, &ModelsPage::editModel);

    auto button = [this](const QString &text, void (ModelsPage::*slot)()) {
        auto *b = new QPushButton(text, this);
        connect(b, &QPushButton::clicked, this, slot);
        return b;
    };
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(button(tr("Add…"), &ModelsPage::addModel));
    buttons->addWidget(button(tr("Edit…"), &ModelsPage::editModel));
    buttons->addWidget(button(tr("Remove"), &ModelsPage::removeModel));
    buttons->addSpacing(16);
    buttons->addWidget(button(tr("Test connection"), &ModelsPage::testConnection));
    buttons->addWidget(button(tr("List models"), &ModelsPage::listModels));
    buttons->addStretch(1);

    m_output = new QPlainTextEdit(this);
    m_output->setReadOnly(true);
    m_output->setPlaceholderText(tr("Replies of \"Test connection\" and \"List models\" appear here."));
    m_message = new InlineMessage(this);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("modelsSplitter"));
    split->addWidget(m_view);
    split->addWidget(m_output);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
    connect(&m_ctx, &AppContext::modelsChanged, this, &ModelsPage::reload);
}

bool ModelsPage::isLoading() const
{
    return m_load->busy();
}

void ModelsPage::reload()
{
    Store *store = &m_ctx.store();
    m_load->run([store] { return store->models(); },
                [this](std::vector<ModelConfig> models) {
                    std::set<std::string> sessionOnly;
                    for (const auto &m : models)
                        if (m_ctx.keys().hasSessionKey(QString::fromStdString(m.name)))
                            sessionOnly.insert(m.name);
                    m_model->setSessionOnly(std::move(sessionOnly));
                    m_model->setRows(std::move(models));
                    m_view->resizeColumnsToContents();
                    // Warm the keychain cache so runs can send keys without asking later.
                    for (const auto &m : m_model->rows())
                        if (!m.keychainKey.empty() && !m_ctx.keys().hasCached(QString::fromStdString(m.keychainKey)))
                            m_ctx.keys().read(QString::fromStdString(m.keychainKey));
                });
}

const ModelConfig *ModelsPage::selected() const
{
    const auto rows = m_view->selectionModel() ? m_view->selectionModel()->selectedRows() : QModelIndexList{};
    if (rows.isEmpty())
        return nullptr;
    return &m_model->rowAt(m_proxy->mapToSource(rows.first()).row());
}

void ModelsPage::addModel()
{
    ModelConfig m;
    m.provider = "openai";
    edit(m);
}

void ModelsPage::editModel()
{
    if (const ModelConfig *m = selected())
        edit(*m);
    else
        m_message->show(tr("Select a model first."), InlineMessage::Error);
}

void ModelsPage::edit(const ModelConfig &initial)
{
    ModelDialog dlg(initial, !m_ctx.keys().backendMissing(), m_ctx.keys().backendError(), this);
    if (dlg.exec() != QDialog::Accepted)
        return;
    save(dlg.config(), dlg.newApiKey());
}

void ModelsPage::save(ModelConfig m, const QString &newKey)
{
    Store *store = &m_ctx.store();
    auto persist = [this, store](const ModelConfig &model, const QString &done) {
        m_work->run(
            [store, model = ModelConfig(model)]() mutable {
                std::string error;
                store->saveModel(model, &error);
                return QString::fromStdString(error);
            },
            [this, done](const QString &error) {
                if (!error.isEmpty())
                    m_message->show(error, InlineMessage::Error);
                else if (!done.isEmpty())
                    m_message->show(done, done.startsWith(tr("API key stored")) ? InlineMessage::Success : InlineMessage::Error);
                emit m_ctx.modelsChanged();
                emit saved(error.isEmpty() ? done : error);
            });
    };
    if (newKey.isEmpty()) {
        persist(m, QString());
        return;
    }
    // The model is labelled "keychain" only once the keychain has the key.
    const QString name = QString::fromStdString(m.name);
    const QString entry = KeyStore::entryFor(name);
    connect(
        &m_ctx.keys(), &KeyStore::writeFinished, this,
        [this, entry, name, newKey, m, persist](const QString &e, bool ok, const QString &error) mutable {
            if (e != entry)
                return;
            if (ok) {
                m_ctx.keys().setSessionKey(name, QString());
                m.keychainKey = entry.toStdString();
                persist(m, tr("API key stored in the system keychain."));
                return;
            }
            m_ctx.keys().setSessionKey(name, newKey);
            const QString env = m.apiKeyEnv.empty() ? tr("e.g. OPENAI_API_KEY") : QString::fromStdString(m.apiKeyEnv);
            persist(m, tr("The system keychain is unavailable (%1), so the key was not stored. It is kept in memory for this "
                          "session only. To keep it, set an environment variable (%2) before starting DistillScope and name it "
                          "in the model's \"API key variable\".")
                           .arg(error.isEmpty() ? tr("no Secret Service") : error, env));
        },
        Qt::SingleShotConnection);
    m_ctx.keys().write(entry, newKey);
}

QString ModelsPage::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void ModelsPage::removeModel()
{
    const ModelConfig *m = selected();
    if (!m) {
        m_message->show(tr("Select a model first."), InlineMessage::Error);
        return;
    }
    const std::string name = m->name;
    if (!m->keychainKey.empty())
        m_ctx.keys().remove(QString::fromStdString(m->keychainKey));
    Store *store = &m_ctx.store();
    m_work->run(
        [store, name] {
            std::string error;
            store->removeModel(name, &error);
            return QString::fromStdString(error);
        },
        [this, name](const QString &error) {
            m_message->show(error.isEmpty() ? tr("Removed %1.").arg(QString::fromStdString(name)) : error,
                            error.isEmpty() ? InlineMessage::Info : InlineMessage::Error);
            emit m_ctx.modelsChanged();
        });
}

void ModelsPage::testConnection()
{
    const ModelConfig *m = selected();
    if (!m) {
        m_message->show(tr("Select a model first."), InlineMessage::Error);
        return;
    }
    LlmRequest req;
    req.model = *m;
    req.messages = {{"user", "Say hello in one short sentence."}};
    req.key = "gui-test";
    req.kind = "test";
    m_message->show(tr("Testing %1…").arg(QString::fromStdString(m->name)));
    QPointer<ModelsPage> self(this);
    const QString name = QString::fromStdString(m->name);
    // The callback runs on the network thread: hand the value back with a queued call.
    m_ctx.client().submit(req, [self, name](const ResponseRecord &r, Outcome o) {
        QMetaObject::invokeMethod(
            qApp,
            [self, name, r, o] {
                if (!self)
                    return;
                if (o == Outcome::Ok) {
                    self->m_message->show(tr("%1 answered in %2 ms").arg(name).arg(int(r.latencyMs)), InlineMessage::Success);
                    self->m_output->setPlainText(QString::fromStdString(r.text));
                } else {
                    self->m_message->show(tr("%1: %2").arg(name, QString::fromStdString(r.error)), InlineMessage::Error);
                }
            },
            Qt::QueuedConnection);
    });
}

void ModelsPage::listModels()
{
    const ModelConfig *m = selected();
    if (!m) {
        m_message->show(tr("Select a model first."), InlineMessage::Error);
        return;
    }
    const ModelConfig cfg = *m;
    m_message->show(tr("Asking %1 for its models…").arg(QString::fromStdString(cfg.baseUrl)));
    m_work->run([cfg] { return listRemoteModels(cfg); },
                [this](const ModelList &list) {
                    if (!list.error.empty()) {
                        m_message->show(QString::fromStdString(list.error), InlineMessage::Error);
                        return;
                    }
                    QStringList ids;
                    for (const auto &id : list.ids)
                        ids << QString::fromStdString(id);
                    m_output->setPlainText(ids.join(QLatin1Char('\n')));
                    m_message->show(tr("%n model(s) offered by the endpoint.", nullptr, int(ids.size())), InlineMessage::Success);
                });
}

} // namespace ds::ui
