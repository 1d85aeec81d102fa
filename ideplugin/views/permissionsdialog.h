#pragma once

#include <QDialog>
#include <QMap>

class QCheckBox;
class QLineEdit;

namespace dynodesk::ideplugin {

// Asks for a team app collaborator's permissions, one check box per permission (`view` always
// checked: the platform grants it to every collaborator); when adding, also for the email.
class PermissionsDialog final : public QDialog {
    Q_OBJECT
public:
    // `email` empty: the dialog asks for it (adding); otherwise it names whose permissions change.
    PermissionsDialog(const QString &app, const QString &email, const QStringList &granted, QWidget *parent = nullptr);

    QString email() const;
    QStringList permissions() const;

private:
    QLineEdit *m_email = nullptr;
    QString m_fixedEmail;
    QMap<QString, QCheckBox *> m_boxes;
};

} // namespace dynodesk::ideplugin
