#include "pages/ComparePage.h"

#include "models/CompareModel.h"
#include "rse/RseConfig.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace ds::ui {

namespace {
QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// "4.50 (style 4, logic 5, content 4)" per judgment, for a pane's title and tooltip.
QString describe(const Judgment &j)
{
    auto n = [](const std::optional<int> &v) { return v ? QString::number(*v) : QStringLiteral("–"); };
    return QObject::tr("%1 by %2%3: overall %4 (style %5, logic %6, content %7)")
        .arg(qs(j.testModel), qs(j.judgeModel), j.order == JudgeOrder::TestFirst ? QObject::tr(", swapped order") : QString(),
             j.overall ? QString::number(*j.overall, 'f', 2) : QStringLiteral("–"), n(j.style), n(j.logic), n(j.content));
}
} // namespace

ComparePage::ComparePage(AppContext &ctx, QWidget *parent)
    : Page(ctx, parent), m_model(new CompareModel(this)), m_searchDelay(new QTimer(this)), m_listsLoad(new LatestRequest(this)),
      m_choicesLoad(new LatestRequest(this)), m_promptLoad(new LatestRequest(this))
{
    createWidgets();
    layOut();
    connectSignals();
}

/// The selectors (dataset, models, base, score run), the filters, the table and the prompt view.
void ComparePage::createWidgets()
{
    m_dataset = new QComboBox(this);
    m_base = new QComboBox(this);
    m_base->setToolTip(tr("Words of the other answers that do not occur in the base answer are highlighted"));
    m_models = new QListWidget(this);
    m_models->setMaximumHeight(110);
    m_scoreRun = new QComboBox(this);
    m_scoreRun->setToolTip(tr("RSE run whose judge scores are shown and filtered on"));
    m_scoreRun->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search prompts and answers…"));
    m_search->setClearButtonEnabled(true);
    m_complete = new QCheckBox(tr("Answered by all"), this);
    m_scoreFilter = new QCheckBox(tr("Score"), this);
    m_scoreFilter->setToolTip(tr("Keep prompts where at least one chosen model's mean judge score is in this range"));
    m_scoreMin = new QDoubleSpinBox(this);
    m_scoreMax = new QDoubleSpinBox(this);
    for (auto *spin : {m_scoreMin, m_scoreMax}) {
        spin->setRange(1.0, 5.0);
        spin->setSingleStep(0.5);
        spin->setDecimals(1);
    }
    m_scoreMin->setValue(1.0);
    m_scoreMax->setValue(2.0);
    m_scoreModel = new QComboBox(this);
    m_scoreModel->setObjectName(QStringLiteral("compareScoreModel"));
    // Long model names ("meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo") are elided in the combo and
    // shown whole in its list: sized to its contents it widened the whole left pane.
    m_scoreModel->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scoreModel->setMinimumContentsLength(6);
    m_scoreModel->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_scoreModel->setToolTip(tr("Whose mean judge score must lie in the range"));
    m_scoreModel->addItem(tr("any model"), QString());
    m_disagree = new QCheckBox(tr("Judges disagree"), this);
    m_disagree->setToolTip(tr("Keep prompts where one model's judgments (several judges, or both orders) differ by 1 point or more"));
    m_loadButton = new QPushButton(tr("Compare"), this);
    m_message = new InlineMessage(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false); // fitColumns() sizes the prompt column
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setMinimumWidth(kMinListWidth); // fitColumns() raises it to what the score columns need
    // Always there, so the columns' share of the width never depends on the rows shown: a scroll bar
    // that came and went with each fit resized the columns in a loop.
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_prompt = new QPlainTextEdit(this);
    m_prompt->setReadOnly(true);
    m_prompt->setPlaceholderText(tr("Prompt"));
    m_prompt->setMaximumHeight(110);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
}

