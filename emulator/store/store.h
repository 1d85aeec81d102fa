#pragma once

#include "accountrepository.h"
#include "addonrepository.h"
#include "apprepository.h"
#include "buildrepository.h"
#include "database.h"
#include "datatransferrepository.h"
#include "domainrepository.h"
#include "logrepository.h"
#include "pipelinerepository.h"
#include "quotarepository.h"
#include "setuprepository.h"
#include "records.h"
#include "teamrepository.h"

#include <string>

namespace dynodesk::store {

// The emulator's durable state: one SQLite database (WAL) and a repository per resource.
// Owned and used by one thread: the platform core.
class Store final {
public:
    explicit Store(const std::string &path)
        : db(path), accounts(db), authorizations(db), keys(db), apps(db), config(db), releases(db),
          collaborators(db), formations(db), transfers(db), slugs(db),
          builds(db), buildpacks(db), sources(db), features(db), drains(db), domains(db), addons(db), attachments(db), dataTransfers(db),
          teams(db), teamMembers(db), teamInvitations(db), quotas(db), setups(db), pipelines(db), promotions(db)
    {
    }

    Database db;
    AccountRepository accounts;
    AuthorizationRepository authorizations;
    KeyRepository keys;
    AppRepository apps;
    ConfigRepository config;
    ReleaseRepository releases;
    CollaboratorRepository collaborators;
    FormationRepository formations;
    TransferRepository transfers;
    SlugRepository slugs;
    BuildRepository builds;
    BuildpackRepository buildpacks;
    SourceRepository sources;
    FeatureRepository features;
    DrainRepository drains;
    DomainRepository domains;
    AddonRepository addons;
    AttachmentRepository attachments;
    DataTransferRepository dataTransfers;
    TeamRepository teams;
    TeamMemberRepository teamMembers;
    TeamInvitationRepository teamInvitations;
    QuotaRepository quotas;
    AppSetupRepository setups;
    PipelineRepository pipelines;
    PromotionRepository promotions;
};

} // namespace dynodesk::store
