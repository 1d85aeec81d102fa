#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace dynodesk::ideplugin {

// An app template shipped with the plugin: a folder under `:/templates/<id>/` holding the app's
// files and a `template.json` ({"name", "description", "order"}) that describes it. Add-ons come
// from the app's own `app.json` ("addons": ["heroku-postgresql", {"plan": "…"}]).
struct AppTemplate {
    QString id;
    QString name;
    QString description;
    QStringList addons; // plans or services to provision, as app.json names them
    QStringList files;  // what the project gets, relative to `root`
    QString root;       // the folder holding the files
    int order = 0;
};

namespace templates {

// The templates under `root`, in their `order`, then by name.
QList<AppTemplate> load(const QString &root = QStringLiteral(":/templates"));
// The plans an app.json names in "addons" (strings, or objects with "plan"); empty on no file.
QStringList addonsOf(const QString &appJsonPath);
// Copies the template's files (all but template.json) into `dir`, which must exist. Files are
// written afresh, so they are writable even when the template is a read-only resource.
bool copy(const AppTemplate &appTemplate, const QString &dir, QString *error);

} // namespace templates

} // namespace dynodesk::ideplugin
