#pragma once

#include "accounttypes.h"

#include "platform/service.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dynodesk::platform {

// Accounts, their API tokens (OAuth authorizations) and SSH keys; who a token or a password is.
class AccountService final : public detail::Service {
public:
    explicit AccountService(detail::Environment &env);

    Result<AccountCreated> createAccount(const std::string &email, std::optional<std::string> password);
    // The two halves of createAccount, for callers that store many accounts in one transaction:
    // the account, its token and its password hashed (slow by design, so outside any
    // transaction), then stored in the caller's transaction.
    Result<AccountCreated> prepareAccount(const std::string &email, std::optional<std::string> password) const;
    void storeAccount(const AccountCreated &made);
    // The account the first start makes, or nullopt when accounts exist already.
    std::optional<AccountCreated> ensureFirstAccount();
    // The oldest account, and its oldest token in `token`: whom to tell the user to log in as.
    std::optional<Actor> firstLogin(std::string *token);
    Result<Actor> authenticateToken(const std::string &token);
    Result<Actor> authenticatePassword(const std::string &email, const std::string &password);
    std::optional<Actor> actorById(const std::string &accountId);
    Result<Account> account(const Actor &actor);
    Result<Account> updateAccount(const Actor &actor, std::optional<std::string> name);
    Result<Authorization> createAuthorization(const Actor &actor, std::string description, std::string scope,
                                              std::optional<int64_t> expiresIn);
    std::vector<Authorization> authorizations(const Actor &actor);
    // `~` names the account's default authorization, its oldest.
    Result<Authorization> authorization(const Actor &actor, const std::string &id);
    Result<Authorization> deleteAuthorization(const Actor &actor, const std::string &id);

    // SSH keys of the account.
    std::vector<Key> keys(const Actor &actor);
    Result<Key> key(const Actor &actor, const std::string &idOrFingerprint);
    Result<Key> addKey(const Actor &actor, const NewKey &key);
    Result<Key> removeKey(const Actor &actor, const std::string &idOrFingerprint);

private:
    Result<Account> accountOf(const Actor &actor);

    std::unordered_map<std::string, Actor> m_tokenCache;
};

} // namespace dynodesk::platform
