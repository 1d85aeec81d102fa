#pragma once

#include <QDialog>
#include <QString>

class QJsonArray;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace dynodesk::ideplugin {

class GitJob;
class PluginContext;

// File › Import App: the user's apps (owned or shared); picking one clones its repository into
// <folder>/<app> on a worker thread and opens it as the project. Apps nothing was pushed to have
// no repository to clone: they are listed greyed out, saying so. Open it with open().
class ImportDialog final : public QDialog {
    Q_OBJECT
public:
    ImportDialog(PluginContext &ctx, const QString &preselectedApp, QWidget *parent = nullptr);
    ~ImportDialog() override;

    bool isRunning() const;

signals:
    void imported(const QString &dir);
    void appsLoaded();

public slots:
    void reject() override; // Escape and Cancel: stop a running clone first

private:
    void buildUi();
    void loadApps();
    void fillApps(const QJsonArray &apps);
    void updateTarget();
    void startImport();
    void cloneFinished(bool ok, const QString &error);
    void setRunning(bool running);
    void setStatus(const QString &text, bool error = false);
    QString selectedApp() const;

    PluginContext &m_ctx;
    QString m_preselected;
    QString m_dir;           // the clone being made
    bool m_madeDir = false;  // the clone's folder did not exist before
    GitJob *m_job;
    QTreeWidget *m_list;
    QLineEdit *m_folder;
    QPushButton *m_browse;
    QLabel *m_target;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_import;
    QPushButton *m_cancel;
};

} // namespace dynodesk::ideplugin
