#pragma once

// The store keeps the platform services' own types: a repository reads rows into them and
// writes them back. Only the two kinds of row that no service hands out are the store's own.
#include "platform/access/accesstypes.h"
#include "platform/accounts/accounttypes.h"
#include "platform/addons/addontypes.h"
#include "platform/apps/apptypes.h"
#include "platform/builds/buildtypes.h"
#include "platform/data/transfertypes.h"
#include "platform/drains/draintypes.h"
#include "platform/formation/formationtypes.h"
#include "platform/pipelines/pipelinetypes.h"
#include "platform/quotas/quotatypes.h"
#include "platform/releases/releasetypes.h"
#include "platform/setups/setuptypes.h"
#include "platform/teams/teamtypes.h"

#include <string>

namespace dynodesk::store {

using ConfigMap = platform::ConfigMap;
using AccountRecord = platform::Account;
using AuthorizationRecord = platform::Authorization;
using KeyRecord = platform::Key;
using AppRecord = platform::App;
using ReleaseRecord = platform::Release;
using CollaboratorRecord = platform::Collaborator;
using FormationRecord = platform::Formation;
using TransferRecord = platform::AppTransfer;
using SlugRecord = platform::Slug;
using BuildRecord = platform::Build;
using SourceRecord = platform::Source;
using AppSetupRecord = platform::AppSetup;
using DrainRecord = platform::Drain;
using AddonRecord = platform::Addon;
using AttachmentRecord = platform::Attachment;
using DataTransferLog = platform::DataTransferLog;
using DataTransferRecord = platform::DataTransfer;
using PipelineRecord = platform::Pipeline;
using CouplingRecord = platform::PipelineCoupling;
using PromotionRecord = platform::PipelinePromotion;
using PromotionTargetRecord = platform::PromotionTarget;
using TeamRecord = platform::Team;
using TeamMemberRecord = platform::TeamMember;
using TeamInvitationRecord = platform::TeamInvitation;
using TeamQuotaRecord = platform::TeamQuota;

struct FeatureRecord final {
    std::string appId, name;
    bool enabled = false;
    std::string createdAt, updatedAt;
};

// A custom domain of an app; the default `<app>.localhost` one is not stored.
struct DomainRecord final {
    std::string id, appId, appName, hostname, cname, status, createdAt, updatedAt;
};

} // namespace dynodesk::store
