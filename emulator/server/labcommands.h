#pragma once

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace dynodesk::server {

// The commands a teacher runs to set up a lab: `accounts:import ROSTER [--out FILE]` and
// `teams:quota TEAM [--apps N] [--dynos N] [--addons N]`. Their options join the server's parser.
class LabCommands final {
public:
    explicit LabCommands(QCommandLineParser &parser);

    // Runs the command `args` names and gives its exit code; nullopt when it names none of these.
    std::optional<int> run(const QString &dataDir, const QStringList &args) const;

private:
    int importRoster(const QString &dataDir, const QStringList &args) const;
    int setQuota(const QString &dataDir, const QStringList &args) const;

    QCommandLineParser &m_parser;
    const QCommandLineOption m_out, m_apps, m_dynos, m_addons;
};

} // namespace dynodesk::server
