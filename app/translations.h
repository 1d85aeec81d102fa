#pragma once

class QCoreApplication;
class QLocale;

namespace dynodesk::app {

// Installs Dynodesk's and Qt's translations for `locale` (the system locale at start). Returns
// whether Dynodesk's own translation for `locale` was found. When there is none, the English
// one is installed for its plural forms (the source strings are English).
bool installTranslations(QCoreApplication &application, const QLocale &locale);

} // namespace dynodesk::app
