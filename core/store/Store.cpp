#include "store/Store.h"

#include "net/ModelOptions.h"

#include "store/Schema.h"
#include "store/Sql.h"
#include "store/StoreImpl.h"
#include "util/Secrets.h"

#include <atomic>
#include <filesystem>
#include <tuple>

namespace ds {

sqlite3 *openConnection(const std::string &path, bool readOnly, std::string *error)
{
    sqlite3 *h = nullptr;
    const int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &h, flags, nullptr) != SQLITE_OK) {
        if (error)
            *error = "cannot open database " + path + ": " + (h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return nullptr;
    }
    sqlite3_busy_timeout(h, 5000);
    sqlite3_exec(h, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
    if (readOnly) // result views scan whole runs: map pages instead of copying each through pread
        sqlite3_exec(h, "PRAGMA mmap_size=268435456; PRAGMA cache_size=-16384", nullptr, nullptr, nullptr);
    return h;
}

namespace {

std::atomic<uint64_t> g_storeSerial{1};

/// Read connections are per thread and per store; closed when the thread ends.
struct ThreadReaders {
    std::unordered_map<uint64_t, sqlite3 *> conns;
    ~ThreadReaders()
    {
        for (auto &[id, h] : conns)
            sqlite3_close(h);
    }
};
thread_local ThreadReaders t_readers;

ResponseRecord readResponse(sql::Stmt &s)
{
    // Column order: see kResponseColumns.
    ResponseRecord r;
    r.id = s.i64(0);
    r.requestKey = s.text(1);
    r.model = s.text(2);
    r.promptId = s.optI64(3).value_or(0);
    r.kind = s.text(4);
    r.status = s.text(5);
    r.text = s.text(6);
    r.reasoning = s.text(7);
    r.tokensIn = s.optI64(8);
    r.tokensOut = s.optI64(9);
    r.latencyMs = s.f64(10);
    r.cost = s.f64(11);
    r.httpStatus = int(s.i64(12));
    r.attempts = int(s.i64(13));
    r.error = s.text(14);
    r.rawJson = s.text(15);
    r.requestJson = s.text(16);
    r.source = s.text(17);
    r.runId = s.optI64(18).value_or(0);
    r.finishReason = s.text(19);
    r.tokensReasoning = s.optI64(20);
    r.refusal = s.text(21);
    return r;
}

constexpr const char *kResponseColumns =
    "id, request_key, model, prompt_id, kind, status, text, reasoning, tokens_in, tokens_out, latency_ms, "
    "cost, http_status, attempts, error, raw, request, source, run_id, finish_reason, tokens_reasoning, refusal";

void bindResponse(sql::Stmt &s, const ResponseRecord &r)
{
    s.bind(1, r.requestKey).bind(2, r.model);
    if (r.promptId)
        s.bind(3, r.promptId);
    else
        s.bind(3, nullptr);
    // The store boundary for secrets: keys in use are scrubbed from everything; error texts and the
    // raw bodies of failed requests (where servers echo keys) are scrubbed of key-shaped strings too.
    // Answers only lose exact keys: text that merely looks like a key is data.
    s.bind(4, r.kind).bind(5, r.status).bind(6, redactKnownSecrets(r.text)).bind(7, redactKnownSecrets(r.reasoning));
    s.bind(8, r.tokensIn).bind(9, r.tokensOut).bind(10, r.latencyMs).bind(11, r.cost);
    s.bind(12, r.httpStatus).bind(13, r.attempts).bind(14, redactSecrets(r.error));
    s.bind(15, r.status == "ok" ? redactKnownSecrets(r.rawJson) : redactSecrets(r.rawJson));
    s.bind(16, redactKnownSecrets(r.requestJson)).bind(17, r.source);
    if (r.runId)
        s.bind(18, r.runId);
    else
        s.bind(18, nullptr);
    s.bind(19, r.finishReason).bind(20, r.tokensReasoning).bind(21, redactKnownSecrets(r.refusal));
}

ModelConfig readModel(sql::Stmt &s)
{
    ModelConfig m;
    m.id = s.i64(0);
    m.name = s.text(1);
    m.provider = s.text(2);
    m.baseUrl = s.text(3);
    m.modelId = s.text(4);
    m.apiKeyEnv = s.text(5);
    m.keychainKey = s.text(6);
    m.concurrency = int(s.i64(7));
    m.rpm = int(s.i64(8));
    m.temperature = s.f64(9);
    m.maxTokens = int(s.i64(10));
    m.systemPrompt = s.text(11);
    m.priceInPerMTok = s.f64(12);
    m.priceOutPerMTok = s.f64(13);
    m.vendor = s.text(14);
    m.timeoutS = int(s.i64(15));
    m.options = modelOptionsFromJson(s.text(16));
    return m;
}

constexpr const char *kModelColumns = "id, name, provider, base_url, model_id, api_key_env, keychain_key, concurrency, rpm, temperature, "
                                      "max_tokens, system_prompt, price_in, price_out, vendor, timeout_s, options";

RunInfo readRun(sql::Stmt &s)
{
    RunInfo r;
    r.id = s.i64(0);
    r.name = s.text(1);
    r.kind = s.text(2);
    r.status = s.text(3);
    r.configJson = s.text(4);
    r.message = s.text(5);
    r.createdAt = s.text(6);
    r.updatedAt = s.text(7);
    r.spent = s.f64(8);
    if (s.i64(9) != 0)
        r.leaseHolder = "pid " + std::to_string(s.i64(9)) + " on " + s.text(10) + " since " + s.text(11);
    return r;
}

constexpr const char *kRunColumns =
    "id, name, kind, status, config, message, created_at, updated_at, spent, lease_pid, lease_host, lease_since";

} // namespace

Store::Store() : d(std::make_unique<Impl>())
{
    d->serial = g_storeSerial++;
}

Store::~Store()
{
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->wake.notify_all();
    if (d->thread.joinable())
        d->thread.join();
    auto it = t_readers.conns.find(d->serial);
    if (it != t_readers.conns.end()) {
        sqlite3_close(it->second);
        t_readers.conns.erase(it);
    }
    sqlite3_close(d->writer);
}

int Store::schemaVersion()
{
    return int(schema::migrations().size());
}

const std::string &Store::path() const
{
    return d->path;
}

bool Store::checkIntegrity(std::string *error)
{
    std::string problems;
    try {
        sql::Stmt check(reader().handle(), "PRAGMA quick_check(5)");
        while (check.step())
            if (check.text(0) != "ok")
                problems += (problems.empty() ? "" : "; ") + check.text(0);
    } catch (const std::exception &e) {
        problems = e.what();
    }
    if (!problems.empty() && error)
        *error = d->path + ": the database is damaged (" + problems + "). Restore a backup, or recover what is readable with `sqlite3 " +
                 d->path + " .recover`";
    return problems.empty();
}

std::unique_ptr<Store> Store::open(const std::string &path, std::string *error)
{
    // A FIFO would block the open; a directory or device is never a database.
    std::error_code fsError;
    const auto type = std::filesystem::status(path, fsError).type();
    if (type != std::filesystem::file_type::not_found && type != std::filesystem::file_type::regular &&
        type != std::filesystem::file_type::none) {
        if (error)
            *error = path + ": not a regular file (a database is a plain file); nothing was opened";
        return nullptr;
    }
    std::unique_ptr<Store> s(new Store());
    s->d->path = path;
    s->d->writer = openConnection(path, false, error);
    if (!s->d->writer)
        return nullptr;
    sql::Db db(s->d->writer);
    try {
        int64_t existingId = 0;
        int version = 0;
        std::string foreignTables;
        try {
            sql::Stmt appId(db.handle(), "PRAGMA application_id");
            appId.step();
            existingId = appId.i64(0);
            sql::Stmt ver(db.handle(), "PRAGMA user_version");
            ver.step();
            version = int(ver.i64(0));
            sql::Stmt tables(db.handle(), "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name LIMIT 4");
            while (tables.step())
                foreignTables += (foreignTables.empty() ? "" : ", ") + tables.text(0);
        } catch (const sql::Error &e) {
            const std::string what = e.what();
            if (what.find("malformed") != std::string::npos || what.find("corrupt") != std::string::npos)
                throw sql::Error("the database is damaged (" + what +
                                 "); it was left untouched. Restore a backup, or recover what is "
                                 "readable with `sqlite3 " +
                                 path + " .recover`");
            throw sql::Error("not a DistillScope database (" + what + "); it was left untouched");
        } // statements finalized: an open read would block the switch to WAL
        // Only our own files, or brand-new empty ones, are ever migrated: another application's
        // SQLite file (no application_id of ours, yet tables or a schema version) stays untouched.
        if (existingId != 0 && existingId != schema::kApplicationId)
            throw sql::Error("not a DistillScope database (its application_id belongs to another program); it was left untouched");
        if (existingId == 0 && (version != 0 || !foreignTables.empty()))
            throw sql::Error("an SQLite database of another application (tables: " + (foreignTables.empty() ? "none" : foreignTables) +
                             "), not a DistillScope database; it was left untouched");
        if (version > schemaVersion())
            throw sql::Error("database schema v" + std::to_string(version) + " is newer than this DistillScope understands (v" +
                             std::to_string(schemaVersion()) + ")");
        db.exec("PRAGMA journal_mode=WAL");
        db.exec("PRAGMA synchronous=FULL");
        const auto &steps = schema::migrations();
        for (int v = version; v < int(steps.size()); ++v) {
            db.exec("BEGIN IMMEDIATE");
            try {
                if (steps[size_t(v)] && *steps[size_t(v)])
                    db.exec(steps[size_t(v)]);
                db.exec("PRAGMA user_version=" + std::to_string(v + 1));
                db.exec("PRAGMA application_id=" + std::to_string(schema::kApplicationId));
                db.exec("COMMIT");
            } catch (...) {
                db.exec("ROLLBACK");
                throw;
            }
        }
    } catch (const std::exception &e) {
        if (error)
            *error = path + ": " + e.what();
        return nullptr;
    }
    s->d->rememberFile();
    s->d->thread = std::thread([impl = s->d.get()] { impl->writerLoop(); });
    s->recoverAbandonedRuns();
    return s;
}

sql::Db &Store::reader()
{
    thread_local std::unordered_map<uint64_t, std::unique_ptr<sql::Db>> wrappers;
    auto it = t_readers.conns.find(d->serial);
    if (it == t_readers.conns.end()) {
        std::string err;
        sqlite3 *h = openConnection(d->path, true, &err);
        if (!h)
            throw sql::Error(err);
        it = t_readers.conns.emplace(d->serial, h).first;
        wrappers[d->serial] = std::make_unique<sql::Db>(h);
    }
    auto &w = wrappers[d->serial];
    if (!w || w->handle() != it->second)
        w = std::make_unique<sql::Db>(it->second);
    return *w;
}

// ---- models ---------------------------------------------------------------------------------------

bool Store::saveModel(ModelConfig &m, std::string *error)
{
    if (const std::string problem = urlCredentialProblem(m.baseUrl); !problem.empty()) {
        if (error)
            *error = "model " + m.name + ": " + problem;
        return false;
    }
    int64_t id = 0;
    const bool ok = execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("INSERT INTO models(name, provider, base_url, model_id, api_key_env, keychain_key, concurrency, "
                                "rpm, temperature, max_tokens, system_prompt, price_in, price_out, vendor, timeout_s, options) "
                                "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) ON CONFLICT(name) DO UPDATE SET "
                                "provider=excluded.provider, base_url=excluded.base_url, model_id=excluded.model_id, "
                                "api_key_env=excluded.api_key_env, keychain_key=excluded.keychain_key, "
                                "concurrency=excluded.concurrency, rpm=excluded.rpm, temperature=excluded.temperature, "
                                "max_tokens=excluded.max_tokens, system_prompt=excluded.system_prompt, "
                                "price_in=excluded.price_in, price_out=excluded.price_out, vendor=excluded.vendor, "
                                "timeout_s=excluded.timeout_s, options=excluded.options");
            s.bind(1, m.name).bind(2, m.provider).bind(3, m.baseUrl).bind(4, m.modelId).bind(5, m.apiKeyEnv);
            s.bind(6, m.keychainKey).bind(7, m.concurrency).bind(8, m.rpm).bind(9, m.temperature);
            s.bind(10, m.maxTokens).bind(11, m.systemPrompt).bind(12, m.priceInPerMTok);
            s.bind(13, m.priceOutPerMTok).bind(14, m.vendor).bind(15, m.timeoutS).bind(16, modelOptionsToJson(m.options));
            s.run();
            auto q = db.prepare("SELECT id FROM models WHERE name=?1");
            q.bind(1, m.name);
            if (q.step())
                id = q.i64(0);
        },
        error);
    if (ok)
        m.id = id;
    return ok;
}

