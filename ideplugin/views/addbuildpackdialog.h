#pragma once

#include <QDialog>
#include <QJsonArray>

class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace dynodesk::ideplugin {

// Add buildpack: the buildpack registry's buildpacks with their descriptions to pick from, or a
// buildpack URL typed in (a git URL, or a file:// URL of a buildpack on the server's machine).
class AddBuildpackDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AddBuildpackDialog(QWidget *parent = nullptr);

    // The registry's buildpacks (GET /buildpacks bodies: namespace, name, description).
    void setRegistry(const QJsonArray &buildpacks);
    // What to install: the typed URL if any, else the picked registry name; empty when neither.
    QString buildpack() const;

private:
    void updateOk();

    QTreeWidget *m_list;
    QLineEdit *m_url;
    QPushButton *m_ok = nullptr;
};

} // namespace dynodesk::ideplugin
