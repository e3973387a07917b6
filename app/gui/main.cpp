// distillscope: the desktop app. Everything lives in distillscope_ui; this only parses options.
#include "MainWindow.h"
#include "services/AppContext.h"
#include "services/Appearance.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <curl/curl.h>

int main(int argc, char **argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Q_INIT_RESOURCE(distillscope_ui);
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "--version") || !std::strcmp(argv[i], "-v")) { // works without a display
            std::printf("distillscope %s\n", DS_VERSION);
            return 0;
        }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("DistillScope"));
    QApplication::setApplicationName(QStringLiteral("DistillScope"));
    QApplication::setApplicationVersion(QStringLiteral(DS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.distillscope.DistillScope"));

    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Measure how much one LLM was distilled from another"));
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("SQLite store (default: %1)").arg(ds::ui::AppContext::defaultDbPath()),
                                QStringLiteral("FILE"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("Page to show: %1").arg(ds::ui::MainWindow::pageIds().join(QStringLiteral(", "))),
                                  QStringLiteral("NAME"));
    const QCommandLineOption shot(QStringLiteral("screenshot"), QStringLiteral("Save a screenshot of the window to FILE.png and exit"),
                                  QStringLiteral("FILE"));
    cli.addOptions({db, page, shot});
    cli.process(app);

    if (ds::ui::currentAppearance() != QLatin1String("system"))
        ds::ui::applyAppearance(ds::ui::currentAppearance());

    QString error;
    auto ctx = ds::ui::AppContext::open(cli.isSet(db) ? cli.value(db) : ds::ui::AppContext::defaultDbPath(), &error);
    if (!ctx) {
        std::fprintf(stderr, "distillscope: %s\n", qPrintable(error));
        return 1;
    }
    int rc = 0;
    {
        ds::ui::MainWindow window(*ctx);
        if (cli.isSet(page) && !window.setPage(cli.value(page))) {
            std::fprintf(stderr, "distillscope: unknown page '%s'\n", qPrintable(cli.value(page)));
            return 2;
        }
        window.show();
        if (cli.isSet(shot)) {
            if (!window.isMaximized() && window.size().width() < 800)
                window.resize(1400, 900);
            window.waitIdle(10000);
            window.waitIdle(2000); // pages that chain a second load
            const bool ok = window.grab().save(cli.value(shot));
            std::fprintf(stderr, ok ? "wrote %s\n" : "cannot write %s\n", qPrintable(cli.value(shot)));
            return ok ? 0 : 1;
        }
        rc = app.exec();
    }
    ctx.reset();
    curl_global_cleanup();
    return rc;
}
