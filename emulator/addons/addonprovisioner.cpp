#include "addonprovisioner.h"

namespace dynodesk::addons {

AddonProvisioner::AddonProvisioner(std::map<std::string, std::unique_ptr<IAddonProvider>> providers, QObject *parent)
    : QObject(parent), m_providers(std::move(providers))
{
    m_thread.setObjectName(QStringLiteral("addons"));
    m_worker.moveToThread(&m_thread);
    m_thread.start();
}

AddonProvisioner::~AddonProvisioner()
{
    // Providers stop what they run on the worker, after the jobs already queued.
    QMetaObject::invokeMethod(
        &m_worker,
        [this] {
            for (auto &[name, p] : m_providers)
                p->shutdown();
            m_worker.moveToThread(thread());
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

IAddonProvider *AddonProvisioner::provider(const std::string &service) const
{
    const auto it = m_providers.find(service);
    return it == m_providers.end() ? nullptr : it->second.get();
}

void AddonProvisioner::onWorker(std::function<Outcome()> job)
{
    QMetaObject::invokeMethod(&m_worker, [this, job = std::move(job)] {
        Outcome outcome = job();
        QMetaObject::invokeMethod(this, [this, outcome = std::move(outcome)] {
            core::runGuarded("an add-on's outcome", [&] { emit finished(outcome); });
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

static AddonProvisioner::Outcome settle(const std::string &addonId, State from, const core::ApiError *error,
                                        AddonConfig config = {})
{
    AddonProvisioner::Outcome o;
    o.addonId = addonId;
    const auto next = transition(from, error ? Input::ProviderFailed : Input::ProviderSucceeded);
    o.state = next.value_or(from);
    if (error)
        o.error = *error;
    else
        o.config = std::move(config);
    return o;
}

void AddonProvisioner::run(const std::string &addonId, State from, const std::string &service, const std::string &resource,
                           const Plan &plan, const std::string &forkFrom)
{
    IAddonProvider *p = provider(service);
    onWorker([=]() -> Outcome {
        if (!p || !providerWorkPending(from)) {
            const auto e = core::ApiError::internal("no provider work for " + service + " in state " + std::string(toString(from)));
            return settle(addonId, from, &e);
        }
        if (from == State::Provisioning) {
            IDatabaseProvider *db = p->database();
            if (!forkFrom.empty() && !db) {
                const auto e = core::ApiError::invalidParams(service + " add-ons cannot be forked.");
                return settle(addonId, from, &e);
            }
            auto config = forkFrom.empty() ? p->provision(resource, plan) : db->fork(resource, plan, forkFrom);
            return config ? settle(addonId, from, nullptr, std::move(*config)) : settle(addonId, from, &config.error());
        }
        const auto dropped = p->deprovision(resource);
        return dropped ? settle(addonId, from, nullptr) : settle(addonId, from, &dropped.error());
    });
}

void AddonProvisioner::rotate(const std::string &addonId, const std::string &service, const std::string &resource)
{
    IAddonProvider *p = provider(service);
    onWorker([=]() -> Outcome {
        Outcome o{addonId, State::Provisioned, {}, std::nullopt};
        auto config = p ? p->rotateCredentials(resource) : core::Result<AddonConfig>(core::ApiError::internal("no provider"));
        if (config)
            o.config = std::move(*config);
        else
            o.error = config.error();
        return o;
    });
}

void AddonProvisioner::changePlan(const std::string &addonId, const std::string &service, const std::string &resource,
                                  const Plan &plan)
{
    IAddonProvider *p = provider(service);
    onWorker([=]() -> Outcome {
        Outcome o{addonId, State::Provisioned, {}, std::nullopt};
        const auto changed = p ? p->changePlan(resource, plan) : core::Status(core::ApiError::internal("no provider"));
        if (!changed)
            o.error = changed.error();
        return o;
    });
}

void AddonProvisioner::resume(const std::string &service)
{
    IAddonProvider *p = provider(service);
    onWorker([=]() -> Outcome {
        Outcome o{{}, State::Provisioned, {}, std::nullopt};
        if (!p)
            return o;
        if (auto started = p->resume(); !started)
            o.error = started.error();
        return o;
    });
}

} // namespace dynodesk::addons