/// Selectors on top; below, the filtered prompt table beside the prompt and the answer panes.
void ComparePage::layOut()
{
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Dataset"), this));
    controls->addWidget(m_dataset);
    controls->addWidget(new QLabel(tr("Models (2–6)"), this));
    controls->addWidget(m_models, 1);
    auto *side = new QVBoxLayout;
    auto *baseRow = new QHBoxLayout;
    baseRow->addWidget(new QLabel(tr("Base"), this));
    baseRow->addWidget(m_base, 1);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(new QLabel(tr("Scores from"), this));
    runRow->addWidget(m_scoreRun, 1);
    side->addLayout(baseRow);
    side->addLayout(runRow);
    side->addWidget(m_loadButton);
    controls->addLayout(side);
    // Three short rows rather than two long ones: one row of every score control set the left pane's
    // minimum width, which took the prompt column and the answer panes' room at 1024 x 700.
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    auto *checks = new QHBoxLayout;
    checks->addWidget(m_complete);
    checks->addWidget(m_disagree);
    checks->addStretch(1);
    auto *scoreFilters = new QHBoxLayout;
    scoreFilters->addWidget(m_scoreFilter);
    scoreFilters->addWidget(m_scoreMin);
    scoreFilters->addWidget(new QLabel(QStringLiteral("–"), this));
    scoreFilters->addWidget(m_scoreMax);
    scoreFilters->addWidget(new QLabel(tr("of"), this));
    scoreFilters->addWidget(m_scoreModel, 1);

    auto *right = new QWidget(this);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_prompt);
    // Answer panes side by side in a splitter: equal widths to start, each at least readable; with
    // more models than fit, the row scrolls sideways instead of squeezing a pane to one word per line.
    m_panes = new QSplitter(Qt::Horizontal);
    m_panes->setObjectName(QStringLiteral("comparePanes"));
    m_panes->setChildrenCollapsible(false);
    auto *paneScroll = new QScrollArea(right);
    paneScroll->setWidgetResizable(true);
    paneScroll->setFrameShape(QFrame::NoFrame);
    paneScroll->setWidget(m_panes);
    rl->addWidget(paneScroll, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("compareSplitter"));
    auto *left = new QWidget(split);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addLayout(filters);
    ll->addLayout(checks);
    ll->addLayout(scoreFilters);
    ll->addWidget(m_view, 1);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
}

void ComparePage::connectSignals()
{
    connect(m_loadButton, &QPushButton::clicked, this, &ComparePage::load);
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &ComparePage::reloadDatasetChoices);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] {
        if (m_loadedOnce)
            load();
    });
    auto refilter = [this] {
        if (m_loadedOnce)
            load();
    };
    connect(m_complete, &QCheckBox::toggled, this, refilter);
    connect(m_scoreFilter, &QCheckBox::toggled, this, refilter);
    connect(m_disagree, &QCheckBox::toggled, this, refilter);
    connect(m_scoreRun, &QComboBox::currentIndexChanged, this, refilter);
    connect(m_scoreRun, &QComboBox::currentIndexChanged, this, &ComparePage::updateScoreFilters);
    for (auto *spin : {m_scoreMin, m_scoreMax})
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, refilter] {
            if (m_scoreFilter->isChecked())
                refilter();
        });
    connect(m_scoreModel, &QComboBox::currentIndexChanged, this, [this, refilter] {
        if (m_scoreFilter->isChecked())
            refilter();
    });
    connect(m_base, &QComboBox::currentIndexChanged, this, &ComparePage::paintDifferences);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ComparePage::showCurrent);
    connect(m_model, &PagedModelBase::failed, this, [this](const QString &e) { m_message->show(e, InlineMessage::Error); });
    connect(m_model, &PagedModelBase::populated, this, [this](int n) {
        if (!m_loadedOnce)
            return;
        fitColumns();
        m_message->show(
            tr("%n prompt(s). J/K or the arrow keys move between prompts; highlighted words do not occur in the base answer.", nullptr, n));
        if (n > 0)
            m_view->selectRow(0);
        else
            rebuildPanes(m_model->models());
        emit loaded(n);
    });
    // The row's block may arrive after the selection moved onto it.
    connect(m_model, &PagedModelBase::rowsFetched, this, [this](int first, int last) {
        if (first == 0)
            fitColumns(); // the first rows' values, which the columns are sized to, have arrived
        const int r = currentPromptRow();
        if (r >= first && r <= last && m_prompt->toPlainText().isEmpty())
            showCurrent();
    });
    m_view->installEventFilter(this);             // J / K like a mail reader
    m_view->viewport()->installEventFilter(this); // the prompt column follows the list's width
    connect(&m_ctx, &AppContext::datasetsChanged, this, &ComparePage::reloadLists);
}

