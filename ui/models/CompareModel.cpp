#include "models/CompareModel.h"

#include "models/CoreModels.h"
#include "models/ValueTableModel.h"
#include "store/Store.h"

#include <QRegularExpression>
#include <QSet>

namespace ds::ui {

void CompareModel::setQuery(Store *store, CompareQuery q, ScoreRoles roles)
{
    if (q.models.size() != m_query.models.size() || bool(q.scoreRunId) != bool(m_query.scoreRunId))
        resetNow([&] {
            m_query = q;
            m_roles = roles;
        });
    else {
        m_query = q;
        m_roles = std::move(roles);
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    }
    PagedTableModel::setQuery([store, q] { return qint64(store->countCompare(q)); },
                              [store, q](qint64 offset, int limit, int column, Qt::SortOrder order) mutable {
                                  q.sort = sortFor(column, order);
                                  return store->compareWindow(q, offset, limit);
                              });
}

CompareSort CompareModel::sortFor(int column, Qt::SortOrder order)
{
    CompareSort sort;
    sort.descending = order == Qt::DescendingOrder;
    switch (column) {
    case Prompt:
        sort.field = CompareSort::Field::Prompt;
        break;
    case Answered:
        sort.field = CompareSort::Field::Answered;
        break;
    default:
        if (column >= FirstScore) {
            sort.field = CompareSort::Field::ScoreOfModel;
            sort.model = std::size_t(column - FirstScore);
        }
        break;
    }
    return sort;
}

QStringList CompareModel::models() const
{
    QStringList out;
    for (const auto &m : m_query.models)
        out << QString::fromStdString(m);
    return out;
}

int CompareModel::columnCount(const QModelIndex &p) const
{
    if (p.isValid())
        return 0;
    return FirstScore + (m_query.scoreRunId ? int(m_query.models.size()) : 0);
}

QString CompareModel::unscoredReason(std::size_t k) const
{
    const QString m = k < m_query.models.size() ? QString::fromStdString(m_query.models[k]) : QString();
    if (m.isEmpty() || !m_query.scoreRunId)
        return {};
    if (m == m_roles.reference)
        return tr("%1 is this run's reference: the others are scored against its answers, it has no score of its own").arg(m);
    return m_roles.isTested(m) ? QString() : tr("%1 is not tested in this run: it has no scores").arg(m);
}

QVariant CompareModel::cell(const CompareSummary &r, int column, int role) const
{
    if (column >= FirstScore) {
        const size_t k = size_t(column - FirstScore);
        if (k >= r.score.size())
            return {};
        const auto &score = r.score[k];
        const double spread = r.spread[k].value_or(0.0);
        if (role == SortRole)
            return score ? QVariant(*score) : QVariant();
        // A column the run never scores stays blank; a tested model's missing score reads "—".
        const QString unscored = score ? QString() : unscoredReason(k);
        if (role == Qt::DisplayRole)
            return !score          ? (unscored.isEmpty() ? QVariant(QStringLiteral("—")) : QVariant())
                   : spread >= 1.0 ? QVariant(QStringLiteral("%1 ±%2").arg(*score, 0, 'f', 2).arg(spread / 2, 0, 'f', 1))
                                   : QVariant(QString::number(*score, 'f', 2));
        if (role == Qt::ToolTipRole)
            return !score       ? (unscored.isEmpty() ? tr("No judge score for this prompt in this run") : unscored)
                   : spread > 0 ? tr("Mean judge score %1; the judgments differ by %2").arg(*score, 0, 'f', 2).arg(spread, 0, 'f', 1)
                                : tr("Mean judge score %1").arg(*score, 0, 'f', 2);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && column == Prompt)
        return preview(r.preview, 300);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case Index:
        return r.idx;
    case Prompt:
        return role == SortRole ? QString::fromStdString(r.preview) : preview(r.preview, 120);
    case Answered:
        return role == SortRole ? QVariant(r.answered) : QVariant(QStringLiteral("%1/%2").arg(r.answered).arg(r.has.size()));
    default:
        return {};
    }
}

QVariant CompareModel::headerData(int section, Qt::Orientation o, int role) const
{
    const bool score = o == Qt::Horizontal && section >= FirstScore && size_t(section - FirstScore) < m_query.models.size();
    if (score && role == Qt::ToolTipRole) {
        // The column may be too narrow for its header: the tooltip names the model in full.
        const QString why = unscoredReason(size_t(section - FirstScore));
        return why.isEmpty() ? tr("%1: mean judge score per prompt; — where this run has none")
                                   .arg(QString::fromStdString(m_query.models[size_t(section - FirstScore)]))
                             : why;
    }
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    if (score) {
        const QString m = QString::fromStdString(m_query.models[size_t(section - FirstScore)]);
        return m == m_roles.reference ? tr("%1 (ref)").arg(m) : m_roles.isTested(m) ? m : tr("%1 (not tested)").arg(m);
    }
    static const char *names[] = {"#", "Prompt", "Answers"};
    return section >= 0 && section < FirstScore ? tr(names[section]) : QVariant();
}

std::vector<std::pair<int, int>> wordsNotIn(const QString &text, const QString &base)
{
    static const QRegularExpression word(QStringLiteral("\\w+"), QRegularExpression::UseUnicodePropertiesOption);
    QSet<QString> known;
    for (auto it = word.globalMatch(base); it.hasNext();)
        known.insert(it.next().captured().toLower());
    std::vector<std::pair<int, int>> out;
    for (auto it = word.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        if (!known.contains(m.captured().toLower()))
            out.emplace_back(int(m.capturedStart()), int(m.capturedLength()));
    }
    return out;
}

} // namespace ds::ui
