#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace dynodesk::ideplugin {

// An app.json manifest as the Button's deploy form shows it: the app's description, the config
// vars to ask for, the add-ons and dynos the setup will create.
struct AppManifest {
    struct EnvVar {
        QString key;
        QString description;
        QString value;          // prefilled value ("value", or the string form)
        bool required = true;   // the platform's default; "required": false makes it optional
        bool generated = false; // "generator": "secret": left empty, the platform generates it
    };
    struct Addon {
        QString plan; // "heroku-postgresql" or "heroku-postgresql:essential-0"
        QString as;   // attachment name, if given
    };
    struct Process {
        QString type;
        int quantity = 1;
        QString size;
    };

    QString name;
    QString description;
    QString logo;
    QString repository;
    QString website;
    QString postdeploy;
    QList<EnvVar> env;
    QList<Addon> addons;
    QList<Process> formation;
    QStringList buildpacks;
};

// Where an app.json was looked for and what was found, or a sentence saying why not.
struct ManifestRead {
    AppManifest manifest;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

namespace manifest {

// The manifest in `json` (an app.json's bytes); an error naming the problem when it is not a
// JSON object.
ManifestRead parse(const QByteArray &json);
// The app.json of a local directory, or of a local gzip tarball (.tgz/.tar.gz), at its root or
// under its single top-level folder (as GitHub's tarballs have it). Uses `tar`.
ManifestRead readLocal(const QString &path);
// Whether `source` is an http(s) URL (to be downloaded) rather than a local path.
bool isRemote(const QString &source);
// The template a Button link names (`https://heroku.com/deploy?template=URL`); anything else
// (a URL, a path, a file:// URL) is taken as the template itself.
QString templateOfLink(const QString &link);
// Why `name` is no app name the platform accepts, or an empty string. Empty names are allowed
// (the platform then generates one) and answer empty.
QString appNameError(const QString &name);

} // namespace manifest

} // namespace dynodesk::ideplugin
