#include "sshkeyspage.h"

#include "client/platformclient.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

SshKeysPage::SshKeysPage(PlatformClient *client, QString sshDir, QWidget *parent)
    : QWidget(parent), m_client(client), m_sshDir(std::move(sshDir)), m_list(new QListWidget(this)),
      m_status(new QLabel(this))
{
    auto *add = new QPushButton(tr("Add from ~/.ssh…"), this);
    auto *generateButton = new QPushButton(tr("Generate…"), this);
    auto *removeButton = new QPushButton(tr("Remove"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(generateButton);
    buttons->addWidget(removeButton);
    buttons->addStretch();
    m_status->setObjectName(QStringLiteral("sshKeysStatus"));
    m_status->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("SSH keys of your account on the connected platform:"), this));
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(add, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Add SSH key"), m_sshDir,
                                                          tr("Public keys (*.pub)"));
        if (!file.isEmpty())
            addKeyFile(file);
    });
    connect(generateButton, &QPushButton::clicked, this, &SshKeysPage::generate);
    connect(removeButton, &QPushButton::clicked, this, &SshKeysPage::removeSelected);
    // Remove acts on the selected key: without one there is nothing to remove.
    removeButton->setObjectName(QStringLiteral("removeKeyButton"));
    removeButton->setEnabled(false);
    connect(m_list, &QListWidget::itemSelectionChanged, removeButton,
            [this, removeButton] { removeButton->setEnabled(!m_list->selectedItems().isEmpty()); });
    setEnabled(m_client != nullptr);
    if (!m_client)
        setStatus(tr("Connect to a platform to manage SSH keys."));
}

QString SshKeysPage::status() const { return m_status->text(); }

void SshKeysPage::setStatus(const QString &message) { m_status->setText(message); }

void SshKeysPage::refresh()
{
    if (!m_client)
        return;
    m_client->get(QStringLiteral("/account/keys"), this, [this](const Reply &reply) {
        m_list->clear();
        if (!reply.ok())
            return setStatus(reply.error);
        for (const QJsonValue &key : reply.array()) {
            const QJsonObject k = key.toObject();
            auto *item = new QListWidgetItem(QStringLiteral("%1  (%2)").arg(k.value(QStringLiteral("comment")).toString(),
                                                                 k.value(QStringLiteral("fingerprint")).toString()),
                                             m_list);
            item->setData(Qt::UserRole, k.value(QStringLiteral("id")).toString());
        }
        setStatus(tr("%n key(s)", nullptr, m_list->count()));
    });
}

void SshKeysPage::addKeyFile(const QString &publicKeyPath)
{
    QFile file(publicKeyPath);
    if (!m_client || !file.open(QIODevice::ReadOnly))
        return setStatus(tr("Cannot read %1.").arg(publicKeyPath));
    const QString key = QString::fromUtf8(file.readAll()).trimmed();
    m_client->post(QStringLiteral("/account/keys"), {{QStringLiteral("public_key"), key}}, this,
                   [this](const Reply &reply) {
                       if (!reply.ok())
                           return setStatus(reply.error);
                       refresh();
                   });
}

void SshKeysPage::generate()
{
    QDir().mkpath(m_sshDir);
    QString base = m_sshDir + QStringLiteral("/id_ed25519_dynodesk");
    for (int i = 2; QFile::exists(base); ++i)
        base = m_sshDir + QStringLiteral("/id_ed25519_dynodesk%1").arg(i);
    const QString comment = qEnvironmentVariable("USER", QStringLiteral("dynodesk")) + QLatin1Char('@') +
                            QHostInfo::localHostName();
    auto *process = new QProcess(this);
    setStatus(tr("Generating %1…").arg(base));
    connect(process, &QProcess::finished, this, [this, process, base](int code, QProcess::ExitStatus status) {
        process->deleteLater();
        if (status != QProcess::NormalExit || code != 0)
            return setStatus(tr("ssh-keygen failed: %1").arg(QString::fromLocal8Bit(process->readAllStandardError())));
        addKeyFile(base + QStringLiteral(".pub"));
    });
    connect(process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        setStatus(tr("ssh-keygen could not be started. Is OpenSSH installed?"));
    });
    process->start(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                  QStringLiteral("-N"), QString(), QStringLiteral("-C"), comment,
                                                  QStringLiteral("-f"), base});
}

void SshKeysPage::removeSelected()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!m_client || !item)
        return;
    m_client->remove(QStringLiteral("/account/keys/") + PlatformClient::pathPart(item->data(Qt::UserRole).toString()),
                     this, [this](const Reply &reply) {
                         if (!reply.ok())
                             return setStatus(reply.error);
                         refresh();
                     });
}

} // namespace dynodesk::ideplugin
