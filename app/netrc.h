#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace dynodesk::app {

// One `machine` entry of ~/.netrc.
struct NetrcEntry final {
    QString machine, login, password;
};

// ~/.netrc as the official CLI reads and writes it: `machine <host>` followed by `login` and
// `password`, one entry for the API host and one for the git host. Other entries, `default` and
// `macdef` blocks are kept as they are.
class Netrc final {
public:
    explicit Netrc(QString path);
    static QString defaultPath(); // $HOME/.netrc

    bool load();
    // Writes the file back with mode 0600.
    bool save() const;

    QList<NetrcEntry> entries() const;
    std::optional<NetrcEntry> find(const QString &machine) const;
    void set(const NetrcEntry &entry);
    void remove(const QString &machine);

private:
    QString m_path;
    QString m_text;
};

} // namespace dynodesk::app
