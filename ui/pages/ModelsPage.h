#pragma once
// Page 1: model endpoints. Table, add/edit dialog (keys to the keychain), background "Test
// connection" (latency + reply) and "List models" (/v1/models).
#include "pages/Page.h"
#include "util/Types.h"

class QPlainTextEdit;
class QTableView;
class QSortFilterProxyModel;

namespace ds::ui {
class InlineMessage;
class LatestRequest;
class ModelsModel;

class ModelsPage : public Page {
    Q_OBJECT
public:
    explicit ModelsPage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("models"); }
    QString title() const override { return tr("Models"); }
    void activate() override { reload(); }
    bool isLoading() const override;
    ModelsModel *model() const { return m_model; }
    /// Saves `m` (as the dialog returned it) and, when `newKey` is given, stores the key: in the
    /// keychain when one accepts it (only then is the model labelled "keychain"), otherwise for this
    /// session only, with the environment-variable route explained. saved() follows.
    void save(ds::ModelConfig m, const QString &newKey);
    QString messageText() const;

public slots:
    void reload();
    void addModel();
    void editModel();
    void removeModel();
    void testConnection();
    void listModels();

signals:
    void saved(const QString &message);

private:
    void edit(const ds::ModelConfig &initial);
    const ModelConfig *selected() const;
    ModelsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QPlainTextEdit *m_output;
    InlineMessage *m_message;
    LatestRequest *m_load, *m_work;
};

} // namespace ds::ui
