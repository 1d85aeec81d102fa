#include "preferencesdialog.h"

#include "apiclient.h"
#include "netrc.h"
#include "sshkeyspage.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace dynodesk::app {

PreferencesDialog::PreferencesDialog(const AppSettings &settings, PreferencesContext context, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_context(std::move(context)), m_pages(new QTabWidget(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferences"));
    if (!m_context.currentApiUrl.isEmpty() && m_context.network)
        m_connected = new ApiClient(*m_context.network, QUrl(m_context.currentApiUrl), m_context.currentToken, this);
    m_sshKeys = new SshKeysPage(m_connected, m_context.sshDir, this);
    m_pages->addTab(platformPage(), tr("Platform"));
    m_pages->addTab(credentialsPage(), tr("Credentials"));
    m_pages->addTab(m_sshKeys, tr("SSH Keys"));
    m_pages->addTab(editorPage(), tr("Editor"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);
    resize(620, 440);
    m_sshKeys->refresh();
}

QWidget *PreferencesDialog::platformPage()
{
    auto *page = new QWidget(this);
    m_kind = new QButtonGroup(page);
    auto *local = new QRadioButton(tr("The emulator inside Dynodesk (offline, the default)"), page);
    auto *remote = new QRadioButton(tr("A Dynodesk server elsewhere"), page);
    auto *real = new QRadioButton(tr("The real platform"), page);
    m_kind->addButton(local, int(PlatformKind::Local));
    m_kind->addButton(remote, int(PlatformKind::Remote));
    m_kind->addButton(real, int(PlatformKind::Real));
    m_remoteUrl = new QLineEdit(m_settings.remoteUrl, page);
    m_key = new QLineEdit(page);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("API key (heroku auth:token)"));
    m_error = new QLabel(page);
    m_error->setObjectName(QStringLiteral("platformError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    auto *form = new QFormLayout;
    form->addRow(tr("Server URL:"), m_remoteUrl);
    form->addRow(tr("API key:"), m_key);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(local);
    layout->addWidget(remote);
    layout->addWidget(real);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    connect(m_kind, &QButtonGroup::idClicked, this, [this](int id) { choosePlatform(PlatformKind(id)); });
    connect(m_remoteUrl, &QLineEdit::editingFinished, this, &PreferencesDialog::loadKeyForChosenUrl);
    choosePlatform(m_settings.platform);
    return page;
}

void PreferencesDialog::choosePlatform(PlatformKind kind)
{
    m_settings.platform = kind;
    m_kind->button(int(kind))->setChecked(true);
    m_remoteUrl->setEnabled(kind == PlatformKind::Remote);
    m_key->setEnabled(kind != PlatformKind::Local);
    m_error->clear();
    loadKeyForChosenUrl();
}

void PreferencesDialog::loadKeyForChosenUrl()
{
    m_settings.remoteUrl = m_remoteUrl->text().trimmed();
    Netrc netrc(m_context.netrcPath);
    const QString url = m_settings.chosenUrl();
    if (url.isEmpty() || !netrc.load())
        return m_key->clear();
    const auto entry = netrc.find(netrcHosts(url).first);
    m_key->setText(entry ? entry->password : QString());
}

QWidget *PreferencesDialog::credentialsPage()
{
    auto *page = new QWidget(this);
    m_credentials = new QTableWidget(0, 2, page);
    m_credentials->setHorizontalHeaderLabels({tr("Machine"), tr("Login")});
    m_credentials->horizontalHeader()->setStretchLastSection(true);
    m_credentials->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_credentials->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *remove = new QPushButton(tr("Log Out of Selected"), page);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("Logins in %1, shared with the official CLI:").arg(m_context.netrcPath), page));
    layout->addWidget(m_credentials, 1);
    layout->addWidget(remove, 0, Qt::AlignLeft);
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_credentials->currentRow();
        if (row < 0)
            return;
        Netrc netrc(m_context.netrcPath);
        if (netrc.load()) {
            netrc.remove(m_credentials->item(row, 0)->text());
            netrc.save();
        }
        reloadCredentials();
    });
    reloadCredentials();
    return page;
}

