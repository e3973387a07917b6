#pragma once
// Page 7: compare 2-6 models on one dataset. Prompts on the left (search, "answered by all"),
// responses side by side on the right, words missing from the base model's answer highlighted.
// Keyboard: Up/Down or J/K move between prompts.
#include "pages/Page.h"

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTableView;

namespace ds::ui {
class CompareFilter;
class CompareModel;
class InlineMessage;
class LatestRequest;

class ComparePage : public Page {
    Q_OBJECT
public:
    explicit ComparePage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("compare"); }
    QString title() const override { return tr("Compare"); }
    void activate() override { reloadLists(); }
    bool isLoading() const override;
    CompareModel *model() const { return m_model; }
    CompareFilter *filter() const { return m_filter; }
    /// Test hooks.
    void choose(const QString &dataset, const QStringList &models, const QString &base);
    void setSearch(const QString &text);
    void setCompleteOnly(bool on);
    void step(int delta);
    int currentPromptRow() const;
    QStringList shownTexts() const;

public slots:
    void reloadLists();
    void load();

signals:
    void loaded(int prompts);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showCurrent();
    QComboBox *m_dataset, *m_base;
    QListWidget *m_models;
    QLineEdit *m_search;
    QCheckBox *m_complete;
    QTableView *m_view;
    QHBoxLayout *m_panes;
    std::vector<QPlainTextEdit *> m_texts;
    CompareModel *m_model;
    CompareFilter *m_filter;
    InlineMessage *m_message;
    LatestRequest *m_listsLoad, *m_load;
};

} // namespace ds::ui