bool ComparePage::isLoading() const
{
    return m_listsLoad->busy() || m_choicesLoad->busy() || m_promptLoad->busy() || m_model->busy() || m_searchDelay->isActive();
}

void ComparePage::reloadLists()
{
    Store *store = &m_ctx.store();
    m_listsLoad->run([store] { return store->datasets(); },
                     [this](const std::vector<DatasetInfo> &datasets) {
                         const QString keep = m_dataset->currentText();
                         m_dataset->blockSignals(true);
                         m_dataset->clear();
                         for (const auto &d : datasets)
                             m_dataset->addItem(qs(d.name), qint64(d.id));
                         if (!keep.isEmpty())
                             m_dataset->setCurrentText(keep);
                         m_dataset->blockSignals(false);
                         reloadDatasetChoices();
                     });
}

// Kept whole (~85 lines): one background query and the one place that refills the four choices from it.
void ComparePage::reloadDatasetChoices()
{
    const std::string dataset = m_dataset->currentText().toStdString();
    if (dataset.empty())
        return;
    Store *store = &m_ctx.store();
    struct Choices {
        QStringList models;
        std::vector<std::pair<QString, qint64>> runs;
        std::map<qint64, ScoreRoles> rolesOf;
    };
    m_choicesLoad->run(
        [store, dataset] {
            Choices c;
            if (auto d = store->dataset(dataset))
                for (const auto &m : store->modelsWithAnswers(d->id))
                    c.models << qs(m);
            for (const auto &r : store->runs()) {
                rse::RseConfig cfg;
                if (r.kind != RunKind::Rse || !rse::RseConfig::fromJson(r.configJson, cfg).empty())
                    continue;
                if (std::find(cfg.datasets.begin(), cfg.datasets.end(), dataset) == cfg.datasets.end())
                    continue;
                c.runs.emplace_back(tr("#%1 %2 (judge %3)").arg(r.id).arg(qs(r.name.empty() ? cfg.reference : r.name), qs(cfg.judge)),
                                    qint64(r.id));
                ScoreRoles &roles = c.rolesOf[qint64(r.id)];
                roles.reference = qs(cfg.reference);
                for (const auto &t : cfg.tests)
                    roles.tested << qs(t);
            }
            return c;
        },
        [this, dataset](const Choices &c) {
            // Another dataset: nothing of the old one stays on screen.
            const bool datasetChanged = QString::fromStdString(dataset) != m_shownDataset;
            m_shownDataset = QString::fromStdString(dataset);
            m_rolesOf = c.rolesOf;
            if (datasetChanged && m_loadedOnce) {
                m_model->clear();
                rebuildPanes({});
                m_loadedOnce = false;
            }
            QStringList checked;
            if (!datasetChanged)
                for (int i = 0; i < m_models->count(); ++i)
                    if (m_models->item(i)->checkState() == Qt::Checked)
                        checked << m_models->item(i)->text();
            const qint64 run = m_scoreRun->currentData().toLongLong();
            m_scoreRun->blockSignals(true);
            m_scoreRun->clear();
            m_scoreRun->addItem(tr("none"), qint64(0));
            for (const auto &[label, id] : c.runs)
                m_scoreRun->addItem(label, id);
            // Scores of the newest run by default: that is what one usually wants to inspect.
            const int keep = m_scoreRun->findData(run);
            m_scoreRun->setCurrentIndex(run && keep >= 0 ? keep : m_scoreRun->count() - 1);
            m_scoreRun->blockSignals(false);
            // The score run's reference is the natural base, and it starts ticked.
            const auto ref = c.rolesOf.find(m_scoreRun->currentData().toLongLong());
            const QString reference =
                ref != c.rolesOf.end() && c.models.contains(ref->second.reference) ? ref->second.reference : QString();
            m_models->clear();
            int ticked = 0;
            for (const QString &m : c.models) {
                auto *it = new QListWidgetItem(m, m_models);
                it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
                const bool on = checked.isEmpty() ? (m == reference || (ticked < (reference.isEmpty() ? 3 : 2) && m != reference))
                                                  : checked.contains(m);
                if (on && m != reference)
                    ++ticked;
                it->setCheckState(on ? Qt::Checked : Qt::Unchecked);
            }
            const QString base = datasetChanged ? QString() : m_base->currentText();
            m_base->blockSignals(true);
            m_base->clear();
            m_base->addItems(c.models);
            m_base->setCurrentText(!base.isEmpty() ? base : !reference.isEmpty() ? reference : c.models.value(0));
            m_base->blockSignals(false);
            updateScoreFilters();
            if (!m_loadedOnce && c.models.size() >= 2)
                load(); // something to look at on the first visit; the user refines from there
        });
}

