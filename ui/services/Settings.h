#pragma once
// Every GUI setting declared once: key, type and default together. Stored with QSettings in an INI
// file under QStandardPaths::AppConfigLocation (never holds secrets).
#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QVariant>
#include <memory>

namespace ds::ui {

/// The settings file (AppConfigLocation/distillscope.conf).
std::unique_ptr<QSettings> openSettings();

template <class T> struct Setting {
    const char *key;
    T defaultValue;
    T get() const { return openSettings()->value(QLatin1String(key), QVariant::fromValue(defaultValue)).template value<T>(); }
    void set(const T &v) const { openSettings()->setValue(QLatin1String(key), QVariant::fromValue(v)); }
};

namespace settings {
inline const Setting<QByteArray> windowGeometry{"window/geometry", {}};
inline const Setting<QByteArray> windowState{"window/state", {}};
inline const Setting<QString> lastPage{"window/lastPage", QStringLiteral("models")};
inline const Setting<QString> exportDir{"export/dir", {}};
inline const Setting<int> exportDpi{"export/dpi", 300};
inline const Setting<double> exportFontPt{"export/fontPt", 8.0};
inline const Setting<QString> exportPalette{"export/palette", QStringLiteral("viridis")};
inline const Setting<QString> chartPalette{"charts/palette", QStringLiteral("viridis")};
inline const Setting<QString> lastImportDir{"import/dir", {}};
inline const Setting<QString> appearance{"window/appearance", QStringLiteral("system")};
} // namespace settings

} // namespace ds::ui
