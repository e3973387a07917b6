#include "ice/Resources.h"

#include <QCoreApplication>
#include <QFile>
#include <QString>

namespace ds::ice {

bool readFile(const std::string &path, std::string *content, std::string *error)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = "cannot open " + path + ": " + f.errorString().toStdString();
        return false;
    }
    const QByteArray bytes = f.readAll();
    content->assign(bytes.constData(), static_cast<size_t>(bytes.size()));
    return true;
}

bool readResource(const std::string &name, std::string *content, std::string *error)
{
    std::vector<std::string> dirs;
    const QByteArray env = qgetenv("DS_RESOURCE_DIR");
    if (!env.isEmpty())
        dirs.push_back(env.toStdString());
    if (QCoreApplication::instance())
        dirs.push_back(QCoreApplication::applicationDirPath().toStdString() + "/../share/distillscope/resources");
#ifdef DS_RESOURCE_DIR
    dirs.emplace_back(DS_RESOURCE_DIR);
#endif
    for (const auto &d : dirs) {
        const std::string p = d + "/ice/" + name;
        if (QFile::exists(QString::fromStdString(p)))
            return readFile(p, content, error);
    }
    if (error)
        *error = "ICE resource '" + name + "' not found (set DS_RESOURCE_DIR to the resources folder)";
    return false;
}

} // namespace ds::ice
