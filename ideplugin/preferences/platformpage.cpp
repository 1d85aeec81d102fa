#include "platformpage.h"

#include "client/netrc.h"
#include "client/platformclient.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QUrl>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

PlatformPage::PlatformPage(const PlatformSettings &settings, QNetworkAccessManager &network, QString netrcPath,
                           QWidget *parent)
    : QWidget(parent), m_settings(settings), m_network(network), m_netrcPath(std::move(netrcPath)),
      m_kind(new QButtonGroup(this)), m_remoteUrl(new QLineEdit(m_settings.remoteUrl, this)),
      m_key(new QLineEdit(this)), m_error(new QLabel(this))
{
    auto *local = new QRadioButton(tr("The emulator inside Dynodesk (offline, the default)"), this);
    auto *remote = new QRadioButton(tr("A Dynodesk server elsewhere"), this);
    auto *real = new QRadioButton(tr("The real platform"), this);
    m_kind->addButton(local, int(PlatformKind::Local));
    m_kind->addButton(remote, int(PlatformKind::Remote));
    m_kind->addButton(real, int(PlatformKind::Real));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("API key (heroku auth:token)"));
    m_error->setObjectName(QStringLiteral("platformError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_remoteUrl->setObjectName(QStringLiteral("platformUrl"));
    m_key->setObjectName(QStringLiteral("platformKey"));
    auto *form = new QFormLayout;
    form->addRow(tr("Server URL:"), m_remoteUrl);
    form->addRow(tr("API key:"), m_key);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(local);
    layout->addWidget(remote);
    layout->addWidget(real);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    connect(m_kind, &QButtonGroup::idClicked, this, [this](int id) { choosePlatform(PlatformKind(id)); });
    connect(m_remoteUrl, &QLineEdit::editingFinished, this, &PlatformPage::loadKeyForChosenUrl);
    choosePlatform(m_settings.kind);
}

void PlatformPage::choosePlatform(PlatformKind kind)
{
    m_settings.kind = kind;
    m_kind->button(int(kind))->setChecked(true);
    m_remoteUrl->setEnabled(kind == PlatformKind::Remote);
    m_key->setEnabled(kind != PlatformKind::Local);
    m_error->clear();
    loadKeyForChosenUrl();
}

void PlatformPage::loadKeyForChosenUrl()
{
    m_settings.remoteUrl = m_remoteUrl->text().trimmed();
    Netrc netrc(m_netrcPath);
    const QString url = m_settings.chosenUrl();
    if (url.isEmpty() || !netrc.load())
        return m_key->clear();
    const auto entry = netrc.find(Netrc::machinesFor(url).first);
    m_key->setText(entry ? entry->password : QString());
}

PlatformSettings PlatformPage::settings() const
{
    PlatformSettings s = m_settings;
    s.kind = PlatformKind(m_kind->checkedId());
    s.remoteUrl = m_remoteUrl->text().trimmed();
    return s;
}

QString PlatformPage::token() const
{
    return settings().kind == PlatformKind::Local ? QString() : m_key->text().trimmed();
}

QString PlatformPage::error() const { return m_error->text(); }

void PlatformPage::apply(std::function<void(bool)> done)
{
    const PlatformSettings chosen = settings();
    if (chosen.kind == PlatformKind::Local) {
        emit accepted();
        return done(true);
    }
    const QUrl url(chosen.chosenUrl());
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        m_error->setText(tr("Enter the server's URL, e.g. http://127.0.0.1:5001."));
        return done(false);
    }
    if (token().isEmpty()) {
        m_error->setText(tr("Enter an API key."));
        return done(false);
    }
    delete m_checking;
    m_checking = new PlatformClient(m_network, this);
    m_checking->setEndpoint(url, token());
    m_error->setText(tr("Checking the key…"));
    m_checking->get(QStringLiteral("/account"), this, [this, done = std::move(done)](const Reply &reply) {
        m_checking->deleteLater();
        if (!reply.ok()) {
            m_error->setText(reply.error);
            return done(false);
        }
        if (!saveKey(reply.object().value(QStringLiteral("email")).toString()))
            return done(false);
        m_error->clear();
        emit accepted();
        done(true);
    });
}

bool PlatformPage::saveKey(const QString &email)
{
    m_settings = settings();
    Netrc netrc(m_netrcPath);
    const auto [apiHost, gitHost] = Netrc::machinesFor(m_settings.chosenUrl());
    if (netrc.load()) {
        netrc.set({apiHost, email, token()});
        netrc.set({gitHost, email, token()});
        if (netrc.save())
            return true;
    }
    m_error->setText(tr("The key works, but %1 could not be written.").arg(m_netrcPath));
    return false;
}

} // namespace dynodesk::ideplugin
