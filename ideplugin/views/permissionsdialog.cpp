#include "permissionsdialog.h"

#include "teampermissions.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace dynodesk::ideplugin {

PermissionsDialog::PermissionsDialog(const QString &app, const QString &email, const QStringList &granted,
                                     QWidget *parent)
    : QDialog(parent), m_fixedEmail(email)
{
    setObjectName(QStringLiteral("permissionsDialog"));
    setWindowTitle(email.isEmpty() ? tr("Add collaborator to %1").arg(app) : tr("Permissions of %1").arg(email));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    if (email.isEmpty()) {
        m_email = new QLineEdit(this);
        m_email->setObjectName(QStringLiteral("collaboratorEmail"));
        m_email->setPlaceholderText(tr("name@example.com"));
        form->addRow(tr("Email:"), m_email);
    } else {
        form->addRow(tr("Collaborator:"), new QLabel(email, this));
    }
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Permissions on %1:").arg(app), this));
    for (const QString &name : TeamPermissions::names()) {
        auto *box = new QCheckBox(TeamPermissions::title(name), this);
        box->setObjectName(QStringLiteral("permission_") + name);
        box->setToolTip(TeamPermissions::description(name));
        box->setChecked(granted.contains(name) || name == QLatin1String("view"));
        box->setEnabled(name != QLatin1String("view"));
        auto *row = new QVBoxLayout;
        row->setSpacing(0);
        row->addWidget(box);
        auto *what = new QLabel(TeamPermissions::description(name), this);
        what->setIndent(24);
        what->setEnabled(false); // greyed: a note under the box
        row->addWidget(what);
        layout->addLayout(row);
        m_boxes.insert(name, box);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    if (m_email) {
        QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
        ok->setEnabled(false);
        connect(m_email, &QLineEdit::textChanged, ok, [ok](const QString &text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    }
}

QString PermissionsDialog::email() const { return m_email ? m_email->text().trimmed() : m_fixedEmail; }

QStringList PermissionsDialog::permissions() const
{
    QStringList out;
    for (const QString &name : TeamPermissions::names())
        if (m_boxes.value(name)->isChecked())
            out << name;
    return out;
}

} // namespace dynodesk::ideplugin
