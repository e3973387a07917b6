#include "services/Settings.h"

#include <QDir>
#include <QStandardPaths>

namespace ds::ui {

std::unique_ptr<QSettings> openSettings()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    QDir().mkpath(dir);
    return std::make_unique<QSettings>(dir + QStringLiteral("/distillscope.conf"), QSettings::IniFormat);
}

} // namespace ds::ui