void PreferencesDialog::reloadCredentials()
{
    Netrc netrc(m_context.netrcPath);
    netrc.load();
    const auto entries = netrc.entries();
    m_credentials->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        m_credentials->setItem(row, 0, new QTableWidgetItem(entries[row].machine));
        m_credentials->setItem(row, 1, new QTableWidgetItem(entries[row].login));
    }
}

QWidget *PreferencesDialog::editorPage()
{
    auto *page = new QWidget(this);
    m_font = new QFontComboBox(page);
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(m_settings.editorFont);
    m_fontSize = new QSpinBox(page);
    m_fontSize->setRange(6, 48);
    m_fontSize->setValue(qMax(6, m_settings.editorFont.pointSize()));
    m_tabWidth = new QSpinBox(page);
    m_tabWidth->setRange(1, 16);
    m_tabWidth->setValue(m_settings.tabWidth);
    m_theme = new QComboBox(page);
    m_theme->addItem(tr("Follow the system"), QStringLiteral("auto"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(m_settings.theme)));
    auto *form = new QFormLayout(page);
    form->addRow(tr("Font:"), m_font);
    form->addRow(tr("Size:"), m_fontSize);
    form->addRow(tr("Tab width:"), m_tabWidth);
    form->addRow(tr("Theme:"), m_theme);
    return page;
}

AppSettings PreferencesDialog::settings() const
{
    AppSettings s = m_settings;
    s.platform = PlatformKind(m_kind->checkedId());
    s.remoteUrl = m_remoteUrl->text().trimmed();
    s.editorFont = m_font->currentFont();
    s.editorFont.setPointSize(m_fontSize->value());
    s.tabWidth = m_tabWidth->value();
    s.theme = m_theme->currentData().toString();
    return s;
}

QString PreferencesDialog::token() const
{
    return m_settings.platform == PlatformKind::Local ? QString() : m_key->text().trimmed();
}

QString PreferencesDialog::error() const { return m_error->text(); }

QPair<QString, QString> PreferencesDialog::netrcHosts(const QString &apiUrl)
{
    const QString api = QUrl(apiUrl).authority();
    QString git = api;
    if (api.startsWith(QLatin1String("api.")))
        git = QStringLiteral("git.") + api.mid(4);
    return {api, git};
}

void PreferencesDialog::accept()
{
    const AppSettings chosen = settings();
    if (chosen.platform == PlatformKind::Local)
        return QDialog::accept();
    if (m_checking)
        return;
    const QUrl url(chosen.chosenUrl());
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        m_pages->setCurrentIndex(0);
        return m_error->setText(tr("Enter the server's URL, e.g. http://127.0.0.1:5001."));
    }
    if (token().isEmpty()) {
        m_pages->setCurrentIndex(0);
        return m_error->setText(tr("Enter an API key."));
    }
    m_checking = true;
    m_error->setText(tr("Checking the key…"));
    auto *client = new ApiClient(*m_context.network, url, token(), this);
    client->get(QStringLiteral("/account"), [this, client](const ApiReply &reply) {
        client->deleteLater();
        m_checking = false;
        if (!reply.ok()) {
            m_pages->setCurrentIndex(0);
            return m_error->setText(reply.error);
        }
        validated(reply.json.object().value(QStringLiteral("email")).toString());
    });
}

void PreferencesDialog::validated(const QString &email)
{
    m_settings = settings();
    Netrc netrc(m_context.netrcPath);
    const auto [apiHost, gitHost] = netrcHosts(m_settings.chosenUrl());
    if (netrc.load()) {
        netrc.set({apiHost, email, token()});
        netrc.set({gitHost, email, token()});
        if (netrc.save())
            return QDialog::accept();
    }
    m_pages->setCurrentIndex(0);
    m_error->setText(tr("The key works, but %1 could not be written.").arg(m_context.netrcPath));
}

} // namespace dynodesk::app
