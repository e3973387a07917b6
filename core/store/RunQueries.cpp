// Store's run queries (tables `runs`, `run_events`): runs, their status and events, and their progress.
// Run leases are in RunLeases.cpp.
#include "store/Store.h"

#include "store/Sql.h"
#include "util/Secrets.h"

namespace ds {

namespace {

RunInfo readRun(sql::Stmt &s)
{
    RunInfo r;
    r.id = s.i64(0);
    r.name = s.text(1);
    r.kind = runKindFromName(s.text(2));
    r.status = runStatusFromName(s.text(3));
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

bool Store::createRun(RunInfo &run, std::string *error)
{
    int64_t id = 0;
    const bool ok = execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("INSERT INTO runs(name, kind, status, config, message) VALUES(?1,?2,?3,?4,?5)");
            s.bindAll(run.name, runKindName(run.kind), std::string(runStatusName(run.status)));
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

void Store::setRunStatus(int64_t runId, RunStatus status, const std::string &message)
{
    post([=](sql::Db &db) {
        auto s = db.prepare("UPDATE runs SET status=?2, message=?3, "
                            "updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id=?1");
        s.bindAll(runId, std::string(runStatusName(status)), redactSecrets(message)).run();
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
        s.bindAll(e.runId, e.level, e.kind, redactSecrets(e.message)).run();
    });
}

void Store::addRunSession(const RunSession &rs)
{
    post([rs](sql::Db &db) {
        auto s = db.prepare("INSERT INTO run_sessions(run_id, started_at, status, message, counters) VALUES(?1,?2,?3,?4,?5)");
        s.bindAll(rs.runId, rs.startedAt, std::string(runStatusName(rs.status)), redactSecrets(rs.message), redactSecrets(rs.countersJson))
            .run();
    });
}

std::vector<RunSession> Store::runSessions(int64_t runId)
{
    std::vector<RunSession> out;
    auto s =
        reader().prepare("SELECT run_id, started_at, ended_at, status, message, counters FROM run_sessions WHERE run_id=?1 ORDER BY id");
    s.bind(1, runId);
    while (s.step())
        out.push_back({s.i64(0), s.text(1), s.text(2), runStatusFromName(s.text(3)), s.text(4), s.text(5)});
    return out;
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

} // namespace ds
