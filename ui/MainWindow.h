#pragma once
// The main window only coordinates: a page list, the pages (one class each), menus, window state
// (QSettings in AppConfigLocation) and the question asked when closing during a run.
#include <QMainWindow>
#include <vector>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace ds::ui {
class InlineMessage;
class AppContext;
class LatestRequest;
class Page;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Text of the banner that reports failed background tasks ("" when none).
    QString taskErrorText() const;
    /// The status bar's line for the runs this window drives (run totals; "" when none runs).
    QString runTotalsText() const;
    explicit MainWindow(AppContext &ctx, QWidget *parent = nullptr);
    ~MainWindow() override;

    static QStringList pageIds();
    /// Shows a page by id ("models", "datasets", "new-run", "runs", "rse", "ice", "compare",
    /// "similarity"). False for an unknown id.
    bool setPage(const QString &id);
    Page *page(const QString &id) const;
    Page *currentPage() const;
    /// Processes events until no page is loading (or `timeoutMs` passed). For tests and screenshots.
    bool waitIdle(int timeoutMs = 5000);
    /// When set, closing during a run does not ask (tests).
    void setConfirmClose(bool on) { m_confirmClose = on; }

public slots:
    void openRun(qint64 runId);

protected:
    void closeEvent(QCloseEvent *e) override;
    void changeEvent(QEvent *e) override;

private:
    void buildFrame();
    void addPages();
    void buildStatusBar();
    void buildMenus();
    void addPage(Page *p, int icon);
    QIcon navIcon(int standardPixmap) const;
    void restoreLayout();
    void updateRunTotals();
    void saveLayout();
    AppContext &m_ctx;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    QLabel *m_status;
    QLabel *m_runTotals;        ///< done / planned and spend of the driven runs, as run totals
    InlineMessage *m_taskError; ///< failures of background tasks (the app keeps running)
    std::vector<Page *> m_pages;
    LatestRequest *m_lookup;
    bool m_confirmClose = true;
};

} // namespace ds::ui
