#pragma once

#include "apptab.h"

class QTreeWidget;

namespace dynodesk::ideplugin {

// Processes: the formation's process types with their dynos under them (command, size,
// quantity, state and since when); scale, the app's logs, restart the selected dyno (or all).
class ProcessesTab final : public AppTab {
    Q_OBJECT
public:
    explicit ProcessesTab(EditedApp &app, QWidget *parent = nullptr);

    void load() override;
    void poll() override { load(); }
    QTreeWidget *tree() const { return m_tree; }

private:
    void show(const QJsonArray &formation, const QJsonArray &dynos);

    QTreeWidget *m_tree;
};

} // namespace dynodesk::ideplugin
