#include "pages/ComparePage.h"

#include "models/CompareModel.h"
#include "services/AppContext.h"
#include "services/Async.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QKeyEvent>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ds::ui {

ComparePage::ComparePage(AppContext &ctx, QWidget *parent)
    : Page(ctx, parent), m_model(new CompareModel(this)), m_filter(new CompareFilter(this)), m_listsLoad(new LatestRequest(this)),
      m_load(new LatestRequest(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(SortRole);
    m_dataset = new QComboBox(this);
    m_base = new QComboBox(this);
    m_models = new QListWidget(this);
    m_models->setMaximumHeight(110);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Filter prompts and answers…"));
    m_search->setClearButtonEnabled(true);
    m_complete = new QCheckBox(tr("Answered by all"), this);
    auto *loadButton = new QPushButton(tr("Compare"), this);
    m_message = new InlineMessage(this);
    m_view = new QTableView(this);
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Dataset"), this));
    controls->addWidget(m_dataset);
    controls->addWidget(new QLabel(tr("Models (2–6)"), this));
    controls->addWidget(m_models, 1);
    controls->addWidget(new QLabel(tr("Base"), this));
    controls->addWidget(m_base);
    controls->addWidget(loadButton);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_complete);

    auto *panes = new QWidget(this);
    m_panes = new QHBoxLayout(panes);
    m_panes->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("compareSplitter"));
    auto *left = new QWidget(split);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addLayout(filters);
    ll->addWidget(m_view, 1);
    split->addWidget(left);
    split->addWidget(panes);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(loadButton, &QPushButton::clicked, this, &ComparePage::load);
    connect(m_search, &QLineEdit::textChanged, this, &ComparePage::setSearch);
    connect(m_complete, &QCheckBox::toggled, this, &ComparePage::setCompleteOnly);
    connect(m_base, &QComboBox::currentIndexChanged, this, &ComparePage::showCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ComparePage::showCurrent);
    m_view->installEventFilter(this); // J / K like a mail reader
    connect(&m_ctx, &AppContext::datasetsChanged, this, &ComparePage::reloadLists);
}

bool ComparePage::isLoading() const
{
    return m_listsLoad->busy() || m_load->busy();
}

void ComparePage::reloadLists()
{
    Store *store = &m_ctx.store();
    struct Lists {
        QStringList datasets, models;
    };
    m_listsLoad->run(
        [store] {
            Lists l;
            for (const auto &d : store->datasets())
                l.datasets << QString::fromStdString(d.name);
            if (!l.datasets.isEmpty())
                if (auto d = store->dataset(l.datasets.first().toStdString()))
                    for (const auto &m : store->modelsWithAnswers(d->id))
                        l.models << QString::fromStdString(m);
            return l;
        },
        [this](const Lists &l) {
            const QString keep = m_dataset->currentText();
            m_dataset->clear();
            m_dataset->addItems(l.datasets);
            if (!keep.isEmpty())
                m_dataset->setCurrentText(keep);
            if (m_models->count() == 0) {
                for (const QString &m : l.models) {
                    auto *it = new QListWidgetItem(m, m_models);
                    it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
                    it->setCheckState(m_models->count() <= 3 ? Qt::Checked : Qt::Unchecked);
                }
                m_base->clear();
                m_base->addItems(l.models);
            }
        });
}

void ComparePage::choose(const QString &dataset, const QStringList &models, const QString &base)
{
    m_dataset->clear();
    m_dataset->addItem(dataset);
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
    const std::string dataset = m_dataset->currentText().toStdString();
    Store *store = &m_ctx.store();
    m_message->show(tr("Loading answers…"));
    m_load->run(
        [store, dataset, models] {
            std::vector<CompareRow> rows;
            auto d = store->dataset(dataset);
            if (!d)
                return rows;
            std::vector<std::unordered_map<int64_t, ResponseRecord>> answers;
            for (const QString &m : models)
                answers.push_back(store->answers(m.toStdString(), d->id));
            for (auto &p : store->prompts(d->id)) {
                CompareRow r;
                for (auto &a : answers) {
                    auto it = a.find(p.id);
                    r.has.push_back(it != a.end());
                    r.answers.push_back(it != a.end() ? std::move(it->second.text) : std::string());
                }
                r.prompt = std::move(p);
                rows.push_back(std::move(r));
            }
            return rows;
        },
        [this, models](std::vector<CompareRow> rows) {
            const int n = int(rows.size());
            m_model->setData(models, std::move(rows));
            for (auto *t : m_texts)
                delete t->parentWidget();
            m_texts.clear();
            for (const QString &m : models) {
                auto *box = new QWidget;
                auto *l = new QVBoxLayout(box);
                l->setContentsMargins(0, 0, 0, 0);
                auto *title = new QLabel(m, box);
                title->setTextFormat(Qt::PlainText);
                auto *text = new QPlainTextEdit(box);
                text->setReadOnly(true);
                l->addWidget(title);
                l->addWidget(text, 1);
                m_panes->addWidget(box, 1);
                m_texts.push_back(text);
            }
            m_view->resizeColumnToContents(CompareModel::Index);
            m_message->show(tr("%1 prompts. J/K or the arrow keys move between prompts; highlighted words do not occur in the base answer.").arg(n));
            if (m_filter->rowCount() > 0)
                m_view->selectRow(0);
            emit loaded(n);
        });
}

void ComparePage::setSearch(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    m_filter->setSearch(text);
}

void ComparePage::setCompleteOnly(bool on)
{
    if (m_complete->isChecked() != on)
        m_complete->setChecked(on);
    m_filter->setCompleteOnly(on);
}

int ComparePage::currentPromptRow() const
{
    return m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
}

void ComparePage::step(int delta)
{
    const int rows = m_filter->rowCount();
    if (rows == 0)
        return;
    const int r = std::clamp(currentPromptRow() + delta, 0, rows - 1);
    m_view->selectRow(r);
    m_view->scrollTo(m_filter->index(r, 0));
}

void ComparePage::showCurrent()
{
    const QModelIndex cur = m_view->currentIndex();
    if (!cur.isValid())
        return;
    const CompareRow &row = m_model->rowAt(m_filter->mapToSource(cur).row());
    const int base = std::max(0, int(m_model->models().indexOf(m_base->currentText())));
    const QString baseText = size_t(base) < row.answers.size() ? QString::fromStdString(row.answers[size_t(base)]) : QString();
    for (size_t i = 0; i < m_texts.size() && i < row.answers.size(); ++i) {
        const QString text = row.has[i] ? QString::fromStdString(row.answers[i]) : tr("(no answer)");
        m_texts[i]->setPlainText(text);
        QList<QTextEdit::ExtraSelection> marks;
        if (int(i) != base && row.has[i])
            for (const auto &[pos, len] : wordsNotIn(text, baseText)) {
                QTextEdit::ExtraSelection sel;
                sel.cursor = QTextCursor(m_texts[i]->document());
                sel.cursor.setPosition(pos);
                sel.cursor.setPosition(pos + len, QTextCursor::KeepAnchor);
                sel.format.setBackground(QColor(0xff, 0xe0, 0x82));
                sel.format.setForeground(Qt::black);
                marks << sel;
            }
        m_texts[i]->setExtraSelections(marks);
    }
}

bool ComparePage::eventFilter(QObject *watched, QEvent *event)
{
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

} // namespace ds::ui
