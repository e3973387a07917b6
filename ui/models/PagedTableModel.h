#pragma once
// A table model over a query too large to hold in memory (100k prompts, say). It knows the row count
// and keeps only the blocks of rows the view has asked for. Counting and fetching run on the thread
// pool, so the GUI thread never waits on the database; a row whose block has not arrived shows a
// placeholder until it does. A new query or sort order starts a new generation: results of older
// generations are dropped, never shown.
#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <functional>
#include <map>
#include <set>
#include <vector>

namespace ds::ui {

/// The signals and the bookkeeping that do not depend on the row type (moc needs a non-template).
class PagedModelBase : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kBlockRows = 200;
    static constexpr int kMaxBlocks = 50; ///< rows held at most: kBlockRows * kMaxBlocks

    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_total; }
    /// Counting or fetching in flight.
    bool busy() const { return m_inFlight > 0; }
    /// Column and order the query is sorted by (the view's header sets them through sort()).
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void sort(int column, Qt::SortOrder order) override;
    /// Runs the query again (new generation) keeping the sort order.
    virtual void refresh() = 0;

signals:
    /// A refresh delivered its row count and first block.
    void populated(int rows);
    /// A block of rows arrived (rows [first, last]).
    void rowsFetched(int first, int last);
    void failed(const QString &error);

protected:
    int m_total = 0;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    quint64 m_generation = 0;
    mutable int m_inFlight = 0;
};

template <class Row> class PagedTableModel : public PagedModelBase {
public:
    /// Both run on the thread pool and may use only thread-safe services (Store).
    using Count = std::function<qint64()>;
    using Fetch = std::function<std::vector<Row>(qint64 offset, int limit, int sortColumn, Qt::SortOrder order)>;

    using PagedModelBase::PagedModelBase;

    /// Replaces the query and loads its first block. An empty `count` clears the model.
    void setQuery(Count count, Fetch fetch)
    {
        m_count = std::move(count);
        m_fetch = std::move(fetch);
        refresh();
    }

    void refresh() override
    {
        const quint64 gen = ++m_generation;
        if (!m_count) {
            beginResetModel();
            m_total = 0;
            m_blocks.clear();
            m_pending.clear();
            endResetModel();
            emit populated(0);
            return;
        }
        struct First {
            qint64 total = 0;
            std::vector<Row> rows;
            QString error;
        };
        run<First>(
            [count = m_count, fetch = m_fetch, col = m_sortColumn, order = m_sortOrder] {
                First f;
                try {
                    f.total = count();
                    f.rows = fetch(0, kBlockRows, col, order);
                } catch (const std::exception &e) {
                    f.error = QString::fromUtf8(e.what());
                } catch (...) {
                    f.error = QStringLiteral("unknown error");
                }
                return f;
            },
            [this, gen](First f) {
                if (gen != m_generation)
                    return;
                beginResetModel();
                m_blocks.clear();
                m_pending.clear();
                m_total = int(std::min<qint64>(f.total, std::numeric_limits<int>::max()));
                if (!f.rows.empty())
                    m_blocks.emplace(0, std::move(f.rows));
                endResetModel();
                if (!f.error.isEmpty())
                    emit failed(f.error);
                emit populated(m_total);
            });
    }

    /// Blocks of rows held in memory (bounded by kMaxBlocks).
    int cachedBlocks() const { return int(m_blocks.size()); }

    /// The row, or nullptr while its block is loading (the block is then requested).
    const Row *rowAt(int row) const
    {
        if (row < 0 || row >= m_total)
            return nullptr;
        const int block = row / kBlockRows;
        auto it = m_blocks.find(block);
        if (it == m_blocks.end()) {
            request(block);
            return nullptr;
        }
        const size_t i = size_t(row % kBlockRows);
        return i < it->second.size() ? &it->second[i] : nullptr;
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_total || index.column() >= columnCount())
            return {};
        if (const Row *r = rowAt(index.row()))
            return cell(*r, index.column(), role);
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
    }

protected:
    /// Empties the model at once around `change` (for changes of the column set, which views must
    /// learn about before the new rows arrive).
    template <class Change> void resetNow(Change change)
    {
        beginResetModel();
        change();
        ++m_generation;
        m_total = 0;
        m_blocks.clear();
        m_pending.clear();
        endResetModel();
    }
    /// Cell data of a loaded row.
    virtual QVariant cell(const Row &row, int column, int role) const = 0;

private:
    template <class T, class Work, class Done> void run(Work work, Done done) const
    {
        ++m_inFlight;
        auto *watcher = new QFutureWatcher<T>(const_cast<PagedTableModel *>(this));
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [this, watcher, done = std::move(done)]() mutable {
            --m_inFlight;
            done(watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(QtConcurrent::run(std::move(work)));
    }

    void request(int block) const
    {
        if (!m_fetch || m_pending.count(block))
            return;
        m_pending.insert(block);
        const quint64 gen = m_generation;
        struct Fetched {
            std::vector<Row> rows;
            QString error;
        };
        run<Fetched>(
            [fetch = m_fetch, block, col = m_sortColumn, order = m_sortOrder] {
                Fetched f;
                try {
                    f.rows = fetch(qint64(block) * kBlockRows, kBlockRows, col, order);
                } catch (const std::exception &e) {
                    f.error = QString::fromUtf8(e.what());
                } catch (...) {
                    f.error = QStringLiteral("unknown error");
                }
                return f;
            },
            [this, gen, block](Fetched f) { const_cast<PagedTableModel *>(this)->deliver(gen, block, std::move(f.rows), f.error); });
    }

    void deliver(quint64 gen, int block, std::vector<Row> rows, const QString &error)
    {
        if (gen != m_generation)
            return;
        if (!error.isEmpty()) { // stays pending: no retry storm from repaints until the next refresh
            emit failed(error);
            return;
        }
        m_pending.erase(block);
        // Keep memory bounded: drop the block farthest from the one that arrived.
        while (int(m_blocks.size()) >= kMaxBlocks) {
            auto far = m_blocks.begin();
            if (std::abs(std::prev(m_blocks.end())->first - block) > std::abs(far->first - block))
                far = std::prev(m_blocks.end());
            m_blocks.erase(far);
        }
        const int first = block * kBlockRows;
        const int last = std::min(m_total, first + int(rows.size())) - 1;
        m_blocks[block] = std::move(rows);
        if (last >= first) {
            emit dataChanged(index(first, 0), index(last, columnCount() - 1));
            emit rowsFetched(first, last);
        }
    }

    Count m_count;
    Fetch m_fetch;
    mutable std::map<int, std::vector<Row>> m_blocks;
    mutable std::set<int> m_pending;
};

} // namespace ds::ui