void ComparePage::updateScoreFilters()
{
    // Score filters need judge scores: say so on the controls instead of letting them do nothing.
    const bool scores = m_scoreRun->currentData().toLongLong() != 0;
    for (QWidget *w : std::initializer_list<QWidget *>{m_scoreFilter, m_scoreMin, m_scoreMax, m_scoreModel, m_disagree})
        w->setEnabled(scores);
    const QString why = tr("Choose an RSE run under \"Scores from\" first: without judge scores there is nothing to filter on.");
    m_scoreFilter->setToolTip(scores ? tr("Keep prompts where at least one chosen model's mean judge score is in this range") : why);
    m_disagree->setToolTip(
        scores ? tr("Keep prompts where one model's judgments (several judges, or both orders) differ by 1 point or more") : why);
}

bool ComparePage::scoreFiltersEnabled() const
{
    return m_disagree->isEnabled();
}

int ComparePage::paneMinimumWidth() const
{
    return kMinPaneWidth;
}

QString ComparePage::baseModel() const
{
    return m_base->currentText();
}

QStringList ComparePage::tickedModels() const
{
    QStringList out;
    for (int i = 0; i < m_models->count(); ++i)
        if (m_models->item(i)->checkState() == Qt::Checked)
            out << m_models->item(i)->text();
    return out;
}

void ComparePage::choose(const QString &dataset, const QStringList &models, const QString &base)
{
    m_dataset->blockSignals(true);
    m_dataset->setCurrentText(dataset);
    m_dataset->blockSignals(false);
    m_models->clear();
    for (const QString &m : models) {
        auto *it = new QListWidgetItem(m, m_models);
        it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
        it->setCheckState(Qt::Checked);
    }
    m_base->blockSignals(true);
    m_base->clear();
    m_base->addItems(models);
    m_base->setCurrentText(base);
    m_base->blockSignals(false);
    load();
}

void ComparePage::setScoreRun(qint64 runId)
{
    int i = m_scoreRun->findData(runId);
    if (i < 0) {
        m_scoreRun->addItem(tr("#%1").arg(runId), runId);
        i = m_scoreRun->count() - 1;
    }
    m_scoreRun->setCurrentIndex(i);
    load();
}

void ComparePage::setScoreRange(double min, double max, const QString &model)
{
    QSignalBlocker a(m_scoreMin), b(m_scoreMax), c(m_scoreFilter), d(m_scoreModel);
    m_scoreFilter->setChecked(min <= max);
    m_scoreMin->setValue(min);
    m_scoreMax->setValue(max);
    m_scoreModel->setCurrentIndex(std::max(0, m_scoreModel->findData(model)));
    load();
}

