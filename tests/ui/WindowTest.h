#pragma once
// What the GUI tests share: a temporary folder in QStandardPaths test mode (no real settings or
// keychain touched), a store file there, and a main window shown on it. Helpers return false after
// failing the calling test (QVERIFY(openWindow(...))), as QVERIFY cannot leave a non-void function.
#include "DemoDb.h"

#include "MainWindow.h"
#include "pages/Page.h"
#include "services/AppContext.h"

#include <QObject>
#include <QSize>
#include <QTemporaryDir>
#include <functional>
#include <memory>

namespace ds {
class Store;
}

namespace ds::test {

/// Opens the store at `path`, lets `change` write to it, and flushes the writes to the file.
bool changeStore(const QString &path, const std::function<void(Store &)> &change);
/// `path` opened in a context of its own (for a page tested alone); null after failing the test.
std::unique_ptr<ui::AppContext> openContext(const QString &path);
/// Shows `page` alone at `size` and activates it, as the main window does when it is chosen.
void showPage(ui::Page &page, QSize size = QSize(1200, 800));

/// Base of a GUI test class: derive from it (with Q_OBJECT) and use the members in the slots. The
/// window closes before the context it shows when the test object goes, after the last test.
class WindowTest : public QObject {
public:
    WindowTest();
    ~WindowTest() override;

protected:
    /// Builds the demo database `fileName` in m_dir into m_demo.
    bool buildDemo(const QString &fileName);
    /// Opens `path` in m_ctx, shows m_window on it at `size` and waits until every page is idle.
    bool openWindow(const QString &path, QSize size = QSize(1400, 900));
    template <class P> P *page(const char *id) const { return static_cast<P *>(m_window->page(QString::fromLatin1(id))); }

    QTemporaryDir m_dir;
    DemoDb m_demo;
    std::unique_ptr<ui::AppContext> m_ctx;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace ds::test
