#pragma once

#include <QList>
#include <QPair>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace dynodesk::testing {

class ServerProcess;

struct CliResult {
    int exitCode = -1;
    QString out, err;
    QString all() const { return out + err; }
};

// The official `heroku` CLI (npm package, major 11, unmodified) pointed at a dynodesk-server, with
// a scratch HOME, for end-to-end tests.
class HerokuCli {
public:
    // `home` is made; `dataDir` is the server's (its rendezvous certificate is trusted).
    HerokuCli(QString home, QString dataDir);

    // Installs the CLI into the build-local prefix if it is missing (tools/test does this too) and
    // accepts its terms; false when it cannot be had.
    bool prepare();
    void setServer(const ServerProcess *server) { m_server = server; }
    QString home() const { return m_home; }

    QProcessEnvironment environment(bool withKey) const;
    // Runs `heroku args...`. `typed` holds (prompt, answer) pairs: each answer is typed once its
    // prompt has appeared, as a person would (the CLI's prompts each read their own line).
    CliResult run(const QStringList &args, bool withKey = true, const QList<QPair<QString, QString>> &typed = {}) const;
    // Runs `heroku args...` as another account: with its API key instead of the server's.
    CliResult runAs(const QString &apiKey, const QStringList &args) const;
    // Stock git in `dir` with the CLI's environment; the merged output.
    QString git(const QString &dir, const QStringList &args) const;

private:
    CliResult run(const QProcessEnvironment &env, const QStringList &args, const QList<QPair<QString, QString>> &typed) const;

    QString m_cli, m_home, m_dataDir;
    const ServerProcess *m_server = nullptr;
};

} // namespace dynodesk::testing

// Each runs the command once and checks its exit and what it printed.
#define VERIFY_OK(command, text)                                                                                       \
    do {                                                                                                               \
        const CliResult r_ = (command);                                                                                \
        QVERIFY2(r_.exitCode == 0, qPrintable(r_.all()));                                                             \
        QVERIFY2(r_.all().contains(QStringLiteral(text)), qPrintable(r_.all()));                                      \
    } while (false)
#define VERIFY_REFUSED(command, text)                                                                                  \
    do {                                                                                                               \
        const CliResult r_ = (command);                                                                                \
        QVERIFY2(r_.exitCode != 0, qPrintable(r_.all()));                                                             \
        QVERIFY2(r_.err.contains(QStringLiteral(text)), qPrintable(r_.all()));                                        \
    } while (false)
