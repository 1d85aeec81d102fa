// The shell's Edit › Preferences: the pages plugins add come first, then the Editor page; on OK
// every plugin page is asked in turn and may answer later; a page that refuses keeps the dialog
// open and is shown; the Editor page's settings persist. (The platform plugin's own pages are
// tested in tests/ideplugin/tst_platformpreferences.cpp.)
#include "guitest.h"

#include "appsettings.h"
#include "iplugin.h"
#include "preferencesdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

#include <functional>
#include <optional>

using namespace dynodesk::app;

// A plugin page that answers OK when told to (`answer`), now or later; counts the questions.
class FakePage final : public QLabel, public IPreferencesPage {
public:
    FakePage(const QString &title, QWidget *parent) : QLabel(title, parent), m_title(title) {}
    QString title() const override { return m_title; }
    QWidget *widget() override { return this; }
    void apply(std::function<void(bool)> done) override
    {
        ++asked;
        if (answer)
            return done(*answer);
        pending = std::move(done);
    }

    std::optional<bool> answer = true; // empty: answer later, through `pending`
    std::function<void(bool)> pending;
    int asked = 0;

private:
    QString m_title;
};

class TestPreferences : public QObject {
    Q_OBJECT

    FakePage *m_first = nullptr, *m_second = nullptr;

    PreferencesDialog::PageFactory twoPages()
    {
        return [this](QWidget *dialog) -> QList<IPreferencesPage *> {
            m_first = new FakePage(QStringLiteral("First"), dialog);
            m_second = new FakePage(QStringLiteral("Second"), dialog);
            return {m_first, m_second};
        };
    }
    static void clickOk(PreferencesDialog &dialog)
    {
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    }
    static QStringList tabTitles(const PreferencesDialog &dialog)
    {
        QStringList titles;
        for (int i = 0; i < dialog.pages()->count(); ++i)
            titles << dialog.pages()->tabText(i);
        return titles;
    }

public:
    static void initMain() { guitest::prepare(); }

private slots:
    void withoutPluginsThereIsTheEditorPage()
    {
        PreferencesDialog dialog(AppSettings{});
        QCOMPARE(tabTitles(dialog), QStringList{QStringLiteral("Editor")});
        dialog.show();
        clickOk(dialog);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void pluginPagesComeFirstAndAreAskedInTurn()
    {
        PreferencesDialog dialog(AppSettings{}, {twoPages()});
        QCOMPARE(tabTitles(dialog), (QStringList{"First", "Second", "Editor"}));
        dialog.show();
        m_second->answer.reset(); // the second one answers later, as a network check does
        clickOk(dialog);
        QCOMPARE(m_first->asked, 1);
        QCOMPARE(m_second->asked, 1);
        QVERIFY(dialog.isVisible());
        clickOk(dialog); // a second OK while a page is still checking asks nobody again
        QCOMPARE(m_first->asked, 1);
        m_second->pending(true);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
    }

    void aRefusingPageKeepsTheDialogOpenAndIsShown()
    {
        PreferencesDialog dialog(AppSettings{}, {twoPages()});
        dialog.show();
        dialog.pages()->setCurrentIndex(2); // the Editor page
        m_first->answer = false;
        clickOk(dialog);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.pages()->currentWidget(), static_cast<QWidget *>(m_first));
        QCOMPARE(m_second->asked, 0); // not asked after a refusal
        // Fixed, OK again: now both agree and the dialog closes.
        m_first->answer = true;
        clickOk(dialog);
        QCOMPARE(m_second->asked, 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void editorSettingsPersist()
    {
        AppSettings before;
        before.tabWidth = 4;
        PreferencesDialog dialog(before);
        const QList<QSpinBox *> spins = dialog.pages()->widget(0)->findChildren<QSpinBox *>();
        QCOMPARE(spins.size(), 2); // font size, tab width
        spins.at(1)->setValue(8);
        {
            QSettings store;
            dialog.settings().save(store);
        }
        QSettings store;
        QCOMPARE(AppSettings::load(store).tabWidth, 8);
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
