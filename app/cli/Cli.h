#pragma once
// Command registry for distillscope-cli. Each command group lives in its own cmd_*.cpp file and
// registers itself with a static CommandRegistrar, so adding a command never touches main().
#include <QString>
#include <QStringList>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace ds {
class Store;
class Job;
struct RunInfo;
} // namespace ds

namespace ds::cli {

/// Parsed command line after the command name. Options are `--name value` or `--flag`.
class Args {
public:
    Args(QStringList rest, QString dbPath) : m_rest(std::move(rest)), m_db(std::move(dbPath)) {}
    /// Positional arguments (anything not starting with "--" and not consumed as an option value).
    QStringList positional() const;
    /// Value of `--name VALUE` (or `--name=VALUE`); nullopt when absent.
    std::optional<QString> value(const QString &name) const;
    QString value(const QString &name, const QString &fallback) const;
    bool flag(const QString &name) const;
    /// The database file: `--db FILE` or the default under QStandardPaths::AppDataLocation.
    QString dbPath() const { return m_db; }
    const QStringList &raw() const { return m_rest; }

private:
    QStringList m_rest;
    QString m_db;
};

struct Command {
    QString name;                   ///< first word on the command line, e.g. "rse"
    QString summary;                ///< one line for `--help`
    QString usage;                  ///< full usage text (also used to generate the man page)
    std::function<int(Args &)> run; ///< returns the process exit code
};

std::map<QString, Command> &commands();

struct CommandRegistrar {
    explicit CommandRegistrar(Command c) { commands()[c.name] = std::move(c); }
};

/// Printing helpers: results to stdout, everything else (progress, errors) to stderr.
void out(const QString &line);
void err(const QString &line);
/// Prints "error: <message>" to stderr and returns exit code 2 (usage) or 1 (failure).
int fail(const QString &message, int code = 1);

/// Opens the store named by --db; prints the error and returns nullptr on failure.
std::unique_ptr<Store> openStore(const Args &args);

/// Runs a job to its end with progress on stderr (one line, refreshed); Ctrl-C / SIGTERM stop sending
/// and keep what is in flight (a second Ctrl-C aborts it). Returns the JobResult's exit code: 0
/// complete, 1 failed, 3 paused or cancelled, 4 incomplete, 5 run driven by another process.
int runJobWithProgress(Job &job, const QString &label);

/// Run kinds other than RSE (ICE, ...) plug their `run resume` and `report` behaviour in here.
struct RunKindHandler {
    std::function<int(Args &, Store &, const RunInfo &)> resume;
    std::function<int(Args &, Store &, const RunInfo &)> report;
};
std::map<QString, RunKindHandler> &runKinds();
struct RunKindRegistrar {
    RunKindRegistrar(const QString &kind, RunKindHandler h) { runKinds()[kind] = std::move(h); }
};

/// Writes a result to --out FILE (announced on stderr) or to stdout.
int writeOutput(const Args &args, const std::string &text);

/// Splits "a,b,c" into trimmed non-empty parts.
QStringList splitList(const QString &s);

} // namespace ds::cli
