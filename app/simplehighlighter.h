#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace dynodesk::app {

// The fallback when KSyntaxHighlighting is not available: keys, strings, numbers and comments
// for the files of a Procfile app (Procfile, .env, JSON, shell, Python, JavaScript, Ruby).
class SimpleHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Language { Plain, Procfile, Env, Json, Script };

    explicit SimpleHighlighter(QTextDocument *document);

    static Language languageFor(const QString &fileName);
    void setLanguage(Language language);
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    void rebuild();

    Language m_language = Language::Plain;
    bool m_dark = false;
    QList<Rule> m_rules;
};

} // namespace dynodesk::app
