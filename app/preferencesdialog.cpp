#include "preferencesdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QPointer>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace dynodesk::app {

PreferencesDialog::PreferencesDialog(const AppSettings &settings, const QList<PageFactory> &pluginPages,
                                     QWidget *parent)
    : QDialog(parent), m_settings(settings), m_pages(new QTabWidget(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferences"));
    for (const PageFactory &make : pluginPages)
        for (IPreferencesPage *page : make(this)) {
            m_pluginPages.append(page);
            m_pages->addTab(page->widget(), page->title());
        }
    m_pages->addTab(editorPage(), tr("Editor"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);
    resize(620, 440);
}

QWidget *PreferencesDialog::editorPage()
{
    auto *page = new QWidget(this);
    m_font = new QFontComboBox(page);
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(m_settings.editorFont);
    m_fontSize = new QSpinBox(page);
    m_fontSize->setRange(6, 48);
    m_fontSize->setValue(qMax(6, m_settings.editorFont.pointSize()));
    m_tabWidth = new QSpinBox(page);
    m_tabWidth->setRange(1, 16);
    m_tabWidth->setValue(m_settings.tabWidth);
    m_theme = new QComboBox(page);
    m_theme->addItem(tr("Follow the system"), QStringLiteral("auto"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(m_settings.theme)));
    auto *form = new QFormLayout(page);
    form->addRow(tr("Font:"), m_font);
    form->addRow(tr("Size:"), m_fontSize);
    form->addRow(tr("Tab width:"), m_tabWidth);
    form->addRow(tr("Theme:"), m_theme);
    return page;
}

AppSettings PreferencesDialog::settings() const
{
    AppSettings s = m_settings;
    s.editorFont = m_font->currentFont();
    s.editorFont.setPointSize(m_fontSize->value());
    s.tabWidth = m_tabWidth->value();
    s.theme = m_theme->currentData().toString();
    return s;
}

void PreferencesDialog::accept()
{
    if (m_applying)
        return;
    m_applying = true;
    applyFrom(0);
}

// Asks the plugin pages from `index` on; the dialog closes when the last one agrees.
void PreferencesDialog::applyFrom(qsizetype index)
{
    if (index == m_pluginPages.size()) {
        m_applying = false;
        return QDialog::accept();
    }
    IPreferencesPage *page = m_pluginPages.at(index);
    page->apply([self = QPointer(this), page, index](bool accepted) {
        if (!self)
            return;
        if (accepted)
            return self->applyFrom(index + 1);
        self->m_applying = false;
        self->m_pages->setCurrentWidget(page->widget());
    });
}

} // namespace dynodesk::app
