#pragma once
// Page 2: datasets. List, import wizard, import of existing model outputs, and a prompt browser with
// search and a plain-text viewer.
#include "pages/Page.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ds::ui {
class DatasetsModel;
class InlineMessage;
class LatestRequest;
class PromptsModel;

class DatasetsPage : public Page {
    Q_OBJECT
public:
    explicit DatasetsPage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("datasets"); }
    QString title() const override { return tr("Datasets"); }
    void activate() override { reload(); }
    bool isLoading() const override;
    DatasetsModel *datasets() const { return m_datasets; }
    PromptsModel *prompts() const { return m_prompts; }
    QSortFilterProxyModel *promptFilter() const { return m_promptProxy; }
    void setSearch(const QString &text);

public slots:
    void reload();
    void importPrompts();
    void importOutputs();

signals:
    void promptsLoaded(int count);

private:
    void loadPrompts();
    DatasetsModel *m_datasets;
    PromptsModel *m_prompts;
    QSortFilterProxyModel *m_datasetProxy, *m_promptProxy;
    QTableView *m_datasetView, *m_promptView;
    QLineEdit *m_search;
    QPlainTextEdit *m_viewer;
    QLabel *m_answers;
    InlineMessage *m_message;
    LatestRequest *m_load, *m_promptLoad, *m_work;
};

} // namespace ds::ui
