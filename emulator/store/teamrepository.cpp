#include "teamrepository.h"
#include "database.h"

namespace dynodesk::store {

static TeamRecord readTeam(const Statement &st)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.isNull(4) ? std::string() : st.text(4)};
}

void TeamRepository::insert(const TeamRecord &t)
{
    m_db.prepare("INSERT INTO teams (id, name, created_at, updated_at) VALUES (?,?,?,?)")
            .bind(1, t.id).bind(2, t.name).bind(3, t.createdAt).bind(4, t.updatedAt).run();
}

std::optional<TeamRecord> TeamRepository::byIdOrName(const std::string &idOrName)
{
    auto st = m_db.prepare("SELECT id, name, created_at, updated_at, NULL FROM teams WHERE id = ?1 OR name = ?1");
    st.bind(1, idOrName);
    return first(st, readTeam);
}

std::vector<TeamRecord> TeamRepository::listFor(const std::string &accountId)
{
    auto st = m_db.prepare("SELECT t.id, t.name, t.created_at, t.updated_at, m.role FROM teams t "
                           "JOIN team_members m ON m.team_id = t.id WHERE m.account_id = ? ORDER BY t.name");
    st.bind(1, accountId);
    return collect(st, readTeam);
}

void TeamRepository::update(const TeamRecord &t)
{
    m_db.prepare("UPDATE teams SET name = ?, updated_at = ? WHERE id = ?")
            .bind(1, t.name).bind(2, t.updatedAt).bind(3, t.id).run();
}

void TeamRepository::remove(const std::string &id) { m_db.prepare("DELETE FROM teams WHERE id = ?").bind(1, id).run(); }

static constexpr const char *kMemberColumns =
        "SELECT m.id, m.team_id, m.account_id, u.email, m.role, m.created_at, m.updated_at "
        "FROM team_members m JOIN accounts u ON u.id = m.account_id ";

static TeamMemberRecord readMember(const Statement &st)
{
    return {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)};
}

void TeamMemberRepository::insert(const TeamMemberRecord &m)
{
    m_db.prepare("INSERT INTO team_members (id, team_id, account_id, role, created_at, updated_at) VALUES (?,?,?,?,?,?)")
            .bind(1, m.id).bind(2, m.teamId).bind(3, m.accountId).bind(4, m.role).bind(5, m.createdAt)
            .bind(6, m.updatedAt).run();
}

void TeamMemberRepository::setRole(const TeamMemberRecord &m)
{
    m_db.prepare("UPDATE team_members SET role = ?, updated_at = ? WHERE id = ?")
            .bind(1, m.role).bind(2, m.updatedAt).bind(3, m.id).run();
}

std::vector<TeamMemberRecord> TeamMemberRepository::list(const std::string &teamId)
{
    auto st = m_db.prepare(std::string(kMemberColumns) + "WHERE m.team_id = ? ORDER BY u.email");
    st.bind(1, teamId);
    return collect(st, readMember);
}

std::optional<TeamMemberRecord> TeamMemberRepository::find(const std::string &teamId, const std::string &key)
{
    auto st = m_db.prepare(std::string(kMemberColumns)
                           + "WHERE m.team_id = ?1 AND (m.id = ?2 OR u.email = ?2 COLLATE NOCASE OR m.account_id = ?2)");
    st.bind(1, teamId).bind(2, key);
    return first(st, readMember);
}

void TeamMemberRepository::remove(const std::string &id)
{
    m_db.prepare("DELETE FROM team_members WHERE id = ?").bind(1, id).run();
}

static constexpr const char *kInvitationColumns =
        "SELECT i.id, i.token, i.team_id, t.name, i.role, i.created_at, i.updated_at, u.id, u.email, u.name, "
        "b.id, b.email, b.name FROM team_invitations i JOIN teams t ON t.id = i.team_id "
        "JOIN accounts u ON u.id = i.account_id JOIN accounts b ON b.id = i.invited_by ";

static TeamInvitationRecord readInvitation(const Statement &st)
{
    const auto text = [&](int i) { return st.isNull(i) ? std::string() : st.text(i); };
    return {text(0), text(1), text(2), text(3), text(4), text(5), text(6), text(7), text(8), text(9), text(10), text(11), text(12)};
}

void TeamInvitationRepository::insert(const TeamInvitationRecord &i)
{
    m_db.prepare("INSERT INTO team_invitations (id, token, team_id, account_id, role, invited_by, created_at, updated_at) "
                 "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (team_id, account_id) DO UPDATE SET role = excluded.role, "
                 "invited_by = excluded.invited_by, updated_at = excluded.updated_at")
            .bind(1, i.id).bind(2, i.token).bind(3, i.teamId).bind(4, i.userId).bind(5, i.role).bind(6, i.inviterId)
            .bind(7, i.createdAt).bind(8, i.updatedAt).run();
}

std::vector<TeamInvitationRecord> TeamInvitationRepository::list(const std::string &teamId)
{
    auto st = m_db.prepare(std::string(kInvitationColumns) + "WHERE i.team_id = ? ORDER BY u.email");
    st.bind(1, teamId);
    return collect(st, readInvitation);
}

std::optional<TeamInvitationRecord> TeamInvitationRepository::find(const std::string &teamId, const std::string &id)
{
    auto st = m_db.prepare(std::string(kInvitationColumns) + "WHERE i.team_id = ?1 AND (i.id = ?2 OR u.email = ?2 COLLATE NOCASE)");
    st.bind(1, teamId).bind(2, id);
    return first(st, readInvitation);
}

std::optional<TeamInvitationRecord> TeamInvitationRepository::byToken(const std::string &token)
{
    auto st = m_db.prepare(std::string(kInvitationColumns) + "WHERE i.token = ?");
    st.bind(1, token);
    return first(st, readInvitation);
}

void TeamInvitationRepository::remove(const std::string &id)
{
    m_db.prepare("DELETE FROM team_invitations WHERE id = ?").bind(1, id).run();
}

} // namespace dynodesk::store
