// Run leases: one driver per run. The lease lives in the runs row, so a second process (CLI or GUI)
// sees it at once; a heartbeat keeps it, and a holder that stops beating (or a dead pid on this host)
// loses it. Taken and checked inside one BEGIN IMMEDIATE transaction, so two drivers cannot both win.
#include "store/Sql.h"
#include "store/StoreImpl.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <mutex>
#include <set>
#include <unistd.h>

namespace ds {

namespace {

double nowS()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string hostName()
{
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0)
        return "unknown-host";
    return buf;
}

/// Lease owners alive in this process: a lease of this pid whose owner is not here was left behind by
/// a job that could not write its release (a full disk) and is free.
std::mutex g_liveMutex;
std::set<std::string> g_liveOwners;

bool ownerAlive(const std::string &owner)
{
    std::lock_guard lock(g_liveMutex);
    return g_liveOwners.count(owner) > 0;
}

struct LeaseRow {
    std::string owner, host, since, status;
    int64_t pid = 0;
    double beat = 0;
};

bool readLease(sql::Db &db, int64_t runId, LeaseRow *row)
{
    auto s = db.prepare("SELECT lease_owner, lease_pid, lease_host, lease_since, lease_beat, status FROM runs WHERE id=?1");
    s.bind(1, runId);
    if (!s.step())
        return false;
    row->owner = s.text(0);
    row->pid = s.i64(1);
    row->host = s.text(2);
    row->since = s.text(3);
    row->beat = s.f64(4);
    row->status = s.text(5);
    return true;
}

/// True when the holder can no longer be driving the run.
bool holderGone(const LeaseRow &l)
{
    if (l.owner.empty())
        return true;
    if (nowS() - l.beat > Store::kLeaseTtlS)
        return true;
    if (l.host == hostName() && l.pid == int64_t(getpid()))
        return !ownerAlive(l.owner);
    if (l.host == hostName() && l.pid > 0)
        return ::kill(pid_t(l.pid), 0) != 0 && errno == ESRCH;
    return false;
}

} // namespace

Store::Lease Store::acquireRunLease(int64_t runId, const std::string &owner, std::string *refusal)
{
    Lease outcome = Lease::HeldByOther;
    std::string why;
    std::string error;
    const bool ok = execSync(
        [&](sql::Db &db) {
            LeaseRow l;
            if (!readLease(db, runId, &l)) {
                why = "no run with id " + std::to_string(runId);
                outcome = Lease::NoSuchRun;
                return;
            }
            if (l.owner != owner && !holderGone(l)) {
                why = "run " + std::to_string(runId) + " is being driven by pid " + std::to_string(l.pid) + " on " + l.host + " since " +
                      l.since + " (one driver per run; wait for it, or stop it first)";
                return;
            }
            auto s = db.prepare("UPDATE runs SET lease_owner=?2, lease_pid=?3, lease_host=?4, "
                                "lease_since=strftime('%Y-%m-%dT%H:%M:%SZ','now'), lease_beat=?5 WHERE id=?1");
            s.bindAll(runId, owner, int64_t(getpid()), hostName(), nowS()).run();
            outcome = Lease::Taken;
            std::lock_guard lock(g_liveMutex);
            g_liveOwners.insert(owner);
        },
        &error);
    if (!ok) {
        why = "cannot take the run's lease: " + error;
        outcome = Lease::StorageFailed;
        std::lock_guard lock(g_liveMutex);
        g_liveOwners.erase(owner);
    }
    if (outcome != Lease::Taken && refusal)
        *refusal = why;
    return outcome;
}

bool Store::renewRunLease(int64_t runId, const std::string &owner)
{
    bool ours = false;
    std::string error;
    execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("UPDATE runs SET lease_beat=?3 WHERE id=?1 AND lease_owner=?2");
            s.bindAll(runId, owner, nowS()).run();
            ours = db.changes() == 1;
        },
        &error);
    return ours;
}

void Store::releaseRunLease(int64_t runId, const std::string &owner)
{
    {
        std::lock_guard lock(g_liveMutex);
        g_liveOwners.erase(owner);
    }
    std::string error;
    execSync(
        [&](sql::Db &db) {
            auto s = db.prepare("UPDATE runs SET lease_owner='', lease_pid=0, lease_host='', lease_since='', lease_beat=0 "
                                "WHERE id=?1 AND lease_owner=?2");
            s.bind(1, runId).bind(2, owner).run();
        },
        &error);
}

int Store::recoverAbandonedRuns()
{
    int recovered = 0;
    std::string error;
    execSync(
        [&](sql::Db &db) {
            std::vector<int64_t> gone;
            {
                auto s = db.prepare("SELECT id FROM runs WHERE status='running'");
                while (s.step())
                    gone.push_back(s.i64(0));
            }
            for (int64_t id : gone) {
                LeaseRow l;
                if (!readLease(db, id, &l) || !holderGone(l))
                    continue;
                auto u = db.prepare("UPDATE runs SET status='paused', message=?2, lease_owner='', lease_pid=0, lease_host='', "
                                    "lease_since='', lease_beat=0, updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id=?1");
                u.bind(1, id)
                    .bind(2, "interrupted: the process driving it stopped" +
                                 (l.pid ? " (pid " + std::to_string(l.pid) + ")" : std::string()) + "; resume it with `run resume " +
                                 std::to_string(id) + "`")
                    .run();
                ++recovered;
            }
        },
        &error);
    return recovered;
}

void Store::addRunSpend(int64_t runId, double usd)
{
    if (usd <= 0)
        return;
    post([=](sql::Db &db) {
        auto s = db.prepare("UPDATE runs SET spent=spent+?2 WHERE id=?1");
        s.bind(1, runId).bind(2, usd).run();
    });
}

} // namespace ds
