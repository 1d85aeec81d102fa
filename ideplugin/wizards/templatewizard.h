#pragma once

#include "templatecatalog.h"

#include "client/platformclient.h"

#include <QDialog>
#include <QJsonObject>
#include <QPointer>
#include <QString>

#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTemporaryDir;

namespace dynodesk::ideplugin {

class GitJob;
class PluginContext;
class SetupRunner;

// File › New › App from Template: pick a template, optionally name the app, pick a folder; Finish
// sets the app up from the template as the Button does (the template packed and uploaded, an app
// setup honouring its app.json: add-ons, config, formation; the build output goes to the wizard
// and the console), then clones the app's repository into <folder>/<app>, copies the template in
// and commits it, opens the folder as the project and the app in the web view. Open it with open().
class TemplateWizard final : public QDialog {
    Q_OBJECT
public:
    TemplateWizard(PluginContext &ctx, QWidget *parent = nullptr);
    ~TemplateWizard() override;

    // Where the templates come from (tests may point it elsewhere); reloads the list.
    void setTemplateRoot(const QString &root);
    bool isRunning() const { return m_running; }

signals:
    // The app runs and its project is open.
    void finished(const QString &app, const QString &dir);
    // Creating stopped at `error` (the app may exist already; the message says so).
    void failed(const QString &error);

public slots:
    void reject() override; // Escape and Cancel: stop a running creation first

private:
    void buildUi();
    void reloadTemplates();
    void templateChanged();
    void updateTarget();
    void finish();
    bool packTemplate(QString *error);
    void showOutput(const QString &text);
    void setupEnded(const QString &app, const QString &error);
    void cloneAndCommit();
    void deployed(bool ok, const QString &error);
    void fail(const QString &error);
    void setRunning(bool running);
    void setStatus(const QString &text);
    const AppTemplate *selected() const;

    PluginContext &m_ctx;
    QString m_root = QStringLiteral(":/templates");
    QList<AppTemplate> m_templates;
    GitJob *m_job;
    SetupRunner *m_runner;
    std::unique_ptr<QTemporaryDir> m_source; // the template as the setup gets it
    QPointer<PendingRequest> m_request;
    bool m_running = false;
    bool m_cancelled = false;
    // The app being made.
    AppTemplate m_template;
    QString m_app;
    QString m_gitUrl;
    QString m_webUrl;
    QString m_dir;
    QString m_email;
    QString m_folderChosen;
    QString m_setupError; // why the setup failed once the app existed (e.g. its build)
    QString m_output;

    QListWidget *m_list;
    QLabel *m_description;
    QLineEdit *m_name;
    QLineEdit *m_folder;
    QPushButton *m_browse;
    QLabel *m_target;
    QPlainTextEdit *m_log;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_finish;
    QPushButton *m_cancel;
};

} // namespace dynodesk::ideplugin
