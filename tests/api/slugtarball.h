#pragma once

// What the slug tests share: a slug tarball of a tiny node server made with tar, as the
// platform's docs show, and a PUT of it to a slug's blob URL with curl.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>

#include <utility>

namespace dynodesk::testing {

// `<dir>/<name>.tgz`: ./app/server.js answering `greeting` on $PORT.
inline QString makeSlugTarball(const QString &dir, const QString &name, const QString &greeting)
{
    const QString root = dir + QLatin1Char('/') + name;
    QDir().mkpath(root + QStringLiteral("/app"));
    QFile server(root + QStringLiteral("/app/server.js"));
    server.open(QIODevice::WriteOnly);
    server.write(QStringLiteral("require('http').createServer((q, s) => s.end('%1\\n'))"
                                ".listen(Number(process.env.PORT));\n").arg(greeting).toUtf8());
    server.close();
    const QString tarball = root + QStringLiteral(".tgz");
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-czf"), tarball, QStringLiteral("-C"), root, QStringLiteral("./app")});
    tar.waitForFinished();
    return tarball;
}

// PUTs `file` to `url` with curl; the HTTP status and what curl received.
inline std::pair<int, QString> curlPut(const QString &url, const QString &file)
{
    QProcess curl;
    curl.start(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("-X"), QStringLiteral("PUT"),
                                        QStringLiteral("-H"), QStringLiteral("Content-Type:"),
                                        QStringLiteral("--data-binary"), QStringLiteral("@") + file,
                                        QStringLiteral("-w"), QStringLiteral("\n%{http_code}"), url});
    curl.waitForFinished(60000);
    const QString out = QString::fromUtf8(curl.readAllStandardOutput()).trimmed();
    const qsizetype nl = out.lastIndexOf(QLatin1Char('\n'));
    return {out.mid(nl + 1).toInt(), out.left(qMax<qsizetype>(nl, 0))};
}

} // namespace dynodesk::testing

// An HTTP result's status must be `code` (shown with the body when it is not).
#define VERIFY_STATUS(result, code)                                                                                    \
    do {                                                                                                               \
        const auto &r_ = (result);                                                                                     \
        QVERIFY2(r_.status == (code), qPrintable(QString::number(r_.status) + " " + QString::fromUtf8(r_.body)));      \
    } while (false)
