#include "pages/NewRunPage.h"

#include "ice/IceEstimate.h"
#include "ice/IceRun.h"
#include "ice/Questions.h"
#include "ice/Vendors.h"
#include "rse/RseJob.h"
#include "rse/RsePlan.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ds::ui {

namespace {
QStringList checked(const QListWidget *l)
{
    QStringList out;
    for (int i = 0; i < l->count(); ++i)
        if (l->item(i)->checkState() == Qt::Checked)
            out << l->item(i)->text();
    return out;
}
void fillChecks(QListWidget *l, const QStringList &items)
{
    const QStringList keep = checked(l);
    l->clear();
    for (const QString &s : items) {
        auto *it = new QListWidgetItem(s, l);
        it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
        it->setCheckState(keep.contains(s) ? Qt::Checked : Qt::Unchecked);
    }
}
/// The spend ceiling of a run: USD over all its sessions, in flight included (RSE and ICE alike).
QDoubleSpinBox *spendCeiling(QWidget *parent)
{
    auto *spin = new QDoubleSpinBox(parent);
    spin->setRange(0, 1e6);
    spin->setPrefix(QStringLiteral("$"));
    spin->setSpecialValueText(NewRunPage::tr("no ceiling"));
    spin->setToolTip(NewRunPage::tr("The run pauses before its total spend over all its sessions (requests in flight included) "
                                    "would pass this ceiling"));
    return spin;
}
QStringList toQt(const std::vector<std::string> &lines, const QString &prefix = {})
{
    QStringList out;
    for (const auto &l : lines)
        out << prefix + QString::fromStdString(l);
    return out;
}
/// Refills `c`, keeping its choice; the first time, `preferred` when it is listed.
void fillCombo(QComboBox *c, const QStringList &items, const QStringList &extra = {}, const QString &preferred = {})
{
    const QString keep = c->currentText().isEmpty() ? preferred : c->currentText();
    c->blockSignals(true);
    c->clear();
    c->addItems(extra + items);
    if (!keep.isEmpty())
        c->setCurrentText(keep);
    c->blockSignals(false);
}
} // namespace

