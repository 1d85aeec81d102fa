#include "appnamefield.h"

#include "manifestreader.h"
#include "plugincontext.h"

#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

AppNameField::AppNameField(PluginContext &ctx, QWidget *parent)
    : QWidget(parent), m_ctx(ctx), m_edit(new QLineEdit(this)), m_check(new QLabel(this)), m_debounce(new QTimer(this))
{
    m_edit->setObjectName(QStringLiteral("appName"));
    m_edit->setPlaceholderText(tr("Leave blank and a name will be generated"));
    m_check->setObjectName(QStringLiteral("nameCheck"));
    m_check->setWordWrap(true);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(400);
    connect(m_debounce, &QTimer::timeout, this, &AppNameField::check);
    connect(m_edit, &QLineEdit::textChanged, this, &AppNameField::edited);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_check);
    edited();
}

QString AppNameField::name() const { return m_edit->text().trimmed(); }
void AppNameField::setName(const QString &name) { m_edit->setText(name); }
void AppNameField::setDebounce(int ms) { m_debounce->setInterval(ms); }

void AppNameField::edited()
{
    m_debounce->stop();
    if (m_pending)
        m_pending->cancel();
    const QString name = this->name();
    if (name.isEmpty())
        return show(State::Blank, tr("The platform will choose a name."));
    if (const QString error = manifest::appNameError(name); !error.isEmpty())
        return show(State::Invalid, error);
    show(State::Checking, tr("Checking whether %1 is available…").arg(name));
    m_debounce->start();
}

void AppNameField::check()
{
    const QString name = this->name();
    m_pending = m_ctx.client.get(QStringLiteral("/apps/%1").arg(PlatformClient::pathPart(name)), this,
                                 [this, name](const Reply &reply) {
        if (name != this->name())
            return;
        if (reply.status == 404)
            return show(State::Available, tr("%1 is available").arg(name));
        if (reply.status == 200 || reply.status == 403)
            return show(State::Taken, tr("%1 is not available").arg(name));
        show(State::Unknown, tr("Cannot check the name: %1").arg(reply.error));
    });
}

void AppNameField::show(State state, const QString &text)
{
    const bool good = state == State::Available;
    const bool bad = state == State::Invalid || state == State::Taken || state == State::Unknown;
    m_check->setStyleSheet(good ? QStringLiteral("color: #2e7d32") : bad ? QStringLiteral("color: #c62828")
                                                                          : QStringLiteral("color: palette(mid)"));
    m_check->setText(good ? QStringLiteral("✓ ") + text : bad ? QStringLiteral("✗ ") + text : text);
    if (std::exchange(m_state, state) != state || state == State::Checking)
        emit stateChanged();
}

} // namespace dynodesk::ideplugin
