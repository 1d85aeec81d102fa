#include "editedapp.h"

#include "plugincontext.h"

#include <QJsonArray>

#include <algorithm>

namespace dynodesk::ideplugin {

EditedApp::EditedApp(PluginContext &ctx, QString name, QObject *parent)
    : QObject(parent), m_ctx(ctx), m_name(std::move(name))
{
}

void EditedApp::rename(const QString &name)
{
    m_name = name;
    emit renamed(name);
}

QString EditedApp::path(const QString &rest) const
{
    return QStringLiteral("/apps/") + PlatformClient::pathPart(m_name) + rest;
}

void EditedApp::setInfo(const QJsonObject &info)
{
    m_info = info;
    emit infoChanged();
}

QString EditedApp::ownerEmail() const
{
    return m_info.value(QStringLiteral("owner")).toObject().value(QStringLiteral("email")).toString();
}

bool EditedApp::isTeamApp() const { return m_info.value(QStringLiteral("team")).isObject(); }

bool EditedApp::isOwner() const
{
    if (isTeamApp())
        return true; // its team owns it: the platform decides by the caller's role and permissions
    const QString owner = ownerEmail();
    return m_ctx.accountEmail.isEmpty() || owner.isEmpty() || owner == m_ctx.accountEmail;
}

void EditedApp::done(const QString &message)
{
    emit statusChanged(message);
    m_ctx.report(message);
    emit changed(message);
}

void EditedApp::reportRelease(const QString &what)
{
    m_ctx.client.get(path(QStringLiteral("/releases")), this, [this, what](const Reply &r) {
        int version = 0;
        for (const QJsonValue &v : r.array())
            version = std::max(version, v[QStringLiteral("version")].toInt());
        done(version ? tr("%1 · v%2").arg(what).arg(version) : what);
        emit refreshRequested();
    });
}

} // namespace dynodesk::ideplugin
