#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <nlohmann/json.hpp>

class QProcessEnvironment;

namespace dynodesk::testing {

// The environment tests run stock git in: a scratch HOME, no prompts, a fixed identity.
QProcessEnvironment gitEnvironment(const QProcessEnvironment &base, const QString &home);

struct HttpResult {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    nlohmann::json json() const;
};

// A blocking HTTP client for tests, over real loopback HTTP (QNetworkAccessManager).
class HttpClient {
public:
    explicit HttpClient(QString baseUrl, QString token = {});
    void setToken(const QString &token) { m_token = token; }

    HttpResult request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {}) const;
    HttpResult get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {}) const
    {
        return request("GET", path, {}, headers);
    }
    HttpResult post(const QString &path, const nlohmann::json &body) const
    {
        return request("POST", path, QByteArray::fromStdString(body.dump()));
    }
    HttpResult patch(const QString &path, const nlohmann::json &body) const
    {
        return request("PATCH", path, QByteArray::fromStdString(body.dump()));
    }
    HttpResult del(const QString &path) const { return request("DELETE", path); }

private:
    QString m_base, m_token;
};

} // namespace dynodesk::testing

// Compares JSON values in a test (QCOMPARE cannot: JSON converts to too many types).
#define JSON_EQ(actual, expected)                                                                                      \
    do {                                                                                                               \
        const nlohmann::json a_ = (actual), e_ = (expected);                                                           \
        QVERIFY2(a_ == e_, (a_.dump() + " != " + e_.dump()).c_str());                                                 \
    } while (false)

// An HTTP answer must have status `code` (its body shown when it does not).
#define VERIFY_STATUS(result, code)                                                                                    \
    do {                                                                                                               \
        const auto &r_ = (result);                                                                                     \
        QVERIFY2(r_.status == (code), qPrintable(QString::number(r_.status) + " " + QString::fromUtf8(r_.body)));      \
    } while (false)
