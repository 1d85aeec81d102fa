// Accounts, OAuth authorizations (API tokens) and SSH keys.
#include "accountservice.h"
#include "credentials.h"

#include "platform/transaction.h"

#include "core/ids.h"
#include "store/store.h"

#include <QByteArray>
#include <QList>

namespace dynodesk::platform {

using core::ApiError;

AccountService::AccountService(detail::Environment &env) : Service(env) {}

static bool looksLikeEmail(const std::string &email)
{
    const auto at = email.find('@');
    return at != std::string::npos && at > 0 && at + 1 < email.size() && email.find(' ') == std::string::npos;
}

Result<AccountCreated> AccountService::prepareAccount(const std::string &email, std::optional<std::string> password) const
{
    if (!looksLikeEmail(email))
        return ApiError::invalidParams("Email " + email + " is not a valid email address.");
    if (m_store.accounts.byEmail(email))
        return ApiError::invalidParams("An account with the email " + email + " exists already.");
    const std::string pass = password.value_or(detail::randomHex(8));
    const std::string salt = detail::randomHex(16);
    const std::string at = now();
    Account account{core::newId(), email, std::nullopt, detail::hashPassword(pass, salt, m_settings.passwordHashIterations), salt, at, at,
                          std::nullopt};
    return AccountCreated{account, detail::newToken(), pass};
}

void AccountService::storeAccount(const AccountCreated &made)
{
    const auto &at = made.account.createdAt;
    m_store.accounts.insert(made.account);
    m_store.authorizations.insert({core::newId(), made.account.id, made.token, "Created by dynodesk-server", "global",
                                   std::nullopt, at, at});
}

Result<AccountCreated> AccountService::createAccount(const std::string &email, std::optional<std::string> password)
{
    auto made = prepareAccount(email, std::move(password));
    if (!made)
        return made;
    return inTransaction([&]() -> Result<AccountCreated> {
        storeAccount(*made);
        return *made;
    });
}

std::optional<AccountCreated> AccountService::ensureFirstAccount()
{
    if (m_store.accounts.count() > 0)
        return std::nullopt;
    auto made = createAccount("developer@dynodesk.local", std::nullopt);
    if (!made)
        return std::nullopt;
    return made.value();
}

Result<Actor> AccountService::authenticateToken(const std::string &token)
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

Result<Actor> AccountService::authenticatePassword(const std::string &email, const std::string &password)
{
    auto account = m_store.accounts.byEmail(email);
    if (!account || !detail::verifyPassword(password, account->passwordSalt, account->passwordHash))
        return ApiError::unauthorized();
    return Actor{account->id, account->email};
}

std::optional<Actor> AccountService::actorById(const std::string &accountId)
{
    auto account = m_store.accounts.byId(accountId);
    if (!account)
        return std::nullopt;
    return Actor{account->id, account->email};
}

Result<Account> AccountService::accountOf(const Actor &actor)
{
    auto account = m_store.accounts.byId(actor.id);
    if (!account)
        return ApiError::unauthorized();
    return *account;
}

Result<Account> AccountService::account(const Actor &actor) { return accountOf(actor); }

Result<Account> AccountService::updateAccount(const Actor &actor, std::optional<std::string> name)
{
    auto account = accountOf(actor);
    if (!account)
        return account;
    return inTransaction([&]() -> Result<Account> {
        if (name)
            account->name = *name;
        account->updatedAt = now();
        m_store.accounts.update(*account);
        return *account;
    });
}

Result<Authorization> AccountService::createAuthorization(const Actor &actor, std::string description,
                                                          std::string scope, std::optional<int64_t> expiresIn)
{
    if (expiresIn && *expiresIn <= 0)
        return ApiError::invalidParams("expires_in must be a positive number of seconds.");
    const std::string at = now();
    Authorization auth{core::newId(), actor.id, detail::newToken(), std::move(description),
                             scope.empty() ? "global" : std::move(scope), expiresIn, at, at};
    return inTransaction([&]() -> Result<Authorization> {
        auto account = accountOf(actor);
        if (!account)
            return account.error();
        account->lastLogin = at;
        m_store.accounts.update(*account);
        m_store.authorizations.insert(auth);
        return auth;
    });
}

std::vector<Authorization> AccountService::authorizations(const Actor &actor)
{
    return m_store.authorizations.listFor(actor.id);
}

Result<Authorization> AccountService::authorization(const Actor &actor, const std::string &id)
{
    std::optional<Authorization> found;
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

Result<Authorization> AccountService::deleteAuthorization(const Actor &actor, const std::string &id)
{
    auto found = authorization(actor, id);
    if (!found)
        return found;
    return inTransaction([&]() -> Result<Authorization> {
        m_store.authorizations.remove(found->id);
        m_tokenCache.erase(found->token);
        return *found;
    });
}

std::vector<Key> AccountService::keys(const Actor &actor) { return m_store.keys.listFor(actor.id); }

Result<Key> AccountService::key(const Actor &actor, const std::string &idOrFingerprint)
{
    auto found = m_store.keys.find(actor.id, idOrFingerprint);
    if (!found)
        return ApiError::notFound("Couldn't find that key.");
    return *found;
}

Result<Key> AccountService::addKey(const Actor &actor, const NewKey &newKey)
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
    Key record{core::newId(), actor.id, actor.email, line, comment, fingerprint, at, at};
    return inTransaction([&]() -> Result<Key> {
        m_store.keys.insert(record);
        return record;
    });
}

Result<Key> AccountService::removeKey(const Actor &actor, const std::string &idOrFingerprint)
{
    auto found = key(actor, idOrFingerprint);
    if (!found)
        return found;
    return inTransaction([&]() -> Result<Key> {
        m_store.keys.remove(found->id);
        return *found;
    });
}

std::optional<Actor> AccountService::firstLogin(std::string *token)
{
    // The oldest account and its oldest token, to print for the user.
    auto st = m_store.db.prepare("SELECT a.id, a.email, t.token FROM accounts a JOIN authorizations t "
                                 "ON t.account_id = a.id ORDER BY a.created_at, a.rowid, t.created_at, t.rowid LIMIT 1");
    if (!st.step())
        return std::nullopt;
    if (token)
        *token = st.text(2);
    return Actor{st.text(0), st.text(1)};
}

} // namespace dynodesk::platform
