#include "pages/SimilarityPage.h"

#include "charts/ChartPanel.h"
#include "charts/SimilarityCharts.h"
#include "data/StoreCorpus.h"
#include "rse/RseConfig.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "similarity/Corpus.h"
#include "similarity/Teacher.h"
#include "store/Store.h"
#include "widgets/HeatmapSizing.h"
#include "widgets/InlineMessage.h"
#include "widgets/TableExportButton.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

namespace ds::ui {

namespace {
QStringList checkedItems(const QListWidget *l)
{
    QStringList out;
    for (int i = 0; i < l->count(); ++i)
        if (l->item(i)->checkState() == Qt::Checked)
            out << l->item(i)->text();
    return out;
}

/// Fills a checkable list; keeps earlier ticks of names still listed, else ticks per `ticked`.
void fillChecks(QListWidget *l, const QStringList &names, const std::function<bool(const QString &)> &ticked)
{
    const QStringList keep = checkedItems(l);
    const bool hadItems = l->count() > 0;
    l->blockSignals(true);
    l->clear();
    for (const QString &n : names) {
        auto *it = new QListWidgetItem(n, l);
        it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
        it->setCheckState((hadItems && !keep.isEmpty() ? keep.contains(n) : ticked(n)) ? Qt::Checked : Qt::Unchecked);
    }
    l->blockSignals(false);
}

std::vector<std::string> toStd(const QStringList &l)
{
    std::vector<std::string> out;
    for (const QString &s : l)
        out.push_back(s.toStdString());
    return out;
}

QListWidget *checkList(QWidget *parent, int height)
{
    auto *l = new QListWidget(parent);
    l->setMaximumHeight(height);
    return l;
}

/// The student to offer first. A model an RSE run on this dataset uses as its reference is what
/// the others were compared against, the suspected teacher (atlas in the demo), so asking for its
/// teacher reads backwards. The first model some run tests and none uses as reference is the
/// natural question; failing that, the first model that is no run's reference; then the first.
QString defaultStudent(const QStringList &models, const QStringList &references, const QStringList &tested)
{
    for (const QString &m : models)
        if (tested.contains(m) && !references.contains(m))
            return m;
    for (const QString &m : models)
        if (!references.contains(m))
            return m;
    return models.value(0);
}

QTableWidgetItem *cell(const QString &s)
{
    auto *it = new QTableWidgetItem(s);
    it->setFlags(it->flags() & ~Qt::ItemIsEditable);
    return it;
}
} // namespace

SimilarityPage::SimilarityPage(AppContext &ctx, QWidget *parent)
    : Page(ctx, parent), m_matrixTable(new QStandardItemModel(this)), m_listsLoad(new LatestRequest(this)),
      m_modelsLoad(new LatestRequest(this)), m_compute(new LatestRequest(this)), m_teacher(new LatestRequest(this))
{
    createWidgets();
    layOut();
    connectSignals();
}

/// The selectors (dataset, metric, models, teacher sets), the two figures and the teacher tables.
void SimilarityPage::createWidgets()
{
    m_models = checkList(this, 16777215);
    m_models->setToolTip(tr("Models in the matrix and the map"));
    m_candidates = checkList(this, 140);
    m_candidates->setToolTip(tr("Possible teachers to rank"));
    m_pool = checkList(this, 140);
    m_pool->setToolTip(tr("Reference models for the hubness correction: a candidate's similarity to the student is compared "
                          "with its similarity to these. The student and the candidates always take part."));
    m_dataset = new QComboBox(this);
    m_metric = new QComboBox(this);
    for (auto m : {similarity::Metric::Combined, similarity::Metric::TfIdf, similarity::Metric::CharNgram, similarity::Metric::RougeL,
                   similarity::Metric::Structure, similarity::Metric::Style})
        m_metric->addItem(QString::fromStdString(similarity::metricName(m)));
    m_student = new QComboBox(this);
    m_computeButton = new QPushButton(tr("Compute"), this);
    m_teacherButton = new QPushButton(tr("Identify teacher"), this);
    m_matrix = new ChartPanel(QStringLiteral("similarity-matrix"), this);
    m_mds = new ChartPanel(QStringLiteral("similarity-mds"), this);
    m_matrix->figureWidget()->setPlaceholder(tr("Choose a dataset with answers of several models."));
    m_mds->figureWidget()->setPlaceholder(tr("Compute a matrix first."));
    m_ranking = new QTableWidget(0, 5, this);
    m_ranking->setObjectName(QStringLiteral("teacherRanking"));
    m_ranking->setHorizontalHeaderLabels({tr("Candidate"), tr("Score"), tr("P(top)"), tr("Similarity"), tr("Pool mean ± sd")});
    m_ranking->verticalHeader()->hide();
    m_ranking->horizontalHeader()->setStretchLastSection(true);
    m_evidence = new QTableWidget(0, 4, this);
    m_evidence->setHorizontalHeaderLabels({tr("Evidence"), tr("Student"), tr("Candidate"), tr("Pool")});
    m_evidence->verticalHeader()->hide();
    m_evidence->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_evidence->setMinimumWidth(360);
    m_verdict = new QLabel(this);
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setWordWrap(true);
    m_message = new InlineMessage(this);

    m_matrixExport = new TableExportButton(m_matrixTable, QStringLiteral("similarity-matrix"),
                                           tr("Judge-free similarity between models (mean over shared prompts)"), this);
    m_rankingExport = new TableExportButton(m_ranking->model(), QStringLiteral("teacher-ranking"),
                                            tr("Teacher candidates ranked by hubness-corrected similarity to the student"), this);
}

/// Dataset, metric and Compute above; models | matrix and map | teacher identification below.
void SimilarityPage::layOut()
{
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Dataset"), this));
    controls->addWidget(m_dataset);
    controls->addWidget(new QLabel(tr("Metric"), this));
    controls->addWidget(m_metric);
    controls->addWidget(m_computeButton);
    controls->addStretch(1);
    controls->addWidget(m_matrixExport);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_matrix, tr("Matrix"));
    tabs->addTab(m_mds, tr("MDS map"));
    auto *modelsBox = new QWidget(this);
    auto *ml = new QVBoxLayout(modelsBox);
    ml->setContentsMargins(0, 0, 0, 0);
    ml->addWidget(new QLabel(tr("Models:"), modelsBox));
    ml->addWidget(m_models, 1);
    auto *teacher = new QWidget(this);
    auto *tl = new QVBoxLayout(teacher);
    tl->setContentsMargins(0, 0, 0, 0);
    auto *studentRow = new QHBoxLayout;
    studentRow->addWidget(new QLabel(tr("Student"), teacher));
    studentRow->addWidget(m_student, 1);
    studentRow->addWidget(m_teacherButton);
    tl->addLayout(studentRow);
    auto *sets = new QHBoxLayout;
    auto *cbox = new QVBoxLayout;
    cbox->addWidget(new QLabel(tr("Candidates"), teacher));
    cbox->addWidget(m_candidates);
    auto *pbox = new QVBoxLayout;
    pbox->addWidget(new QLabel(tr("Reference pool"), teacher));
    pbox->addWidget(m_pool);
    sets->addLayout(cbox);
    sets->addLayout(pbox);
    tl->addLayout(sets);
    tl->addWidget(m_verdict);
    auto *rankingRow = new QHBoxLayout;
    rankingRow->addStretch(1);
    rankingRow->addWidget(m_rankingExport);
    tl->addLayout(rankingRow);
    tl->addWidget(m_ranking, 1);
    tl->addWidget(m_evidence, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("similaritySplitter"));
    split->addWidget(modelsBox);
    split->addWidget(tabs);
    split->addWidget(teacher);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    split->setSizes({160, 700, 520});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
}

