#pragma once
// API keys in the system keychain (QtKeychain), never in QSettings, the database or logs.
// Reads and writes are asynchronous keychain jobs; keys read once are kept in a mutex-protected
// in-memory cache that the network thread queries through ds::setApiKeyResolver. Without a keychain
// backend there is no plaintext fallback: the user names an environment variable instead.
#include <QObject>
#include <QString>
#include <functional>
#include <map>
#include <mutex>

namespace ds {
struct ModelConfig;
}

namespace ds::ui {

class KeyStore : public QObject {
    Q_OBJECT
public:
    explicit KeyStore(QObject *parent = nullptr);
    ~KeyStore() override;

    /// Compiled with QtKeychain (a backend may still be missing at run time: see backendError()).
    static bool compiledIn();
    /// Installs this store as the process-wide key resolver (call once, from the GUI thread).
    void installResolver();
    /// Entry name for a model ("model/<name>").
    static QString entryFor(const QString &modelName);

    /// Stores `key` under `entry`; writeFinished(entry, ok, error) follows.
    void write(const QString &entry, const QString &key);
    /// Reads `entry` into the cache; readFinished(entry, ok, error) follows.
    void read(const QString &entry);
    void remove(const QString &entry);
    bool hasCached(const QString &entry) const;
    /// Keeps `key` for model `modelName` in memory only, until the app quits (when no keychain can
    /// store it). Takes precedence over a keychain entry; an empty key forgets it.
    void setSessionKey(const QString &modelName, const QString &key);
    bool hasSessionKey(const QString &modelName) const;
    /// Whether the keychain cannot hold keys: no backend, or a write failed for another reason than
    /// the user refusing it (then asking again may succeed).
    bool backendMissing() const { return !m_backendError.isEmpty() || !compiledIn(); }
    /// Last backend problem ("" = none seen), e.g. "No keychain service available".
    QString backendError() const { return m_backendError; }

signals:
    void writeFinished(const QString &entry, bool ok, const QString &error);
    void readFinished(const QString &entry, bool ok, const QString &error);

private:
    std::string lookup(const ModelConfig &m) const;
    mutable std::mutex m_mutex;
    std::map<std::string, std::string> m_cache;   ///< keychain entry -> key
    std::map<std::string, std::string> m_session; ///< model name -> key kept for this session only
    QString m_backendError;
};

} // namespace ds::ui