NewRunPage::NewRunPage(AppContext &ctx, QWidget *parent)
    : Page(ctx, parent), m_load(new LatestRequest(this)), m_estimateJob(new LatestRequest(this)), m_iceEstimateJob(new LatestRequest(this)),
      m_work(new LatestRequest(this))
{
    m_message = new InlineMessage(this);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(buildRse(), tr("RSE — response similarity"));
    tabs->addTab(buildIce(), tr("ICE — identity consistency"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(tabs, 1);
    connect(&m_ctx, &AppContext::modelsChanged, this, &NewRunPage::reload);
    connect(&m_ctx, &AppContext::datasetsChanged, this, &NewRunPage::reload);
}

QWidget *NewRunPage::buildRse()
{
    auto *w = new QWidget(this);
    m_rseName = new QLineEdit(w);
    m_rseName->setPlaceholderText(tr("e.g. rse-arena-2025-06"));
    m_reference = new QComboBox(w);
    m_judge = new QComboBox(w);
    m_tests = new QListWidget(w);
    m_datasets = new QListWidget(w);
    m_swap = new QCheckBox(tr("Judge both orders (position swap) — doubles judge calls, removes position bias"), w);
    m_spend = spendCeiling(w);
    m_spend->setObjectName(QStringLiteral("rseSpendCeiling"));
    m_estimate = new QLabel(w);
    m_estimate->setTextFormat(Qt::PlainText);
    m_estimate->setWordWrap(true);
    m_startRse = new QPushButton(tr("Start RSE run"), w);
    m_startRse->setDefault(true);
    connect(m_startRse, &QPushButton::clicked, this, &NewRunPage::startRse);

    auto *form = new QFormLayout;
    form->addRow(tr("Run name"), m_rseName);
    form->addRow(tr("Reference model"), m_reference);
    form->addRow(tr("Judge"), m_judge);
    form->addRow(m_swap);
    form->addRow(tr("Spend ceiling"), m_spend);
    auto *lists = new QHBoxLayout;
    auto *tg = new QGroupBox(tr("Test models"), w);
    (new QVBoxLayout(tg))->addWidget(m_tests);
    auto *dg = new QGroupBox(tr("Datasets"), w);
    (new QVBoxLayout(dg))->addWidget(m_datasets);
    lists->addWidget(tg);
    lists->addWidget(dg);
    auto *eg = new QGroupBox(tr("Estimate before starting"), w);
    (new QVBoxLayout(eg))->addWidget(m_estimate);
    auto *l = new QVBoxLayout(w);
    l->addLayout(form);
    l->addLayout(lists, 1);
    l->addWidget(eg);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_startRse);
    l->addLayout(row);

    // Any change of the form makes the last banner ("Run 7 started", an error) stale.
    auto changed = [this] {
        m_message->clear();
        refreshEstimate();
    };
    for (QComboBox *c : {m_reference, m_judge})
        connect(c, &QComboBox::currentIndexChanged, this, changed);
    for (QListWidget *lw : {m_tests, m_datasets})
        connect(lw, &QListWidget::itemChanged, this, changed);
    connect(m_swap, &QCheckBox::toggled, this, changed);
    connect(m_rseName, &QLineEdit::textEdited, m_message, &InlineMessage::clear);
    return w;
}

QWidget *NewRunPage::buildIce()
{
    auto *w = new QWidget(this);
    m_iceName = new QLineEdit(w);
    m_target = new QComboBox(w);
    // The true vendor comes from the registry the judges use, so a typo cannot silently match nothing.
    m_vendor = new QComboBox(w);
    m_vendor->addItem(tr("(not in the registry: identity sentence only)"), QString());
    for (const auto &v : ice::VendorRegistry::builtin().vendors())
        m_vendor->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(v.company), QString::fromStdString(v.key)),
                          QString::fromStdString(v.key));
    connect(m_vendor, &QComboBox::currentIndexChanged, this, [this] {
        const auto *v = ice::VendorRegistry::builtin().find(m_vendor->currentData().toString().toStdString());
        m_fact->setPlaceholderText(v && !v->fact.empty() ? QString::fromStdString(v->fact)
                                   : v                   ? tr("I am …, developed by %1.").arg(QString::fromStdString(v->company))
                                                         : tr("I am …, developed by …"));
        if (v && m_fact->text().isEmpty())
            m_fact->setText(QString::fromStdString(v->fact));
    });
    m_fact = new QLineEdit(w);
    m_fact->setPlaceholderText(tr("I am DeepSeek-V3, developed by DeepSeek."));
    m_helper = new QComboBox(w);
    m_helper->setObjectName(QStringLiteral("iceHelper"));
    m_iceJudge = new QComboBox(w);
    m_templates = new QLineEdit(QStringLiteral("builtin"), w);
    m_templates->setToolTip(tr("\"builtin\" (frozen shared set), a template file, or frozen:RUN to replay another run's templates"));
    m_en = new QCheckBox(tr("English"), w);
    m_zh = new QCheckBox(tr("Chinese"), w);
    m_en->setChecked(true);
    m_zh->setChecked(true);
    m_iterations = new QSpinBox(w);
    m_iterations->setRange(1, 500);
    m_iterations->setValue(20);
    m_iceSpend = spendCeiling(w);
    m_iceSpend->setObjectName(QStringLiteral("iceSpendCeiling"));
    m_iceEstimate = new QLabel(w);
    m_iceEstimate->setTextFormat(Qt::PlainText);
    m_iceEstimate->setWordWrap(true);
    m_startIce = new QPushButton(tr("Start ICE run"), w);
    connect(m_startIce, &QPushButton::clicked, this, &NewRunPage::startIce);
    auto *langs = new QHBoxLayout;
    langs->addWidget(m_en);
    langs->addWidget(m_zh);
    langs->addStretch(1);
    auto *form = new QFormLayout(w);
    form->addRow(tr("Run name"), m_iceName);
    form->addRow(tr("Target model"), m_target);
    form->addRow(tr("True vendor"), m_vendor);
    form->addRow(tr("True identity"), m_fact);
    form->addRow(tr("Helper (mutations)"), m_helper);
    form->addRow(tr("Judge"), m_iceJudge);
    form->addRow(tr("Templates"), m_templates);
    form->addRow(tr("Languages"), langs);
    form->addRow(tr("Iterations"), m_iterations);
    form->addRow(tr("Spend ceiling"), m_iceSpend);
    form->addRow(tr("Estimate"), m_iceEstimate);
    form->addRow(m_startIce);
    for (QComboBox *c : {m_target, m_helper, m_iceJudge})
        connect(c, &QComboBox::currentIndexChanged, this, &NewRunPage::refreshIceEstimate);
    for (QCheckBox *c : {m_en, m_zh})
        connect(c, &QCheckBox::toggled, this, &NewRunPage::refreshIceEstimate);
    connect(m_iterations, &QSpinBox::valueChanged, this, &NewRunPage::refreshIceEstimate);
    return w;
}

