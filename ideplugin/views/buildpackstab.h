#pragma once

#include "apptab.h"

#include <QStringList>

namespace dynodesk::ideplugin {

class BuildpacksModel;

// Buildpacks, after the dashboard's Settings › Buildpacks: the app's buildpacks in the order
// they run; add one (from the buildpack registry or a URL), remove one, move one up or down
// (each a PUT of the whole list), and clear the build cache. Changes apply to the next build.
class BuildpacksTab final : public AppTab {
    Q_OBJECT
public:
    explicit BuildpacksTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;
    BuildpacksModel *model() const { return m_model; }

private:
    void add();
    void removeSelected();
    void moveSelected(int by);
    void clearCache();
    // The buildpacks' URLs in order, as the list shows them.
    QStringList urls() const;
    // Installs `urls` in that order (PUT), then tells `message` and selects row `select`.
    void install(const QStringList &urls, const QString &message, int select = -1);

    BuildpacksModel *m_model;
    QTableView *m_view;
};

} // namespace dynodesk::ideplugin
