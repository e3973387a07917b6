#include "models/CompareModel.h"

#include "models/CoreModels.h"

#include <QRegularExpression>
#include <QSet>

namespace ds::ui {

void CompareModel::setData(QStringList models, std::vector<CompareRow> rows)
{
    m_models = std::move(models);
    setRows(std::move(rows));
}

QVariant CompareModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index) || (role != Qt::DisplayRole && role != SortRole))
        return {};
    const CompareRow &r = rowAt(index.row());
    switch (Column(index.column())) {
    case Index:
        return r.prompt.idx;
    case Prompt:
        return role == SortRole ? QString::fromStdString(r.prompt.text) : preview(r.prompt.text, 120);
    case Answered: {
        int n = 0;
        for (bool b : r.has)
            n += b;
        return role == SortRole ? QVariant(n) : QVariant(QStringLiteral("%1/%2").arg(n).arg(r.has.size()));
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CompareModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"#", "Prompt", "Answers"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void CompareFilter::setSearch(const QString &text)
{
    m_search = text;
    invalidateFilter();
}

void CompareFilter::setCompleteOnly(bool on)
{
    m_complete = on;
    invalidateFilter();
}

bool CompareFilter::filterAcceptsRow(int row, const QModelIndex &) const
{
    const auto *m = static_cast<const CompareModel *>(sourceModel());
    const CompareRow &r = m->rowAt(row);
    if (m_complete)
        for (bool b : r.has)
            if (!b)
                return false;
    if (m_search.isEmpty())
        return true;
    if (QString::fromStdString(r.prompt.text).contains(m_search, Qt::CaseInsensitive))
        return true;
    for (const auto &a : r.answers)
        if (QString::fromStdString(a).contains(m_search, Qt::CaseInsensitive))
            return true;
    return false;
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