void SimilarityPage::connectSignals()
{
    for (auto *b : {m_matrixExport, m_rankingExport})
        connect(b, &TableExportButton::exported, this, [this](const QString &p, const QString &e) {
            m_message->show(e.isEmpty() ? tr("Saved %1").arg(p) : e, e.isEmpty() ? InlineMessage::Success : InlineMessage::Error);
        });

    connect(m_computeButton, &QPushButton::clicked, this, &SimilarityPage::compute);
    connect(m_teacherButton, &QPushButton::clicked, this, &SimilarityPage::identifyTeacher);
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] {
        if (m_matrix->figureWidget()->figure())
            compute();
    });
    connect(&m_ctx, &AppContext::datasetsChanged, this, &SimilarityPage::reloadLists);
    connect(m_dataset, &QComboBox::currentTextChanged, this, &SimilarityPage::loadModels);
    connect(m_student, &QComboBox::currentTextChanged, this, &SimilarityPage::fillTeacherLists);
}

void SimilarityPage::loadModels()
{
    Store *store = &m_ctx.store();
    struct Listed {
        QStringList models, references, tested; ///< references and tests of the dataset's RSE runs
    };
    m_modelsLoad->run(
        [store, dataset = m_dataset->currentText().toStdString()] {
            Listed out;
            if (auto d = store->dataset(dataset))
                for (const auto &m : store->modelsWithAnswers(d->id))
                    out.models << QString::fromStdString(m);
            for (const auto &r : store->runs()) {
                rse::RseConfig cfg;
                if (r.kind != RunKind::Rse || !rse::RseConfig::fromJson(r.configJson, cfg).empty() ||
                    std::find(cfg.datasets.begin(), cfg.datasets.end(), dataset) == cfg.datasets.end())
                    continue;
                out.references << QString::fromStdString(cfg.reference);
                for (const auto &t : cfg.tests)
                    out.tested << QString::fromStdString(t);
            }
            return out;
        },
        [this](const Listed &listed) {
            const QStringList &models = listed.models;
            m_models->clear(); // another dataset: its own models, all ticked
            fillChecks(m_models, models, [](const QString &) { return true; });
            const QString keep = m_student->currentText();
            m_student->blockSignals(true);
            m_student->clear();
            m_student->addItems(models);
            m_student->setCurrentText(models.contains(keep) ? keep : defaultStudent(models, listed.references, listed.tested));
            m_student->blockSignals(false);
            m_candidates->clear();
            m_pool->clear();
            fillTeacherLists();
            // A matrix to look at on the first visit (and for another dataset) without pressing Compute.
            if (models.size() >= 2 && m_computedDataset != m_dataset->currentText() && !m_compute->busy())
                compute();
            emit modelsListed(int(models.size()));
        });
}

