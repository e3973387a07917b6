#include "MainWindow.h"

#include "pages/ComparePage.h"
#include "pages/DatasetsPage.h"
#include "pages/IceResultsPage.h"
#include "pages/ModelsPage.h"
#include "pages/NewRunPage.h"
#include "pages/RseResultsPage.h"
#include "pages/RunMonitor.h"
#include "pages/RunsPage.h"
#include "pages/SimilarityPage.h"
#include "services/AppContext.h"
#include "services/Appearance.h"
#include "services/Async.h"
#include "services/Settings.h"
#include "store/Store.h"
#include "widgets/InlineMessage.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QThread>
#include <QVBoxLayout>

namespace ds::ui {

// Kept whole (~95 lines): pages, menus and status bar are created in the order they depend on each other.
MainWindow::MainWindow(AppContext &ctx, QWidget *parent) : QMainWindow(parent), m_ctx(ctx), m_lookup(new LatestRequest(this))
{
    setWindowTitle(tr("DistillScope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/distillscope.svg")));
    buildFrame();
    addPages();
    buildStatusBar();
    buildMenus();
    restoreLayout();
}

/// The page list beside the page stack, under the line that shows background failures.
void MainWindow::buildFrame()
{
    m_nav = new QListWidget(this);
    m_nav->setObjectName(QStringLiteral("pageList"));
    m_nav->setIconSize(QSize(20, 20));
    m_nav->setMinimumWidth(140);
    m_stack = new QStackedWidget(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("mainSplitter"));
    split->addWidget(m_nav);
    split->addWidget(m_stack);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({170, 1230});
    // A failure in any background task is shown here and the app keeps running with its data.
    m_taskError = new InlineMessage(this);
    m_taskError->setObjectName(QStringLiteral("taskError"));
    LatestRequest::setDefaultFailureHandler([guard = QPointer<InlineMessage>(m_taskError)](const QString &text) {
        if (guard)
            guard->show(text, InlineMessage::Error);
        else
            qWarning("%s", qPrintable(text));
    });
    auto *central = new QWidget(this);
    auto *cl = new QVBoxLayout(central);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->setSpacing(0);
    cl->addWidget(m_taskError);
    cl->addWidget(split, 1);
    setCentralWidget(central);
}

void MainWindow::addPages()
{
    AppContext &ctx = m_ctx;
    addPage(new ModelsPage(ctx, this), QStyle::SP_ComputerIcon);
    addPage(new DatasetsPage(ctx, this), QStyle::SP_FileDialogDetailedView);
    addPage(new NewRunPage(ctx, this), QStyle::SP_MediaPlay);
    addPage(new RunsPage(ctx, this), QStyle::SP_BrowserReload);
    addPage(new RseResultsPage(ctx, this), QStyle::SP_FileDialogContentsView);
    addPage(new IceResultsPage(ctx, this), QStyle::SP_MessageBoxQuestion);
    addPage(new ComparePage(ctx, this), QStyle::SP_FileDialogListView);
    addPage(new SimilarityPage(ctx, this), QStyle::SP_DriveNetIcon);
    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= int(m_pages.size()))
            return;
        m_stack->setCurrentIndex(row);
        m_pages[size_t(row)]->activate();
    });
}

/// The database's path, and the spend of the runs this window drives.
void MainWindow::buildStatusBar()
{
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setText(tr("Database: %1").arg(m_ctx.dbPath()));
    statusBar()->addPermanentWidget(m_status);
    // Progress counters are per session; the line shows what the runs cost over all their sessions.
    m_runTotals = new QLabel(this);
    m_runTotals->setObjectName(QStringLiteral("runTotals"));
    m_runTotals->setTextFormat(Qt::PlainText);
    m_runTotals->setToolTip(tr("Spend of the runs this window drives over all their sessions (stored before this session plus "
                               "this session)"));
    m_runTotals->hide();
    statusBar()->addWidget(m_runTotals, 1);
    connect(&m_ctx, &AppContext::jobProgress, this, &MainWindow::updateRunTotals);
    connect(&m_ctx, &AppContext::runsChanged, this, &MainWindow::updateRunTotals);
}

