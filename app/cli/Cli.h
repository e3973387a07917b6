#pragma once
// Command registry for distillscope-cli. Each command group lives in its own cmd_*.cpp file and
// registers itself with a static CommandRegistrar, so adding a command never touches main().
// Every command declares its options (per subcommand where it has them); the command line is
// checked against them before the command runs, so a typo or a malformed value is an error that
// names it, never an option silently ignored or parsed as 0.
#include "util/Types.h" // RunKind

#include <QString>
#include <QStringList>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace ds {
class Store;
class Job;
struct RunInfo;
} // namespace ds

namespace ds::cli {

/// What an option's value must look like; checked once, before the command runs.
enum class OptionKind {
    Flag,   ///< `--swap`: no value
    Text,   ///< any string
    List,   ///< "a,b,c": non-empty comma-separated list
    Count,  ///< integer in [min, max] (default 0 .. INT_MAX)
    Seed,   ///< unsigned 64-bit integer
    Number, ///< finite number in [min, max] (default 0 .. inf)
    Choice, ///< one of `choices`
};

/// One declared option. Build with the helpers in `opt` below, e.g. `opt::number("spend-limit")`.
struct Option {
    const char *name = ""; ///< without the leading "--"
    OptionKind kind = OptionKind::Text;
    std::vector<const char *> choices; ///< Choice only
    double min = 0;                    ///< Count and Number
    double max = 0;                    ///< Count and Number; 0 = the kind's own maximum
    bool repeatable = false;           ///< may be given several times (read with Args::values)

    Option &range(double lo, double hi)
    {
        min = lo;
        max = hi;
        return *this;
    }
    Option &repeated()
    {
        repeatable = true;
        return *this;
    }
};

namespace opt {
inline Option make(const char *name, OptionKind kind, std::vector<const char *> choices = {})
{
    Option o;
    o.name = name;
    o.kind = kind;
    o.choices = std::move(choices);
    return o;
}
inline Option flag(const char *name)
{
    return make(name, OptionKind::Flag);
}
inline Option text(const char *name)
{
    return make(name, OptionKind::Text);
}
inline Option list(const char *name)
{
    return make(name, OptionKind::List);
}
inline Option count(const char *name)
{
    return make(name, OptionKind::Count);
}
inline Option seed(const char *name)
{
    return make(name, OptionKind::Seed);
}
inline Option number(const char *name)
{
    return make(name, OptionKind::Number);
}
inline Option choice(const char *name, std::vector<const char *> choices)
{
    return make(name, OptionKind::Choice, std::move(choices));
}
} // namespace opt

/// The options of one subcommand (`sub` is its word, e.g. "add"), or of the whole command when
/// `sub` is empty (options every subcommand accepts).
struct OptionGroup {
    QString sub;
    std::vector<Option> options;
};

struct Command;

/// A command line after the command name, checked against the command's declared options.
/// Options are `--name VALUE`, `--name=VALUE` or `--flag`; `--` ends the options.
class Args {
public:
    /// Parses `rest` for `command`. On a bad command line returns nullopt and sets `error` to a
    /// message naming the offending option and value.
    static std::optional<Args> parse(const Command &command, const QStringList &rest, const QString &dbPath, QString *error);

    /// Positional arguments, in order (the subcommand word first, when there is one).
    const QStringList &positional() const { return m_positional; }
    /// Value of `--name VALUE`; nullopt when absent. For every kind but Flag.
    std::optional<QString> value(const QString &name) const;
    QString value(const QString &name, const QString &fallback) const;
    /// Every value of a repeatable option, in order.
    QStringList values(const QString &name) const;
    bool flag(const QString &name) const;
    /// Typed values (already validated by parse()); the fallback when the option is absent.
    std::optional<int> count(const QString &name) const;
    int count(const QString &name, int fallback) const;
    std::optional<quint64> seed(const QString &name) const;
    quint64 seed(const QString &name, quint64 fallback) const;
    std::optional<double> number(const QString &name) const;
    double number(const QString &name, double fallback) const;
    /// The database file: `--db FILE` or the default under QStandardPaths::AppDataLocation.
    QString dbPath() const { return m_db; }

private:
    Args() = default;
    QStringList m_positional;
    std::map<QString, QStringList> m_values; ///< option name -> values given (flags: one empty value)
    QString m_db;
};

struct Command {
    QString name;                          ///< first word on the command line, e.g. "rse"
    QString summary;                       ///< one line for `--help`
    QString usage;                         ///< full usage text (also used to generate the man page)
    std::function<int(Args &)> run;        ///< returns the process exit code
    std::vector<OptionGroup> options = {}; ///< every option the command accepts (`--db` is implied)
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
/// "3m05s" / "1h04m"; "?" for an unknown (negative) time.
QString durationText(double seconds);

/// Run kinds other than RSE (ICE, ...) plug their `run resume` and `report` behaviour in here.
struct RunKindHandler {
    std::function<int(Args &, Store &, const RunInfo &)> resume;
    std::function<int(Args &, Store &, const RunInfo &)> report;
};
std::map<RunKind, RunKindHandler> &runKinds();
struct RunKindRegistrar {
    RunKindRegistrar(RunKind kind, RunKindHandler h) { runKinds()[kind] = std::move(h); }
};

/// Writes a result to --out FILE (announced on stderr) or to stdout.
int writeOutput(const Args &args, const std::string &text);

/// Splits "a,b,c" into trimmed non-empty parts.
QStringList splitList(const QString &s);

} // namespace ds::cli
