#include "pages/SimilarityPage.h"

#include "charts/ChartPanel.h"
#include "charts/SimilarityCharts.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "similarity/Corpus.h"
#include "similarity/Teacher.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ds::ui {

namespace {
/// All models with answers in the dataset, aligned on the prompts they share.
similarity::Corpus corpusFor(Store &store, const std::string &dataset, std::string *error)
{
    auto d = store.dataset(dataset);
    if (!d) {
        *error = "no dataset '" + dataset + "'";
        return {};
    }
    std::vector<std::string> models = store.modelsWithAnswers(d->id);
    std::vector<std::map<std::string, std::string>> byPrompt;
    for (const auto &m : models) {
        std::map<std::string, std::string> a;
        for (auto &[pid, r] : store.answers(m, d->id))
            a.emplace(std::to_string(pid), std::move(r.text));
        byPrompt.push_back(std::move(a));
    }
    return similarity::alignShared(models, byPrompt);
}

QTableWidgetItem *cell(const QString &s)
{
    auto *it = new QTableWidgetItem(s);
    it->setFlags(it->flags() & ~Qt::ItemIsEditable);
    return it;
}
} // namespace

SimilarityPage::SimilarityPage(AppContext &ctx, QWidget *parent)
    : Page(ctx, parent), m_listsLoad(new LatestRequest(this)), m_compute(new LatestRequest(this)), m_teacher(new LatestRequest(this))
{
    m_dataset = new QComboBox(this);
    m_metric = new QComboBox(this);
    for (auto m : {similarity::Metric::Combined, similarity::Metric::TfIdf, similarity::Metric::CharNgram, similarity::Metric::RougeL,
                   similarity::Metric::Structure, similarity::Metric::Style})
        m_metric->addItem(QString::fromStdString(similarity::metricName(m)));
    m_student = new QComboBox(this);
    auto *computeButton = new QPushButton(tr("Compute"), this);
    auto *teacherButton = new QPushButton(tr("Identify teacher"), this);
    m_matrix = new ChartPanel(QStringLiteral("similarity-matrix"), this);
    m_mds = new ChartPanel(QStringLiteral("similarity-mds"), this);
    m_matrix->figureWidget()->setPlaceholder(tr("Choose a dataset with answers of several models and press Compute."));
    m_mds->figureWidget()->setPlaceholder(tr("Compute a matrix first."));
    m_ranking = new QTableWidget(0, 5, this);
    m_ranking->setHorizontalHeaderLabels({tr("Candidate"), tr("Score"), tr("P(top)"), tr("Similarity"), tr("Pool mean ± sd")});
    m_ranking->verticalHeader()->hide();
    m_ranking->horizontalHeader()->setStretchLastSection(true);
    m_evidence = new QTableWidget(0, 4, this);
    m_evidence->setHorizontalHeaderLabels({tr("Evidence"), tr("Student"), tr("Candidate"), tr("Pool")});
    m_evidence->verticalHeader()->hide();
    m_evidence->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_verdict = new QLabel(this);
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setWordWrap(true);
    m_message = new InlineMessage(this);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Dataset"), this));
    controls->addWidget(m_dataset);
    controls->addWidget(new QLabel(tr("Metric"), this));
    controls->addWidget(m_metric);
    controls->addWidget(computeButton);
    controls->addSpacing(24);
    controls->addWidget(new QLabel(tr("Student"), this));
    controls->addWidget(m_student);
    controls->addWidget(teacherButton);
    controls->addStretch(1);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_matrix, tr("Matrix"));
    tabs->addTab(m_mds, tr("MDS map"));
    auto *teacher = new QWidget(this);
    auto *tl = new QVBoxLayout(teacher);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->addWidget(m_verdict);
    tl->addWidget(m_ranking, 1);
    tl->addWidget(m_evidence, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("similaritySplitter"));
    split->addWidget(tabs);
    split->addWidget(teacher);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(computeButton, &QPushButton::clicked, this, &SimilarityPage::compute);
    connect(teacherButton, &QPushButton::clicked, this, &SimilarityPage::identifyTeacher);
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] {
        if (m_matrix->figureWidget()->figure())
            compute();
    });
    connect(&m_ctx, &AppContext::datasetsChanged, this, &SimilarityPage::reloadLists);
}

bool SimilarityPage::isLoading() const
{
    return m_listsLoad->busy() || m_compute->busy() || m_teacher->busy();
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
    m_compute->run(
        [store, dataset, metric] {
            Out o;
            const auto corpus = corpusFor(*store, dataset, &o.error);
            if (!o.error.empty())
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
            if (!o.error.empty()) {
                m_message->show(QString::fromStdString(o.error), InlineMessage::Error);
                m_matrix->setFigure(nullptr);
                m_mds->setFigure(nullptr);
                return;
            }
            const QString ds = QString::fromStdString(dataset);
            m_matrix->setFigure(std::make_shared<HeatmapFigure>(similarityHeatmap(o.m, ds)));
            m_mds->setFigure(std::make_shared<ScatterFigure>(similarityMds(o.m, ds)));
            const QString keep = m_student->currentText();
            m_student->clear();
            for (const auto &m : o.m.models)
                m_student->addItem(QString::fromStdString(m));
            if (!keep.isEmpty())
                m_student->setCurrentText(keep);
            m_message->show(
                tr("%1 models on %2 shared prompts, ordered by average-linkage clustering.").arg(o.m.models.size()).arg(o.m.prompts));
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
    m_teacher->run(
        [store, dataset, student, opt] {
            Out o;
            const auto corpus = corpusFor(*store, dataset, &o.error);
            if (!o.error.empty())
                return o;
            std::vector<std::string> candidates;
            for (const auto &m : corpus.models)
                if (m != student)
                    candidates.push_back(m);
            o.r = similarity::identifyTeacher(corpus, student, candidates, opt, &o.error);
            return o;
        },
        [this](const Out &o) {
            if (!o.r) {
                m_verdict->setText(QString::fromStdString(o.error));
                return;
            }
            const auto &r = *o.r;
            m_verdict->setText(tr("%1: %2 (%3)\n%4 prompts, pool of %5 models")
                                   .arg(QString::fromStdString(r.student), QString::fromStdString(r.verdict),
                                        r.confident ? tr("confident") : tr("not confident"))
                                   .arg(r.prompts)
                                   .arg(r.pool.size()) +
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

QString SimilarityPage::verdictText() const
{
    return m_verdict->text();
}

} // namespace ds::ui