/// File (export, quit), View (a shortcut per page, appearance) and Help.
void MainWindow::buildMenus()
{
    auto *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Export all figures of the shown RSE runs…"), this, [this] {
        setPage(QStringLiteral("rse"));
        static_cast<RseResultsPage *>(page(QStringLiteral("rse")))->exportAll();
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto *view = menuBar()->addMenu(tr("&View"));
    for (size_t i = 0; i < m_pages.size(); ++i) {
        const QString id = m_pages[i]->pageId();
        view->addAction(m_pages[i]->title(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + int(i))), this, [this, id] { setPage(id); });
    }
    view->addSeparator();
    auto *appearance = view->addMenu(tr("&Appearance"));
    auto *modes = new QActionGroup(this); // owned by this window (Qt parent); the analyzer cannot see that
    const QStringList labels{tr("Follow the &system"), tr("&Light"), tr("&Dark")};
    for (int i = 0; i < appearanceModes().size(); ++i) {
        const QString mode = appearanceModes()[i];
        QAction *a = appearance->addAction(labels.value(i, mode), this, [mode] { applyAppearance(mode); });
        a->setCheckable(true);
        a->setChecked(mode == currentAppearance());
        a->setData(mode);
        modes->addAction(a);
    }
    auto *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About DistillScope"), this, [this] {
        QMessageBox::about(this, tr("About DistillScope"),
                           tr("DistillScope %1\nMeasures how much one LLM was distilled from another "
                              "(RSE and ICE after Lee et al., ACL 2025).")
                               .arg(QStringLiteral(DS_VERSION)));
    });
}

MainWindow::~MainWindow()
{
    LatestRequest::setDefaultFailureHandler({});
}

QString MainWindow::taskErrorText() const
{
    return m_taskError->isHidden() ? QString() : m_taskError->text();
}

QString MainWindow::runTotalsText() const
{
    return m_runTotals->isHidden() ? QString() : m_runTotals->text();
}

void MainWindow::updateRunTotals()
{
    std::vector<monitor::DrivenRun> runs;
    for (const int64_t id : m_ctx.runningRuns())
        runs.push_back({id, m_ctx.lastProgress(id), m_ctx.sessionBase(id)});
    m_runTotals->setText(monitor::drivenRunsText(runs));
    m_runTotals->setVisible(!runs.empty());
}

QIcon MainWindow::navIcon(int which) const
{
    QIcon icon = style()->standardIcon(QStyle::StandardPixmap(which));
    // Some styles draw a few icons as plain black glyphs (Fusion's media "play"), which vanish on a
    // dark palette: such an icon is redrawn in the palette's text colour.
    const QColor text = palette().color(QPalette::WindowText);
    if (text.lightness() < 128)
        return icon;
    QImage img = icon.pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
    double luminance = 0, opaque = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            luminance += c.alphaF() * c.lightnessF();
            opaque += c.alphaF();
        }
    if (opaque == 0 || luminance / opaque > 0.25)
        return icon;
    QPainter painter(&img);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(img.rect(), text);
    painter.end();
    return QIcon(QPixmap::fromImage(img));
}

void MainWindow::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::StyleChange)
        for (int i = 0; i < m_nav->count(); ++i)
            m_nav->item(i)->setIcon(navIcon(m_nav->item(i)->data(Qt::UserRole + 1).toInt()));
    QMainWindow::changeEvent(e);
}