QStringList ComparePage::scoreFilterModels() const
{
    QStringList out;
    for (int i = 0; i < m_scoreModel->count(); ++i)
        out << m_scoreModel->itemData(i).toString();
    return out;
}

void ComparePage::updateScoreModels(const QStringList &models)
{
    // Only models the run scores: filtering on its reference would always show nothing.
    const auto roles = m_rolesOf.find(m_scoreRun->currentData().toLongLong());
    const QString keep = m_scoreModel->currentData().toString();
    QSignalBlocker block(m_scoreModel);
    m_scoreModel->clear();
    m_scoreModel->addItem(tr("any model"), QString());
    for (const QString &m : models)
        if (roles == m_rolesOf.end() || (m != roles->second.reference && roles->second.isTested(m)))
            m_scoreModel->addItem(m, m);
    m_scoreModel->setCurrentIndex(std::max(0, m_scoreModel->findData(keep)));
    m_scoreModel->view()->setMinimumWidth(m_scoreModel->view()->sizeHintForColumn(0) + 8);
}

void ComparePage::setJudgesDisagree(bool on)
{
    m_disagree->setChecked(on); // reloads when it changes
}

void ComparePage::load()
{
    QStringList models;
    for (int i = 0; i < m_models->count(); ++i)
        if (m_models->item(i)->checkState() == Qt::Checked)
            models << m_models->item(i)->text();
    if (models.size() < 2 || models.size() > 6) {
        m_message->show(tr("Choose 2 to 6 models."), InlineMessage::Error);
        return;
    }
    m_searchDelay->stop();
    Store *store = &m_ctx.store();
    CompareQuery q;
    q.datasetId = m_dataset->currentData().toLongLong();
    if (!q.datasetId) {
        m_message->show(tr("Choose a dataset."), InlineMessage::Error);
        return;
    }
    for (const QString &m : models)
        q.models.push_back(m.toStdString());
    q.search = m_search->text().toStdString();
    q.answeredByAll = m_complete->isChecked();
    q.scoreRunId = m_scoreRun->currentData().toLongLong();
    updateScoreModels(models);
    if (q.scoreRunId && m_scoreFilter->isChecked()) {
        q.scoreMin = m_scoreMin->value();
        q.scoreMax = m_scoreMax->value();
        if (const QString of = m_scoreModel->currentData().toString(); !of.isEmpty())
            q.scoreModel = std::size_t(models.indexOf(of));
    }
    if (q.scoreRunId && m_disagree->isChecked())
        q.disagreement = 1.0;
    if ((m_scoreFilter->isChecked() || m_disagree->isChecked()) && !q.scoreRunId)
        m_message->show(tr("Score filters need an RSE run under \"Scores from\"."), InlineMessage::Error);
    else
        m_message->show(tr("Loading…"));
    if (m_model->models() != models)
        rebuildPanes(models);
    m_loadedOnce = true;
    const auto roles = m_rolesOf.find(q.scoreRunId);
    m_model->setQuery(store, q, roles != m_rolesOf.end() ? roles->second : ScoreRoles{});
}

void ComparePage::rebuildPanes(const QStringList &models)
{
    const auto equalize = qScopeGuard([this] { m_panes->setSizes(QList<int>(m_panes->count(), 1000)); });
    for (auto *t : m_texts)
        delete t->parentWidget();
    m_texts.clear();
    m_titles.clear();
    m_prompt->clear();
    for (const QString &m : models) {
        auto *box = new QWidget;
        auto *l = new QVBoxLayout(box);
        l->setContentsMargins(0, 0, 0, 0);
        auto *title = new QLabel(m, box);
        title->setTextFormat(Qt::PlainText);
        title->setWordWrap(true); // "model · score 5.00 (2 judgments)" wraps instead of running into the next pane
        QFont f = title->font();
        f.setBold(true);
        title->setFont(f);
        auto *text = new QPlainTextEdit(box);
        text->setReadOnly(true);
        l->addWidget(title);
        l->addWidget(text, 1);
        box->setMinimumWidth(kMinPaneWidth);
        m_panes->addWidget(box);
        m_titles.push_back(title);
        m_texts.push_back(text);
    }
}

