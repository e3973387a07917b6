// Store's dataset queries (tables `datasets`, `prompts`): datasets, their prompts, and the paged prompt table.
#include "store/Store.h"

#include "store/LikePattern.h"
#include "store/RowReader.h"

namespace ds {

bool Store::createDataset(DatasetInfo &info, const std::vector<PromptItem> &prompts, std::string *error)
{
    return execSync(
        [&](sql::Db &db) {
            auto exists = db.prepare("SELECT 1 FROM datasets WHERE name=?1");
            exists.bind(1, info.name);
            if (exists.step())
                throw sql::Error("a dataset named '" + info.name + "' already exists");
            auto s = db.prepare("INSERT INTO datasets(name, format, source) VALUES(?1,?2,?3)");
            s.bindAll(info.name, info.format, info.source).run();
            info.id = db.lastInsertId();
            auto p = db.prepare("INSERT INTO prompts(dataset_id, idx, ext_id, text, turns, category) VALUES(?1,?2,?3,?4,?5,?6)");
            for (const auto &item : prompts) {
                p.bindAll(info.id, item.idx, item.extId, item.text);
                p.bind(5, item.turnsJson).bind(6, item.category).run();
            }
            info.promptCount = int64_t(prompts.size());
        },
        error);
}

using sql::member;

// Written out in full (no alias): the prompt count is an expression.
static const sql::RowReader<DatasetInfo> kDatasetRow{
    {"d.id", member<&DatasetInfo::id>},
    {"d.name", member<&DatasetInfo::name>},
    {"d.format", member<&DatasetInfo::format>},
    {"d.source", member<&DatasetInfo::source>},
    {"d.created_at", member<&DatasetInfo::createdAt>},
    {"(SELECT COUNT(*) FROM prompts p WHERE p.dataset_id=d.id)", member<&DatasetInfo::promptCount>},
};

static const std::string kDatasetSelect = "SELECT " + kDatasetRow.list() + " FROM datasets d ";

std::optional<DatasetInfo> Store::dataset(const std::string &name)
{
    auto s = reader().prepare(kDatasetSelect + "WHERE d.name=?1");
    s.bind(1, name);
    if (s.step())
        return kDatasetRow.read(s);
    return std::nullopt;
}

std::vector<DatasetInfo> Store::datasets()
{
    std::vector<DatasetInfo> out;
    auto s = reader().prepare(kDatasetSelect + "ORDER BY d.name");
    while (s.step())
        out.push_back(kDatasetRow.read(s));
    return out;
}

static const sql::RowReader<PromptItem> kPromptRow{
    {"id", member<&PromptItem::id>},     {"idx", member<&PromptItem::idx>},         {"ext_id", member<&PromptItem::extId>},
    {"text", member<&PromptItem::text>}, {"turns", member<&PromptItem::turnsJson>}, {"category", member<&PromptItem::category>},
};

std::vector<PromptItem> Store::prompts(int64_t datasetId)
{
    std::vector<PromptItem> out;
    auto s = reader().prepare("SELECT " + kPromptRow.list() + " FROM prompts WHERE dataset_id=?1 ORDER BY idx");
    s.bind(1, datasetId);
    while (s.step())
        out.push_back(kPromptRow.read(s));
    return out;
}

std::optional<PromptItem> Store::prompt(int64_t promptId)
{
    auto s = reader().prepare("SELECT " + kPromptRow.list() + " FROM prompts WHERE id=?1");
    s.bind(1, promptId);
    if (s.step())
        return kPromptRow.read(s);
    return std::nullopt;
}

// ---- paged prompt table ------------------------------------------------------------------------------

namespace {
/// Where-clause of a prompt query; ?1 = dataset, ?2 = pattern (when searching).
std::string promptWhere(const PromptQuery &q)
{
    return q.search.empty() ? "WHERE dataset_id=?1" : "WHERE dataset_id=?1 AND text LIKE ?2 ESCAPE '\\'";
}
} // namespace

int64_t Store::countPrompts(const PromptQuery &q)
{
    auto s = reader().prepare("SELECT COUNT(*) FROM prompts " + promptWhere(q));
    s.bind(1, q.datasetId);
    if (!q.search.empty())
        s.bind(2, sql::containsPattern(q.search));
    s.step();
    return s.i64(0);
}

static const sql::RowReader<PromptSummary> kPromptSummaryRow{
    {"id", sql::member<&PromptSummary::id>},
    {"idx", sql::member<&PromptSummary::idx>},
    {"ext_id", sql::member<&PromptSummary::extId>},
    {"substr(text, 1, 300)", sql::member<&PromptSummary::preview>},
    {"category", sql::member<&PromptSummary::category>},
    {"length(text)", sql::member<&PromptSummary::length>},
    {"turns != ''", sql::member<&PromptSummary::multiTurn>},
};

std::vector<PromptSummary> Store::promptWindow(const PromptQuery &q, int64_t offset, int limit)
{
    // Indexed by PromptQuery::Sort.
    static const char *const keys[] = {"idx", "ext_id COLLATE NOCASE", "category COLLATE NOCASE", "length(text)", "text COLLATE NOCASE"};
    const char *key = keys[static_cast<int>(q.sort)];
    const std::string dir = q.descending ? " DESC" : "";
    // idx breaks ties so that pages never overlap or skip rows.
    auto s = reader().prepare("SELECT " + kPromptSummaryRow.list() + " FROM prompts " + promptWhere(q) + " ORDER BY " + key + dir +
                              ", idx" + dir + " LIMIT ?3 OFFSET ?4");
    s.bind(1, q.datasetId);
    if (!q.search.empty())
        s.bind(2, sql::containsPattern(q.search));
    s.bind(3, int64_t(limit)).bind(4, offset);
    std::vector<PromptSummary> out;
    while (s.step())
        out.push_back(kPromptSummaryRow.read(s));
    return out;
}

} // namespace ds
