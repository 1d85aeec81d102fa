#include "simplehighlighter.h"

#include <QFileInfo>

namespace dynodesk::app {

SimpleHighlighter::SimpleHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) {}

SimpleHighlighter::Language SimpleHighlighter::languageFor(const QString &fileName)
{
    const QFileInfo info(fileName);
    const QString name = info.fileName();
    const QString suffix = info.suffix().toLower();
    if (name == QLatin1String("Procfile"))
        return Language::Procfile;
    if (name.startsWith(QLatin1String(".env")) || suffix == QLatin1String("env"))
        return Language::Env;
    if (suffix == QLatin1String("json"))
        return Language::Json;
    static const QStringList scripts{QStringLiteral("sh"), QStringLiteral("bash"), QStringLiteral("py"),
                                     QStringLiteral("js"), QStringLiteral("mjs"), QStringLiteral("ts"),
                                     QStringLiteral("rb"), QStringLiteral("go"), QStringLiteral("java"),
                                     QStringLiteral("php"), QStringLiteral("txt"), QStringLiteral("toml"),
                                     QStringLiteral("yml"), QStringLiteral("yaml")};
    return scripts.contains(suffix) ? Language::Script : Language::Plain;
}

void SimpleHighlighter::setLanguage(Language language)
{
    m_language = language;
    rebuild();
}

void SimpleHighlighter::setDark(bool dark)
{
    m_dark = dark;
    rebuild();
}

static QTextCharFormat charFormat(const QColor &color, bool bold = false)
{
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::Bold);
    return f;
}

void SimpleHighlighter::rebuild()
{
    const QColor key = m_dark ? QColor(0x7c, 0xb7, 0xff) : QColor(0x1f, 0x4e, 0xa8);
    const QColor string = m_dark ? QColor(0xa5, 0xd6, 0x7f) : QColor(0x2e, 0x7d, 0x32);
    const QColor number = m_dark ? QColor(0xf7, 0x8c, 0x6c) : QColor(0xad, 0x45, 0x00);
    const QColor comment = m_dark ? QColor(0x8a, 0x8a, 0x8a) : QColor(0x80, 0x80, 0x80);
    using RE = QRegularExpression;
    m_rules.clear();
    switch (m_language) {
    case Language::Procfile: m_rules.append({RE(QStringLiteral("^[A-Za-z0-9_-]+(?=:)")), charFormat(key, true)}); break;
    case Language::Env: m_rules.append({RE(QStringLiteral("^\\s*(export\\s+)?[A-Za-z_][A-Za-z0-9_]*(?==)")), charFormat(key, true)}); break;
    case Language::Json: m_rules.append({RE(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:)")), charFormat(key)}); break;
    case Language::Script:
        m_rules.append({RE(QStringLiteral("\\b(def|class|function|return|if|else|elif|for|while|import|from|const|let|var|"
                                          "require|module|exports|async|await|end|do|then|fi|in|new|try|catch)\\b")),
                        charFormat(key, true)});
        break;
    case Language::Plain: break;
    }
    if (m_language != Language::Plain) {
        m_rules.append({RE(QStringLiteral("\\b\\d+(\\.\\d+)?\\b")), charFormat(number)});
        m_rules.append({RE(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"(?!\\s*:)|'[^']*'")), charFormat(string)});
        if (m_language != Language::Json)
            m_rules.append({RE(QStringLiteral("(^|\\s)(#|//).*$")), charFormat(comment)});
    }
    rehighlight();
}

void SimpleHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules))
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(m.capturedStart(), m.capturedLength(), rule.format);
        }
}

} // namespace dynodesk::app
