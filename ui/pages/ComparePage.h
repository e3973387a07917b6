#pragma once
// Page 7: compare 2-6 models on one dataset. Prompts on the left, paged from the store with filters
// (search in prompts and answers, answered by all, score range and judges-disagree from a chosen RSE
// run); the prompt and the responses side by side on the right, words missing from the base model's
// answer highlighted, each pane titled with its judge scores. Keyboard: Up/Down or J/K.
#include "models/CompareModel.h"
#include "pages/Page.h"

#include <cstdint>
#include <map>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;

namespace ds::ui {
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
    /// Test hooks.
    void choose(const QString &dataset, const QStringList &models, const QString &base);
    void setSearch(const QString &text);
    void setCompleteOnly(bool on);
    /// Scores (and the score filters) come from this RSE run; 0 = none.
    void setScoreRun(qint64 runId);
    /// Keeps prompts where the mean score of `model` (empty: of some chosen model) lies in [min, max];
    /// min > max turns it off.
    void setScoreRange(double min, double max, const QString &model = {});
    /// The models the score filter can be set to ("" first, for any of them).
    QStringList scoreFilterModels() const;
    void setJudgesDisagree(bool on);
    void step(int delta);
    int currentPromptRow() const;
    QStringList shownTexts() const;
    QStringList paneTitles() const;
    /// The base answer's model, the ticked models, and whether the score filters are usable.
    QString baseModel() const;
    QStringList tickedModels() const;
    bool scoreFiltersEnabled() const;
    int paneMinimumWidth() const;

public slots:
    void reloadLists();
    void load();

signals:
    void loaded(int prompts);
    void promptShown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createWidgets();
    void layOut();
    void connectSignals();
    void reloadDatasetChoices();
    void rebuildPanes(const QStringList &models);
    void fitColumns();
    void fitPromptColumn();
    void showCurrent();
    void paintDifferences();
    void updateScoreModels(const QStringList &models);
    QComboBox *m_dataset, *m_base, *m_scoreRun, *m_scoreModel;
    QListWidget *m_models;
    QLineEdit *m_search;
    QCheckBox *m_complete, *m_scoreFilter, *m_disagree;
    QDoubleSpinBox *m_scoreMin, *m_scoreMax;
    QTableView *m_view;
    QPlainTextEdit *m_prompt;
    QPushButton *m_loadButton = nullptr;
    QSplitter *m_panes;
    static constexpr int kMinPaneWidth = 180;
    static constexpr int kMinPromptWidth = 140; ///< px of the prompt column, however many score columns
    static constexpr int kMinListWidth = 300;   ///< px of the prompt list: the prompt column stays readable
    QString m_shownDataset;                     ///< dataset whose choices are listed
    std::map<qint64, ScoreRoles> m_rolesOf;     ///< RSE run -> what the models play in it
    std::vector<QLabel *> m_titles;
    std::vector<QPlainTextEdit *> m_texts;
    std::vector<bool> m_hasAnswer;
    CompareModel *m_model;
    InlineMessage *m_message;
    QTimer *m_searchDelay;
    LatestRequest *m_listsLoad, *m_choicesLoad, *m_promptLoad;
    bool m_loadedOnce = false;
    void updateScoreFilters();
};

} // namespace ds::ui
