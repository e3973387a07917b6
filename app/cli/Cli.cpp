#include "Cli.h"

#include <cstdio>

namespace ds::cli {

// Options that never take a value; everything else written `--name X` consumes X.
static bool isBooleanFlag(const QString &opt)
{
    static const QStringList flags = {QStringLiteral("--swap"),  QStringLiteral("--items"),        QStringLiteral("--help"),
                                      QStringLiteral("--force"), QStringLiteral("--retry-failed"), QStringLiteral("--quiet"),
                                      QStringLiteral("--all"),   QStringLiteral("--dry-run")};
    return flags.contains(opt);
}

static bool takesValue(const QStringList &rest, int i)
{
    return i + 1 < rest.size() && !rest[i + 1].startsWith(QLatin1String("--"));
}

QStringList Args::positional() const
{
    // A bare word right after an option is that option's value, except for known boolean flags,
    // which callers never place before positionals in our usage texts.
    QStringList pos;
    for (int i = 0; i < m_rest.size(); ++i) {
        const QString &a = m_rest[i];
        if (a.startsWith(QLatin1String("--"))) {
            if (!a.contains(QLatin1Char('=')) && takesValue(m_rest, i) && !isBooleanFlag(a))
                ++i;
            continue;
        }
        pos << a;
    }
    return pos;
}

std::optional<QString> Args::value(const QString &name) const
{
    const QString opt = QLatin1String("--") + name;
    for (int i = 0; i < m_rest.size(); ++i) {
        if (m_rest[i] == opt && i + 1 < m_rest.size())
            return m_rest[i + 1];
        if (m_rest[i].startsWith(opt + QLatin1Char('=')))
            return m_rest[i].mid(opt.size() + 1);
    }
    return std::nullopt;
}

QString Args::value(const QString &name, const QString &fallback) const
{
    return value(name).value_or(fallback);
}

bool Args::flag(const QString &name) const
{
    return m_rest.contains(QLatin1String("--") + name);
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
    std::fputs(line.toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

int fail(const QString &message, int code)
{
    err(QLatin1String("error: ") + message);
    return code;
}

} // namespace ds::cli
