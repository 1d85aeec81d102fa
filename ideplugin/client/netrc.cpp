#include "netrc.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>

#include <optional>

namespace dynodesk::ideplugin {

Netrc::Netrc(QString path) : m_path(std::move(path)) {}

QString Netrc::defaultPath() { return QDir::homePath() + QStringLiteral("/.netrc"); }

QPair<QString, QString> Netrc::machinesFor(const QString &apiUrl)
{
    const QString api = QUrl(apiUrl).authority();
    QString git = api;
    if (api.startsWith(QLatin1String("api.")))
        git = QStringLiteral("git.") + api.mid(4);
    return {api, git};
}

bool Netrc::load()
{
    QFile file(m_path);
    if (!file.exists()) {
        m_text.clear();
        return true;
    }
    if (!file.open(QIODevice::ReadOnly))
        return false;
    m_text = QString::fromUtf8(file.readAll());
    return true;
}

bool Netrc::save() const
{
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(m_text.toUtf8());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return file.commit();
}

// The span of one `machine` entry in the text: from its keyword to the next entry's keyword.
struct Span {
    qsizetype begin, end;
    NetrcEntry entry;
};

static QList<Span> spans(const QString &text)
{
    static const QRegularExpression token(QStringLiteral("\\S+"));
    QList<Span> result;
    std::optional<Span> current;
    QString pendingKey;
    for (auto it = token.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString word = m.captured();
        if (word == QLatin1String("machine") || word == QLatin1String("default") || word == QLatin1String("macdef")) {
            if (current) {
                current->end = m.capturedStart();
                result.append(*current);
            }
            current.reset();
            pendingKey = word;
            if (word == QLatin1String("machine"))
                current = Span{m.capturedStart(), text.size(), {}};
            else if (word == QLatin1String("macdef"))
                break; // a macro body runs to a blank line; nothing after it is ours to parse
            continue;
        }
        if (!pendingKey.isEmpty()) {
            if (current && pendingKey == QLatin1String("machine"))
                current->entry.machine = word;
            else if (current && pendingKey == QLatin1String("login"))
                current->entry.login = word;
            else if (current && pendingKey == QLatin1String("password"))
                current->entry.password = word;
            pendingKey.clear();
        } else {
            pendingKey = word;
        }
    }
    if (current)
        result.append(*current);
    return result;
}

QList<NetrcEntry> Netrc::entries() const
{
    QList<NetrcEntry> result;
    for (const Span &s : spans(m_text))
        result.append(s.entry);
    return result;
}

std::optional<NetrcEntry> Netrc::find(const QString &machine) const
{
    for (const NetrcEntry &e : entries())
        if (e.machine == machine)
            return e;
    return std::nullopt;
}

void Netrc::set(const NetrcEntry &entry)
{
    const QString block = QStringLiteral("machine %1\n  login %2\n  password %3\n")
                                  .arg(entry.machine, entry.login, entry.password);
    for (const Span &s : spans(m_text))
        if (s.entry.machine == entry.machine) {
            m_text.replace(s.begin, s.end - s.begin, block);
            return;
        }
    if (!m_text.isEmpty() && !m_text.endsWith(QLatin1Char('\n')))
        m_text += QLatin1Char('\n');
    m_text += block;
}

void Netrc::remove(const QString &machine)
{
    const QList<Span> all = spans(m_text);
    for (auto it = all.crbegin(); it != all.crend(); ++it)
        if (it->entry.machine == machine)
            m_text.remove(it->begin, it->end - it->begin);
}

} // namespace dynodesk::ideplugin
