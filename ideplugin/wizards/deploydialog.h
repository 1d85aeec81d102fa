#pragma once

#include "client/gitops.h"

#include <QDialog>
#include <QString>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace dynodesk::ideplugin {

class GitJob;
class PluginContext;

// Deploy… (Team › Commit and Push): the project's working-tree changes, a commit message, and
// Commit and Deploy / Deploy, which push to the app's git URL with the API token on a worker
// thread. The build output streams into the dialog's log and the console ("Deploy <app>") as it
// comes; the dialog ends with the release number and app URL, or the build's error. Cancel stops
// a running push, else closes. Open it with open(): it is window-modal, never blocking.
class DeployDialog final : public QDialog {
    Q_OBJECT
public:
    DeployDialog(PluginContext &ctx, const QString &app, const QString &gitUrl, const QString &projectDir,
                 QWidget *parent = nullptr);
    ~DeployDialog() override;

    bool isRunning() const;

signals:
    // After a push the platform accepted: the release it made.
    void deployed(int releaseVersion);
    // After a push that failed or was cancelled; `error` is what the result label says.
    void deployFailed(const QString &error);

public slots:
    void reject() override; // Escape and Cancel: stop a running push first

private:
    void buildUi();
    void refreshChanges();
    void startDeploy(bool commitFirst);
    void committed(const git::Result &result);
    void startPush();
    void appendLog(const QString &text);
    void pushFinished(bool ok, const QString &error);
    void showRelease(int version, bool built);
    void showFailure(const QString &error);
    void setRunning(bool running, const QString &status = {});
    void updateButtons();

    PluginContext &m_ctx;
    QString m_app;
    QString m_gitUrl;
    QString m_dir;
    QString m_webUrl;
    QString m_email;
    QString m_output; // this run's build output
    int m_changes = 0;
    bool m_busy = false; // a deploy runs, or its release is being read
    enum class Step { Commit, Push } m_step = Step::Push;
    GitJob *m_job;
    QLabel *m_header;
    QListWidget *m_changesList;
    QLineEdit *m_message;
    QPlainTextEdit *m_log;
    QProgressBar *m_progress;
    QLabel *m_result;
    QPushButton *m_openApp;
    QPushButton *m_commitAndDeploy;
    QPushButton *m_deploy;
    QPushButton *m_cancel;
};

} // namespace dynodesk::ideplugin
