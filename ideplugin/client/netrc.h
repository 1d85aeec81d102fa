#pragma once

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace dynodesk::ideplugin {

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
    // The machines the official CLI keeps a Platform API URL's key under: {API host, git host}
    // (api.heroku.com and git.heroku.com; host:port for any other server).
    static QPair<QString, QString> machinesFor(const QString &apiUrl);

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

} // namespace dynodesk::ideplugin