std::optional<ModelConfig> Store::model(const std::string &name)
{
    auto s = reader().prepare(std::string("SELECT ") + kModelColumns + " FROM models WHERE name=?1");
    s.bind(1, name);
    if (s.step())
        return readModel(s);
    return std::nullopt;
}

std::vector<ModelConfig> Store::models()
{
    std::vector<ModelConfig> out;
    auto s = reader().prepare(std::string("SELECT ") + kModelColumns + " FROM models ORDER BY name");
    while (s.step())
        out.push_back(readModel(s));
    return out;
}

bool Store::removeModel(const std::string &name, std::string *error)
{
    bool found = false;
    const bool ok = execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("DELETE FROM models WHERE name=?1");
            s.bind(1, name).run();
            found = db.changes() > 0;
        },
        error);
    if (ok && !found && error)
        *error = "no model named '" + name + "'";
    return ok && found;
}

// ---- datasets -------------------------------------------------------------------------------------

bool Store::createDataset(DatasetInfo &info, const std::vector<PromptItem> &prompts, std::string *error)
{
    return execSync(
        [&](sql::Db &db) {
            auto exists = db.prepare("SELECT 1 FROM datasets WHERE name=?1");
            exists.bind(1, info.name);
            if (exists.step())
                throw sql::Error("a dataset named '" + info.name + "' already exists");
            auto s = db.prepare("INSERT INTO datasets(name, format, source) VALUES(?1,?2,?3)");
            s.bind(1, info.name).bind(2, info.format).bind(3, info.source).run();
            info.id = db.lastInsertId();
            auto p = db.prepare("INSERT INTO prompts(dataset_id, idx, ext_id, text, turns, category) VALUES(?1,?2,?3,?4,?5,?6)");
            for (const auto &item : prompts) {
                p.bind(1, info.id).bind(2, item.idx).bind(3, item.extId).bind(4, item.text);
                p.bind(5, item.turnsJson).bind(6, item.category).run();
            }
            info.promptCount = int64_t(prompts.size());
        },
        error);
}

