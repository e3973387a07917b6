#include "util/Resources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ds {

std::string resourcePath(const std::string &relative)
{
    QStringList roots;
    for (const char *var : {"DS_RESOURCE_DIR", "DISTILLSCOPE_RESOURCES"})
        if (qEnvironmentVariableIsSet(var))
            roots << qEnvironmentVariable(var);
    if (QCoreApplication::instance())
        roots << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/distillscope/resources");
    roots << QStringLiteral(DS_RESOURCE_DIR);
    roots << QStringLiteral("/usr/share/distillscope/resources");
    for (const QString &root : roots) {
        const QFileInfo f(QDir(root).filePath(QString::fromStdString(relative)));
        if (f.exists())
            return f.absoluteFilePath().toStdString();
    }
    return {};
}

} // namespace ds
