#include "Cli.h"

#include "util/SafeFile.h"
#include "util/Secrets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace ds::cli {

namespace {

const Option kDbOption = opt::text("db");

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

QString joinedChoices(const std::vector<const char *> &choices)
{
    QStringList names;
    for (const char *c : choices)
        names << QString::fromLatin1(c);
    return names.join(QStringLiteral(", "));
}

/// Empty when `value` is acceptable for `o`, else what is wrong with it.
QString checkValue(const Option &o, const QString &value)
{
    const QString dashed = QLatin1String("--") + QLatin1String(o.name);
    const QString got = QStringLiteral(", got '%1'").arg(value);
    switch (o.kind) {
    case OptionKind::Flag:
    case OptionKind::Text:
        return {};
    case OptionKind::List:
        return splitList(value).isEmpty() ? dashed + QStringLiteral(" needs a comma-separated list of names") + got : QString();
    case OptionKind::Choice:
        for (const char *c : o.choices)
            if (value == QLatin1String(c))
                return {};
        return dashed + QStringLiteral(" must be one of %1").arg(joinedChoices(o.choices)) + got;
    case OptionKind::Seed: {
        bool ok = false;
        value.toULongLong(&ok, 10);
        return ok && !value.trimmed().startsWith(QLatin1Char('-')) ? QString()
                                                                   : dashed + QStringLiteral(" needs a non-negative integer") + got;
    }
    case OptionKind::Count: {
        bool ok = false;
        const qlonglong x = value.toLongLong(&ok, 10);
        const double hi = o.max > 0 ? o.max : double(std::numeric_limits<int>::max());
        if (ok && x >= o.min && x <= hi)
            return {};
        return dashed + QStringLiteral(" needs an integer from %1 to %2").arg(qlonglong(o.min)).arg(qlonglong(hi)) + got;
    }
    case OptionKind::Number: {
        bool ok = false;
        const double x = value.toDouble(&ok);
        const double hi = o.max > 0 ? o.max : std::numeric_limits<double>::max();
        if (ok && std::isfinite(x) && x >= o.min && x <= hi)
            return {};
        return dashed +
               (o.max > 0 ? QStringLiteral(" needs a number from %1 to %2").arg(o.min).arg(o.max)
                          : QStringLiteral(" needs a number of at least %1").arg(o.min)) +
               got;
    }
    }
    return {};
}

} // namespace

// Kept whole (~85 lines): one pass over the arguments; each branch is one option syntax.
std::optional<Args> Args::parse(const Command &command, const QStringList &rest, const QString &dbPath, QString *error)
{
    QStringList subcommands;
    for (const auto &g : command.options)
        if (!g.sub.isEmpty())
            subcommands << g.sub;
    // The subcommand is the first word, as every usage text writes it.
    const QString sub =
        !subcommands.isEmpty() && !rest.isEmpty() && !rest.first().startsWith(QLatin1String("--")) ? rest.first() : QString();
    const QString where = sub.isEmpty() ? command.name : command.name + QLatin1Char(' ') + sub;
    auto bad = [&](const QString &message) {
        if (error)
            *error = where + QStringLiteral(": ") + message;
        return std::nullopt;
    };
    if (!sub.isEmpty() && !subcommands.contains(sub))
        return bad(QStringLiteral("unknown subcommand (one of %1)").arg(subcommands.join(QStringLiteral(", "))));

    std::vector<const Option *> allowed{&kDbOption};
    for (const auto &g : command.options)
        if (g.sub.isEmpty() || g.sub == sub)
            for (const auto &o : g.options)
                allowed.push_back(&o);
    auto find = [&](const QString &name) -> const Option * {
        for (const Option *o : allowed)
            if (name == QLatin1String(o->name))
                return o;
        return nullptr;
    };

    Args args;
    bool optionsEnded = false;
    for (int i = 0; i < rest.size(); ++i) {
        const QString &token = rest[i];
        if (optionsEnded || !token.startsWith(QLatin1String("--"))) {
            args.m_positional << token;
            continue;
        }
        if (token == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        const qsizetype eq = token.indexOf(QLatin1Char('='));
        const QString name = token.mid(2, eq < 0 ? -1 : eq - 2);
        const Option *o = find(name);
        if (!o) {
            QString suggestion;
            int best = 3;
            for (const Option *candidate : allowed) {
                const int d = editDistance(name, QLatin1String(candidate->name));
                if (d < best) {
                    best = d;
                    suggestion = QLatin1String(candidate->name);
                }
            }
            return bad(QStringLiteral("unknown option --%1%2")
                           .arg(name, suggestion.isEmpty() ? QString() : QStringLiteral(" (did you mean --%1?)").arg(suggestion)));
        }
        QString value;
        if (o->kind == OptionKind::Flag) {
            if (eq >= 0)
                return bad(QStringLiteral("--%1 takes no value").arg(name));
        } else if (eq >= 0) {
            value = token.mid(eq + 1);
        } else if (i + 1 < rest.size() && !rest[i + 1].startsWith(QLatin1String("--"))) {
            value = rest[++i];
        } else {
            return bad(QStringLiteral("--%1 needs a value").arg(name));
        }
        if (const QString problem = checkValue(*o, value); !problem.isEmpty())
            return bad(problem);
        QStringList &given = args.m_values[name];
        if (!given.isEmpty() && !o->repeatable)
            return bad(QStringLiteral("--%1 given more than once").arg(name));
        given << value;
    }
    args.m_db = args.value(QStringLiteral("db"), dbPath);
    // Checked here, once, for every command that writes a file: results never overwrite the store.
    if (const auto out = args.value(QStringLiteral("out")))
        if (const std::string clash = outputClobbersDatabase(out->toStdString(), args.m_db.toStdString()); !clash.empty())
            return bad(QStringLiteral("--out: ") + QString::fromStdString(clash));
    return args;
}

std::optional<QString> Args::value(const QString &name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end() || it->second.isEmpty())
        return std::nullopt;
    return it->second.last();
}

QString Args::value(const QString &name, const QString &fallback) const
{
    return value(name).value_or(fallback);
}

QStringList Args::values(const QString &name) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? QStringList() : it->second;
}

bool Args::flag(const QString &name) const
{
    return m_values.count(name) > 0;
}

std::optional<int> Args::count(const QString &name) const
{
    const auto v = value(name);
    return v ? std::optional<int>(v->toInt()) : std::nullopt;
}

int Args::count(const QString &name, int fallback) const
{
    return count(name).value_or(fallback);
}

std::optional<quint64> Args::seed(const QString &name) const
{
    const auto v = value(name);
    return v ? std::optional<quint64>(v->toULongLong()) : std::nullopt;
}

quint64 Args::seed(const QString &name, quint64 fallback) const
{
    return seed(name).value_or(fallback);
}

std::optional<double> Args::number(const QString &name) const
{
    const auto v = value(name);
    return v ? std::optional<double>(v->toDouble()) : std::nullopt;
}

double Args::number(const QString &name, double fallback) const
{
    return number(name).value_or(fallback);
}

std::map<QString, Command> &commands()
{
    static std::map<QString, Command> registry;
    return registry;
}

void out(const QString &line)
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void err(const QString &line)
{
    // Every message goes through redaction: a server may echo the key in an error text.
    std::fputs(redactSecrets(line.toStdString()).c_str(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

int fail(const QString &message, int code)
{
    err(QLatin1String("error: ") + message);
    return code;
}

} // namespace ds::cli