static DatasetInfo readDataset(sql::Stmt &s)
{
    DatasetInfo d;
    d.id = s.i64(0);
    d.name = s.text(1);
    d.format = s.text(2);
    d.source = s.text(3);
    d.createdAt = s.text(4);
    d.promptCount = s.i64(5);
    return d;
}

static constexpr const char *kDatasetSelect = "SELECT d.id, d.name, d.format, d.source, d.created_at, "
                                              "(SELECT COUNT(*) FROM prompts p WHERE p.dataset_id=d.id) FROM datasets d ";

std::optional<DatasetInfo> Store::dataset(const std::string &name)
{
    auto s = reader().prepare(std::string(kDatasetSelect) + "WHERE d.name=?1");
    s.bind(1, name);
    if (s.step())
        return readDataset(s);
    return std::nullopt;
}

std::vector<DatasetInfo> Store::datasets()
{
    std::vector<DatasetInfo> out;
    auto s = reader().prepare(std::string(kDatasetSelect) + "ORDER BY d.name");
    while (s.step())
        out.push_back(readDataset(s));
    return out;
}

static PromptItem readPrompt(sql::Stmt &s)
{
    PromptItem p;
    p.id = s.i64(0);
    p.idx = int(s.i64(1));
    p.extId = s.text(2);
    p.text = s.text(3);
    p.turnsJson = s.text(4);
    p.category = s.text(5);
    return p;
}

