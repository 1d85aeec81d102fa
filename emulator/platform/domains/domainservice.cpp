// Domains of an app: the default one and custom ones.
// Domains of an app: the default `<app>.localhost` and custom ones, which the router routes.

#include "domainservice.h"

#include "platform/transaction.h"
#include "core/ids.h"
#include "store/store.h"

#include <QUuid>

#include <algorithm>
#include <cctype>

namespace dynodesk::platform {

using core::ApiError;

DomainService::DomainService(detail::Environment &env) : Service(env) {}

static AppDomain fromRecord(const store::DomainRecord &d)
{
    return {d.id, d.appId, d.appName, d.hostname, "custom", d.status, d.createdAt, d.updatedAt, d.cname};
}

static std::string lowerCase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The default domain is not stored: it follows the app's name, with an id that stays the same.
AppDomain DomainService::defaultDomain(const App &app) const
{
    const auto ns = QUuid::fromString(QStringLiteral("{0c9a4f53-2e7b-4b8e-a3f1-6d2c9e5b7a14}"));
    const std::string id = QUuid::createUuidV5(ns, QString::fromStdString(app.id)).toString(QUuid::WithoutBraces).toStdString();
    return {id, app.id, app.name, app.name + ".localhost", "heroku", "none", app.createdAt, app.updatedAt, std::nullopt};
}

Result<std::vector<AppDomain>> DomainService::domains(const Actor &actor, const std::string &app)
{
    auto access = this->app(actor, app);
    if (!access)
        return access.error();
    std::vector<AppDomain> out{defaultDomain(access->app)};
    for (const auto &d : m_store.domains.listFor(access->app.id))
        out.push_back(fromRecord(d));
    return out;
}

Result<AppDomain> DomainService::domain(const Actor &actor, const std::string &app, const std::string &idOrHostname)
{
    auto access = this->app(actor, app);
    if (!access)
        return access.error();
    const AppDomain own = defaultDomain(access->app);
    if (idOrHostname == own.id || lowerCase(idOrHostname) == own.hostname)
        return own;
    if (auto d = m_store.domains.find(access->app.id, idOrHostname))
        return fromRecord(*d);
    return ApiError::notFound("Couldn't find that domain.");
}

Result<AppDomain> DomainService::addDomain(const Actor &actor, const std::string &app, const std::string &hostname)
{
    auto access = this->app(actor, app, Action::ManageDomains);
    if (!access)
        return access.error();
    const std::string host = lowerCase(hostname);
    if (auto error = core::domainHostnameError(host))
        return ApiError::invalidParams(*error);
    if (auto taken = m_store.domains.byHostname(host))
        return ApiError::invalidParams(taken->appId == access->app.id
                                               ? host + " is already added to " + access->app.name + "."
                                               : host + " is currently in use by another app.");
    const std::string at = now();
    store::DomainRecord record{core::newId(), access->app.id, access->app.name, host,
                               m_env.names.generate() + ".herokudns.com", "succeeded", at, at};
    auto result = inTransaction([&]() -> Result<AppDomain> {
        m_store.domains.insert(record);
        return fromRecord(record);
    });
    if (result)
        emit m_events.routingChanged(QString::fromStdString(access->app.id));
    return result;
}

Result<AppDomain> DomainService::removeDomain(const Actor &actor, const std::string &app, const std::string &idOrHostname)
{
    auto access = this->app(actor, app, Action::ManageDomains);
    if (!access)
        return access.error();
    const AppDomain own = defaultDomain(access->app);
    if (idOrHostname == own.id || lowerCase(idOrHostname) == own.hostname)
        return ApiError::invalidParams(own.hostname + " is the app's default domain and cannot be removed.");
    auto found = m_store.domains.find(access->app.id, idOrHostname);
    if (!found)
        return ApiError::notFound("Couldn't find that domain.");
    auto result = inTransaction([&]() -> Result<AppDomain> {
        m_store.domains.remove(found->id);
        return fromRecord(*found);
    });
    if (result)
        emit m_events.routingChanged(QString::fromStdString(access->app.id));
    return result;
}

Result<AppDomain> DomainService::updateDomain(const Actor &actor, const std::string &app, const std::string &idOrHostname,
                                         const std::optional<std::string> &sniEndpoint)
{
    auto access = this->app(actor, app, Action::ManageDomains);
    if (!access)
        return access.error();
    auto found = domain(actor, app, idOrHostname);
    if (!found)
        return found.error();
    if (sniEndpoint)
        return ApiError::notFound("Couldn't find that SNI endpoint.");
    return found; // already associated with none
}

} // namespace dynodesk::platform
