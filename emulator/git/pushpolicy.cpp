#include "pushpolicy.h"

namespace dynodesk::git {

static bool isDeployBranch(const std::string &branch) { return branch == "main" || branch == "master"; }

PushPlan planPush(const std::vector<RefUpdate> &updates)
{
    PushPlan plan;
    for (const auto &u : updates) {
        const std::string branch = u.ref.rfind("refs/heads/", 0) == 0 ? u.ref.substr(11) : u.ref;
        const bool deletes = u.newRev.find_first_not_of('0') == std::string::npos;
        if (!isDeployBranch(branch)) {
            plan.notes.push_back("       Pushed to branch " + branch + ", which does not deploy (only main and master do).");
            continue;
        }
        if (deletes) {
            plan.notes.push_back(" !     Deleting " + branch + " is not allowed: it is the deployed branch.");
            plan.refused = true;
            continue;
        }
        if (!plan.deployBranch.empty()) {
            plan.notes.push_back(" !     Push main or master, not both at once.");
            plan.refused = true;
            continue;
        }
        plan.deployBranch = branch;
        plan.deployCommit = u.newRev;
    }
    return plan;
}

} // namespace dynodesk::git
