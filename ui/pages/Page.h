#pragma once
// Base of the main window's pages: an id for --page and QSettings, a title, and activate() called
// whenever the page becomes visible (refresh its data in the background there).
#include <QWidget>

namespace ds::ui {
class AppContext;

class Page : public QWidget {
    Q_OBJECT
public:
    Page(AppContext &ctx, QWidget *parent = nullptr) : QWidget(parent), m_ctx(ctx) {}
    virtual QString pageId() const = 0;
    virtual QString title() const = 0;
    virtual void activate() {}
    /// True while a background load is in flight (tests and --screenshot wait for it).
    virtual bool isLoading() const { return false; }

signals:
    /// Asks the main window to show another page (e.g. results of a run).
    void showPage(const QString &pageId);
    void openRun(qint64 runId);

protected:
    AppContext &m_ctx;
};

} // namespace ds::ui