void ComparePage::setSearch(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text); // starts the search delay
}

void ComparePage::setCompleteOnly(bool on)
{
    m_complete->setChecked(on); // reloads when it changes
}

int ComparePage::currentPromptRow() const
{
    return m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
}

void ComparePage::step(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const int r = std::clamp(currentPromptRow() + delta, 0, rows - 1);
    m_view->selectRow(r);
    m_view->scrollTo(m_model->index(r, 0));
}

void ComparePage::showCurrent()
{
    const CompareSummary *row = m_view->currentIndex().isValid() ? m_model->rowAt(m_view->currentIndex().row()) : nullptr;
    if (!row) { // not fetched yet: rowsFetched calls again
        m_promptLoad->invalidate();
        m_prompt->clear();
        return;
    }
    struct Shown {
        std::optional<PromptItem> prompt;
        std::unordered_map<std::string, std::string> answers;
        std::vector<Judgment> judgments;
    };
    Store *store = &m_ctx.store();
    const CompareQuery q = m_model->query();
    const ScoreRoles roles = m_model->roles();
    m_promptLoad->run(
        [store, q, id = row->promptId] {
            Shown s;
            s.prompt = store->prompt(id);
            s.answers = store->answersToPrompt(id, q.models);
            if (q.scoreRunId)
                s.judgments = store->judgmentsOfPrompt(q.scoreRunId, id);
            return s;
        },
        [this, q, roles](const Shown &s) {
            if (m_texts.size() != q.models.size())
                return;
            m_prompt->setPlainText(s.prompt ? qs(s.prompt->turnsJson.empty() ? s.prompt->text : s.prompt->turnsJson) : QString());
            std::map<std::string, std::vector<const Judgment *>> byModel;
            for (const auto &j : s.judgments)
                byModel[j.testModel].push_back(&j);
            m_hasAnswer.assign(q.models.size(), false);
            for (size_t i = 0; i < q.models.size(); ++i) {
                auto it = s.answers.find(q.models[i]);
                m_hasAnswer[i] = it != s.answers.end();
                m_texts[i]->setPlainText(m_hasAnswer[i] ? qs(it->second) : tr("(no answer)"));
                QString title = qs(q.models[i]);
                QStringList details;
                double sum = 0;
                int n = 0;
                for (const Judgment *j : byModel[q.models[i]]) {
                    details << describe(*j) + (j->rationale.empty() ? QString() : QStringLiteral("\n  ") + qs(j->rationale));
                    if (j->overall) {
                        sum += *j->overall;
                        ++n;
                    }
                }
                if (n > 0)
                    title += tr(" · score %1").arg(sum / n, 0, 'f', 2) + (n > 1 ? tr(" (%n judgments)", nullptr, n) : QString());
                else if (q.scoreRunId)
                    title += roles.reference == title ? tr(" · reference")
                             : roles.isTested(title)  ? tr(" · no score")
                                                      : tr(" · not tested in this run");
                m_titles[i]->setText(title);
                m_titles[i]->setToolTip(details.join(QStringLiteral("\n\n")));
            }
            paintDifferences();
            emit promptShown();
        });
}

void ComparePage::paintDifferences()
{
    const int base = std::max(0, int(m_model->models().indexOf(m_base->currentText())));
    if (size_t(base) >= m_texts.size() || m_hasAnswer.size() != m_texts.size())
        return;
    const QString baseText = m_hasAnswer[size_t(base)] ? m_texts[size_t(base)]->toPlainText() : QString();
    for (size_t i = 0; i < m_texts.size(); ++i) {
        QList<QTextEdit::ExtraSelection> marks;
        if (int(i) != base && m_hasAnswer[i] && !baseText.isEmpty())
            for (const auto &[pos, len] : wordsNotIn(m_texts[i]->toPlainText(), baseText)) {
                QTextEdit::ExtraSelection sel;
                sel.cursor = QTextCursor(m_texts[i]->document());
                sel.cursor.setPosition(pos);
                sel.cursor.setPosition(pos + len, QTextCursor::KeepAnchor);
                // Fixed colours on purpose: the marker must read the same in light and dark palettes.
                sel.format.setBackground(QColor(0xff, 0xe0, 0x82));
                sel.format.setForeground(Qt::black);
                marks << sel;
            }
        m_texts[i]->setExtraSelections(marks);
    }
}

