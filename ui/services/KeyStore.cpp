#include "services/KeyStore.h"

#include "net/LlmClient.h"

#ifdef DS_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace ds::ui {

namespace {
const QString kService = QStringLiteral("DistillScope");
}

KeyStore::KeyStore(QObject *parent) : QObject(parent) {}

KeyStore::~KeyStore()
{
    setApiKeyResolver({}); // the resolver captures `this`
}

bool KeyStore::compiledIn()
{
#ifdef DS_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

void KeyStore::installResolver()
{
    setApiKeyResolver([this](const ModelConfig &m) { return lookup(m); });
}

QString KeyStore::entryFor(const QString &modelName)
{
    return QStringLiteral("model/") + modelName;
}

std::string KeyStore::lookup(const ModelConfig &m) const
{
    std::lock_guard lock(m_mutex);
    if (auto s = m_session.find(m.name); s != m_session.end())
        return s->second;
    if (m.keychainKey.empty())
        return {};
    auto it = m_cache.find(m.keychainKey);
    return it == m_cache.end() ? std::string() : it->second;
}

void KeyStore::setSessionKey(const QString &modelName, const QString &key)
{
    std::lock_guard lock(m_mutex);
    if (key.isEmpty())
        m_session.erase(modelName.toStdString());
    else
        m_session[modelName.toStdString()] = key.toStdString();
}

bool KeyStore::hasSessionKey(const QString &modelName) const
{
    std::lock_guard lock(m_mutex);
    return m_session.count(modelName.toStdString()) > 0;
}

bool KeyStore::hasCached(const QString &entry) const
{
    std::lock_guard lock(m_mutex);
    return m_cache.count(entry.toStdString()) > 0;
}

void KeyStore::write(const QString &entry, const QString &key)
{
#ifdef DS_HAVE_KEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(entry);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [this, entry, key](QKeychain::Job *j) {
        const bool ok = j->error() == QKeychain::NoError;
        if (ok) {
            std::lock_guard lock(m_mutex);
            m_cache[entry.toStdString()] = key.toStdString();
        } else if (j->error() != QKeychain::AccessDeniedByUser) {
            // Without a Secret Service the backend says "Unknown error", not NoBackendAvailable: any
            // failed write but the user's own refusal means this keychain cannot hold keys, and the
            // model dialog stops offering it (a session key or a variable instead).
            m_backendError = j->errorString();
        }
        emit writeFinished(entry, ok, ok ? QString() : j->errorString());
    });
    job->start();
#else
    (void)key;
    emit writeFinished(entry, false, tr("built without QtKeychain: use an environment variable"));
#endif
}

void KeyStore::read(const QString &entry)
{
#ifdef DS_HAVE_KEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(entry);
    connect(job, &QKeychain::Job::finished, this, [this, entry](QKeychain::Job *j) {
        const bool ok = j->error() == QKeychain::NoError;
        if (ok) {
            std::lock_guard lock(m_mutex);
            m_cache[entry.toStdString()] = static_cast<QKeychain::ReadPasswordJob *>(j)->textData().toStdString();
        } else if (j->error() == QKeychain::NoBackendAvailable) {
            m_backendError = j->errorString();
        }
        emit readFinished(entry, ok, ok ? QString() : j->errorString());
    });
    job->start();
#else
    emit readFinished(entry, false, tr("built without QtKeychain"));
#endif
}

void KeyStore::remove(const QString &entry)
{
    {
        std::lock_guard lock(m_mutex);
        m_cache.erase(entry.toStdString());
    }
#ifdef DS_HAVE_KEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(entry);
    job->start();
#endif
}

} // namespace ds::ui
