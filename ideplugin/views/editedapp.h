#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace dynodesk::ideplugin {

class PluginContext;

// The app an editor shows, shared by the editor's tabs: its name (a rename changes it), the last
// answer of GET /apps/{app} (for the owner's permissions), the API paths under it, and the
// editor's status line, which tells what the last change did or why it failed.
class EditedApp final : public QObject {
    Q_OBJECT
public:
    EditedApp(PluginContext &ctx, QString name, QObject *parent = nullptr);

    PluginContext &ctx() const { return m_ctx; }
    QString name() const { return m_name; }
    void rename(const QString &name);
    // "/apps/{name}" followed by `rest`.
    QString path(const QString &rest = {}) const;

    const QJsonObject &info() const { return m_info; }
    void setInfo(const QJsonObject &info);
    QString ownerEmail() const;
    // True unless the signed-in account is known and is not the owner. A team app's owner is its
    // team (`<team>@herokumanager.com`): true, and the platform refuses what the caller's role and
    // permissions do not allow, in its words.
    bool isOwner() const;
    bool isTeamApp() const;

    // A change done: the status line and the shell's status bar say `message`.
    void done(const QString &message);
    // A change that made a release: "Set FOO config vars · v7"; then every tab reads again.
    void reportRelease(const QString &what);
    // A read failed: the status line says why.
    void showError(const QString &message) { emit statusChanged(message); }

signals:
    void statusChanged(const QString &message);
    void changed(const QString &message);
    void infoChanged();
    void renamed(const QString &name);
    // Every tab should read its resources again.
    void refreshRequested();
    // After each answer a tab has shown (tests wait on it).
    void loaded(const QString &tab);

private:
    PluginContext &m_ctx;
    QString m_name;
    QJsonObject m_info;
};

} // namespace dynodesk::ideplugin
