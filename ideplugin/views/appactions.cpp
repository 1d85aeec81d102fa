#include "appactions.h"

#include "plugincontext.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dynodesk::ideplugin::appactions {

static QString appPath(const QString &app) { return QStringLiteral("/apps/") + PlatformClient::pathPart(app); }

void restart(PluginContext &ctx, const QString &app, QWidget *parent, const QString &dyno)
{
    const QString question = dyno.isEmpty()
                                     ? QObject::tr("Restart all dynos of %1?").arg(app)
                                     : QObject::tr("Restart dyno %1 of %2?").arg(dyno, app);
    if (QMessageBox::question(parent, QObject::tr("Restart"), question) != QMessageBox::Yes)
        return;
    const QString path = appPath(app) + QStringLiteral("/dynos") + (dyno.isEmpty() ? QString() : QLatin1Char('/') + dyno);
    ctx.client.remove(path, &ctx, [&ctx, app, dyno](const Reply &r) {
        if (!r.ok())
            return ctx.fail(QObject::tr("Restarting %1").arg(app), r);
        ctx.report(dyno.isEmpty() ? QObject::tr("Restarting all dynos of %1.").arg(app)
                                  : QObject::tr("Restarting %1 of %2.").arg(dyno, app));
        emit ctx.appsChanged();
    });
}

// A dialog with one spin box per process type of the app's formation, filled in once it arrived.
class ScaleDialog final : public QDialog {
    Q_OBJECT
public:
    ScaleDialog(PluginContext &ctx, const QString &app, QWidget *parent) : QDialog(parent), m_ctx(ctx), m_app(app)
    {
        setObjectName(QStringLiteral("scaleDialog"));
        setWindowTitle(tr("Scale %1").arg(app));
        auto *layout = new QVBoxLayout(this);
        m_form = new QFormLayout;
        layout->addLayout(m_form);
        m_status = new QLabel(tr("Reading the formation…"), this);
        layout->addWidget(m_status);
        m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Scale"));
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        layout->addWidget(m_buttons);
        connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        connect(m_buttons, &QDialogButtonBox::accepted, this, &ScaleDialog::apply);
        ctx.client.get(appPath(app) + QStringLiteral("/formation"), this, [this](const Reply &r) {
            if (!r.ok()) {
                m_status->setText(r.error);
                return;
            }
            for (const QJsonValue &v : r.array()) {
                const QJsonObject f = v.toObject();
                if (f.value(QStringLiteral("type")).toString() == QLatin1String("release"))
                    continue; // runs once per release; it has no dynos to scale
                auto *spin = new QSpinBox(this);
                spin->setRange(0, 100);
                spin->setValue(f.value(QStringLiteral("quantity")).toInt());
                const QString type = f.value(QStringLiteral("type")).toString();
                spin->setObjectName(QStringLiteral("scale_") + type);
                m_form->addRow(QStringLiteral("%1 (%2)").arg(type, f.value(QStringLiteral("size")).toString()), spin);
                m_spins.append({type, spin});
            }
            m_status->setText(m_spins.isEmpty() ? tr("This app has no process types yet: deploy it first.") : QString());
            m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_spins.isEmpty());
        });
    }

private:
    void apply()
    {
        QJsonArray updates;
        for (const auto &[type, spin] : m_spins)
            updates.append(QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("quantity"), spin->value()}});
        m_buttons->setEnabled(false);
        m_status->setText(tr("Scaling…"));
        PluginContext &ctx = m_ctx;
        const QString app = m_app;
        ctx.client.patch(appPath(app) + QStringLiteral("/formation"), {{QStringLiteral("updates"), updates}}, this,
                         [this, &ctx, app](const Reply &r) {
                             if (!r.ok()) {
                                 m_status->setText(r.error);
                                 m_buttons->setEnabled(true);
                                 return;
                             }
                             QStringList parts;
                             for (const QJsonValue &v : r.array())
                                 parts << QStringLiteral("%1=%2").arg(v[QStringLiteral("type")].toString())
                                                  .arg(v[QStringLiteral("quantity")].toInt());
                             ctx.report(tr("Scaled %1: %2").arg(app, parts.join(QLatin1Char(' '))));
                             emit ctx.appsChanged();
                             accept();
                         });
    }

    PluginContext &m_ctx;
    QString m_app;
    QFormLayout *m_form;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QList<std::pair<QString, QSpinBox *>> m_spins;
};

void scale(PluginContext &ctx, const QString &app, QWidget *parent)
{
    auto *dialog = new ScaleDialog(ctx, app, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

bool confirmByTyping(QWidget *parent, const QString &title, const QString &text, const QString &expected)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("typedConfirmation"));
    dialog.setWindowTitle(title);
    auto *layout = new QVBoxLayout(&dialog);
    auto *label = new QLabel(text + QStringLiteral("\n\n") + QObject::tr("Type %1 to confirm:").arg(expected), &dialog);
    label->setWordWrap(true);
    layout->addWidget(label);
    auto *edit = new QLineEdit(&dialog);
    edit->setObjectName(QStringLiteral("confirmationEdit"));
    layout->addWidget(edit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    layout->addWidget(buttons);
    QObject::connect(edit, &QLineEdit::textChanged, ok, [ok, expected](const QString &t) { ok->setEnabled(t == expected); });
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    return dialog.exec() == QDialog::Accepted && edit->text() == expected;
}

void destroy(PluginContext &ctx, const QString &app, QWidget *parent)
{
    if (!confirmByTyping(parent, QObject::tr("Destroy %1").arg(app),
                         QObject::tr("This destroys %1 with its dynos, add-ons, config vars and git repository. "
                                     "It cannot be undone.")
                                 .arg(app),
                         app))
        return;
    ctx.client.remove(appPath(app), &ctx, [&ctx, app](const Reply &r) {
        if (!r.ok())
            return ctx.fail(QObject::tr("Destroying %1").arg(app), r);
        ctx.report(QObject::tr("Destroyed %1.").arg(app));
        emit ctx.appsChanged();
    });
}

} // namespace dynodesk::ideplugin::appactions

#include "appactions.moc"
