#include "accountrepository.h"
#include "database.h"

namespace dynodesk::store {

static constexpr const char *kAccountColumns =
        "SELECT id, email, name, password_hash, password_salt, created_at, updated_at, last_login FROM accounts ";

static AccountRecord readAccount(const Statement &st)
{
    return {st.text(0), st.text(1), st.optionalText(2), st.text(3), st.text(4), st.text(5), st.text(6),
            st.optionalText(7)};
}

static std::optional<AccountRecord> oneAccount(Database &db, const std::string &where, const std::string &arg)
{
    auto st = db.prepare(std::string(kAccountColumns) + where);
    st.bind(1, arg);
    return first(st, readAccount);
}

void AccountRepository::insert(const AccountRecord &a)
{
    m_db.prepare("INSERT INTO accounts (id, email, name, password_hash, password_salt, created_at, updated_at, "
                 "last_login) VALUES (?,?,?,?,?,?,?,?)")
            .bind(1, a.id).bind(2, a.email).bind(3, a.name).bind(4, a.passwordHash).bind(5, a.passwordSalt)
            .bind(6, a.createdAt).bind(7, a.updatedAt).bind(8, a.lastLogin).run();
}

std::optional<AccountRecord> AccountRepository::byId(const std::string &id)
{
    return oneAccount(m_db, "WHERE id = ?", id);
}

std::optional<AccountRecord> AccountRepository::byEmail(const std::string &email)
{
    return oneAccount(m_db, "WHERE email = ?", email);
}

std::optional<AccountRecord> AccountRepository::byIdOrEmail(const std::string &idOrEmail)
{
    auto found = byId(idOrEmail);
    return found ? found : byEmail(idOrEmail);
}

void AccountRepository::update(const AccountRecord &a)
{
    m_db.prepare("UPDATE accounts SET email = ?, name = ?, password_hash = ?, password_salt = ?, updated_at = ?, "
                 "last_login = ? WHERE id = ?")
            .bind(1, a.email).bind(2, a.name).bind(3, a.passwordHash).bind(4, a.passwordSalt).bind(5, a.updatedAt)
            .bind(6, a.lastLogin).bind(7, a.id).run();
}

int64_t AccountRepository::count()
{
    auto st = m_db.prepare("SELECT count(*) FROM accounts");
    st.step();
    return st.integer(0);
}

static AuthorizationRecord readAuthorization(const Statement &st)
{
    std::optional<int64_t> expires;
    if (!st.isNull(5))
        expires = st.integer(5);
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), expires, st.text(6), st.text(7)};
}

static constexpr const char *kAuthorizationColumns =
        "SELECT id, account_id, token, description, scope, expires_in, created_at, updated_at FROM authorizations ";

void AuthorizationRepository::insert(const AuthorizationRecord &a)
{
    auto st = m_db.prepare("INSERT INTO authorizations (id, account_id, token, description, scope, expires_in, "
                           "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)");
    st.bind(1, a.id).bind(2, a.accountId).bind(3, a.token).bind(4, a.description).bind(5, a.scope);
    a.expiresIn ? st.bind(6, *a.expiresIn) : st.bindNull(6);
    st.bind(7, a.createdAt).bind(8, a.updatedAt).run();
}

std::optional<AuthorizationRecord> AuthorizationRepository::byToken(const std::string &token)
{
    auto st = m_db.prepare(std::string(kAuthorizationColumns) + "WHERE token = ?");
    st.bind(1, token);
    return first(st, readAuthorization);
}

std::optional<AuthorizationRecord> AuthorizationRepository::byId(const std::string &accountId, const std::string &id)
{
    auto st = m_db.prepare(std::string(kAuthorizationColumns) + "WHERE account_id = ? AND id = ?");
    st.bind(1, accountId).bind(2, id);
    return first(st, readAuthorization);
}

std::vector<AuthorizationRecord> AuthorizationRepository::listFor(const std::string &accountId)
{
    auto st = m_db.prepare(std::string(kAuthorizationColumns) + "WHERE account_id = ? ORDER BY created_at, id");
    st.bind(1, accountId);
    return collect(st, readAuthorization);
}

void AuthorizationRepository::remove(const std::string &id)
{
    m_db.prepare("DELETE FROM authorizations WHERE id = ?").bind(1, id).run();
}

static constexpr const char *kKeyColumns =
        "SELECT k.id, k.account_id, a.email, k.public_key, k.comment, k.fingerprint, k.created_at, k.updated_at "
        "FROM keys k JOIN accounts a ON a.id = k.account_id ";

static KeyRecord readKey(const Statement &st)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7)};
}

void KeyRepository::insert(const KeyRecord &k)
{
    m_db.prepare("INSERT INTO keys (id, account_id, public_key, comment, fingerprint, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?,?)")
            .bind(1, k.id).bind(2, k.accountId).bind(3, k.publicKey).bind(4, k.comment).bind(5, k.fingerprint)
            .bind(6, k.createdAt).bind(7, k.updatedAt).run();
}

std::vector<KeyRecord> KeyRepository::listFor(const std::string &accountId)
{
    auto st = m_db.prepare(std::string(kKeyColumns) + "WHERE k.account_id = ? ORDER BY k.created_at, k.id");
    st.bind(1, accountId);
    return collect(st, readKey);
}

std::optional<KeyRecord> KeyRepository::find(const std::string &accountId, const std::string &idOrFingerprint)
{
    auto st = m_db.prepare(std::string(kKeyColumns) + "WHERE k.account_id = ? AND (k.id = ? OR k.fingerprint = ?)");
    st.bind(1, accountId).bind(2, idOrFingerprint).bind(3, idOrFingerprint);
    return first(st, readKey);
}

void KeyRepository::remove(const std::string &id)
{
    m_db.prepare("DELETE FROM keys WHERE id = ?").bind(1, id).run();
}

} // namespace dynodesk::store
