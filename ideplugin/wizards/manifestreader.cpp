#include "manifestreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUrlQuery>

namespace dynodesk::ideplugin::manifest {

static QString tr(const char *text) { return QCoreApplication::translate("dynodesk::ideplugin::manifest", text); }

static QList<AppManifest::EnvVar> envOf(const QJsonObject &env)
{
    QList<AppManifest::EnvVar> vars;
    for (auto it = env.begin(); it != env.end(); ++it) {
        AppManifest::EnvVar var;
        var.key = it.key();
        if (it.value().isObject()) {
            const QJsonObject spec = it.value().toObject();
            var.description = spec.value(QStringLiteral("description")).toString();
            const QJsonValue value = spec.value(QStringLiteral("value"));
            var.value = value.isDouble() ? QString::number(value.toDouble()) : value.toString();
            var.required = spec.value(QStringLiteral("required")).toBool(true);
            var.generated = spec.value(QStringLiteral("generator")).toString() == QLatin1String("secret");
        } else {
            var.value = it.value().isDouble() ? QString::number(it.value().toDouble()) : it.value().toString();
        }
        vars.append(var);
    }
    return vars;
}

static QList<AppManifest::Addon> addonsOf(const QJsonArray &addons)
{
    QList<AppManifest::Addon> list;
    for (const QJsonValue &entry : addons) {
        if (entry.isString())
            list.append({entry.toString(), {}});
        else if (const QJsonObject o = entry.toObject(); !o.value(QStringLiteral("plan")).toString().isEmpty())
            list.append({o.value(QStringLiteral("plan")).toString(), o.value(QStringLiteral("as")).toString()});
    }
    return list;
}

static QList<AppManifest::Process> formationOf(const QJsonValue &formation)
{
    QList<AppManifest::Process> list;
    auto add = [&list](const QString &type, const QJsonObject &spec) {
        list.append({type, spec.value(QStringLiteral("quantity")).toInt(1), spec.value(QStringLiteral("size")).toString()});
    };
    if (formation.isObject()) {
        const QJsonObject byType = formation.toObject();
        for (auto it = byType.begin(); it != byType.end(); ++it)
            add(it.key(), it.value().toObject());
    }
    for (const QJsonValue &entry : formation.toArray()) // the older list form: [{process, quantity, size}]
        add(entry.toObject().value(QStringLiteral("process")).toString(), entry.toObject());
    return list;
}

ManifestRead parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return {{}, tr("app.json is not valid JSON: %1 (at character %2).").arg(error.errorString()).arg(error.offset)};
    if (!doc.isObject())
        return {{}, tr("app.json is not a JSON object.")};
    const QJsonObject o = doc.object();
    AppManifest m;
    m.name = o.value(QStringLiteral("name")).toString();
    m.description = o.value(QStringLiteral("description")).toString();
    m.logo = o.value(QStringLiteral("logo")).toString();
    m.repository = o.value(QStringLiteral("repository")).toString();
    m.website = o.value(QStringLiteral("website")).toString();
    m.postdeploy = o.value(QStringLiteral("scripts")).toObject().value(QStringLiteral("postdeploy")).toString();
    m.env = envOf(o.value(QStringLiteral("env")).toObject());
    m.addons = addonsOf(o.value(QStringLiteral("addons")).toArray());
    m.formation = formationOf(o.value(QStringLiteral("formation")));
    for (const QJsonValue &b : o.value(QStringLiteral("buildpacks")).toArray())
        m.buildpacks.append(b.isString() ? b.toString() : b.toObject().value(QStringLiteral("url")).toString());
    return {m, {}};
}

static ManifestRead readFile(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {{}, tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(file), f.errorString())};
    return parse(f.readAll());
}

static ManifestRead readDirectory(const QString &dir)
{
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("app.json"))))
        return readFile(QDir(dir).filePath(QStringLiteral("app.json")));
    const QStringList entries = QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    if (entries.size() == 1 && QFileInfo::exists(QDir(dir).filePath(entries.first() + QStringLiteral("/app.json"))))
        return readFile(QDir(dir).filePath(entries.first() + QStringLiteral("/app.json")));
    return {{}, tr("There is no app.json in %1.").arg(QDir::toNativeSeparators(dir))};
}

