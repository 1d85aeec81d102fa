// Platform: accounts, OAuth authorizations (API tokens) and SSH keys.
#include "credentials.h"
#include "platform.h"
#include "platformtransaction.h"

#include "core/ids.h"
#include "store/store.h"

#include <QByteArray>
#include <QList>

namespace dynodesk::platform {

using core::ApiError;
using store::AccountRecord;
using store::AuthorizationRecord;

static bool looksLikeEmail(const std::string &email)
{
    const auto at = email.find('@');
    return at != std::string::npos && at > 0 && at + 1 < email.size() && email.find(' ') == std::string::npos;
}

Result<AccountCreated> Platform::createAccount(const std::string &email, std::optional<std::string> password)
{
    if (!looksLikeEmail(email))
        return ApiError::invalidParams("Email " + email + " is not a valid email address.");
    if (m_store.accounts.byEmail(email))
        return ApiError::invalidParams("An account with the email " + email + " exists already.");
    const std::string pass = password.value_or(detail::randomHex(8));
    const std::string salt = detail::randomHex(16);
    const std::string at = now();
    AccountRecord account{core::newId(), email, std::nullopt, detail::hashPassword(pass, salt, m_settings.passwordHashIterations), salt, at, at,
                          std::nullopt};
    const std::string token = detail::newToken();
    return inTransaction([&]() -> Result<AccountCreated> {
        m_store.accounts.insert(account);
        m_store.authorizations.insert({core::newId(), account.id, token, "Created by dynodesk-server", "global",
                                       std::nullopt, at, at});
        return AccountCreated{account, token, pass};
    });
}

std::optional<AccountCreated> Platform::ensureFirstAccount()
{
    if (m_store.accounts.count() > 0)
        return std::nullopt;
    auto made = createAccount("developer@dynodesk.local", std::nullopt);
    if (!made)
        return std::nullopt;
    return made.value();
}

Result<Actor> Platform::authenticateToken(const std::string &token)
{
    if (auto it = m_tokenCache.find(token); it != m_tokenCache.end())
        return it->second;
    // Tokens made by another process (`accounts:add`) are found in the store.
    auto auth = m_store.authorizations.byToken(token);
    if (!auth)
        return ApiError::unauthorized();
    auto account = m_store.accounts.byId(auth->accountId);
    if (!account)
        return ApiError::unauthorized();
    Actor actor{account->id, account->email};
    m_tokenCache.emplace(token, actor);
    return actor;
}

Result<Actor> Platform::authenticatePassword(const std::string &email, const std::string &password)
{
    auto account = m_store.accounts.byEmail(email);
    if (!account || !detail::verifyPassword(password, account->passwordSalt, account->passwordHash))
        return ApiError::unauthorized();
    return Actor{account->id, account->email};
}

std::optional<Actor> Platform::actorById(const std::string &accountId)
{
    auto account = m_store.accounts.byId(accountId);
    if (!account)
        return std::nullopt;
    return Actor{account->id, account->email};
}

Result<AccountRecord> Platform::accountOf(const Actor &actor)
{
    auto account = m_store.accounts.byId(actor.id);
    if (!account)
        return ApiError::unauthorized();
    return *account;
}

Result<AccountRecord> Platform::account(const Actor &actor) { return accountOf(actor); }

Result<AccountRecord> Platform::updateAccount(const Actor &actor, std::optional<std::string> name)
{
    auto account = accountOf(actor);
    if (!account)
        return account;
    return inTransaction([&]() -> Result<AccountRecord> {
        if (name)
            account->name = *name;
        account->updatedAt = now();
        m_store.accounts.update(*account);
        return *account;
    });
}

Result<AuthorizationRecord> Platform::createAuthorization(const Actor &actor, std::string description,
                                                          std::string scope, std::optional<int64_t> expiresIn)
{
    if (expiresIn && *expiresIn <= 0)
        return ApiError::invalidParams("expires_in must be a positive number of seconds.");
    const std::string at = now();
    AuthorizationRecord auth{core::newId(), actor.id, detail::newToken(), std::move(description),
                             scope.empty() ? "global" : std::move(scope), expiresIn, at, at};
    return inTransaction([&]() -> Result<AuthorizationRecord> {
        auto account = accountOf(actor);
        if (!account)
            return account.error();
        account->lastLogin = at;
        m_store.accounts.update(*account);
        m_store.authorizations.insert(auth);
        return auth;
    });
}

std::vector<AuthorizationRecord> Platform::authorizations(const Actor &actor)
{
    return m_store.authorizations.listFor(actor.id);
}

Result<AuthorizationRecord> Platform::authorization(const Actor &actor, const std::string &id)
{
    std::optional<AuthorizationRecord> found;
    if (id == "~") {
        const auto all = m_store.authorizations.listFor(actor.id);
        if (!all.empty())
            found = all.front();
    } else {
        found = m_store.authorizations.byId(actor.id, id);
    }
    if (!found)
        return ApiError::notFound("Couldn't find that authorization.");
    return *found;
}

Result<AuthorizationRecord> Platform::deleteAuthorization(const Actor &actor, const std::string &id)
{
    auto found = authorization(actor, id);
    if (!found)
        return found;
    return inTransaction([&]() -> Result<AuthorizationRecord> {
        m_store.authorizations.remove(found->id);
        m_tokenCache.erase(found->token);
        return *found;
    });
}

std::vector<store::KeyRecord> Platform::keys(const Actor &actor) { return m_store.keys.listFor(actor.id); }

Result<store::KeyRecord> Platform::key(const Actor &actor, const std::string &idOrFingerprint)
{
    auto found = m_store.keys.find(actor.id, idOrFingerprint);
    if (!found)
        return ApiError::notFound("Couldn't find that key.");
    return *found;
}

Result<store::KeyRecord> Platform::addKey(const Actor &actor, const NewKey &newKey)
{
    const std::string line = QByteArray::fromStdString(newKey.publicKey).simplified().toStdString();
    const std::string fingerprint = detail::sshFingerprint(line);
    if (fingerprint.empty())
        return ApiError::invalidParams("Public key is not a valid OpenSSH public key (e.g. `ssh-ed25519 AAAA... "
                                       "user@host`).");
    if (m_store.keys.find(actor.id, fingerprint))
        return ApiError::invalidParams("That key is already registered for this account.");
    const auto parts = QByteArray::fromStdString(line).split(' ');
    const std::string comment = parts.size() > 2 ? parts.mid(2).join(' ').toStdString() : actor.email;
    const std::string at = now();
    store::KeyRecord record{core::newId(), actor.id, actor.email, line, comment, fingerprint, at, at};
    return inTransaction([&]() -> Result<store::KeyRecord> {
        m_store.keys.insert(record);
        return record;
    });
}

Result<store::KeyRecord> Platform::removeKey(const Actor &actor, const std::string &idOrFingerprint)
{
    auto found = key(actor, idOrFingerprint);
    if (!found)
        return found;
    return inTransaction([&]() -> Result<store::KeyRecord> {
        m_store.keys.remove(found->id);
        return *found;
    });
}

} // namespace dynodesk::platform
