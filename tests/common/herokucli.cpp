#include "herokucli.h"

#include "httpclient.h"
#include "serverprocess.h"

#include <QDebug>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QUrl>
#include <QThread>

namespace dynodesk::testing {

HerokuCli::HerokuCli(QString home, QString dataDir)
    : m_cli(QStringLiteral(DYNODESK_CLI_PREFIX "/node_modules/.bin/heroku")), m_home(std::move(home)),
      m_dataDir(std::move(dataDir))
{
}

bool HerokuCli::prepare()
{
    if (!QFile::exists(m_cli)) {
        QProcess npm;
        npm.start(QStringLiteral("npm"), {QStringLiteral("install"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund"),
                                          QStringLiteral("--prefix"), QStringLiteral(DYNODESK_CLI_PREFIX),
                                          QStringLiteral("heroku@11")});
        npm.waitForFinished(600000);
    }
    if (!QFile::exists(m_cli))
        return false;
    QDir().mkpath(m_home + QStringLiteral("/.cache/heroku"));
    QFile tos(m_home + QStringLiteral("/.cache/heroku/terms-of-service"));
    return tos.open(QIODevice::WriteOnly);
}

QProcessEnvironment HerokuCli::environment(bool withKey) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"HEROKU_APP", "HEROKU_TEAM", "HEROKU_ORGANIZATION", "HEROKU_API_KEY"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("HOME"), m_home);
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home + QStringLiteral("/.cache"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home + QStringLiteral("/.config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home + QStringLiteral("/.local/share"));
    const QString api = m_server ? m_server->apiUrl() : QString();
    env.insert(QStringLiteral("HEROKU_HOST"), api);
    // The `pg:*` commands send the data API to this host, with the scheme and port of HEROKU_HOST.
    env.insert(QStringLiteral("HEROKU_DATA_HOST"), QUrl(api).host());
    // Keep the CLI on this machine: its account check, telemetry and update checks.
    env.insert(QStringLiteral("HEROKU_PARTICLEBOARD_URL"), api);
    env.insert(QStringLiteral("HEROKU_BUILDPACK_REGISTRY_URL"), api);
    env.insert(QStringLiteral("DISABLE_TELEMETRY"), QStringLiteral("true"));
    env.insert(QStringLiteral("HEROKU_SKIP_NEW_VERSION_CHECK"), QStringLiteral("true"));
    env.insert(QStringLiteral("HEROKU_DISABLE_AUTOUPDATE"), QStringLiteral("1"));
    env.insert(QStringLiteral("HEROKU_NETRC_WRITE"), QStringLiteral("true"));
    env.insert(QStringLiteral("OCLIF_COLUMNS"), QStringLiteral("200"));
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));
    // `heroku run` trusts the emulator's rendezvous certificate, as the README says.
    env.insert(QStringLiteral("NODE_EXTRA_CA_CERTS"), m_dataDir + QStringLiteral("/tls/rendezvous.pem"));
    if (withKey && m_server)
        env.insert(QStringLiteral("HEROKU_API_KEY"), m_server->token());
    return env;
}

CliResult HerokuCli::run(const QStringList &args, bool withKey, const QList<QPair<QString, QString>> &typed) const
{
    return run(environment(withKey), args, typed);
}

CliResult HerokuCli::runAs(const QString &apiKey, const QStringList &args) const
{
    QProcessEnvironment env = environment(false);
    env.insert(QStringLiteral("HEROKU_API_KEY"), apiKey);
    return run(env, args, {});
}

CliResult HerokuCli::run(const QProcessEnvironment &env, const QStringList &args,
                         const QList<QPair<QString, QString>> &typed) const
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_home);
    p.start(m_cli, args);
    if (!p.waitForStarted(10000))
        return {};
    QByteArray err;
    for (const auto &[prompt, answer] : typed) {
        QElapsedTimer waited;
        waited.start();
        while (!QString::fromUtf8(err).contains(prompt) && waited.elapsed() < 60000 && p.state() == QProcess::Running) {
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
        }
        err += p.readAllStandardError();
        QThread::msleep(300);
        p.write((answer + QLatin1Char('\n')).toUtf8());
        p.waitForBytesWritten(5000);
        // The next prompt must be new output, not the one just answered.
        err.clear();
    }
    p.closeWriteChannel();
    p.waitForFinished(120000);
    CliResult r{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(err + p.readAllStandardError())};
    qDebug().noquote() << "$ heroku" << args.join(QLatin1Char(' ')) << "->" << r.exitCode << "\n" << r.all();
    return r;
}

QString HerokuCli::git(const QString &dir, const QStringList &args) const
{
    QProcess p;
    p.setProcessEnvironment(gitEnvironment(environment(true), m_home));
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), args);
    p.waitForFinished(300000);
    return QString::fromUtf8(p.readAll());
}

} // namespace dynodesk::testing