static bool runTar(const QStringList &args, QByteArray *out, QString *error)
{
    QProcess tar;
    tar.start(QStringLiteral("tar"), args);
    if (!tar.waitForFinished(60000) || tar.exitStatus() != QProcess::NormalExit || tar.exitCode() != 0) {
        *error = QString::fromLocal8Bit(tar.readAllStandardError()).trimmed();
        if (error->isEmpty())
            *error = tar.errorString();
        return false;
    }
    *out = tar.readAllStandardOutput();
    return true;
}

// The app.json entry of a tarball's listing: at the root, or under its single top-level folder.
static QString manifestEntry(const QStringList &entries)
{
    QSet<QString> tops;
    for (const QString &original : entries) {
        const QString entry = original.startsWith(QLatin1String("./")) ? original.mid(2) : original;
        if (entry == QLatin1String("app.json"))
            return original;
        if (!entry.isEmpty() && entry != QLatin1String("."))
            tops.insert(entry.section(QLatin1Char('/'), 0, 0));
    }
    if (tops.size() != 1)
        return {};
    const QString nested = *tops.begin() + QStringLiteral("/app.json");
    for (const QString &entry : entries)
        if (entry == nested || entry == QStringLiteral("./") + nested)
            return entry;
    return {};
}

static ManifestRead readTarball(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {{}, tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(file), f.errorString())};
    if (!f.read(2).startsWith("\x1f\x8b"))
        return {{}, tr("%1 is not a gzip tarball.").arg(QDir::toNativeSeparators(file))};
    QByteArray listing, json;
    QString error;
    if (!runTar({QStringLiteral("-tzf"), file}, &listing, &error))
        return {{}, tr("%1 could not be read as a tarball: %2").arg(QDir::toNativeSeparators(file), error)};
    const QString entry = manifestEntry(QString::fromUtf8(listing).split(QLatin1Char('\n'), Qt::SkipEmptyParts));
    if (entry.isEmpty())
        return {{}, tr("There is no app.json at the root of %1 or in its top-level folder.")
                            .arg(QDir::toNativeSeparators(file))};
    if (!runTar({QStringLiteral("-xzOf"), file, entry}, &json, &error))
        return {{}, tr("app.json could not be extracted from %1: %2").arg(QDir::toNativeSeparators(file), error)};
    return parse(json);
}

ManifestRead readLocal(const QString &source)
{
    const QString path = source.startsWith(QLatin1String("file:")) ? QUrl(source).toLocalFile() : source;
    const QFileInfo info(path);
    if (!info.exists())
        return {{}, tr("%1 does not exist.").arg(QDir::toNativeSeparators(path))};
    return info.isDir() ? readDirectory(path) : readTarball(path);
}

bool isRemote(const QString &source)
{
    const QString scheme = QUrl(source.trimmed()).scheme();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

QString templateOfLink(const QString &link)
{
    const QUrl url(link.trimmed());
    const QString path = url.path();
    const bool button = isRemote(link) && (path == QLatin1String("/deploy") || path == QLatin1String("/deploy/"));
    if (button && QUrlQuery(url).hasQueryItem(QStringLiteral("template")))
        return QUrlQuery(url).queryItemValue(QStringLiteral("template"), QUrl::FullyDecoded);
    return link.trimmed();
}

QString appNameError(const QString &name)
{
    if (name.isEmpty())
        return {};
    if (name.size() < 3)
        return tr("Name is too short (minimum is 3 characters)");
    if (name.size() > 30)
        return tr("Name is too long (maximum is 30 characters)");
    static const QRegularExpression rule(QStringLiteral("^[a-z][a-z0-9-]*[a-z0-9]$"));
    if (!rule.match(name).hasMatch())
        return tr("Name must start with a letter, end with a letter or digit and can only contain lowercase "
                  "letters, digits, and dashes.");
    return {};
}

} // namespace dynodesk::ideplugin::manifest
