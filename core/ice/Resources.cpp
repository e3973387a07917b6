#include "ice/Resources.h"
#include "util/Resources.h"

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
    // One lookup order for every bundled file (see util/Resources.h).
    const std::string p = ds::resourcePath("ice/" + name);
    if (!p.empty())
        return readFile(p, content, error);
    if (error)
        *error = "ICE resource '" + name + "' not found (set DS_RESOURCE_DIR to the resources folder)";
    return false;
}

} // namespace ds::ice
