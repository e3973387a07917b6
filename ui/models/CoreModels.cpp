#include "models/CoreModels.h"

#include <algorithm>

namespace ds::ui {

QString preview(const std::string &text, int max)
{
    QString s = QString::fromStdString(text).simplified();
    if (s.size() > max)
        s = s.left(max - 1) + QChar(0x2026);
    return s;
}

static QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// ---- ModelsModel -----------------------------------------------------------------------------------

QVariant ModelsModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index))
        return {};
    const ModelConfig &m = rowAt(index.row());
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (Column(index.column())) {
        case Name:
            return qs(m.name);
        case Provider:
            return qs(m.provider);
        case Endpoint:
            return qs(m.baseUrl);
        case ModelId:
            return qs(m.modelId);
        case Key:
            return m_sessionOnly.count(m.name) ? QObject::tr("this session only")
                   : !m.keychainKey.empty()    ? QObject::tr("keychain")
                   : !m.apiKeyEnv.empty()      ? QStringLiteral("$") + qs(m.apiKeyEnv)
                                               : QObject::tr("none");
        case Concurrency:
            return m.concurrency;
        case Price:
            return role == SortRole
                       ? QVariant(m.priceInPerMTok + m.priceOutPerMTok)
                       : QVariant(QStringLiteral("$%1 / $%2").arg(m.priceInPerMTok, 0, 'f', 2).arg(m.priceOutPerMTok, 0, 'f', 2));
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Price)
        return QObject::tr("USD per million input / output tokens");
    if (role == Qt::ToolTipRole && index.column() == Endpoint && m.baseUrl.rfind("http://", 0) == 0)
        return QObject::tr("Plain HTTP: only for loopback / LAN servers (Ollama, vLLM)");
    return {};
}

QVariant ModelsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"Name", "Provider", "Endpoint", "Model id", "API key", "Concurrency", "Price in/out"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

// ---- DatasetsModel ---------------------------------------------------------------------------------

QString sourceName(const std::string &source)
{
    // The file name is what the user recognises; the folder it was read from (an absolute path on the
    // machine that imported it, which may be another) stays in the tooltip.
    const QString s = qs(source);
    const qsizetype slash = std::max(s.lastIndexOf(QLatin1Char('/')), s.lastIndexOf(QLatin1Char('\\')));
    return slash >= 0 && slash + 1 < s.size() ? s.mid(slash + 1) : s;
}

QVariant DatasetsModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index))
        return {};
    const DatasetInfo &d = rowAt(index.row());
    if (role == Qt::ToolTipRole && index.column() == Source && !d.source.empty())
        return qs(d.source);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (Column(index.column())) {
    case Name:
        return qs(d.name);
    case Prompts:
        return qlonglong(d.promptCount);
    case Format:
        return qs(d.format);
    case Source:
        return sourceName(d.source);
    case Created:
        return qs(d.createdAt);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DatasetsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"Name", "Prompts", "Format", "Source", "Created"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

// ---- PromptsModel ----------------------------------------------------------------------------------

QVariant PromptsModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index))
        return {};
    const PromptItem &p = rowAt(index.row());
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (Column(index.column())) {
        case Index:
            return p.idx;
        case ExtId:
            return qs(p.extId);
        case Category:
            return qs(p.category);
        case Text:
            return role == SortRole ? qs(p.text) : preview(p.text);
        case ColumnCount:
            break;
        }
    }
    return {};
}

QVariant PromptsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"#", "Id", "Category", "Prompt"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

// ---- RunsModel -------------------------------------------------------------------------------------

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!valid(index))
        return {};
    const RunInfo &r = rowAt(index.row());
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (Column(index.column())) {
        case Id:
            return qlonglong(r.id);
        case Name:
            return qs(r.name);
        case Kind:
            return QString::fromLatin1(runKindName(r.kind)).toUpper();
        case Status:
            return QString::fromLatin1(runStatusName(r.status));
        case Progress: {
            auto it = m_progress.find(r.id);
            if (it == m_progress.end())
                return role == SortRole ? QVariant(-1.0) : QVariant();
            const JobProgress &p = it->second;
            const double share = p.total > 0 ? double(std::min(p.done, p.total)) / double(p.total) : -1.0;
            if (role == SortRole)
                return share;
            if (p.total <= 0) // not planned yet: a total of 0 with work done would be made up
                return QStringLiteral("%1/—").arg(p.done);
            return QStringLiteral("%1/%2 (%3%)").arg(p.done).arg(p.total).arg(int(share * 100));
        }
        case Driver: // who holds the run's lease: this window, another process, or nobody
            return qs(r.leaseHolder);
        case Updated:
            return qs(r.updatedAt);
        case Message:
            return preview(r.message, 120);
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Message)
        return qs(r.message);
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    static const char *names[] = {"Id", "Name", "Kind", "Status", "Progress", "Driven by", "Updated", "Message"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

int RunsModel::rowOfRun(int64_t runId) const
{
    for (int i = 0; i < int(m_rows.size()); ++i)
        if (m_rows[size_t(i)].id == runId)
            return i;
    return -1;
}

void RunsModel::setProgress(int64_t runId, const JobProgress &p)
{
    m_progress[runId] = p;
    const int r = rowOfRun(runId);
    if (r >= 0)
        emit dataChanged(index(r, Progress), index(r, Progress));
}

} // namespace ds::ui
