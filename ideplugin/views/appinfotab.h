#pragma once

#include "apptab.h"

class QCheckBox;
class QLabel;

namespace dynodesk::ideplugin {

// Application Info: name, URLs, region, stack, owner, sizes, creation time; maintenance mode;
// rename, open (in the IDE's web view or the system browser) and destroy. Renaming and
// destroying are the owner's; for others they are disabled with the reason.
class AppInfoTab final : public AppTab {
    Q_OBJECT
public:
    explicit AppInfoTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;

private:
    void setMaintenance(bool on);
    void rename();
    void show(const QJsonObject &info);
    void applyPermissions();

    QLabel *m_labels[9] = {};
    QCheckBox *m_maintenance;
    QPushButton *m_rename = nullptr, *m_destroy = nullptr;
};

// The owner-only buttons of the editor: enabled for the owner, else disabled with the reason.
void applyOwnerOnly(const EditedApp &app, std::initializer_list<QPushButton *> buttons);

} // namespace dynodesk::ideplugin
