#pragma once

#include "apptab.h"

namespace dynodesk::ideplugin {

class ConfigVarsModel;

// Environment Variables: the app's config vars, values hidden until revealed; add several
// KEY=value lines at once (+), edit the selected one, remove it (-), import a .env file. Each
// change makes a release, and the status line names it.
class ConfigVarsTab final : public AppTab {
    Q_OBJECT
public:
    explicit ConfigVarsTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;
    ConfigVarsModel *model() const { return m_model; }
    // PATCH /apps/{app}/config-vars with `changes` (a null value removes a key); `what` names the
    // change on the status line.
    void setConfigVars(const QJsonObject &changes, const QString &what);

private:
    void addLines();
    void editSelected();
    void removeSelected();
    void importFile();
    // Sets the variables of a .env text; lines that are not KEY=value are named first.
    void setFromDotEnv(const QString &text);

    ConfigVarsModel *m_model;
    QTableView *m_view;
};

} // namespace dynodesk::ideplugin
