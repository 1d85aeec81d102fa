#pragma once

#include "appsettings.h"
#include "iplugin.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QFontComboBox;
class QSpinBox;
class QTabWidget;

namespace dynodesk::app {

// Edit › Preferences: the pages plugins add (the platform plugin's Platform, Credentials and
// SSH Keys), then the shell's Editor page. On OK every plugin page is asked in turn, and may
// answer later (a key checked over the network); a page that refuses keeps the dialog open and
// is shown. The Editor page's values are settings().
class PreferencesDialog final : public QDialog {
    Q_OBJECT
public:
    using PageFactory = std::function<QList<IPreferencesPage *>(QWidget *dialog)>;

    PreferencesDialog(const AppSettings &settings, const QList<PageFactory> &pluginPages = {},
                      QWidget *parent = nullptr);

    AppSettings settings() const;
    QTabWidget *pages() const { return m_pages; }

    void accept() override;

private:
    QWidget *editorPage();
    void applyFrom(qsizetype index);

    AppSettings m_settings;
    QTabWidget *m_pages;
    QList<IPreferencesPage *> m_pluginPages;
    QFontComboBox *m_font = nullptr;
    QSpinBox *m_fontSize = nullptr;
    QSpinBox *m_tabWidth = nullptr;
    QComboBox *m_theme = nullptr;
    bool m_applying = false;
};

} // namespace dynodesk::app
