// Log drains of an app.
// Log drains of an app: where its lines are forwarded.

#include "drainservice.h"

#include "platform/transaction.h"
#include "core/ids.h"
#include "store/store.h"

#include <QUrl>

namespace dynodesk::platform {

using core::ApiError;

DrainService::DrainService(detail::Environment &env) : Service(env) {}

static constexpr size_t kMaxDrainsPerApp = 5;

// Why a URL cannot be a drain, or nothing when it can.
static std::optional<std::string> drainUrlError(const std::string &url)
{
    const QUrl parsed(QString::fromStdString(url), QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    const bool syslog = scheme == QLatin1String("syslog") || scheme == QLatin1String("syslog+tcp")
                        || scheme == QLatin1String("syslog+tls");
    const bool http = scheme == QLatin1String("http") || scheme == QLatin1String("https");
    if (!parsed.isValid() || (!syslog && !http))
        return "Url must be a syslog://, syslog+tcp://, syslog+tls://, http:// or https:// URL: " + url;
    if (parsed.host().isEmpty())
        return "Url must name a host: " + url;
    if (syslog && parsed.port() <= 0)
        return "Url must name a port for syslog drains, as in syslog+tcp://logs.example.com:514: " + url;
    return std::nullopt;
}

static std::optional<logs::DrainTarget> drainTarget(const Drain &drain)
{
    if (drainUrlError(drain.url))
        return std::nullopt;
    const QUrl url(QString::fromStdString(drain.url));
    logs::DrainTarget t;
    t.id = drain.id;
    t.appId = drain.appId;
    t.token = drain.token;
    t.url = drain.url;
    const QString scheme = url.scheme();
    t.kind = scheme.startsWith(QLatin1String("http")) ? logs::DrainTarget::Kind::Http : logs::DrainTarget::Kind::Syslog;
    t.tls = scheme == QLatin1String("https") || scheme == QLatin1String("syslog+tls");
    t.host = url.host().toStdString();
    t.port = static_cast<uint16_t>(url.port(t.tls ? 443 : 80));
    t.target = url.path(QUrl::FullyEncoded).toStdString();
    if (t.target.empty())
        t.target = "/";
    if (url.hasQuery())
        t.target += "?" + url.query(QUrl::FullyEncoded).toStdString();
    if (!url.userInfo().isEmpty())
        t.authorization = "Basic " + (url.userName() + QLatin1Char(':') + url.password()).toUtf8().toBase64().toStdString();
    return t;
}

Result<std::vector<Drain>> DrainService::drains(const Actor &actor, const std::string &app)
{
    auto access = this->app(actor, app);
    if (!access)
        return access.error();
    return m_store.drains.listFor(access->app.id);
}

Result<Drain> DrainService::drain(const Actor &actor, const std::string &app, const std::string &idOrUrl)
{
    auto access = this->app(actor, app);
    if (!access)
        return access.error();
    auto found = m_store.drains.find(access->app.id, idOrUrl);
    if (!found)
        return ApiError::notFound("Couldn't find that log drain.");
    return *found;
}

Result<Drain> DrainService::addDrain(const Actor &actor, const std::string &app, const std::string &url)
{
    auto access = this->app(actor, app, Action::WriteConfig);
    if (!access)
        return access.error();
    if (auto error = drainUrlError(url))
        return ApiError::invalidParams(*error);
    const std::string at = now();
    auto result = inTransaction([&]() -> Result<Drain> {
        const auto existing = m_store.drains.listFor(access->app.id);
        for (const auto &d : existing)
            if (d.url == url)
                return ApiError::invalidParams("Url has already been taken: " + url + " drains this app already.");
        if (existing.size() >= kMaxDrainsPerApp)
            return ApiError::invalidParams("An app can have at most " + std::to_string(kMaxDrainsPerApp)
                                           + " log drains; remove one with drains:remove first.");
        Drain d{core::newId(), access->app.id, access->app.name, url, "d." + core::newId(), at, at};
        m_store.drains.insert(d);
        return d;
    });
    if (result)
        emit m_events.drainsChanged(QString::fromStdString(access->app.id));
    return result;
}

Result<Drain> DrainService::removeDrain(const Actor &actor, const std::string &app, const std::string &idOrUrl)
{
    auto access = this->app(actor, app, Action::WriteConfig);
    if (!access)
        return access.error();
    auto result = inTransaction([&]() -> Result<Drain> {
        auto found = m_store.drains.find(access->app.id, idOrUrl);
        if (!found)
            return ApiError::notFound("Couldn't find that log drain.");
        m_store.drains.remove(found->id);
        return *found;
    });
    if (result)
        emit m_events.drainsChanged(QString::fromStdString(access->app.id));
    return result;
}

std::vector<logs::DrainTarget> DrainService::drainTargets(const std::string &appId)
{
    std::vector<logs::DrainTarget> out;
    for (const auto &d : m_store.drains.listFor(appId))
        if (auto t = drainTarget(d))
            out.push_back(*t);
    return out;
}

} // namespace dynodesk::platform
