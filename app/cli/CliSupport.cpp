// Shared plumbing of the CLI commands: store opening, job progress, run-kind registry.
#include "Cli.h"

#include "jobs/Job.h"
#include "store/Store.h"
#include "util/SafeFile.h"

#include <QEventLoop>
#include <QTimer>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace ds::cli {

std::unique_ptr<Store> openStore(const Args &args)
{
    std::string error;
    auto store = Store::open(args.dbPath().toStdString(), &error);
    if (!store)
        fail(QString::fromStdString(error));
    return store;
}

std::map<QString, RunKindHandler> &runKinds()
{
    static std::map<QString, RunKindHandler> kinds;
    return kinds;
}

QStringList splitList(const QString &s)
{
    QStringList out;
    for (const QString &part : s.split(QLatin1Char(',')))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

int writeOutput(const Args &args, const std::string &text)
{
    if (const auto path = args.value(QStringLiteral("out"))) {
        std::string error; // --out naming the database was refused when the command line was read
        if (!writeFileSafely(path->toStdString(), text, &error))
            return fail(QString::fromStdString(error));
        err(QStringLiteral("wrote %1 (%2 bytes)").arg(*path).arg(text.size()));
        return 0;
    }
    // stdout may be a full disk or a closed pipe too: a failed write is a failed command.
    const bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size() &&
                         (text.empty() || text.back() == '\n' || std::fputc('\n', stdout) != EOF) && std::fflush(stdout) == 0;
    if (!written)
        return fail(QStringLiteral("cannot write the output to stdout: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    return 0;
}

static std::atomic<int> g_interrupts{0};

static QString duration(double s)
{
    if (s < 0)
        return QStringLiteral("?");
    const int t = int(s + 0.5);
    return t >= 3600 ? QStringLiteral("%1h%2m").arg(t / 3600).arg((t % 3600) / 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1m%2s").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
}

int runJobWithProgress(Job &job, const QString &label)
{
    const bool tty = isatty(fileno(stderr));
    QEventLoop loop;
    int code = 0;
    QString lastLine;
    qint64 lastPrint = 0;
    QObject::connect(&job, &Job::progress, &loop, [&](const JobProgress &p) {
        const QString line = QStringLiteral("%1: %2/%3 done (%4 cached, %5 failed, %6 retried) | tokens %7 in / %8 out | $%9 | "
                                            "elapsed %10, ETA %11")
                                 .arg(label)
                                 .arg(p.done)
                                 .arg(p.total)
                                 .arg(p.cached)
                                 .arg(p.failed)
                                 .arg(p.retried)
                                 .arg(p.tokensIn)
                                 .arg(p.tokensOut)
                                 .arg(p.cost, 0, 'f', 4)
                                 .arg(duration(p.elapsedS), duration(p.etaS));
        const qint64 now = qint64(p.elapsedS * 1000);
        if (tty) {
            std::fprintf(stderr, "\r%s\x1b[K", line.toUtf8().constData());
            std::fflush(stderr);
        } else if (now - lastPrint >= 2000 || p.done == p.total) {
            err(line);
            lastPrint = now;
        }
        lastLine = line;
    });
    QObject::connect(&job, &Job::finished, &loop, [&](bool ok, const QString &message) {
        if (tty)
            std::fputc('\n', stderr);
        if (ok) {
            code = 0;
        } else {
            const bool paused = message.startsWith(QLatin1String("run paused")) || message.startsWith(QLatin1String("run cancelled"));
            code = paused ? 3 : 1;
            err((paused ? QString() : QStringLiteral("error: ")) + message);
        }
        loop.quit();
    });
    g_interrupts = 0;
    auto previous = std::signal(SIGINT, [](int) { ++g_interrupts; });
    QTimer poll;
    poll.setInterval(100);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (g_interrupts > 0 && !job.isCancelled()) {
            err(QStringLiteral("\ninterrupted: stopping after in-flight requests (stored results are kept)"));
            job.cancel();
        }
    });
    poll.start();
    job.start();
    loop.exec();
    job.wait();
    std::signal(SIGINT, previous);
    return code;
}

} // namespace ds::cli
