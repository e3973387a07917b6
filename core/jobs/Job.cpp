#include "jobs/Job.h"

namespace ds {

Job::Job(QObject *parent) : QObject(parent)
{
    static const int registered = qRegisterMetaType<ds::JobProgress>();
    (void)registered;
}

Job::~Job()
{
    cancel();
    wait();
}

void Job::start()
{
    Q_ASSERT(!m_thread);
    m_thread = QThread::create([this] {
        std::string message;
        try {
            message = execute();
        } catch (const std::exception &e) {
            message = e.what();
            m_ok = false;
        } catch (...) {
            message = "unknown error";
            m_ok = false;
        }
        const bool ok = m_ok && message.empty();
        emit finished(ok, QString::fromStdString(message));
    });
    m_thread->setObjectName(QStringLiteral("ds-job"));
    m_thread->start();
}

bool Job::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void Job::wait()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

} // namespace ds
