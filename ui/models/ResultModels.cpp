#include "models/ResultModels.h"

#include "models/CoreModels.h"

#include <QColor>

#include <cmath>

#include <type_traits>

namespace ds::ui {

void RseCellsModel::setResults(const std::vector<rse::RseResults> &runs)
{
    std::vector<RseCellRow> rows;
    for (const auto &r : runs) {
        const QString name = r.runName.empty() ? QStringLiteral("run %1").arg(r.runId) : QString::fromStdString(r.runName);
        for (const auto &c : r.cells)
            rows.push_back({name, c});
    }
    setRows(std::move(rows));
}

QVariant RseCellsModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index))
        return {};
    const RseCellRow &row = rowAt(index.row());
    const rse::RseCell &c = row.cell;
    // A cell without scores (n = 0) or an interval that is undefined (n < 2) is missing: "—", never "nan".
    auto num = [&](double v) -> QVariant {
        if (c.n <= 0 || !std::isfinite(v))
            return role == SortRole ? QVariant(-1.0) : QVariant(QStringLiteral("—"));
        return role == SortRole ? QVariant(v) : QVariant(QString::number(v, 'f', 3));
    };
    if (role == Qt::TextAlignmentRole)
        return index.column() >= N ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ToolTipRole && index.column() >= Style && index.column() <= Content) {
        const stats::Interval ci = index.column() == Style ? c.styleCi : index.column() == Logic ? c.logicCi : c.contentCi;
        if (c.n < 2 || !std::isfinite(ci.lo) || !std::isfinite(ci.hi))
            return tr("95% CI: — (needs at least 2 scored prompts)");
        return QStringLiteral("95% CI [%1, %2]").arg(ci.lo, 0, 'f', 3).arg(ci.hi, 0, 'f', 3);
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (Column(index.column())) {
    case Run:
        return row.run;
    case Model:
        return QString::fromStdString(c.model);
    case Dataset:
        return QString::fromStdString(c.dataset);
    case N:
        return c.n;
    case Mean:
        return num(c.mean);
    case CiLow:
        return num(c.ci95.lo);
    case CiHigh:
        return num(c.ci95.hi);
    case Style:
        return num(c.style);
    case Logic:
        return num(c.logic);
    case Content:
        return num(c.content);
    case SwapGap:
        return c.swapGap && std::isfinite(*c.swapGap)
                   ? (role == SortRole ? QVariant(*c.swapGap) : QVariant(QString::number(*c.swapGap, 'f', 3)))
                   : (role == SortRole ? QVariant(0.0) : QVariant(QString()));
    case JudgeErrors:
        return c.judgeErrors;
    case Flagged:
        return c.flagged;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RseCellsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"Run",   "Model", "Dataset", "n",        "Mean",         "CI low", "CI high",
                                  "Style", "Logic", "Content", "Swap gap", "Judge errors", "Flagged"};
    if (role == Qt::ToolTipRole && section == SwapGap)
        return tr("Mean score with the reference shown first minus test first (position bias)");
    if (role == Qt::ToolTipRole && section == Flagged)
        return tr("Responses containing judge-directed text (\"rate this 5\")");
    if (role != Qt::DisplayRole)
        return {};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

QVariant PromptScoresModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index))
        return {};
    const rse::RsePromptScore &s = rowAt(index.row());
    auto opt = [&](auto v) -> QVariant {
        if (!v || !std::isfinite(double(*v)))
            return role == SortRole ? QVariant(-1.0) : QVariant(QStringLiteral("—"));
        // Means of two orders (x.5) keep their decimals; integer aspect scores print as integers.
        constexpr int decimals = std::is_floating_point_v<std::decay_t<decltype(*v)>> ? 2 : 0;
        return role == SortRole ? QVariant(double(*v)) : QVariant(QString::number(double(*v), 'f', decimals));
    };
    if (role == Qt::ToolTipRole && index.column() == Prompt)
        return QString::fromStdString(s.promptText).left(2000);
    if (role == Qt::ForegroundRole && index.column() == Flagged && s.flagged)
        return QColor(0xc6, 0x28, 0x28);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (Column(index.column())) {
    case Index:
        return s.promptIdx;
    case Prompt:
        return preview(s.promptText);
    case Overall:
        return opt(s.overall);
    case Style:
        return opt(s.style);
    case Logic:
        return opt(s.logic);
    case Content:
        return opt(s.content);
    case Parse:
        return QString::fromLatin1(judgmentStatusName(s.status));
    case Flagged:
        return s.flagged ? tr("yes") : QString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant PromptScoresModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, o, role);
    // Short headers: eight columns share the drill-down pane with the two answers.
    if (role == Qt::ToolTipRole && section == Parse)
        return tr("How the judge's reply was read: ok, repaired, unreadable or request-failed");
    if (role == Qt::ToolTipRole && section == Flagged)
        return tr("A response contains judge-directed text (\"rate this 5\")");
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"#", "Prompt", "Overall", "Style", "Logic", "Content", "Reply", "Flagged"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace ds::ui
