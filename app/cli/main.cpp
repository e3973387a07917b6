// distillscope-cli: headless front end over the same core as the GUI.
#include "Cli.h"

#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QStandardPaths>
#include <csignal>
#include <cstdio>
#include <curl/curl.h>
#include <exception>
#include <string>

using namespace ds::cli;

static QString defaultDbPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/distillscope.sqlite");
}

static void printHelp()
{
    out(QStringLiteral("distillscope-cli %1 - measure how much one LLM was distilled from another\n").arg(QStringLiteral(DS_VERSION)));
    out(QStringLiteral("usage: distillscope-cli [--db FILE] COMMAND [ARGS...]\n"));
    out(QStringLiteral("global options:\n  --db FILE     SQLite store (default: %1)\n"
                       "  --help        this text; `COMMAND --help` shows a command's usage\n"
                       "  --version     print the version\n")
            .arg(QStringLiteral("$XDG_DATA_HOME/DistillScope/DistillScope/distillscope.sqlite")));
    out(QStringLiteral("exit codes:\n  0 complete   1 failed   2 usage error   3 run paused or cancelled (resume it)\n"
                       "  4 run incomplete (items failed or answers unusable; `run resume RUN --retry-failed`)\n"
                       "  5 the run is driven by another process (one driver per run)\n"));
    out(QStringLiteral("commands:"));
    for (const auto &[name, cmd] : commands())
        out(QStringLiteral("  %1%2").arg(name, -12).arg(cmd.summary));
    out(QString());
    for (const auto &[name, cmd] : commands())
        out(cmd.usage + QLatin1Char('\n'));
}

int main(int argc, char **argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    QStringList all;
    for (int i = 1; i < argc; ++i)
        all << QString::fromLocal8Bit(argv[i]);

    // `chart` renders with QtGui (offscreen when there is no display); everything else stays headless.
    const bool needsGui = all.contains(QStringLiteral("chart"));
    if (needsGui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app(needsGui ? new QGuiApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication::setOrganizationName(QStringLiteral("DistillScope"));
    QCoreApplication::setApplicationName(QStringLiteral("DistillScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DS_VERSION));

    QString db;
    QStringList rest;
    for (int i = 0; i < all.size(); ++i) {
        if (rest.isEmpty() && all[i] == QLatin1String("--db") && i + 1 < all.size()) {
            db = all[++i];
        } else if (rest.isEmpty() && all[i].startsWith(QLatin1String("--db="))) {
            db = all[i].mid(5);
        } else {
            rest << all[i];
        }
    }
    if (rest.isEmpty() || rest.first() == QLatin1String("--help") || rest.first() == QLatin1String("help")) {
        printHelp();
        return rest.isEmpty() ? 2 : 0;
    }
    if (rest.first() == QLatin1String("--version")) {
        out(QStringLiteral("distillscope-cli %1").arg(QStringLiteral(DS_VERSION)));
        return 0;
    }
    const QString name = rest.takeFirst();
    auto it = commands().find(name);
    if (it == commands().end())
        return fail(QStringLiteral("unknown command '%1' (see distillscope-cli --help)").arg(name), 2);
    if (rest.contains(QStringLiteral("--help"))) {
        out(it->second.usage);
        return 0;
    }
    QString error;
    auto args = Args::parse(it->second, rest, db.isEmpty() ? defaultDbPath() : db, &error);
    if (!args)
        return fail(error + QStringLiteral(" (see distillscope-cli %1 --help)").arg(name), 2);
    int rc = 1;
    try {
        rc = it->second.run(*args);
    } catch (const std::exception &e) {
        // A read failed deep inside a command: most often a damaged database file. Say so cleanly,
        // with what to do, instead of aborting on an uncaught exception.
        const std::string what = e.what();
        const bool damaged = what.find("malformed") != std::string::npos || what.find("not a database") != std::string::npos ||
                             what.find("corrupt") != std::string::npos;
        rc = fail(damaged ? QStringLiteral("%1: the database is damaged (%2); nothing was changed. Restore a backup, or recover what "
                                           "is readable with `sqlite3 %1 .recover`")
                                .arg(args->dbPath(), QString::fromStdString(what))
                          : QStringLiteral("%1 failed: %2").arg(name, QString::fromStdString(what)));
    }
    curl_global_cleanup();
    return rc;
}
