#include "templatecatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace dynodesk::ideplugin::templates {

static constexpr auto descriptionFile = "template.json";

static QJsonObject readObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList addonsOf(const QString &appJsonPath)
{
    QStringList plans;
    for (const auto &entry : readObject(appJsonPath).value(QStringLiteral("addons")).toArray()) {
        const QString plan = entry.isString() ? entry.toString() : entry.toObject().value(QStringLiteral("plan")).toString();
        if (!plan.isEmpty())
            plans.append(plan);
    }
    return plans;
}

QList<AppTemplate> load(const QString &root)
{
    QList<AppTemplate> found;
    const QDir dir(root);
    for (const QString &id : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString folder = dir.filePath(id);
        const QJsonObject about = readObject(folder + QLatin1Char('/') + QLatin1String(descriptionFile));
        const QJsonObject app = readObject(folder + QStringLiteral("/app.json"));
        AppTemplate t;
        t.id = id;
        t.root = folder;
        t.name = about.value(QStringLiteral("name")).toString(app.value(QStringLiteral("name")).toString(id));
        t.description = about.value(QStringLiteral("description")).toString(app.value(QStringLiteral("description")).toString());
        t.order = about.value(QStringLiteral("order")).toInt(1000);
        t.addons = addonsOf(folder + QStringLiteral("/app.json"));
        QDirIterator files(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString relative = QDir(folder).relativeFilePath(files.next());
            if (relative != QLatin1String(descriptionFile))
                t.files.append(relative);
        }
        t.files.sort();
        found.append(t);
    }
    std::stable_sort(found.begin(), found.end(), [](const AppTemplate &a, const AppTemplate &b) {
        return a.order != b.order ? a.order < b.order : a.name.localeAwareCompare(b.name) < 0;
    });
    return found;
}

bool copy(const AppTemplate &appTemplate, const QString &dir, QString *error)
{
    const QDir source(appTemplate.root);
    const QDir target(dir);
    QDirIterator it(appTemplate.root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString relative = source.relativeFilePath(from);
        if (relative == QLatin1String(descriptionFile))
            continue;
        const QString to = target.filePath(relative);
        QFile in(from);
        QFile out(to);
        if (!in.open(QIODevice::ReadOnly) || !QDir().mkpath(QFileInfo(to).absolutePath())
            || !out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(in.readAll()) < 0) {
            if (error)
                *error = QCoreApplication::translate("dynodesk::ideplugin::templates", "Cannot copy %1 into %2: %3")
                                 .arg(relative, dir, in.isOpen() ? out.errorString() : in.errorString());
            return false;
        }
    }
    return true;
}

} // namespace dynodesk::ideplugin::templates