bool NewRunPage::isLoading() const
{
    return m_load->busy() || m_estimateJob->busy();
}

void NewRunPage::reload()
{
    Store *store = &m_ctx.store();
    struct Lists {
        QStringList models, datasets;
        QStringList replayOnly;           ///< models with stored answers but no endpoint (published outputs)
        QString lastReference, lastJudge; ///< of the newest RSE run
    };
    m_load->run(
        [store] {
            Lists l;
            for (const auto &m : store->models())
                l.models << QString::fromStdString(m.name);
            for (const auto &d : store->datasets()) {
                l.datasets << QString::fromStdString(d.name);
                for (const auto &m : store->modelsWithAnswers(d.id))
                    if (!l.models.contains(QString::fromStdString(m)) && !l.replayOnly.contains(QString::fromStdString(m)))
                        l.replayOnly << QString::fromStdString(m);
            }
            l.replayOnly.sort(Qt::CaseInsensitive);
            // The first model by name is often the judge (the demo's "arbiter"): the newest RSE
            // run's reference and judge are the likelier next choice.
            for (const auto &r : store->runs()) {
                rse::RseConfig cfg;
                if (r.kind == RunKind::Rse && rse::RseConfig::fromJson(r.configJson, cfg).empty()) {
                    l.lastReference = QString::fromStdString(cfg.reference);
                    l.lastJudge = QString::fromStdString(cfg.judge);
                }
            }
            return l;
        },
        [this](const Lists &l) {
            // Reference and tests may be any model with stored answers: published outputs are replayed
            // without an endpoint. Only the judge (and ICE's target, helper, judge) must be callable.
            m_replayOnly = l.replayOnly;
            fillCombo(m_reference, l.models + l.replayOnly, {}, l.lastReference);
            fillCombo(m_judge, l.models, {}, l.lastJudge);
            fillCombo(m_target, l.models);
            fillCombo(m_helper, l.models, {tr("(none: frozen templates)")});
            fillCombo(m_iceJudge, l.models, {QStringLiteral("rules")});
            m_tests->blockSignals(true);
            m_datasets->blockSignals(true);
            fillChecks(m_tests, l.models + l.replayOnly);
            fillChecks(m_datasets, l.datasets);
            const QString replayTip = tr("Stored answers only (e.g. imported published outputs): replayed, never requested");
            for (int i = 0; i < m_reference->count(); ++i)
                if (l.replayOnly.contains(m_reference->itemText(i)))
                    m_reference->setItemData(i, replayTip, Qt::ToolTipRole);
            for (int i = 0; i < m_tests->count(); ++i)
                if (l.replayOnly.contains(m_tests->item(i)->text()))
                    m_tests->item(i)->setToolTip(replayTip);
            m_tests->blockSignals(false);
            m_datasets->blockSignals(false);
            refreshEstimate();
            refreshIceEstimate();
        });
}

