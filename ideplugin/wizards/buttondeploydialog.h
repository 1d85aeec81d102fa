#pragma once

#include "manifestreader.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTemporaryFile;
class QVBoxLayout;

namespace dynodesk::ideplugin {

class AppNameField;
class PluginContext;
class SetupProgress;
class SetupRunner;

// The Button's deploy form (File › Deploy from app.json…, or a `https://heroku.com/deploy?template=…`
// link): the app.json of a directory, a tarball or a tarball URL shown as the platform's deploy page
// shows it (app name with its availability, region, each config var with its description, required
// marker and generated value, the add-ons and the formation), then Deploy runs an app setup and
// shows its progress, ending with Manage App (the app editor) and View (the app in the web view).
class ButtonDeployDialog final : public QDialog {
    Q_OBJECT
public:
    // `source`: a Button link, a directory, a .tgz/.tar.gz file or an http(s) URL to a tarball.
    ButtonDeployDialog(PluginContext &ctx, const QString &source, QWidget *parent = nullptr);
    ~ButtonDeployDialog() override;

    QString source() const { return m_source; }
    const AppManifest &manifest() const { return m_manifest; }
    bool isRunning() const;
    AppNameField *nameField() const { return m_name; }

signals:
    void manifestLoaded();
    void manifestFailed(const QString &error);
    void deployed(const QString &app);
    void deployFailed(const QString &error);

public slots:
    void reject() override;

private:
    void buildUi();
    QWidget *buildForm();
    void load();
    void loaded(const ManifestRead &read);
    void fillEnv();
    void fillLists();
    void loadRegions();
    void loadLogo();
    void updateDeploy();
    void deploy();
    void succeeded(const QJsonObject &setup);
    void failed(const QString &message, const QStringList &errors, const QString &app);

    PluginContext &m_ctx;
    QString m_source;
    AppManifest m_manifest;
    bool m_loaded = false;
    std::unique_ptr<QTemporaryFile> m_download;
    SetupRunner *m_runner;
    QString m_app;
    QString m_viewUrl;
    QHash<QString, QLineEdit *> m_env;

    QStackedWidget *m_pages;
    QLabel *m_logo;
    QLabel *m_title;
    QLabel *m_description;
    QLabel *m_sourceLabel;
    QLabel *m_error;
    AppNameField *m_name;
    QComboBox *m_region;
    QWidget *m_envBox;
    QVBoxLayout *m_envRows;
    QListWidget *m_addons;
    QListWidget *m_formation;
    QLabel *m_buildpacks;
    QLabel *m_hint;
    SetupProgress *m_progress;
    QPushButton *m_deploy;
    QPushButton *m_manage;
    QPushButton *m_view;
    QPushButton *m_cancel;
};

} // namespace dynodesk::ideplugin
