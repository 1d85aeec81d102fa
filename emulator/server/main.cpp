// dynodesk-server: the emulator alone, headless, for labs, teams, CI and the official CLI.
#include "labcommands.h"
#include "snapshot/snapshot.h"
#include "wiring/emulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace dynodesk;

static int g_signalFds[2] = {-1, -1};

static void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] auto n = ::write(g_signalFds[1], &byte, 1);
}

// SIGINT and SIGTERM end the event loop, so the emulator stops cleanly.
static void installSignalHandlers(QCoreApplication &app)
{
    ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds);
    auto *notifier = new QSocketNotifier(g_signalFds[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte;
        [[maybe_unused]] auto n = ::read(g_signalFds[0], &byte, 1);
        app.quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

static int addAccount(const QString &dataDir, const QStringList &args, const QString &password)
{
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: dynodesk-server accounts:add EMAIL [--password P] [--data-dir D]\n");
        return 2;
    }
    auto made = wiring::addAccount(dataDir.toStdString(), args[1].toStdString(),
                                     password.isEmpty() ? std::nullopt : std::optional(password.toStdString()));
    if (!made) {
        std::fprintf(stderr, "dynodesk-server: %s\n", made.error().message.c_str());
        return 1;
    }
    std::printf("Added account %s\n", made->account.email.c_str());
    if (password.isEmpty())
        std::printf("Password: %s\n", made->password.c_str());
    std::printf("Token: %s\n", made->token.c_str());
    std::printf("export HEROKU_API_KEY=%s\n", made->token.c_str());
    return 0;
}

// `snapshot save FILE` (the data dir may be in use by a running server) and `snapshot load FILE`
// (into a new data dir, which must be named).
static int snapshotCommand(const QString &dataDir, bool dataDirGiven, const QStringList &args)
{
    const bool save = args.value(1) == QStringLiteral("save");
    if (args.size() != 3 || (!save && args.value(1) != QStringLiteral("load")) || (!save && !dataDirGiven)) {
        std::fprintf(stderr, "usage: dynodesk-server snapshot save FILE [--data-dir D]\n"
                             "       dynodesk-server snapshot load FILE --data-dir NEW\n");
        return 2;
    }
    const snapshot::Snapshot snap(dataDir);
    const auto done = save ? snap.save(args[2]) : snap.load(args[2]);
    if (!done) {
        std::fprintf(stderr, "dynodesk-server: %s\n", done.error().message.c_str());
        return 1;
    }
    if (save)
        std::printf("Saved the lab in %s to %s\n", qPrintable(dataDir), qPrintable(args[2]));
    else
        std::printf("Loaded %s into %s\n", qPrintable(args[2]), qPrintable(dataDir));
    return 0;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dynodesk-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "The Dynodesk emulator of the platform, headless.\n\n"
            "Commands:\n  (none)                 serve the Platform API\n"
            "  accounts:add EMAIL     add an account and print its token\n"
            "  snapshot save FILE     save the data dir's state (while a server runs on it) to FILE\n"
            "  snapshot load FILE     restore FILE into a new data dir (--data-dir NEW)\n"
            "  accounts:import ROSTER.csv   add or update a class's accounts, teams and roles (email,name,team,role)\n"
            "  teams:quota TEAM       set the apps, dynos and add-ons each member of a team may have"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Where the emulator keeps its state."),
                                     QStringLiteral("dir"), QString::fromStdString(core::defaultDataDir()));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to listen on."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption apiPort(QStringLiteral("api-port"), QStringLiteral("Port of the Platform API and git (0: any free port)."),
                                     QStringLiteral("port"), QStringLiteral("5001"));
    const QCommandLineOption routerPort(QStringLiteral("router-port"), QStringLiteral("Port of the HTTP router for apps."),
                                        QStringLiteral("port"), QStringLiteral("5080"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"), QStringLiteral("API requests per hour per account."),
                                       QStringLiteral("n"), QStringLiteral("4500"));
    const QCommandLineOption threads(QStringLiteral("api-threads"), QStringLiteral("I/O threads of the API server."),
                                     QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption routerThreads(QStringLiteral("router-threads"),
                                           QStringLiteral("I/O threads of the router (half the CPU cores)."),
                                           QStringLiteral("n"), QString::number(dynodesk::core::Settings{}.routerThreads));
    const QCommandLineOption idleAfter(QStringLiteral("idle-after"),
                                       QStringLiteral("Idling: seconds without requests before an eco web dyno of an app "
                                                      "with the labs feature `idling` sleeps."),
                                       QStringLiteral("seconds"), QStringLiteral("1800"));
    const QCommandLineOption sandbox(QStringLiteral("sandbox"),
                                     QStringLiteral("Dynos and builds run in a bubblewrap sandbox each: the bwrap program, "
                                                    "or `off` for plain processes."),
                                     QStringLiteral("bwrap|off"), QStringLiteral("bwrap"));
    const QCommandLineOption password(QStringLiteral("password"), QStringLiteral("With accounts:add: the password."),
                                      QStringLiteral("password"));
    const QCommandLineOption allowSource(QStringLiteral("allow-source-path"),
                                         QStringLiteral("Builds may read file:// sources under this directory (repeatable); "
                                                        "otherwise only under <data dir>/sources/<account id>/."),
                                         QStringLiteral("dir"));
    parser.addOptions({dataDir, host, apiPort, routerPort, rateLimit, threads, routerThreads, idleAfter, sandbox, password, allowSource});
    const server::LabCommands lab(parser);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("accounts:add EMAIL | accounts:import ROSTER | teams:quota TEAM | snapshot save|load FILE"),
                                 QStringLiteral("[command]"));
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty() && args[0] == QStringLiteral("accounts:add"))
        return addAccount(parser.value(dataDir), args, parser.value(password));
    if (!args.isEmpty() && args[0] == QStringLiteral("snapshot"))
        return snapshotCommand(parser.value(dataDir), parser.isSet(dataDir), args);
    if (auto rc = lab.run(parser.value(dataDir), args))
        return *rc;
    if (!args.isEmpty()) {
        std::fprintf(stderr, "dynodesk-server: unknown command %s\n", qPrintable(args[0]));
        return 2;
    }

    core::Settings settings;
    settings.dataDir = parser.value(dataDir).toStdString();
    settings.host = parser.value(host).toStdString();
    settings.apiPort = static_cast<uint16_t>(parser.value(apiPort).toUInt());
    settings.routerPort = static_cast<uint16_t>(parser.value(routerPort).toUInt());
    settings.rateLimitPerHour = parser.value(rateLimit).toDouble();
    settings.apiThreads = parser.value(threads).toInt();
    settings.routerThreads = std::max(1, parser.value(routerThreads).toInt());
    settings.sandbox = parser.value(sandbox).toStdString();
    settings.idleAfterMilliseconds = static_cast<int>(std::max(1.0, parser.value(idleAfter).toDouble()) * 1000);
    for (const QString &dir : parser.values(allowSource))
        settings.allowedSourcePaths.push_back(dir.toStdString());

    installSignalHandlers(app);
    wiring::Emulator emulator(settings);
    if (auto started = emulator.start(); !started) {
        std::fprintf(stderr, "dynodesk-server: %s\n", started.error().message.c_str());
        return 1;
    }
    const auto &creds = emulator.credentials();
    std::printf("Dynodesk emulator: Platform API on %s\n", emulator.apiUrl().c_str());
    std::printf("Router: apps answer at http://<app>.localhost:%u/ (%s)\n", emulator.routerPort(), emulator.routerUrl().c_str());
    std::printf("Data dir: %s\n", settings.dataDir.c_str());
    std::printf("Dynos: %s\n", emulator.sandbox().describe().c_str());
    if (creds.newPassword)
        std::printf("Created account %s with password %s\n", creds.email.c_str(), creds.newPassword->c_str());
    std::printf("Point the official heroku CLI at it (account %s):\n", creds.email.c_str());
    std::printf("export HEROKU_HOST=%s\n", emulator.apiUrl().c_str());
    std::printf("export HEROKU_API_KEY=%s\n", creds.token.c_str());
    // The CLI's pg:* commands call the data API on this host, with the scheme and port of HEROKU_HOST.
    std::printf("export HEROKU_DATA_HOST=%s\n", emulator.settings().host.c_str());
    // The CLI's buildpacks:search, :info, :versions and name look-ups ask the buildpack registry,
    // which this server answers at the registry's own paths for the built-in buildpacks.
    std::printf("export HEROKU_BUILDPACK_REGISTRY_URL=%s\n", emulator.apiUrl().c_str());
    // The CLI's account check (heroku run, apps:create and others) asks Particleboard, and
    // offline retries it for seconds; this server answers it at /account.
    std::printf("export HEROKU_PARTICLEBOARD_URL=%s\n", emulator.apiUrl().c_str());
    std::printf("export NODE_EXTRA_CA_CERTS=%s\n", emulator.certificatePath().c_str());
    std::fflush(stdout);

    const int rc = QCoreApplication::exec();
    emulator.stop();
    std::printf("Dynodesk emulator stopped.\n");
    return rc;
}
