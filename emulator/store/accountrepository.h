#pragma once

#include "records.h"

#include <optional>
#include <vector>

namespace dynodesk::store {

class Database;

class AccountRepository final {
public:
    explicit AccountRepository(Database &db) : m_db(db) {}
    void insert(const AccountRecord &a);
    std::optional<AccountRecord> byId(const std::string &id);
    std::optional<AccountRecord> byEmail(const std::string &email);
    std::optional<AccountRecord> byIdOrEmail(const std::string &idOrEmail);
    void update(const AccountRecord &a);
    int64_t count();

private:
    Database &m_db;
};

class AuthorizationRepository final {
public:
    explicit AuthorizationRepository(Database &db) : m_db(db) {}
    void insert(const AuthorizationRecord &a);
    std::optional<AuthorizationRecord> byToken(const std::string &token);
    std::optional<AuthorizationRecord> byId(const std::string &accountId, const std::string &id);
    std::vector<AuthorizationRecord> listFor(const std::string &accountId);
    void remove(const std::string &id);

private:
    Database &m_db;
};

class KeyRepository final {
public:
    explicit KeyRepository(Database &db) : m_db(db) {}
    void insert(const KeyRecord &k);
    std::vector<KeyRecord> listFor(const std::string &accountId);
    std::optional<KeyRecord> find(const std::string &accountId, const std::string &idOrFingerprint);
    void remove(const std::string &id);

private:
    Database &m_db;
};

} // namespace dynodesk::store