void ComparePage::fitColumns()
{
    // Score columns stay in view: each is as wide as its values and as much of its header as there is
    // room for (a long model name is elided; the header's tooltip names it), at most 14 characters.
    // The prompt column takes the room left, down to kMinPromptWidth, and elides its text; only a
    // list too narrow even for that scrolls sideways.
    int fixed = 0;
    std::vector<std::pair<int, int>> scores; // (values' width, wanted width) per score column
    const int ch = m_view->fontMetrics().averageCharWidth();
    for (int c = 0; c < m_model->columnCount(); ++c) {
        if (c == CompareModel::Prompt)
            continue;
        if (c < CompareModel::FirstScore) {
            m_view->resizeColumnToContents(c);
            fixed += m_view->columnWidth(c);
            continue;
        }
        // At least four characters, and never less than the header lets a section be.
        const int values = std::max({static_cast<const QAbstractItemView *>(m_view)->sizeHintForColumn(c), ch * 4,
                                     m_view->horizontalHeader()->minimumSectionSize()});
        scores.emplace_back(values, std::max(values, std::min(m_view->horizontalHeader()->sectionSizeHint(c), ch * 14)));
    }
    // The list asks for room for every score column's values next to the prompt's minimum, so the
    // splitter widens it at 1024 x 700 rather than letting the scores scroll off to the right.
    int values = 0;
    for (const auto &sc : scores)
        values += sc.first;
    m_view->setMinimumWidth(std::max(kMinListWidth, fixed + values + kMinPromptWidth + 2 * m_view->frameWidth() +
                                                        m_view->verticalScrollBar()->sizeHint().width()));
    // Room beyond the values goes to the headers in proportion to what each lacks, so the columns
    // never add up to more than the list's width.
    int wanted = 0;
    for (const auto &sc : scores)
        wanted += sc.second - sc.first;
    const int extra = std::clamp(m_view->viewport()->width() - fixed - kMinPromptWidth - values, 0, wanted);
    m_view->setColumnWidth(CompareModel::Prompt, kMinPromptWidth); // narrow first: no overflow on the way
    for (size_t k = 0; k < scores.size(); ++k) {
        const int lack = scores[k].second - scores[k].first;
        m_view->setColumnWidth(CompareModel::FirstScore + int(k), scores[k].first + (wanted > 0 ? lack * extra / wanted : 0));
    }
    fitPromptColumn();
}

void ComparePage::fitPromptColumn()
{
    int others = 0;
    for (int c = 0; c < m_model->columnCount(); ++c)
        if (c != CompareModel::Prompt)
            others += m_view->columnWidth(c);
    m_view->setColumnWidth(CompareModel::Prompt, std::max(kMinPromptWidth, m_view->viewport()->width() - others));
}

bool ComparePage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitColumns(); // the score columns' share of the width changes too
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *k = static_cast<QKeyEvent *>(event);
        if (k->key() == Qt::Key_J || k->key() == Qt::Key_K) {
            step(k->key() == Qt::Key_J ? 1 : -1);
            return true;
        }
    }
    return Page::eventFilter(watched, event);
}

QStringList ComparePage::shownTexts() const
{
    QStringList out;
    for (auto *t : m_texts)
        out << t->toPlainText();
    return out;
}

QStringList ComparePage::paneTitles() const
{
    QStringList out;
    for (auto *t : m_titles)
        out << t->text();
    return out;
}

} // namespace ds::ui
