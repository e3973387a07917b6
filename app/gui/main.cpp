// distillscope: the desktop app. Everything lives in distillscope_ui; this only parses options.
#include "MainWindow.h"
#include "services/AppContext.h"
#include "services/Appearance.h"
#include "services/Settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QMessageBox>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <curl/curl.h>

namespace {
struct Options {
    QCommandLineOption db{QStringLiteral("db"), QStringLiteral("SQLite store (default: %1)").arg(ds::ui::AppContext::defaultDbPath()),
                          QStringLiteral("FILE")};
    QCommandLineOption page{QStringLiteral("page"),
                            QStringLiteral("Page to show: %1").arg(ds::ui::MainWindow::pageIds().join(QStringLiteral(", "))),
                            QStringLiteral("NAME")};
    QCommandLineOption shot{QStringLiteral("screenshot"), QStringLiteral("Save a screenshot of the window to FILE.png and exit"),
                            QStringLiteral("FILE")};
    QCommandLineOption size{QStringLiteral("size"), QStringLiteral("Window size, e.g. 1600x1000"), QStringLiteral("WxH")};
    QCommandLineOption appearance{QStringLiteral("appearance"), QStringLiteral("system, light or dark (this session only)"),
                                  QStringLiteral("MODE")};
    void addTo(QCommandLineParser &cli) const
    {
        cli.setApplicationDescription(QStringLiteral("Measure how much one LLM was distilled from another"));
        cli.addHelpOption();
        cli.addVersionOption();
        cli.addOptions({db, page, shot, size, appearance});
    }
};
} // namespace

// Kept whole (~85 lines): start-up in order (arguments, --help without a display, store, keychain,
// window); each step can end the process with its message.
int main(int argc, char **argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--version") || !std::strcmp(argv[i], "-v")) { // works without a display
            std::printf("distillscope %s\n", DS_VERSION);
            return 0;
        }
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h") || !std::strcmp(argv[i], "--help-all")) {
            // Help needs no display: a core application is enough to print it.
            QCoreApplication core(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("distillscope"));
            QCoreApplication::setApplicationVersion(QStringLiteral(DS_VERSION));
            QCommandLineParser cli;
            const Options o;
            o.addTo(cli);
            cli.process(core); // prints the help and exits
            return 0;
        }
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Q_INIT_RESOURCE(distillscope_ui);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("DistillScope"));
    QApplication::setApplicationName(QStringLiteral("DistillScope"));
    QApplication::setApplicationVersion(QStringLiteral(DS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.distillscope.DistillScope"));

    QCommandLineParser cli;
    const Options o;
    o.addTo(cli);
    cli.process(app);
    const QCommandLineOption &db = o.db, &page = o.page, &shot = o.shot;

    if (cli.isSet(o.appearance)) {
        if (!ds::ui::appearanceModes().contains(cli.value(o.appearance))) {
            std::fprintf(stderr, "distillscope: unknown appearance '%s' (system, light or dark)\n", qPrintable(cli.value(o.appearance)));
            return 2;
        }
    }
    const QString saved = ds::ui::currentAppearance();
    const QString mode = cli.isSet(o.appearance) ? cli.value(o.appearance) : saved;
    if (mode != QLatin1String("system"))
        ds::ui::applyAppearance(mode);
    if (cli.isSet(o.appearance))
        ds::ui::settings::appearance.set(saved); // --appearance is for this session only

    QString error;
    auto ctx = ds::ui::AppContext::open(cli.isSet(db) ? cli.value(db) : ds::ui::AppContext::defaultDbPath(), &error);
    if (!ctx) {
        std::fprintf(stderr, "distillscope: %s\n", qPrintable(error));
        if (QGuiApplication::platformName() != QLatin1String("offscreen"))
            QMessageBox::critical(nullptr, QStringLiteral("DistillScope"), error);
        return 1;
    }
    int rc = 0;
    {
        ds::ui::MainWindow window(*ctx);
        if (cli.isSet(page) && !window.setPage(cli.value(page))) {
            std::fprintf(stderr, "distillscope: unknown page '%s'\n", qPrintable(cli.value(page)));
            return 2;
        }
        if (cli.isSet(o.size)) {
            const QStringList wh = cli.value(o.size).split(QLatin1Char('x'));
            if (wh.size() != 2 || wh[0].toInt() < 400 || wh[1].toInt() < 300) {
                std::fprintf(stderr, "distillscope: --size wants WxH, e.g. 1600x1000\n");
                return 2;
            }
            window.resize(wh[0].toInt(), wh[1].toInt());
        }
        window.show();
        if (cli.isSet(shot)) {
            if (!cli.isSet(o.size) && !window.isMaximized() && window.size().width() < 800)
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
