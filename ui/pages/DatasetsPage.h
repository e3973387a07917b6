#pragma once
// Page 2: datasets. List, import wizard, import of existing model outputs, and a prompt browser with
// search and a plain-text viewer. The browser pages prompts from the store (searched and sorted in
// SQL), so datasets of any size open at once.
#include "pages/Page.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace ds::ui {
class DatasetsModel;
class InlineMessage;
class LatestRequest;
class PromptWindowModel;

class DatasetsPage : public Page {
    Q_OBJECT
public:
    explicit DatasetsPage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("datasets"); }
    QString title() const override { return tr("Datasets"); }
    void activate() override { reload(); }
    bool isLoading() const override;
    DatasetsModel *datasets() const { return m_datasets; }
    PromptWindowModel *prompts() const { return m_prompts; }
    /// Searches the selected dataset's prompts (after a short pause in typing).
    void setSearch(const QString &text);
    QString viewerText() const;
    void selectPrompt(int row);

public slots:
    void reload();
    void importPrompts();
    void importOutputs();

signals:
    void promptsLoaded(int count);
    void promptShown();

private:
    void loadPrompts();
    void showPrompt(const QModelIndex &current);
    DatasetsModel *m_datasets;
    PromptWindowModel *m_prompts;
    QSortFilterProxyModel *m_datasetProxy;
    QTimer *m_searchDelay;
    QTableView *m_datasetView, *m_promptView;
    QLineEdit *m_search;
    QPlainTextEdit *m_viewer;
    QLabel *m_answers;
    InlineMessage *m_message;
    LatestRequest *m_load, *m_promptLoad, *m_promptText, *m_work;
};

} // namespace ds::ui
