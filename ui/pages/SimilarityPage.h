#pragma once
// Page 8: judge-free similarity. Model x model matrix in clustering order with a metric selector,
// the 2-D MDS map, and the teacher panel (ranking with bootstrap confidence and evidence).
#include "pages/Page.h"

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableWidget;
class QAbstractItemModel;

namespace ds::ui {
class ChartPanel;
class InlineMessage;
class LatestRequest;
class TableExportButton;

class SimilarityPage : public Page {
    Q_OBJECT
public:
    explicit SimilarityPage(AppContext &ctx, QWidget *parent = nullptr);
    QString pageId() const override { return QStringLiteral("similarity"); }
    QString title() const override { return tr("Similarity"); }
    void activate() override { reloadLists(); }
    bool isLoading() const override;
    void choose(const QString &dataset, const QString &metric);
    /// Models of the matrix (and of the default teacher pool); empty list = every model with answers.
    void chooseModels(const QStringList &models);
    /// Teacher identification: the student, the candidates ranked, and the reference pool used for
    /// the hubness correction (student and candidates are always part of it).
    void chooseTeacherSets(const QString &student, const QStringList &candidates, const QStringList &pool);
    QStringList availableModels() const;
    QString verdictText() const;
    /// The student of teacher identification (by default a model the dataset's RSE runs test, never
    /// their reference).
    QString student() const;
    /// The matrix and the ranking as tables (what "Export table…" writes).
    QAbstractItemModel *matrixTable() const;
    QAbstractItemModel *rankingTable() const;
    ChartPanel *matrix() const { return m_matrix; }

public slots:
    void reloadLists();
    void compute();
    void identifyTeacher();

signals:
    void matrixShown(int models);
    void modelsListed(int models);
    void teacherShown(const QString &verdict);

private:
    void createWidgets();
    void layOut();
    void connectSignals();
    void loadModels();
    void fillTeacherLists();
    QComboBox *m_dataset, *m_metric, *m_student;
    QListWidget *m_models, *m_candidates, *m_pool;
    QStandardItemModel *m_matrixTable;
    ChartPanel *m_matrix, *m_mds;
    QTableWidget *m_ranking, *m_evidence;
    QLabel *m_verdict;
    QPushButton *m_computeButton = nullptr, *m_teacherButton = nullptr;
    TableExportButton *m_matrixExport = nullptr, *m_rankingExport = nullptr;
    QString m_computedDataset; ///< dataset of the last matrix asked for ("" = none yet)
    InlineMessage *m_message;
    LatestRequest *m_listsLoad, *m_modelsLoad, *m_compute, *m_teacher;
};

} // namespace ds::ui
