#pragma once
// Page 8: judge-free similarity. Model x model matrix in clustering order with a metric selector,
// the 2-D MDS map, and the teacher panel (ranking with bootstrap confidence and evidence).
#include "pages/Page.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace ds::ui {
class ChartPanel;
class InlineMessage;
class LatestRequest;

class SimilarityPage : public Page {
    Q_OBJECT
public:
    explicit SimilarityPage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("similarity"); }
    QString title() const override { return tr("Similarity"); }
    void activate() override { reloadLists(); }
    bool isLoading() const override;
    void choose(const QString &dataset, const QString &metric);
    QString verdictText() const;

public slots:
    void reloadLists();
    void compute();
    void identifyTeacher();

signals:
    void matrixShown(int models);
    void teacherShown(const QString &verdict);

private:
    QComboBox *m_dataset, *m_metric, *m_student;
    ChartPanel *m_matrix, *m_mds;
    QTableWidget *m_ranking, *m_evidence;
    QLabel *m_verdict;
    InlineMessage *m_message;
    LatestRequest *m_listsLoad, *m_compute, *m_teacher;
};

} // namespace ds::ui
