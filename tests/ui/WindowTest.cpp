#include "WindowTest.h"

#include "store/Store.h"

#include <QStandardPaths>
#include <QTest>

namespace ds::test {

bool changeStore(const QString &path, const std::function<void(Store &)> &change)
{
    std::string error;
    auto store = Store::open(path.toStdString(), &error);
    if (!store) {
        QTest::qFail(error.c_str(), __FILE__, __LINE__);
        return false;
    }
    change(*store);
    if (const std::string flushed = store->flush(); !flushed.empty()) {
        QTest::qFail(flushed.c_str(), __FILE__, __LINE__);
        return false;
    }
    return !QTest::currentTestFailed(); // a QVERIFY in `change` failed the test
}

std::unique_ptr<ui::AppContext> openContext(const QString &path)
{
    QString error;
    auto ctx = ui::AppContext::open(path, &error);
    if (!ctx)
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    return ctx;
}

void showPage(ui::Page &page, QSize size)
{
    page.resize(size);
    page.show();
    page.activate();
}

WindowTest::WindowTest()
{
    QStandardPaths::setTestModeEnabled(true);
}

WindowTest::~WindowTest()
{
    m_window.reset();
    m_ctx.reset();
}

bool WindowTest::buildDemo(const QString &fileName)
{
    if (!m_dir.isValid()) {
        QTest::qFail("no temporary folder", __FILE__, __LINE__);
        return false;
    }
    m_demo = buildDemoDb(m_dir.filePath(fileName));
    return !QTest::currentTestFailed();
}

bool WindowTest::openWindow(const QString &path, QSize size)
{
    m_ctx = openContext(path);
    if (!m_ctx)
        return false;
    m_window = std::make_unique<ui::MainWindow>(*m_ctx);
    m_window->setConfirmClose(false);
    m_window->resize(size);
    m_window->show();
    if (!m_window->waitIdle(10000)) {
        QTest::qFail("the pages did not settle within 10 s", __FILE__, __LINE__);
        return false;
    }
    return true;
}

} // namespace ds::test
