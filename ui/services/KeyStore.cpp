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
    setApiKeyResolver([this](const ModelConfig &m) { return m.keychainKey.empty() ? std::string() : lookup(m.keychainKey); });
}

QString KeyStore::entryFor(const QString &modelName)
{
    return QStringLiteral("model/") + modelName;
}

std::string KeyStore::lookup(const std::string &entry) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_cache.find(entry);
    return it == m_cache.end() ? std::string() : it->second;
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
        } else if (j->error() == QKeychain::NoBackendAvailable) {
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
