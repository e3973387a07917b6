// Shared plumbing of the CLI commands: store opening, job progress, run-kind registry.
#include "Cli.h"

#include "jobs/Job.h"
#include "store/Store.h"
#include "util/SafeFile.h"

#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
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

std::map<RunKind, RunKindHandler> &runKinds()
{
    static std::map<RunKind, RunKindHandler> kinds;
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

QString durationText(double s)
{
    if (s < 0)
        return QStringLiteral("?");
    const int t = int(std::lround(s));
    return t >= 3600 ? QStringLiteral("%1h%2m").arg(t / 3600).arg((t % 3600) / 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1m%2s").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
}

/// The ETA of a progress line: 0 only when nothing is left (done and nothing in flight), "?" while
/// unknown, and at least a second otherwise, whatever the job reported (an ICE job keeps its last
/// estimate at the end; a sub-second one would round to "0m00s" with requests still in flight).
static QString etaOf(const JobProgress &p)
{
    if (p.done >= p.total && p.pending == 0)
        return durationText(0);
    return p.etaS < 0 ? QStringLiteral("?") : durationText(std::max(1.0, p.etaS));
}

/// " | batch ... (model): in_progress 3/10" when the run has provider batches open (the job puts them
/// in its phase after "; ").
static QString batchesOf(const JobProgress &p)
{
    const auto at = p.phase.find("; batch");
    const auto prep = p.phase.find("; preparing a batch");
    const auto from = std::min(at, prep);
    return from == std::string::npos ? QString() : QStringLiteral(" | ") + QString::fromStdString(p.phase.substr(from + 2));
}

// Kept whole (~90 lines): the progress line, Ctrl-C handling and the closing summary share one event
// loop and its state (last counters, interrupts seen); apart they would pass it all around.
int runJobWithProgress(Job &job, const QString &label)
{
    const bool tty = isatty(fileno(stderr));
    QEventLoop loop;
    JobResult result;
    JobProgress last;
    qint64 lastPrint = 0;
    QObject::connect(&job, &Job::progress, &loop, [&](const JobProgress &p) {
        last = p;
        const QString line = QStringLiteral("%1: %2/%3 stored (%4 cached, %5 failed, %6 unusable, %7 retried, %8 in flight) | "
                                            "tokens %9 in / %10 out | $%11 | elapsed %12, ETA %13")
                                 .arg(label)
                                 .arg(p.done)
                                 .arg(p.total)
                                 .arg(p.cached)
                                 .arg(p.failed)
                                 .arg(p.unusable)
                                 .arg(p.retried)
                                 .arg(p.pending)
                                 .arg(p.tokensIn)
                                 .arg(p.tokensOut)
                                 .arg(p.cost, 0, 'f', 4)
                                 .arg(durationText(p.elapsedS), etaOf(p)) +
                             batchesOf(p);
        const qint64 now = qint64(p.elapsedS * 1000);
        if (tty) {
            std::fprintf(stderr, "\r%s\x1b[K", line.toUtf8().constData());
            std::fflush(stderr);
        } else if (now - lastPrint >= 2000 || p.done == p.total) {
            err(line);
            lastPrint = now;
        }
    });
    QObject::connect(&job, &Job::finished, &loop, [&](const JobResult &r) {
        result = r;
        loop.quit();
    });
    // Ctrl-C or SIGTERM: stop sending, keep receiving and storing what is in flight (it is paid for).
    // A second one aborts the transfers still in flight.
    g_interrupts = 0;
    auto onSignal = [](int) { ++g_interrupts; };
    auto previousInt = std::signal(SIGINT, onSignal);
    auto previousTerm = std::signal(SIGTERM, onSignal);
    int handled = 0;
    QTimer poll;
    poll.setInterval(100);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        const int seen = g_interrupts.load();
        if (seen == handled)
            return;
        handled = seen;
        if (seen == 1) {
            err(QStringLiteral("\ninterrupted: no new requests are sent; %1 in flight are received and stored (paid for). "
                               "Press Ctrl-C again to abort them.")
                    .arg(last.pending));
            if (!batchesOf(last).isEmpty())
                err(QStringLiteral("open batches stop being polled; they keep running (and are billed) at the provider, and `run resume` "
                                   "polls them instead of submitting again"));
            job.cancel();
        } else {
            err(QStringLiteral("\naborting the requests in flight"));
            job.abort();
        }
    });
    poll.start();
    job.start();
    loop.exec();
    job.wait();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (tty)
        std::fputc('\n', stderr);
    const QString message = QString::fromStdString(result.message);
    switch (result.status) {
    case RunStatus::Complete:
        break;
    case RunStatus::Incomplete:
        err(QStringLiteral("run %1 incomplete: %2").arg(job.runId()).arg(message));
        break;
    case RunStatus::Paused:
    case RunStatus::Cancelled:
        err(QStringLiteral("run %1 %2: %3").arg(job.runId()).arg(QLatin1String(runStatusName(result.status)), message));
        break;
    case RunStatus::Busy:
    case RunStatus::Failed:
    case RunStatus::Created: // not an end: a result never carries it
    case RunStatus::Running:
        err(QStringLiteral("error: ") + message);
        break;
    }
    return result.exitCode();
}

} // namespace ds::cli
