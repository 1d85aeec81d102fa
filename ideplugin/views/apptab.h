#pragma once

#include <QJsonObject>
#include <QWidget>

class QHBoxLayout;
class QPushButton;
class QTableView;
class QVBoxLayout;

namespace dynodesk::ideplugin {

class EditedApp;
class JsonTableModel;
class PluginContext;

// One tab of the app editor: it reads its resources of the edited app when asked, and its
// buttons change them through the Platform API. Most tabs are a table over a row of buttons;
// the helpers here build that shape.
class AppTab : public QWidget {
    Q_OBJECT
public:
    explicit AppTab(EditedApp &app, QWidget *parent = nullptr);

    // Reads the tab's resources again.
    virtual void load() = 0;
    // Called every few seconds while the tab is shown: tabs whose resources the platform changes
    // by itself (dynos, add-ons, builds) read them again.
    virtual void poll() {}

protected:
    PluginContext &ctx() const;
    QVBoxLayout *pageLayout() const { return m_layout; }
    // A table over `model`, added to the page.
    QTableView *addTable(JsonTableModel *model, const QString &name);
    // A button at the end of the row of buttons (the row is added to the page on first use).
    QPushButton *addButton(const QString &name, const QString &text, const QString &tip = {});
    void addToButtonRow(QWidget *widget);
    // GET with the ETag cache; fills `model` and tells `loaded(tab)`.
    void loadList(const QString &tab, const QString &path, JsonTableModel *model);
    // The resource of the selected row, empty when none is selected.
    static QJsonObject selected(const QTableView *view, const JsonTableModel *model);

    EditedApp &m_app;

private:
    QHBoxLayout *buttonRow();

    QVBoxLayout *m_layout;
    QHBoxLayout *m_row = nullptr;
};

// The table views of the app editor: whole rows selected, read-only, alternating colours.
QTableView *makeTable(QWidget *parent, JsonTableModel *model, const QString &name);

} // namespace dynodesk::ideplugin