void NewRunPage::refreshIceEstimate()
{
    ice::IceEstimateInput in;
    in.target = m_target->currentText().toStdString();
    in.helper = m_helper->currentIndex() == 0 ? std::string() : m_helper->currentText().toStdString();
    in.judge = m_iceJudge->currentText().toStdString();
    in.iterations = m_iterations->value();
    std::vector<std::string> langs;
    if (m_en->isChecked())
        langs.push_back("en");
    if (m_zh->isChecked())
        langs.push_back("zh");
    std::string error;
    in.questions = langs.empty() ? 0 : int(ice::builtinQuestions(langs, &error).size());
    if (in.target.empty() || in.questions == 0) {
        m_iceEstimate->setText(tr("Choose a target model and at least one language."));
        return;
    }
    Store *store = &m_ctx.store();
    m_iceEstimateJob->run([store, in] { return ice::estimateIce(*store, in); },
                          [this, in](const ice::IceEstimate &e) {
                              QString t =
                                  !e.error.empty()
                                      ? QString::fromStdString(e.error)
                                      : tr("%1 target requests (%6 iterations × %7 questions) + %2 judge calls\n≈ %3 input / %4 "
                                           "output tokens\n≈ $%5 at ≈400 output tokens an answer; at most $%8 if every reply "
                                           "runs to its max tokens. Answers already stored are reused, not paid again.")
                                            .arg(QString::number(e.answerRequests), QString::number(e.judgeRequests),
                                                 QLocale().toString(qlonglong(e.tokensIn)), QLocale().toString(qlonglong(e.tokensOut)),
                                                 QString::number(e.cost, 'f', 2), QString::number(in.iterations),
                                                 QString::number(in.questions), QString::number(e.costAtMaxTokens, 'f', 2));
                              if (!e.notes.empty())
                                  t += QStringLiteral("\n") + toQt(e.notes).join(QLatin1Char('\n'));
                              m_iceEstimate->setText(t);
                              emit iceEstimateReady(t);
                          });
}

rse::RseConfig NewRunPage::rseConfig() const
{
    rse::RseConfig c;
    c.reference = m_reference->currentText().toStdString();
    c.judge = m_judge->currentText().toStdString();
    for (const QString &t : checked(m_tests))
        if (t != m_reference->currentText())
            c.tests.push_back(t.toStdString());
    for (const QString &d : checked(m_datasets))
        c.datasets.push_back(d.toStdString());
    c.swap = m_swap->isChecked();
    c.spendLimit = m_spend->value();
    c.salt = uint64_t(QDateTime::currentMSecsSinceEpoch());
    return c;
}

