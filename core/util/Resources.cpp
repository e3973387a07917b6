#include "util/Resources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ds {

std::string resourcePath(const std::string &relative)
{
    QStringList roots;
    if (qEnvironmentVariableIsSet("DISTILLSCOPE_RESOURCES"))
        roots << qEnvironmentVariable("DISTILLSCOPE_RESOURCES");
    roots << QStringLiteral(DS_RESOURCE_DIR);
    if (QCoreApplication::instance())
        roots << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/distillscope");
    roots << QStringLiteral("/usr/share/distillscope");
    for (const QString &root : roots) {
        const QFileInfo f(QDir(root).filePath(QString::fromStdString(relative)));
        if (f.exists())
            return f.absoluteFilePath().toStdString();
    }
    return {};
}

} // namespace ds
