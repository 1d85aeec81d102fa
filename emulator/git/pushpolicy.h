#pragma once

#include <string>
#include <vector>

namespace dynodesk::git {

// One ref a push updates, as the pre-receive hook reports it.
struct RefUpdate final {
    std::string ref;          // `refs/heads/main`
    std::string oldRev, newRev; // a new rev of all zeros deletes the ref
};

// What a push does, decided before git updates any ref: which branch deploys (main or master)
// and at which commit, whether the push is refused, and the lines to show the pusher.
struct PushPlan final {
    std::string deployBranch, deployCommit; // empty: nothing deploys
    bool refused = false;                     // the hook fails: no ref is updated
    std::vector<std::string> notes;
    bool deploys() const { return !refused && !deployBranch.empty(); }
};

// The platform's push policy: a push to main or master deploys it; other branches are stored
// without a build; deleting the deployed branch, or pushing main and master at once, is refused.
PushPlan planPush(const std::vector<RefUpdate> &updates);

} // namespace dynodesk::git