void NewRunPage::selectRse(const QString &reference, const QStringList &tests, const QString &judge, const QStringList &datasets)
{
    m_reference->setCurrentText(reference);
    m_judge->setCurrentText(judge);
    m_tests->blockSignals(true);
    m_datasets->blockSignals(true);
    for (int i = 0; i < m_tests->count(); ++i)
        m_tests->item(i)->setCheckState(tests.contains(m_tests->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
    for (int i = 0; i < m_datasets->count(); ++i)
        m_datasets->item(i)->setCheckState(datasets.contains(m_datasets->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
    m_tests->blockSignals(false);
    m_datasets->blockSignals(false);
    refreshEstimate();
}

void NewRunPage::selectIce(const QString &target, const QString &judge, int iterations)
{
    m_target->setCurrentText(target);
    m_iceJudge->setCurrentText(judge);
    m_iterations->setValue(iterations);
    refreshIceEstimate();
}

bool NewRunPage::selectIceVendor(const QString &key)
{
    const int i = m_vendor->findData(key);
    if (i >= 0)
        m_vendor->setCurrentIndex(i);
    return i >= 0;
}

QString NewRunPage::iceFactHint() const
{
    return m_fact->text().isEmpty() ? m_fact->placeholderText() : m_fact->text();
}

QString NewRunPage::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString NewRunPage::estimateText() const
{
    return m_estimate->text();
}

void NewRunPage::refreshEstimate()
{
    const rse::RseConfig cfg = rseConfig();
    if (cfg.reference.empty() || cfg.tests.empty() || cfg.datasets.empty() || cfg.judge.empty()) {
        m_estimate->setText(tr("Choose a reference, at least one test model, a judge and a dataset."));
        m_startRse->setEnabled(false);
        return;
    }
    m_estimate->setText(tr("Estimating…"));
    Store *store = &m_ctx.store();
    m_estimateJob->run([store, cfg] { return rse::planRun(*store, cfg); }, [this](const rse::RsePlan &plan) { showEstimate(plan); });
}

QStringList NewRunPage::roleWarnings(const rse::RseConfig &cfg)
{
    return toQt(rse::roleWarnings(cfg), tr("Warning: "));
}

void NewRunPage::showEstimate(const rse::RsePlan &plan)
{
    // The plan is the one the job follows (rse/RsePlan.h): its request counts are exact.
    QString t;
    if (!plan.ok())
        t = toQt(plan.errors).join(QLatin1Char('\n'));
    else
        t = tr("%1 answer requests (%2 stored answers reused) + %3 judge calls (%4 stored judgments reused)\n≈ %5 input / %6 output "
               "tokens\n≈ $%7 (request counts are exact; tokens and cost are estimates)")
                .arg(plan.answerRequests)
                .arg(plan.reusedAnswers)
                .arg(plan.judgeRequests)
                .arg(plan.reusedJudgments)
                .arg(QLocale().toString(qlonglong(plan.tokensIn)), QLocale().toString(qlonglong(plan.tokensOut)))
                .arg(plan.cost, 0, 'f', 2);
    if (plan.unjudgeable)
        t += QStringLiteral("\n") + tr("%1 pairs have an unusable stored answer and are not judged").arg(plan.unjudgeable);
    if (!plan.warnings.empty())
        t += QStringLiteral("\n") + toQt(plan.warnings, tr("Warning: ")).join(QLatin1Char('\n'));
    m_estimate->setText(t);
    m_startRse->setEnabled(plan.ok());
    emit estimateReady(t);
}

void NewRunPage::startRse()
{
    const rse::RseConfig cfg = rseConfig();
    if (cfg.tests.empty() || cfg.datasets.empty()) {
        m_message->show(tr("Choose at least one test model and one dataset."), InlineMessage::Error);
        return;
    }
    const std::string name = m_rseName->text().trimmed().isEmpty()
                                 ? "rse-" + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")).toStdString()
                                 : m_rseName->text().trimmed().toStdString();
    Store *store = &m_ctx.store();
    // Creating a large run (20k prompts x models) takes seconds: say so instead of a silent "0/0".
    createAndStart(m_startRse, m_rseName, tr("Preparing the run (%n prompt set(s))…", nullptr, int(cfg.datasets.size())),
                   tr("Run %1 started."), [store, cfg, name] {
                       std::string error;
                       const int64_t id = rse::RseJob::createRun(*store, cfg, name, &error);
                       return std::make_pair(id, error);
                   });
}

void NewRunPage::startIce()
{
    ice::IceRunConfig cfg;
    cfg.name = m_iceName->text().trimmed().toStdString();
    cfg.target = m_target->currentText().toStdString();
    cfg.vendor = m_vendor->currentData().toString().toStdString();
    cfg.fact = m_fact->text().trimmed().toStdString();
    cfg.helper = m_helper->currentIndex() == 0 ? std::string() : m_helper->currentText().toStdString();
    cfg.judge = m_iceJudge->currentText().toStdString();
    cfg.templates = m_templates->text().trimmed().toStdString();
    cfg.languages.clear();
    if (m_en->isChecked())
        cfg.languages.push_back("en");
    if (m_zh->isChecked())
        cfg.languages.push_back("zh");
    cfg.iterations = m_iterations->value();
    cfg.spendLimit = m_iceSpend->value();
    if (cfg.name.empty())
        cfg.name = "ice-" + cfg.target;
    Store *store = &m_ctx.store();
    createAndStart(m_startIce, m_iceName, tr("Preparing the ICE run…"), tr("ICE run %1 started."), [store, cfg] {
        int64_t id = 0;
        std::string error;
        ice::createIceRun(*store, cfg, &id, &error);
        return std::make_pair(id, error);
    });
}

void NewRunPage::createAndStart(QPushButton *button, QLineEdit *name, const QString &preparing, const QString &started,
                                std::function<std::pair<int64_t, std::string>()> create)
{
    button->setEnabled(false); // a second click while the run is created would create a second run
    m_message->show(preparing);
    m_work->run(std::move(create), [this, button, name, started](const std::pair<int64_t, std::string> &r) {
        button->setEnabled(true);
        QString error = QString::fromStdString(r.second);
        if (!r.first || !m_ctx.startRun(r.first, false, &error)) {
            m_message->show(error, InlineMessage::Error);
            return;
        }
        m_message->show(started.arg(r.first), InlineMessage::Success);
        name->clear(); // the next run gets a name of its own
        emit runStarted(r.first);
        emit openRun(r.first);
    });
}

} // namespace ds::ui
