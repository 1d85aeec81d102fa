#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace dynodesk::app {

// Where Dynodesk's .qm files are looked for: the install's share/dynodesk/translations beside
// the binary's bin/ (so an installed or replaced .qm wins), then the copy embedded in the binary.
static QStringList translationDirs()
{
    return {QDir::cleanPath(QCoreApplication::applicationDirPath() +
                            QStringLiteral("/../" CMAKE_INSTALL_DATADIR_STR "/dynodesk/translations")),
            QStringLiteral(":/i18n")};
}

static bool loadOwn(QTranslator &translator, const QLocale &locale)
{
    for (const QString &dir : translationDirs())
        if (translator.load(locale, QStringLiteral("dynodesk"), QStringLiteral("_"), dir))
            return true;
    return false;
}

bool installTranslations(QCoreApplication &application, const QLocale &locale)
{
    auto *qt = new QTranslator(&application);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(&application);
    const bool found = loadOwn(*own, locale);
    // Without a translation for the locale the English source strings show; the English
    // translation still supplies their plural forms ("1 key", "2 keys").
    if (!found && !loadOwn(*own, QLocale(QLocale::English, QLocale::UnitedStates)))
        return false;
    return QCoreApplication::installTranslator(own) && found;
}

} // namespace dynodesk::app
