// dynodesk-server accounts:import and teams:quota.
#include "labcommands.h"

#include "wiring/emulator.h"
#include "wiring/offlineplatform.h"

#include <QCommandLineParser>
#include <QFile>

#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dynodesk::server {

static QCommandLineOption limitOption(const char *name, const char *what)
{
    return {QString::fromLatin1(name),
            QStringLiteral("With teams:quota: the most %1 each member may have (a number, or unlimited).")
                    .arg(QString::fromLatin1(what)),
            QStringLiteral("n")};
}

LabCommands::LabCommands(QCommandLineParser &parser)
    : m_parser(parser),
      m_out(QStringLiteral("out"),
            QStringLiteral("With accounts:import: write the new accounts' passwords and tokens to this file (mode 0600)."),
            QStringLiteral("file")),
      m_apps(limitOption("apps", "apps")), m_dynos(limitOption("dynos", "dynos")),
      m_addons(limitOption("addons", "add-ons"))
{
    parser.addOptions({m_out, m_apps, m_dynos, m_addons});
}

std::optional<int> LabCommands::run(const QString &dataDir, const QStringList &args) const
{
    if (args.isEmpty())
        return std::nullopt;
    if (args[0] == QStringLiteral("accounts:import"))
        return importRoster(dataDir, args);
    if (args[0] == QStringLiteral("teams:quota"))
        return setQuota(dataDir, args);
    return std::nullopt;
}

static std::string credentialsCsv(const platform::RosterOutcome &outcome)
{
    std::string csv = "email,password,token\n";
    for (const auto &c : outcome.created)
        csv += c.email + "," + c.password + "," + c.token + "\n";
    return csv;
}

// Readable by its owner only, whatever the umask, and also when the file was there before.
static bool writePrivateFile(const QString &path, const std::string &text)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    bool ok = ::fchmod(fd, 0600) == 0;
    for (size_t done = 0; ok && done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        ok = n > 0;
        done += ok ? static_cast<size_t>(n) : 0;
    }
    return ::close(fd) == 0 && ok;
}

static void printSummary(const platform::RosterOutcome &o)
{
    if (!o.changed()) {
        std::fprintf(stderr, "No changes: the %d accounts of the roster, their teams and roles are as it says.\n", o.rows);
        return;
    }
    std::fprintf(stderr, "Imported %d rows: %zu new accounts, %d renamed, %d new teams, %d new memberships, %d roles changed.\n",
                 o.rows, o.created.size(), o.accountsRenamed, o.teamsCreated, o.membersAdded, o.rolesChanged);
}

int LabCommands::importRoster(const QString &dataDir, const QStringList &args) const
{
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: dynodesk-server accounts:import ROSTER.csv [--out FILE] [--data-dir D]\n");
        return 2;
    }
    QFile file(args[1]);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "dynodesk-server: cannot read %s: %s\n", qPrintable(args[1]), qPrintable(file.errorString()));
        return 1;
    }
    auto outcome = wiring::importRoster(dataDir.toStdString(), file.readAll().toStdString());
    if (!outcome) {
        std::fprintf(stderr, "dynodesk-server: %s: %s\nNothing was imported.\n", qPrintable(args[1]),
                     outcome.error().message.c_str());
        return 1;
    }
    printSummary(*outcome);
    if (outcome->created.empty())
        return 0;
    if (!m_parser.isSet(m_out)) {
        std::fputs(credentialsCsv(*outcome).c_str(), stdout);
        return 0;
    }
    if (!writePrivateFile(m_parser.value(m_out), credentialsCsv(*outcome))) {
        std::fprintf(stderr, "dynodesk-server: cannot write %s; the new accounts' credentials follow.\n",
                     qPrintable(m_parser.value(m_out)));
        std::fputs(credentialsCsv(*outcome).c_str(), stdout);
        return 1;
    }
    std::fprintf(stderr, "The new accounts' passwords and tokens are in %s.\n", qPrintable(m_parser.value(m_out)));
    return 0;
}

// A limit as given: a number (0 or more), or `unlimited` (-1, which clears it).
static std::optional<int64_t> parseLimit(const QString &value, bool *ok)
{
    *ok = true;
    if (value == QStringLiteral("unlimited"))
        return -1;
    const qlonglong n = value.toLongLong(ok);
    *ok = *ok && n >= 0;
    return n;
}

static std::string limitText(const std::optional<int64_t> &limit)
{
    return limit ? std::to_string(*limit) : std::string("unlimited");
}

int LabCommands::setQuota(const QString &dataDir, const QStringList &args) const
{
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: dynodesk-server teams:quota TEAM [--apps N] [--dynos N] [--addons N] [--data-dir D]\n");
        return 2;
    }
    platform::TeamQuotaUpdate update;
    for (auto [option, limit] : {std::pair{&m_apps, &update.apps}, {&m_dynos, &update.dynos}, {&m_addons, &update.addons}}) {
        if (!m_parser.isSet(*option))
            continue;
        bool ok = false;
        *limit = parseLimit(m_parser.value(*option), &ok);
        if (!ok) {
            std::fprintf(stderr, "dynodesk-server: --%s must be a number (0 or more) or unlimited, not %s\n",
                         qPrintable(option->names().first()), qPrintable(m_parser.value(*option)));
            return 2;
        }
    }
    auto quota = wiring::setTeamQuota(dataDir.toStdString(), args[1].toStdString(), update);
    if (!quota) {
        std::fprintf(stderr, "dynodesk-server: %s\n", quota.error().message.c_str());
        return 1;
    }
    std::printf("Quota of %s, for each member and viewer: apps %s, dynos %s, add-ons %s\n", quota->teamName.c_str(),
                limitText(quota->apps).c_str(), limitText(quota->dynos).c_str(), limitText(quota->addons).c_str());
    return 0;
}

} // namespace dynodesk::server
