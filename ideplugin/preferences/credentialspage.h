#pragma once

#include "iplugin.h"

#include <QWidget>

class QTableWidget;

namespace dynodesk::ideplugin {

// Preferences › Credentials: the logins in ~/.netrc (machine and login, shared with the
// official CLI); Log Out of Selected removes one.
class CredentialsPage final : public QWidget, public app::IPreferencesPage {
    Q_OBJECT
public:
    explicit CredentialsPage(QString netrcPath, QWidget *parent = nullptr);

    QString title() const override { return tr("Credentials"); }
    QWidget *widget() override { return this; }
    // Logins are removed as the button is clicked: nothing is left to apply.
    void apply(std::function<void(bool)> done) override { done(true); }

    QTableWidget *table() const { return m_table; }
    void reload();
    void removeSelected();

private:
    QString m_netrcPath;
    QTableWidget *m_table;
};

} // namespace dynodesk::ideplugin
