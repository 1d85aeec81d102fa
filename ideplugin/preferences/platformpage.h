#pragma once

#include "iplugin.h"
#include "platformsettings.h"

#include <QPointer>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;

namespace dynodesk::ideplugin {

class PlatformClient;

// Preferences › Platform: the emulator inside the app, a Dynodesk server elsewhere, or the real
// platform, with the API key for the last two. On OK a remote platform's key is checked with
// GET /account; a failure shows its reason on the page and keeps the dialog open. A checked key is
// written to ~/.netrc for the API and git hosts, the way the official CLI does; then `accepted()`.
class PlatformPage final : public QWidget, public app::IPreferencesPage {
    Q_OBJECT
public:
    PlatformPage(const PlatformSettings &settings, QNetworkAccessManager &network, QString netrcPath,
                 QWidget *parent = nullptr);

    QString title() const override { return tr("Platform"); }
    QWidget *widget() override { return this; }
    void apply(std::function<void(bool)> done) override;

    void choosePlatform(PlatformKind kind);
    PlatformSettings settings() const;
    // The key for the chosen remote platform (empty for the emulator inside the app).
    QString token() const;
    QString error() const;
    QLineEdit *remoteUrlField() const { return m_remoteUrl; }
    QLineEdit *keyField() const { return m_key; }

signals:
    // The choice was checked and saved in ~/.netrc: settings() and token() are the new platform.
    void accepted();

private:
    void loadKeyForChosenUrl();
    // Saves the checked key for `email` in ~/.netrc; false (with the reason shown) if it cannot.
    bool saveKey(const QString &email);

    PlatformSettings m_settings;
    QNetworkAccessManager &m_network;
    QString m_netrcPath;
    QButtonGroup *m_kind;
    QLineEdit *m_remoteUrl;
    QLineEdit *m_key;
    QLabel *m_error;
    QPointer<PlatformClient> m_checking;
};

} // namespace dynodesk::ideplugin
