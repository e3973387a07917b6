#pragma once
// The real distillscope-cli binary (DS_CLI, defined by the test target) run as a child process: the
// tests that check the command-line contract and the end-to-end runs drive it the same way.
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#ifndef DS_CLI
#error "DS_CLI (the path of distillscope-cli) must be defined by the test target"
#endif

namespace ds::test {

/// What one CLI command did: exit code (-1 when it crashed or timed out), stdout and stderr.
struct CliResult {
    int code = -1;
    QString out, err;
};

/// Runs `distillscope-cli --db DB ARGS...` and waits up to `timeoutMs` for it.
inline CliResult runCli(const QString &db, const QStringList &args, int timeoutMs,
                        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(DS_CLI), QStringList{QStringLiteral("--db"), db} + args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// Starts `distillscope-cli sim serve --config CONFIGFILE --port 0` in `sim` and returns the base URL it
/// prints ("" when it did not start or printed none within about ten seconds).
inline QString startCliSim(QProcess &sim, const QString &configFile)
{
    sim.setProgram(QStringLiteral(DS_CLI));
    sim.setArguments({QStringLiteral("sim"), QStringLiteral("serve"), QStringLiteral("--config"), configFile, QStringLiteral("--port"),
                      QStringLiteral("0")});
    sim.start();
    if (!sim.waitForStarted(5000))
        return {};
    static const QRegularExpression url(QStringLiteral("http://127\\.0\\.0\\.1:\\d+"));
    for (int i = 0; i < 100; ++i)
        if (sim.canReadLine() || sim.waitForReadyRead(100))
            if (const auto m = url.match(QString::fromUtf8(sim.readLine())); m.hasMatch())
                return m.captured(0);
    return {};
}

} // namespace ds::test
