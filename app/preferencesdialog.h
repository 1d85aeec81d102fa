#pragma once

#include "appsettings.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QFontComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace dynodesk::app {

class ApiClient;
class SshKeysPage;

// Where the dialog finds the platform and the user's files.
struct PreferencesContext final {
    QNetworkAccessManager *network = nullptr;
    QString currentApiUrl, currentToken; // the connected platform, for the SSH keys page
    QString netrcPath;
    QString sshDir;
};

// Edit › Preferences: Platform, Credentials, SSH keys, Editor. A remote platform's key is
// checked with GET /account on OK; a failure shows its reason and keeps the dialog open. A
// checked key is written to ~/.netrc for the API and git hosts, the way the official CLI does.
class PreferencesDialog final : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(const AppSettings &settings, PreferencesContext context, QWidget *parent = nullptr);

    AppSettings settings() const;
    // The key for the chosen remote platform (empty for the in-process emulator).
    QString token() const;
    QString error() const;

    QTabWidget *pages() const { return m_pages; }
    QLineEdit *remoteUrlField() const { return m_remoteUrl; }
    QLineEdit *keyField() const { return m_key; }
    void choosePlatform(PlatformKind kind);
    SshKeysPage *sshKeysPage() const { return m_sshKeys; }

    // The netrc machines of an API URL: {api host, git host}, as the official CLI names them.
    static QPair<QString, QString> netrcHosts(const QString &apiUrl);

    void accept() override;

private:
    QWidget *platformPage();
    QWidget *credentialsPage();
    QWidget *editorPage();
    void loadKeyForChosenUrl();
    void reloadCredentials();
    void validated(const QString &email);

    AppSettings m_settings;
    PreferencesContext m_context;
    QTabWidget *m_pages;
    QButtonGroup *m_kind = nullptr;
    QLineEdit *m_remoteUrl = nullptr;
    QLineEdit *m_key = nullptr;
    QLabel *m_error = nullptr;
    QTableWidget *m_credentials = nullptr;
    QFontComboBox *m_font = nullptr;
    QSpinBox *m_fontSize = nullptr;
    QSpinBox *m_tabWidth = nullptr;
    QComboBox *m_theme = nullptr;
    ApiClient *m_connected = nullptr;
    SshKeysPage *m_sshKeys = nullptr;
    bool m_checking = false;
};

} // namespace dynodesk::app