void MainWindow::addPage(Page *p, int icon)
{
    m_pages.push_back(p);
    m_stack->addWidget(p);
    auto *item = new QListWidgetItem(navIcon(icon), p->title(), m_nav);
    item->setData(Qt::UserRole, p->pageId());
    item->setData(Qt::UserRole + 1, icon);
    connect(p, &Page::showPage, this, [this](const QString &id) { setPage(id); });
    connect(p, &Page::openRun, this, &MainWindow::openRun);
}

QStringList MainWindow::pageIds()
{
    return {QStringLiteral("models"), QStringLiteral("datasets"), QStringLiteral("new-run"), QStringLiteral("runs"),
            QStringLiteral("rse"),    QStringLiteral("ice"),      QStringLiteral("compare"), QStringLiteral("similarity")};
}

Page *MainWindow::page(const QString &id) const
{
    for (Page *p : m_pages)
        if (p->pageId() == id)
            return p;
    return nullptr;
}

Page *MainWindow::currentPage() const
{
    return qobject_cast<Page *>(m_stack->currentWidget());
}

bool MainWindow::setPage(const QString &id)
{
    for (int i = 0; i < int(m_pages.size()); ++i)
        if (m_pages[size_t(i)]->pageId() == id) {
            if (m_nav->currentRow() == i)
                m_pages[size_t(i)]->activate();
            else
                m_nav->setCurrentRow(i);
            return true;
        }
    return false;
}

bool MainWindow::waitIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        bool busy = m_lookup->busy();
        for (Page *p : m_pages)
            busy = busy || p->isLoading();
        if (!busy) {
            QApplication::processEvents();
            bool again = false;
            for (Page *p : m_pages)
                again = again || p->isLoading();
            if (!again)
                return true;
        }
        QThread::msleep(5);
    }
    return false;
}

void MainWindow::openRun(qint64 runId)
{
    Store *store = &m_ctx.store();
    m_lookup->run([store, runId] { return store->run(int64_t(runId)); },
                  [this, runId](const std::optional<RunInfo> &run) {
                      if (!run)
                          return;
                      if (m_ctx.isRunning(runId) || run->status == RunStatus::Running || run->status == RunStatus::Created) {
                          setPage(QStringLiteral("runs"));
                          static_cast<RunsPage *>(page(QStringLiteral("runs")))->selectRun(runId);
                      } else if (run->kind == RunKind::Ice) {
                          setPage(QStringLiteral("ice"));
                          static_cast<IceResultsPage *>(page(QStringLiteral("ice")))->showRun(runId);
                      } else {
                          setPage(QStringLiteral("rse"));
                          static_cast<RseResultsPage *>(page(QStringLiteral("rse")))->showRun(runId);
                      }
                  });
}

void MainWindow::restoreLayout()
{
    restoreGeometry(settings::windowGeometry.get());
    restoreState(settings::windowState.get());
    for (auto *s : findChildren<QSplitter *>())
        if (!s->objectName().isEmpty())
            s->restoreState(openSettings()->value(QStringLiteral("splitters/") + s->objectName()).toByteArray());
    if (!setPage(settings::lastPage.get()))
        setPage(QStringLiteral("models"));
}

void MainWindow::saveLayout()
{
    settings::windowGeometry.set(saveGeometry());
    settings::windowState.set(saveState());
    auto s = openSettings();
    for (auto *sp : findChildren<QSplitter *>())
        if (!sp->objectName().isEmpty())
            s->setValue(QStringLiteral("splitters/") + sp->objectName(), sp->saveState());
    if (Page *p = currentPage())
        s->setValue(QLatin1String(settings::lastPage.key), p->pageId());
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    if (m_ctx.runningCount() > 0 && m_confirmClose) {
        const auto answer =
            QMessageBox::question(this, tr("Runs in progress"),
                                  tr("%n run(s) are still running. Pause them and quit? Everything received so far is stored; "
                                     "Resume continues without paying twice.",
                                     nullptr, m_ctx.runningCount()),
                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            e->ignore();
            return;
        }
    }
    saveLayout();
    e->accept();
}

} // namespace ds::ui
