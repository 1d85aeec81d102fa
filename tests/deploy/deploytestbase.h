#pragma once

#include "common/httpclient.h"

#include "wiring/emulator.h"

#include <QDir>

#include <functional>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace dynodesk::testing {

struct GitResult {
    int exitCode = -1;
    QString output;
};

// An in-process emulator and stock git, for the deploy suites.
class DeployFixture {
public:
    explicit DeployFixture(int buildTimeoutSeconds = 120, const std::function<void(core::Settings &)> &adjust = {})
    {
        core::Settings settings;
        settings.dataDir = (m_dir.path() + QStringLiteral("/data")).toStdString();
        settings.passwordHashIterations = 1000;
        // The test's own buildpacks (makeBuildpack), as an operator allows a path.
        settings.allowedSourcePaths.push_back((m_dir.path() + QStringLiteral("/buildpacks")).toStdString());
        settings.buildTimeoutSeconds = buildTimeoutSeconds;
        if (adjust)
            adjust(settings);
        m_emulator = std::make_unique<wiring::Emulator>(settings);
        m_started = start();
        m_api = std::make_unique<HttpClient>(QString::fromStdString(m_emulator->apiUrl()), token());
        QDir().mkpath(home());
    }

    bool started() const { return m_started; }

    // Starts the emulator; a failure is printed with the emulator's reason.
    bool start()
    {
        const auto status = m_emulator->start();
        if (!status.ok())
            qWarning("the emulator did not start: %s", status.error().message.c_str());
        return status.ok();
    }

    // Stops the emulator and starts a new one on the same data dir.
    bool restart()
    {
        const core::Settings settings = m_emulator->settings();
        m_emulator->stop();
        m_emulator = std::make_unique<wiring::Emulator>(settings);
        m_started = start();
        m_api = std::make_unique<HttpClient>(QString::fromStdString(m_emulator->apiUrl()), token());
        return m_started;
    }
    wiring::Emulator &emulator() { return *m_emulator; }
    HttpClient &api() { return *m_api; }
    // A second account, made on the core thread; its API token.
    QString addAccount(const std::string &email)
    {
        QString token;
        m_emulator->runOnCore([&](platform::Platform &p) {
            token = QString::fromStdString(p.accounts().createAccount(email, std::string("pw"))->token);
        });
        return token;
    }
    QString token() const { return QString::fromStdString(m_emulator->credentials().token); }
    QString home() const { return m_dir.path() + QStringLiteral("/home"); }
    QString dataDir() const { return m_dir.path() + QStringLiteral("/data"); }
    QString tmp(const QString &name) const { return m_dir.path() + QLatin1Char('/') + name; }

    QString gitUrl(const QString &app, const QString &token) const
    {
        const QString host = QString::fromStdString(m_emulator->apiUrl()).mid(7);
        return token.isEmpty() ? QStringLiteral("http://%1/%2.git").arg(host, app)
                               : QStringLiteral("http://x:%1@%2/%3.git").arg(token, host, app);
    }

    GitResult git(const QString &dir, const QStringList &args) const
    {
        QProcess p;
        p.setProcessEnvironment(gitEnvironment(QProcessEnvironment::systemEnvironment(), home()));
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(dir);
        p.start(QStringLiteral("git"), args);
        p.waitForFinished(300000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
    }

    // A git work tree holding a copy of a fixture app, committed on main.
    QString repoOf(const QString &fixture, const QString &name)
    {
        const QString dir = tmp(name);
        copyTree(QStringLiteral(DYNODESK_FIXTURES_DIR "/") + fixture, dir);
        git(dir, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        commitAll(dir, QStringLiteral("first"));
        return dir;
    }

    void commitAll(const QString &dir, const QString &message)
    {
        git(dir, {QStringLiteral("add"), QStringLiteral("-A")});
        git(dir, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"), QStringLiteral("-m"), message});
    }

    QString head(const QString &dir) { return git(dir, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}).output.trimmed(); }

    GitResult push(const QString &dir, const QString &app, const QStringList &refspec = {QStringLiteral("main")},
                   const QStringList &flags = {})
    {
        return git(dir, QStringList{QStringLiteral("push")} + flags + QStringList{gitUrl(app, token())} + refspec);
    }

    static void copyTree(const QString &from, const QString &to)
    {
        QDir().mkpath(to);
        QDir src(from);
        for (const QFileInfo &e : src.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
            const QString target = to + QLatin1Char('/') + e.fileName();
            if (e.isDir())
                copyTree(e.absoluteFilePath(), target);
            else
                QFile::copy(e.absoluteFilePath(), target);
        }
    }

    // Files in a slug (`tar -tzf`), without the leading `./`.
    static QStringList slugFiles(const QString &slugPath)
    {
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-tzf"), slugPath});
        tar.waitForFinished(60000);
        QStringList out;
        for (const QString &line : QString::fromUtf8(tar.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            out << (line.startsWith(QStringLiteral("./")) ? line.mid(2) : line);
        return out;
    }

    // A buildpack made on the spot: `compile` is the body of bin/compile.
    QString makeBuildpack(const QString &name, const QString &detectName, const QString &compile,
                          const QString &release = QStringLiteral("echo '---'; echo 'default_process_types:'; echo '  web: ./run'"))
    {
        const QString dir = tmp(QStringLiteral("buildpacks/") + name);
        QDir().mkpath(dir + QStringLiteral("/bin"));
        auto write = [&](const QString &file, const QString &body) {
            QFile f(dir + QStringLiteral("/bin/") + file);
            f.open(QIODevice::WriteOnly);
            f.write(("#!/usr/bin/env bash\n" + body + "\n").toUtf8());
            f.close();
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        };
        write(QStringLiteral("detect"), QStringLiteral("echo '%1'").arg(detectName));
        write(QStringLiteral("compile"), compile);
        write(QStringLiteral("release"), release);
        return dir;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<wiring::Emulator> m_emulator;
    std::unique_ptr<HttpClient> m_api;
    bool m_started = false;
};

} // namespace dynodesk::testing
