#include "setuprepository.h"
#include "database.h"

#include <nlohmann/json.hpp>

namespace dynodesk::store {

static constexpr const char *kColumns =
        "SELECT id, account_id, status, failure_message, manifest_errors, postdeploy_output, postdeploy_exit_code, "
        "resolved_success_url, app_id, app_name, build_id, manifest, created_at, updated_at FROM app_setups ";

static AppSetupRecord readSetup(const Statement &st)
{
    AppSetupRecord s;
    s.id = st.text(0);
    s.accountId = st.text(1);
    s.status = st.text(2);
    s.failureMessage = st.optionalText(3);
    s.manifestErrors = nlohmann::json::parse(st.text(4)).get<std::vector<std::string>>();
    s.postdeployOutput = st.optionalText(5);
    if (!st.isNull(6))
        s.postdeployExitCode = static_cast<int>(st.integer(6));
    s.resolvedSuccessUrl = st.optionalText(7);
    s.appId = st.optionalText(8);
    s.appName = st.optionalText(9);
    s.buildId = st.optionalText(10);
    s.manifest = st.text(11);
    s.createdAt = st.text(12);
    s.updatedAt = st.text(13);
    return s;
}

// Binds every column but the id and the account (1..12 in update order).
static void bindFields(Statement &st, const AppSetupRecord &s)
{
    st.bind(1, s.status).bind(2, s.failureMessage).bind(3, nlohmann::json(s.manifestErrors).dump())
            .bind(4, s.postdeployOutput);
    if (s.postdeployExitCode)
        st.bind(5, *s.postdeployExitCode);
    else
        st.bindNull(5);
    st.bind(6, s.resolvedSuccessUrl).bind(7, s.appId).bind(8, s.appName).bind(9, s.buildId).bind(10, s.manifest)
            .bind(11, s.updatedAt);
}

void AppSetupRepository::insert(const AppSetupRecord &s)
{
    auto st = m_db.prepare("INSERT INTO app_setups (status, failure_message, manifest_errors, postdeploy_output, "
                           "postdeploy_exit_code, resolved_success_url, app_id, app_name, build_id, manifest, updated_at, "
                           "id, account_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindFields(st, s);
    st.bind(12, s.id).bind(13, s.accountId).bind(14, s.createdAt).run();
}

void AppSetupRepository::update(const AppSetupRecord &s)
{
    auto st = m_db.prepare("UPDATE app_setups SET status = ?, failure_message = ?, manifest_errors = ?, "
                           "postdeploy_output = ?, postdeploy_exit_code = ?, resolved_success_url = ?, app_id = ?, "
                           "app_name = ?, build_id = ?, manifest = ?, updated_at = ? WHERE id = ?");
    bindFields(st, s);
    st.bind(12, s.id).run();
}

std::optional<AppSetupRecord> AppSetupRepository::byId(const std::string &id)
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE id = ?");
    st.bind(1, id);
    return first(st, readSetup);
}

std::vector<AppSetupRecord> AppSetupRepository::pending()
{
    auto st = m_db.prepare(std::string(kColumns) + "WHERE status = 'pending'");
    return collect(st, readSetup);
}

} // namespace dynodesk::store