void SimilarityPage::fillTeacherLists()
{
    QStringList all;
    for (int i = 0; i < m_student->count(); ++i)
        all << m_student->itemText(i);
    const QString student = m_student->currentText();
    QStringList others = all;
    others.removeAll(student);
    fillChecks(m_candidates, others, [](const QString &) { return true; });
    fillChecks(m_pool, others, [](const QString &) { return true; });
}

QStringList SimilarityPage::availableModels() const
{
    QStringList out;
    for (int i = 0; i < m_models->count(); ++i)
        out << m_models->item(i)->text();
    return out;
}

void SimilarityPage::chooseModels(const QStringList &models)
{
    for (int i = 0; i < m_models->count(); ++i)
        m_models->item(i)->setCheckState(models.isEmpty() || models.contains(m_models->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
}

void SimilarityPage::chooseTeacherSets(const QString &student, const QStringList &candidates, const QStringList &pool)
{
    m_student->setCurrentText(student);
    for (int i = 0; i < m_candidates->count(); ++i)
        m_candidates->item(i)->setCheckState(candidates.contains(m_candidates->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
    for (int i = 0; i < m_pool->count(); ++i)
        m_pool->item(i)->setCheckState(pool.contains(m_pool->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
}

QAbstractItemModel *SimilarityPage::matrixTable() const
{
    return m_matrixTable;
}

QAbstractItemModel *SimilarityPage::rankingTable() const
{
    return m_ranking->model();
}

bool SimilarityPage::isLoading() const
{
    return m_listsLoad->busy() || m_modelsLoad->busy() || m_compute->busy() || m_teacher->busy();
}

void SimilarityPage::reloadLists()
{
    Store *store = &m_ctx.store();
    m_listsLoad->run(
        [store] {
            QStringList l;
            for (const auto &d : store->datasets())
                l << QString::fromStdString(d.name);
            return l;
        },
        [this](const QStringList &l) {
            const QString keep = m_dataset->currentText();
            m_dataset->clear();
            m_dataset->addItems(l);
            if (!keep.isEmpty())
                m_dataset->setCurrentText(keep);
        });
}

void SimilarityPage::choose(const QString &dataset, const QString &metric)
{
    if (m_dataset->findText(dataset) < 0)
        m_dataset->addItem(dataset);
    m_dataset->setCurrentText(dataset);
    m_metric->blockSignals(true);
    m_metric->setCurrentText(metric);
    m_metric->blockSignals(false);
}

void SimilarityPage::compute()
{
    const std::string dataset = m_dataset->currentText().toStdString();
    const auto metric = similarity::parseMetric(m_metric->currentText().toStdString()).value_or(similarity::Metric::Combined);
    Store *store = &m_ctx.store();
    m_message->show(tr("Computing %1 similarity…").arg(m_metric->currentText()));
    struct Out {
        similarity::SimilarityMatrix m;
        std::string error;
    };
    const std::vector<std::string> chosen = toStd(checkedItems(m_models));
    if (m_models->count() > 0 && chosen.size() < 2) {
        m_message->show(tr("Tick at least two models."), InlineMessage::Error);
        return;
    }
    m_computedDataset = QString::fromStdString(dataset);
    m_matrix->figureWidget()->setPlaceholder(tr("Computing the matrix…"));
    m_compute->run(
        [store, dataset, metric, chosen] {
            Out o;
            similarity::Corpus corpus;
            if (o.error = data::loadCorpus(*store, dataset, chosen, corpus); !o.error.empty())
                return o;
            if (corpus.modelCount() < 2 || corpus.promptCount() == 0) {
                o.error = "need answers of at least two models to shared prompts";
                return o;
            }
            if (auto v = corpus.validate(); !v.empty()) {
                o.error = v;
                return o;
            }
            o.m = similarity::computeSimilarity(corpus, metric);
            return o;
        },
        [this, dataset](const Out &o) {
            m_matrix->figureWidget()->setPlaceholder(tr("Choose a dataset with answers of several models."));
            if (!o.error.empty()) {
                m_message->show(QString::fromStdString(o.error), InlineMessage::Error);
                m_matrix->setFigure(nullptr);
                m_mds->setFigure(nullptr);
                keepHeatmapReadable(m_matrix->figureWidget());
                return;
            }
            const QString ds = QString::fromStdString(dataset);
            m_matrix->setFigure(std::make_shared<HeatmapFigure>(similarityHeatmap(o.m, ds)));
            keepHeatmapReadable(m_matrix->figureWidget()); // 10+ models scroll instead of shrinking their labels
            m_mds->setFigure(std::make_shared<ScatterFigure>(similarityMds(o.m, ds)));
            // The matrix as a table, in the figure's clustering order.
            const int n = int(o.m.models.size());
            m_matrixTable->clear();
            m_matrixTable->setRowCount(n);
            m_matrixTable->setColumnCount(n + 1);
            QStringList header{tr("Model")};
            for (int j = 0; j < n; ++j)
                header << QString::fromStdString(o.m.models[size_t(o.m.order.empty() ? j : o.m.order[size_t(j)])]);
            m_matrixTable->setHorizontalHeaderLabels(header);
            for (int i = 0; i < n; ++i) {
                const size_t a = size_t(o.m.order.empty() ? i : o.m.order[size_t(i)]);
                m_matrixTable->setItem(i, 0, new QStandardItem(QString::fromStdString(o.m.models[a])));
                for (int j = 0; j < n; ++j) {
                    const size_t b = size_t(o.m.order.empty() ? j : o.m.order[size_t(j)]);
                    const double v = o.m.matrix[a][b];
                    m_matrixTable->setItem(i, j + 1, new QStandardItem(std::isnan(v) ? QStringLiteral("—") : QString::number(v, 'f', 3)));
                }
            }
            m_message->show(
                tr("%1 models on %2 shared prompts, ordered by average-linkage clustering.").arg(o.m.models.size()).arg(o.m.prompts));
            if (m_student->count() == 0)
                loadModels();
            emit matrixShown(int(o.m.models.size()));
        });
}

void SimilarityPage::identifyTeacher()
{
    const std::string dataset = m_dataset->currentText().toStdString();
    const std::string student = m_student->currentText().toStdString();
    if (student.empty()) {
        m_message->show(tr("Compute the matrix and choose a student first."), InlineMessage::Error);
        return;
    }
    similarity::TeacherOptions opt;
    opt.metric = similarity::parseMetric(m_metric->currentText().toStdString()).value_or(similarity::Metric::Combined);
    opt.resamples = 300;
    Store *store = &m_ctx.store();
    m_verdict->setText(tr("Ranking candidates…"));
    struct Out {
        std::optional<similarity::TeacherResult> r;
        std::string error;
    };
    const std::vector<std::string> candidates = toStd(checkedItems(m_candidates));
    if (candidates.empty()) {
        m_message->show(tr("Tick at least one candidate teacher."), InlineMessage::Error);
        return;
    }
    // The ticked reference pool (none ticked: the candidates serve as each other's references); the
    // corpus holds the student, the candidates and the pool.
    opt.pool = toStd(checkedItems(m_pool));
    const std::vector<std::string> pool = similarity::teacherModels(student, candidates, opt.pool);
    m_teacher->run(
        [store, dataset, student, candidates, pool, opt] {
            Out o;
            similarity::Corpus corpus;
            if (o.error = data::loadCorpus(*store, dataset, pool, corpus); !o.error.empty())
                return o;
            o.r = similarity::identifyTeacher(corpus, student, candidates, opt, &o.error);
            return o;
        },
        [this](const Out &o) {
            if (!o.r) {
                m_verdict->setText(QString::fromStdString(o.error));
                return;
            }
            const auto &r = *o.r;
            QStringList poolNames;
            for (const auto &m : r.pool)
                poolNames << QString::fromStdString(m);
            m_verdict->setText(tr("%1: %2 (%3)\n%4 prompts; reference pool of %5 models (%7): %6")
                                   .arg(QString::fromStdString(r.student), QString::fromStdString(r.verdict),
                                        r.confident ? tr("confident") : tr("not confident"), QString::number(r.prompts),
                                        QString::number(r.pool.size()), poolNames.join(QStringLiteral(", ")),
                                        r.poolRule == "given" ? tr("as chosen") : tr("the candidates")) +
                               (r.reason.empty() ? QString() : QStringLiteral("\n") + QString::fromStdString(r.reason)));
            m_ranking->setRowCount(int(r.ranking.size()));
            for (int i = 0; i < int(r.ranking.size()); ++i) {
                const auto &c = r.ranking[size_t(i)];
                m_ranking->setItem(i, 0, cell(QString::fromStdString(c.model)));
                m_ranking->setItem(i, 1, cell(QString::number(c.score, 'f', 2)));
                m_ranking->setItem(i, 2, cell(QString::number(c.pTop, 'f', 2)));
                m_ranking->setItem(i, 3, cell(QString::number(c.similarity, 'f', 3)));
                m_ranking->setItem(i, 4, cell(QStringLiteral("%1 ± %2").arg(c.poolMean, 0, 'f', 3).arg(c.poolSd, 0, 'f', 3)));
            }
            m_evidence->setRowCount(int(r.evidence.size()));
            for (int i = 0; i < int(r.evidence.size()); ++i) {
                const auto &e = r.evidence[size_t(i)];
                m_evidence->setItem(i, 0,
                                    cell(QStringLiteral("[%1] %2").arg(QString::fromStdString(e.kind), QString::fromStdString(e.text))));
                m_evidence->setItem(i, 1, cell(QString::number(e.studentShare, 'f', 2)));
                m_evidence->setItem(i, 2, cell(QString::number(e.candidateShare, 'f', 2)));
                m_evidence->setItem(i, 3, cell(QString::number(e.poolShare, 'f', 2)));
            }
            m_ranking->resizeColumnsToContents();
            emit teacherShown(QString::fromStdString(r.verdict));
        });
}

QString SimilarityPage::student() const
{
    return m_student->currentText();
}

QString SimilarityPage::verdictText() const
{
    return m_verdict->text();
}

} // namespace ds::ui
