#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QNetworkAccessManager;
class QProcess;

namespace dynodesk::app {

class ApiClient;

// Preferences › SSH keys: the account's keys through the account keys API; add one from
// ~/.ssh/*.pub, generate one with ssh-keygen, remove the selected one.
class SshKeysPage final : public QWidget {
    Q_OBJECT
public:
    SshKeysPage(ApiClient *client, QString sshDir, QWidget *parent = nullptr);

    void refresh();
    void addKeyFile(const QString &publicKeyPath);
    void generate();
    void removeSelected();
    QListWidget *list() const { return m_list; }
    QString status() const;

private:
    void setStatus(const QString &message);

    ApiClient *m_client; // null when no platform is connected
    QString m_sshDir;
    QListWidget *m_list;
    QLabel *m_status;
};

} // namespace dynodesk::app
