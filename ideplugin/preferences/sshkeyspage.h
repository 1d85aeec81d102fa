#pragma once

#include "iplugin.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace dynodesk::ideplugin {

class PlatformClient;

// Preferences › SSH keys: the account's keys through the account keys API; add one from
// ~/.ssh/*.pub, generate one with ssh-keygen, remove the selected one.
class SshKeysPage final : public QWidget, public app::IPreferencesPage {
    Q_OBJECT
public:
    // `client` is null when no platform is connected.
    SshKeysPage(PlatformClient *client, QString sshDir, QWidget *parent = nullptr);

    QString title() const override { return tr("SSH Keys"); }
    QWidget *widget() override { return this; }
    // Changes are made as the buttons are clicked: nothing is left to apply.
    void apply(std::function<void(bool)> done) override { done(true); }

    void refresh();
    void addKeyFile(const QString &publicKeyPath);
    void generate();
    void removeSelected();
    QListWidget *list() const { return m_list; }
    QString status() const;

private:
    void setStatus(const QString &message);

    PlatformClient *m_client;
    QString m_sshDir;
    QListWidget *m_list;
    QLabel *m_status;
};

} // namespace dynodesk::ideplugin