std::vector<PromptItem> Store::prompts(int64_t datasetId)
{
    std::vector<PromptItem> out;
    auto s = reader().prepare("SELECT id, idx, ext_id, text, turns, category FROM prompts WHERE dataset_id=?1 ORDER BY idx");
    s.bind(1, datasetId);
    while (s.step())
        out.push_back(readPrompt(s));
    return out;
}

std::optional<PromptItem> Store::prompt(int64_t promptId)
{
    auto s = reader().prepare("SELECT id, idx, ext_id, text, turns, category FROM prompts WHERE id=?1");
    s.bind(1, promptId);
    if (s.step())
        return readPrompt(s);
    return std::nullopt;
}

// ---- paged views ------------------------------------------------------------------------------------

namespace {
/// A LIKE pattern matching `text` literally anywhere (backslash escapes % and _).
std::string containsPattern(const std::string &text)
{
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

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
        s.bind(2, containsPattern(q.search));
    s.step();
    return s.i64(0);
}

std::vector<PromptSummary> Store::promptWindow(const PromptQuery &q, int64_t offset, int limit)
{
    // Indexed by PromptQuery::Sort.
    static const char *const keys[] = {"idx", "ext_id COLLATE NOCASE", "category COLLATE NOCASE", "length(text)", "text COLLATE NOCASE"};
    const char *key = keys[static_cast<int>(q.sort)];
    const std::string dir = q.descending ? " DESC" : "";
    // idx breaks ties so that pages never overlap or skip rows.
    auto s = reader().prepare("SELECT id, idx, ext_id, substr(text, 1, 300), category, length(text), turns != '' "
                              "FROM prompts " +
                              promptWhere(q) + " ORDER BY " + key + dir + ", idx" + dir + " LIMIT ?3 OFFSET ?4");
    s.bind(1, q.datasetId);
    if (!q.search.empty())
        s.bind(2, containsPattern(q.search));
    s.bind(3, int64_t(limit)).bind(4, offset);
    std::vector<PromptSummary> out;
    while (s.step()) {
        PromptSummary p;
        p.id = s.i64(0);
        p.idx = int(s.i64(1));
        p.extId = s.text(2);
        p.preview = s.text(3);
        p.category = s.text(4);
        p.length = s.i64(5);
        p.multiTurn = s.i64(6) != 0;
        out.push_back(std::move(p));
    }
    return out;
}

namespace {
/// The compare query as SQL: an inner select computes, per prompt, whether each chosen model answered
/// (a<k>), its mean overall score (s<k>) and the spread of its judgments (d<k>); the outer select
/// filters and orders on those columns. Parameters: ?1 dataset, ?2 score run, ?3 search pattern,
/// ?4 score min, ?5 score max, ?6 disagreement, then ?7.. the models.
std::string compareSql(const CompareQuery &q, bool count)
{
    const std::size_t n = q.models.size();
    auto model = [](std::size_t k) { return "?" + std::to_string(7 + k); };
    std::string inner = "SELECT p.id, p.idx, substr(p.text, 1, 300) AS preview, p.text AS text";
    for (std::size_t k = 0; k < n; ++k) {
        const std::string i = std::to_string(k);
        inner += ", EXISTS(SELECT 1 FROM responses r WHERE r.model=" + model(k) +
                 " AND r.prompt_id=p.id AND r.status='ok' AND r.kind='answer') AS a" + i;
        if (q.scoreRunId) {
            const std::string from =
                " FROM judgments j WHERE j.run_id=?2 AND j.prompt_id=p.id AND j.test_model=" + model(k) + " AND j.overall IS NOT NULL)";
            inner += ", (SELECT AVG(j.overall)" + from + " AS s" + i;
            inner += ", (SELECT MAX(j.overall) - MIN(j.overall)" + from + " AS d" + i;
        } else {
            inner += ", NULL AS s" + i + ", NULL AS d" + i;
        }
    }
    inner += " FROM prompts p WHERE p.dataset_id=?1";

    std::string answered = "0";
    for (std::size_t k = 0; k < n; ++k)
        answered += " + a" + std::to_string(k);
    std::vector<std::string> where;
    if (!q.search.empty()) {
        std::string in;
        for (std::size_t k = 0; k < n; ++k)
            in += (k ? "," : "") + model(k);
        where.push_back("(text LIKE ?3 ESCAPE '\\' OR EXISTS(SELECT 1 FROM responses r WHERE r.prompt_id=v.id AND r.model IN (" + in +
                        ") AND r.status='ok' AND r.kind='answer' AND r.text LIKE ?3 ESCAPE '\\'))");
    }
    if (q.answeredByAll)
        where.push_back("(" + answered + ") = " + std::to_string(n));
    auto anyOf = [n](const std::string &test) {
        std::string out;
        for (std::size_t k = 0; k < n; ++k) {
            std::string t = test;
            for (std::size_t pos; (pos = t.find('#')) != std::string::npos;)
                t.replace(pos, 1, std::to_string(k));
            out += (k ? " OR " : "") + t;
        }
        return "(" + (out.empty() ? std::string("0") : out) + ")";
    };
    if (q.scoreRunId && (q.scoreMin || q.scoreMax))
        where.push_back(anyOf("(s# >= ?4 AND s# <= ?5)"));
    if (q.scoreRunId && q.disagreement)
        where.push_back(anyOf("d# >= ?6"));

    std::string sql = count ? "SELECT COUNT(*)" : "SELECT id, idx, preview, " + answered + " AS answered";
    if (!count)
        for (std::size_t k = 0; k < n; ++k)
            sql += ", a" + std::to_string(k) + ", s" + std::to_string(k) + ", d" + std::to_string(k);
    sql += " FROM (" + inner + ") v";
    for (std::size_t i = 0; i < where.size(); ++i)
        sql += (i ? " AND " : " WHERE ") + where[i];
    if (!count) {
        const std::string dir = q.descending ? " DESC" : "";
        std::string key = "idx";
        if (q.sortColumn == 1)
            key = "text COLLATE NOCASE";
        else if (q.sortColumn == 2)
            key = "answered";
        else if (q.sortColumn >= 3 && std::size_t(q.sortColumn - 3) < n)
            key = "s" + std::to_string(q.sortColumn - 3) + " IS NULL, s" + std::to_string(q.sortColumn - 3);
        sql += " ORDER BY " + key + dir + ", idx" + dir + " LIMIT ?" + std::to_string(7 + n) + " OFFSET ?" + std::to_string(8 + n);
    }
    return sql;
}

void bindCompare(sql::Stmt &s, const CompareQuery &q)
{
    s.bind(1, q.datasetId).bind(2, q.scoreRunId);
    s.bind(3, containsPattern(q.search));
    s.bind(4, q.scoreMin.value_or(-1e300)).bind(5, q.scoreMax.value_or(1e300));
    s.bind(6, q.disagreement.value_or(0.0));
    for (std::size_t k = 0; k < q.models.size(); ++k)
        s.bind(int(7 + k), q.models[k]);
}
} // namespace

int64_t Store::countCompare(const CompareQuery &q)
{
    if (q.models.empty())
        return 0;
    auto s = reader().prepare(compareSql(q, true));
    bindCompare(s, q);
    s.step();
    return s.i64(0);
}

std::vector<CompareSummary> Store::compareWindow(const CompareQuery &q, int64_t offset, int limit)
{
    if (q.models.empty())
        return {};
    auto s = reader().prepare(compareSql(q, false));
    bindCompare(s, q);
    const std::size_t n = q.models.size();
    s.bind(int(7 + n), int64_t(limit)).bind(int(8 + n), offset);
    std::vector<CompareSummary> out;
    while (s.step()) {
        CompareSummary c;
        c.promptId = s.i64(0);
        c.idx = int(s.i64(1));
        c.preview = s.text(2);
        c.answered = int(s.i64(3));
        for (std::size_t k = 0; k < n; ++k) {
            c.has.push_back(s.i64(int(4 + 3 * k)) != 0);
            c.score.push_back(s.optF64(int(5 + 3 * k)));
            c.spread.push_back(s.optF64(int(6 + 3 * k)));
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::unordered_map<std::string, std::string> Store::answersToPrompt(int64_t promptId, const std::vector<std::string> &models)
{
    std::unordered_map<std::string, std::string> out;
    // Imports sort last so they win; among API answers the newest wins (as in answers()).
    auto s = reader().prepare("SELECT model, text FROM responses WHERE prompt_id=?1 AND model=?2 AND status='ok' "
                              "AND kind='answer' ORDER BY (source='import') DESC, id DESC LIMIT 1");
    for (const auto &m : models) {
        s.reset();
        s.bind(1, promptId).bind(2, m);
        if (s.step())
            out.emplace(m, s.text(1));
    }
    return out;
}

// ---- responses ------------------------------------------------------------------------------------

static constexpr const char *kResponseUpsert =
    "INSERT INTO responses(request_key, model, prompt_id, kind, status, text, reasoning, tokens_in, tokens_out, "
    "latency_ms, cost, http_status, attempts, error, raw, request, source, run_id, finish_reason, tokens_reasoning, refusal) "
    "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21) "
    "ON CONFLICT(request_key) DO UPDATE SET model=excluded.model, prompt_id=excluded.prompt_id, "
    "kind=excluded.kind, status=excluded.status, text=excluded.text, reasoning=excluded.reasoning, "
    "tokens_in=excluded.tokens_in, tokens_out=excluded.tokens_out, latency_ms=excluded.latency_ms, "
    "cost=excluded.cost, http_status=excluded.http_status, attempts=responses.attempts+excluded.attempts, "
    "error=excluded.error, raw=excluded.raw, request=excluded.request, source=excluded.source, "
    "run_id=excluded.run_id, finish_reason=excluded.finish_reason, tokens_reasoning=excluded.tokens_reasoning, "
    "refusal=excluded.refusal, created_at=strftime('%Y-%m-%dT%H:%M:%fZ','now') "
    // An ok answer is never replaced by anything else, and an error never replaces a paid answer
    // (an empty / refused / filtered / truncated one is kept until a retry brings a better one).
    "WHERE NOT (responses.status='ok' AND excluded.status<>'ok') AND NOT (responses.status<>'error' AND excluded.status='error')";

void Store::putResponse(const ResponseRecord &r, std::function<void(const std::string &)> onDone)
{
    post(
        [r](sql::Db &db) {
            auto s = db.prepare(kResponseUpsert);
            bindResponse(s, r);
            s.run();
        },
        std::move(onDone));
}

bool Store::importResponses(const std::vector<ResponseRecord> &rs, std::string *error)
{
    return execSync(
        [&](sql::Db &db) {
            auto s = db.prepare(kResponseUpsert);
            for (const auto &r : rs) {
                bindResponse(s, r);
                s.run();
            }
        },
        error);
}

std::optional<ResponseRecord> Store::responseByKey(const std::string &key)
{
    auto s = reader().prepare(std::string("SELECT ") + kResponseColumns + " FROM responses WHERE request_key=?1");
    s.bind(1, key);
    if (s.step())
        return readResponse(s);
    return std::nullopt;
}

std::unordered_map<std::string, ResponseRecord> Store::okResponses(const std::vector<std::string> &keys)
{
    std::unordered_map<std::string, ResponseRecord> out;
    auto s = reader().prepare(std::string("SELECT ") + kResponseColumns + " FROM responses WHERE request_key=?1 AND status='ok'");
    for (const auto &k : keys) {
        s.bind(1, k);
        if (s.step())
            out.emplace(k, readResponse(s));
        s.reset();
    }
    return out;
}

std::unordered_map<int64_t, ResponseRecord> Store::answers(const std::string &model, int64_t datasetId)
{
    std::unordered_map<int64_t, ResponseRecord> out;
    // Imports sort last so they win; among API answers the newest wins.
    auto s =
        reader().prepare(std::string("SELECT ") + "r.id, r.request_key, r.model, r.prompt_id, r.kind, r.status, "
                                                  "r.text, r.reasoning, r.tokens_in, r.tokens_out, r.latency_ms, r.cost, r.http_status, "
                                                  "r.attempts, r.error, r.raw, r.request, r.source, r.run_id, r.finish_reason "
                                                  "FROM responses r JOIN prompts p ON p.id=r.prompt_id "
                                                  "WHERE p.dataset_id=?1 AND r.model=?2 AND r.status='ok' AND r.kind='answer' "
                                                  "ORDER BY (r.source='import'), r.id");
    s.bind(1, datasetId).bind(2, model);
    while (s.step()) {
        ResponseRecord r = readResponse(s);
        out[r.promptId] = std::move(r);
    }
    return out;
}

int64_t Store::answerCount(const std::string &model, int64_t datasetId)
{
    auto s = reader().prepare("SELECT COUNT(DISTINCT r.prompt_id) FROM responses r JOIN prompts p ON p.id=r.prompt_id "
                              "WHERE p.dataset_id=?1 AND r.model=?2 AND r.status='ok' AND r.kind='answer'");
    s.bind(1, datasetId).bind(2, model);
    s.step();
    return s.i64(0);
}

std::map<std::string, int64_t> Store::answerStatusCounts(const std::string &model, int64_t datasetId)
{
    std::map<std::string, int64_t> out;
    auto s = reader().prepare("SELECT status, COUNT(*) FROM (SELECT r.status, ROW_NUMBER() OVER (PARTITION BY r.prompt_id "
                              "ORDER BY (r.status='ok') DESC, r.id DESC) AS rn FROM responses r JOIN prompts p ON p.id=r.prompt_id "
                              "WHERE p.dataset_id=?1 AND r.model=?2 AND r.kind='answer') WHERE rn=1 GROUP BY status");
    s.bind(1, datasetId).bind(2, model);
    while (s.step())
        out[s.text(0)] = s.i64(1);
    return out;
}

std::vector<std::string> Store::modelsWithAnswers(int64_t datasetId)
{
    std::vector<std::string> out;
    auto s = reader().prepare("SELECT DISTINCT r.model FROM responses r JOIN prompts p ON p.id=r.prompt_id "
                              "WHERE p.dataset_id=?1 AND r.status='ok' AND r.kind='answer' ORDER BY r.model");
    s.bind(1, datasetId);
    while (s.step())
        out.push_back(s.text(0));
    return out;
}

int64_t Store::responseCount()
{
    auto s = reader().prepare("SELECT COUNT(*) FROM responses");
    s.step();
    return s.i64(0);
}

Store::RunTokens Store::runTokens(int64_t runId)
{
    auto s = reader().prepare("SELECT COALESCE(SUM(tokens_in),0), COALESCE(SUM(tokens_out),0) FROM responses WHERE run_id=?1");
    s.bind(1, runId);
    RunTokens t;
    if (s.step()) {
        t.in = s.i64(0);
        t.out = s.i64(1);
    }
    return t;
}

std::unordered_map<std::string, std::unordered_map<int64_t, std::string>> Store::answerTexts(int64_t datasetId,
                                                                                             const std::vector<std::string> &models)
{
    std::unordered_map<std::string, std::unordered_map<int64_t, std::string>> out;
    // The rule of answers() (imports win, then the newest id) is applied here rather than with
    // ORDER BY, which would make SQLite copy every text through a temporary sort b-tree (2-3x slower).
    // rank = (is ok, is import, id); a row replaces the kept one only when its rank is higher.
    // An empty answer is an answer with no words (similar to nothing), so it takes part, as an empty
    // text, unless the model also has an ok answer to that prompt.
    using Rank = std::tuple<bool, bool, int64_t>;
    std::unordered_map<std::string, std::unordered_map<int64_t, Rank>> rank;
    // Chunks keep the IN list below SQLite's bound-parameter limit.
    constexpr std::size_t kChunk = 500;
    for (std::size_t begin = 0; begin < models.size(); begin += kChunk) {
        const std::size_t end = models.size() - begin > kChunk ? begin + kChunk : models.size();
        std::string in;
        for (std::size_t i = begin; i < end; ++i)
            in += (i == begin ? "?" : ",?") + std::to_string(i - begin + 2);
        auto s = reader().prepare("SELECT r.model, r.prompt_id, r.source='import', r.id, r.text, r.status='ok' "
                                  "FROM responses r JOIN prompts p ON p.id=r.prompt_id "
                                  "WHERE p.dataset_id=?1 AND r.model IN (" +
                                  in +
                                  ") AND r.status IN ('ok','empty') "
                                  "AND r.kind='answer'");
        s.bind(1, datasetId);
        for (std::size_t i = begin; i < end; ++i)
            s.bind(static_cast<int>(i - begin + 2), models[i]);
        std::string model;
        std::unordered_map<int64_t, std::string> *texts = nullptr;
        std::unordered_map<int64_t, Rank> *ranks = nullptr;
        while (s.step()) {
            std::string m = s.text(0);
            if (!texts || m != model) {
                model = std::move(m);
                texts = &out[model];
                ranks = &rank[model];
            }
            const int64_t promptId = s.i64(1);
            const Rank r{s.i64(5) != 0, s.i64(2) != 0, s.i64(3)};
            auto [it, fresh] = ranks->try_emplace(promptId, r);
            if (!fresh) {
                if (r < it->second)
                    continue;
                it->second = r;
            }
            (*texts)[promptId] = s.text(4);
        }
    }
    return out;
}

// ---- runs -----------------------------------------------------------------------------------------

bool Store::createRun(RunInfo &run, std::string *error)
{
    int64_t id = 0;
    const bool ok = execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("INSERT INTO runs(name, kind, status, config, message) VALUES(?1,?2,?3,?4,?5)");
            s.bind(1, run.name).bind(2, run.kind).bind(3, run.status.empty() ? "created" : run.status);
            s.bind(4, run.configJson.empty() ? "{}" : run.configJson).bind(5, run.message).run();
            id = db.lastInsertId();
        },
        error);
    if (ok)
        run.id = id;
    return ok;
}

std::optional<RunInfo> Store::run(int64_t id)
{
    auto s = reader().prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id=?1");
    s.bind(1, id);
    if (s.step())
        return readRun(s);
    return std::nullopt;
}

std::optional<RunInfo> Store::run(const std::string &idOrName)
{
    if (!idOrName.empty() && idOrName.find_first_not_of("0123456789") == std::string::npos) {
        if (auto r = run(int64_t(std::stoll(idOrName))))
            return r;
    }
    auto s = reader().prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE name=?1 ORDER BY id DESC");
    s.bind(1, idOrName);
    if (s.step())
        return readRun(s);
    return std::nullopt;
}

std::vector<RunInfo> Store::runs()
{
    std::vector<RunInfo> out;
    auto s = reader().prepare(std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id");
    while (s.step())
        out.push_back(readRun(s));
    return out;
}

void Store::setRunStatus(int64_t runId, const std::string &status, const std::string &message)
{
    post([=](sql::Db &db) {
        auto s = db.prepare("UPDATE runs SET status=?2, message=?3, "
                            "updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id=?1");
        s.bind(1, runId).bind(2, status).bind(3, redactSecrets(message)).run();
    });
}

void Store::updateRunConfig(int64_t runId, const std::string &configJson)
{
    post([=](sql::Db &db) {
        auto s = db.prepare("UPDATE runs SET config=?2 WHERE id=?1");
        s.bind(1, runId).bind(2, configJson).run();
    });
}

void Store::addEvent(const RunEvent &e)
{
    post([e](sql::Db &db) {
        auto s = db.prepare("INSERT INTO run_events(run_id, level, kind, message) VALUES(?1,?2,?3,?4)");
        s.bind(1, e.runId).bind(2, e.level).bind(3, e.kind).bind(4, redactSecrets(e.message)).run();
    });
}

std::vector<RunEvent> Store::events(int64_t runId, int limit)
{
    std::vector<RunEvent> out;
    auto s = reader().prepare("SELECT run_id, level, kind, message, ts FROM run_events WHERE run_id=?1 ORDER BY id DESC LIMIT ?2");
    s.bind(1, runId).bind(2, limit);
    while (s.step())
        out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    return out;
}

// ---- judgments ------------------------------------------------------------------------------------

void Store::putJudgment(const Judgment &j, std::function<void(const std::string &)> onDone)
{
    post(
        [j](sql::Db &db) {
            auto s = db.prepare("INSERT INTO judgments(run_id, prompt_id, dataset, test_model, ref_model, judge_model, ord, request_key, "
                                "style, logic, content, overall, rationale, raw, parse_status, flagged) "
                                "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) "
                                "ON CONFLICT(run_id, prompt_id, test_model, judge_model, ord) DO UPDATE SET "
                                "request_key=excluded.request_key, style=excluded.style, logic=excluded.logic, "
                                "content=excluded.content, overall=excluded.overall, rationale=excluded.rationale, raw=excluded.raw, "
                                "parse_status=excluded.parse_status, flagged=excluded.flagged");
            s.bind(1, j.runId).bind(2, j.promptId).bind(3, j.dataset).bind(4, j.testModel).bind(5, j.refModel);
            s.bind(6, j.judgeModel).bind(7, j.order).bind(8, j.requestKey);
            s.bind(9, j.style ? std::optional<int64_t>(*j.style) : std::nullopt);
            s.bind(10, j.logic ? std::optional<int64_t>(*j.logic) : std::nullopt);
            s.bind(11, j.content ? std::optional<int64_t>(*j.content) : std::nullopt);
            s.bind(12, j.overall).bind(13, j.rationale).bind(14, j.raw).bind(15, j.parseStatus);
            s.bind(16, int64_t(j.flagged ? 1 : 0)).run();
        },
        std::move(onDone));
}

/// The judgments SELECT. `rationale` and `raw` are column expressions, so that views which do not show
/// the judge's texts need not read them ('' reads nothing).
static std::string judgmentSelect(const char *rationale = "rationale", const char *raw = "raw")
{
    return std::string("SELECT id, run_id, prompt_id, dataset, test_model, ref_model, judge_model, ord, request_key, style, logic, "
                       "content, overall, ") +
           rationale + ", " + raw + ", parse_status, flagged FROM judgments ";
}

static std::vector<Judgment> readJudgments(sql::Stmt &s)
{
    std::vector<Judgment> out;
    while (s.step()) {
        Judgment j;
        j.id = s.i64(0);
        j.runId = s.i64(1);
        j.promptId = s.i64(2);
        j.dataset = s.text(3);
        j.testModel = s.text(4);
        j.refModel = s.text(5);
        j.judgeModel = s.text(6);
        j.order = s.text(7);
        j.requestKey = s.text(8);
        if (!s.isNull(9))
            j.style = int(s.i64(9));
        if (!s.isNull(10))
            j.logic = int(s.i64(10));
        if (!s.isNull(11))
            j.content = int(s.i64(11));
        j.overall = s.optF64(12);
        j.rationale = s.text(13);
        j.raw = s.text(14);
        j.parseStatus = s.text(15);
        j.flagged = s.i64(16) != 0;
        out.push_back(std::move(j));
    }
    return out;
}

std::vector<Judgment> Store::judgments(int64_t runId)
{
    auto s = reader().prepare(judgmentSelect() + "WHERE run_id=?1 ORDER BY id");
    s.bind(1, runId);
    return readJudgments(s);
}

std::vector<Judgment> Store::judgmentScores(int64_t runId)
{
    // The rationale only where the judgment failed: that is where it says why.
    auto s = reader().prepare(judgmentSelect("CASE WHEN parse_status='error' OR overall IS NULL THEN rationale ELSE '' END", "''") +
                              "WHERE run_id=?1 ORDER BY id");
    s.bind(1, runId);
    return readJudgments(s);
}

std::vector<Judgment> Store::judgmentsOf(int64_t runId, const std::string &testModel, const std::string &dataset)
{
    // No raw replies: the drill-down shows rationales, and raw replies would triple what is read.
    auto s = reader().prepare(judgmentSelect("rationale", "''") + "WHERE run_id=?1 AND test_model=?2 AND dataset=?3 ORDER BY id");
    s.bind(1, runId).bind(2, testModel).bind(3, dataset);
    return readJudgments(s);
}

std::vector<Judgment> Store::judgmentsOfPrompt(int64_t runId, int64_t promptId)
{
    auto s = reader().prepare(judgmentSelect() + "WHERE run_id=?1 AND prompt_id=?2 ORDER BY test_model, judge_model, ord");
    s.bind(1, runId).bind(2, promptId);
    return readJudgments(s);
}

bool Store::backupTo(const std::string &target, std::string *error)
{
    return execSync(
        [&](sql::Db &db) {
            // VACUUM cannot run inside a transaction: leave the batch transaction for a moment.
            db.exec("RELEASE item");
            db.exec("COMMIT");
            try {
                auto s = db.prepare("VACUUM INTO ?1");
                s.bind(1, target).run();
            } catch (...) {
                db.exec("BEGIN IMMEDIATE");
                db.exec("SAVEPOINT item");
                throw;
            }
            db.exec("BEGIN IMMEDIATE");
            db.exec("SAVEPOINT item");
        },
        error);
}

} // namespace ds
