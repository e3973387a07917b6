#include "models/IceModels.h"

#include "models/CoreModels.h"

#include <cmath>

namespace ds::ui {

QVariant IceBreakdownModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index))
        return {};
    const auto &tagged = rowAt(index.row());
    const ice::IceBreakdownRow &r = tagged.row;
    if (role == Qt::ToolTipRole && index.column() == Label)
        return QString::fromStdString(r.label);
    if (role == Qt::ToolTipRole && index.column() == Lost)
        return !ice::gapsSummary(r.gaps).empty() ? tr("Left out of n: %1").arg(QString::fromStdString(ice::gapsSummary(r.gaps)))
                                                 : tr("Every response of this slice is scored");
    if (role == Qt::ToolTipRole && index.column() == CiMethod)
        return r.loose.ciMethod == ice::CiMethod::Wilson ? tr("One template: Wilson score interval over its responses")
                                                         : tr("Templates resampled with replacement (2000 resamples)");
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    // A breakdown cell without responses (n = 0) has no rate: "—", never "nan" or a made-up 0.000.
    const auto missing = [&]() -> QVariant { return role == SortRole ? QVariant(-1.0) : QVariant(QStringLiteral("—")); };
    auto rate = [&](const ice::IceRate &x) -> QVariant {
        if (x.n <= 0 || !std::isfinite(x.rate))
            return missing();
        return role == SortRole ? QVariant(x.rate) : QVariant(QString::number(x.rate, 'f', 3));
    };
    auto ci = [&](const ice::IceRate &x) -> QVariant {
        if (x.n <= 0 || !std::isfinite(x.ci95.lo) || !std::isfinite(x.ci95.hi))
            return missing();
        return role == SortRole ? QVariant(x.ci95.hi - x.ci95.lo)
                                : QVariant(QStringLiteral("[%1, %2]").arg(x.ci95.lo, 0, 'f', 3).arg(x.ci95.hi, 0, 'f', 3));
    };
    switch (Column(index.column())) {
    case Model:
        return tagged.model;
    case Key:
        return QString::fromStdString(r.key);
    case Label:
        return preview(r.label, 80);
    case N:
        return qlonglong(r.loose.n);
    case Lost:
        return qlonglong(r.gaps.total());
    case Loose:
        return rate(r.loose);
    case LooseCi:
        return ci(r.loose);
    case Strict:
        return rate(r.strict);
    case StrictCi:
        return ci(r.strict);
    case Hard:
        return rate(r.hard);
    case HardCi:
        return ci(r.hard);
    case CiMethod:
        return r.loose.ciMethod == ice::CiMethod::Wilson ? tr("Wilson") : tr("template bootstrap");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant IceBreakdownModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"Model",        "Key",    "Template / label", "n",    "Lost",        "Loose",
                                  "Loose 95% CI", "Strict", "Strict 95% CI",    "Hard", "Hard 95% CI", "Interval"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

void IceItemsModel::setJudges(std::map<qint64, std::string> judgeByRun)
{
    beginResetModel();
    m_judges = std::move(judgeByRun);
    endResetModel();
}

std::string IceItemsModel::judgeOf(qint64 runId) const
{
    auto it = m_judges.find(runId);
    return it == m_judges.end() ? std::string("rules") : it->second;
}

QVariant IceItemsModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index) || (role != Qt::DisplayRole && role != SortRole))
        return {};
    const IceRunItem &row = rowAt(index.row());
    const ice::IceItem &it = row.item;
    const ice::IceLabel *l = it.label(judgeOf(row.runId));
    auto flag = [&](const std::optional<bool> &b) -> QVariant {
        if (!b)
            return role == SortRole ? QVariant(-1) : QVariant(QStringLiteral("–"));
        return role == SortRole ? QVariant(*b ? 1 : 0) : QVariant(*b ? tr("conflict") : tr("ok"));
    };
    switch (Column(index.column())) {
    case Model:
        return row.model;
    case Template:
        return it.templateIdx;
    case Language:
        return QString::fromStdString(it.language);
    case Aspect:
        return QString::fromStdString(it.aspect);
    case Question:
        return preview(it.question, 80);
    case Loose:
        return l ? flag(l->loose) : flag(std::nullopt);
    case Strict:
        return l ? flag(l->strict) : flag(std::nullopt);
    case Vendor:
        return l ? QString::fromStdString(l->vendor) : QString();
    case Response:
        return it.status == AnswerStatus::Ok ? preview(it.response, 120) : tr("error: %1").arg(QString::fromStdString(it.error));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant IceItemsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"Model", "Template", "Lang", "Aspect", "Question", "Loose", "Strict", "Claimed vendor", "Response"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace ds::ui
