#pragma once

#include "records.h"

#include <optional>
#include <vector>

namespace dynodesk::store {

class Database;

// Teams and their members. A team's `role` is filled only where an account's membership is read.
class TeamRepository final {
public:
    explicit TeamRepository(Database &db) : m_db(db) {}
    void insert(const TeamRecord &t);
    std::optional<TeamRecord> byIdOrName(const std::string &idOrName);
    // The teams the account is a member of, each with its role there.
    std::vector<TeamRecord> listFor(const std::string &accountId);
    void update(const TeamRecord &t);
    void remove(const std::string &id);

private:
    Database &m_db;
};

class TeamMemberRepository final {
public:
    explicit TeamMemberRepository(Database &db) : m_db(db) {}
    void insert(const TeamMemberRecord &m);
    void setRole(const TeamMemberRecord &m);
    std::vector<TeamMemberRecord> list(const std::string &teamId);
    std::optional<TeamMemberRecord> find(const std::string &teamId, const std::string &idOrEmailOrAccountId);
    void remove(const std::string &id);

private:
    Database &m_db;
};

class TeamInvitationRepository final {
public:
    explicit TeamInvitationRepository(Database &db) : m_db(db) {}
    void insert(const TeamInvitationRecord &i);
    std::vector<TeamInvitationRecord> list(const std::string &teamId);
    // By id within a team, or by token anywhere.
    std::optional<TeamInvitationRecord> find(const std::string &teamId, const std::string &id);
    std::optional<TeamInvitationRecord> byToken(const std::string &token);
    void remove(const std::string &id);

private:
    Database &m_db;
};

} // namespace dynodesk::store
