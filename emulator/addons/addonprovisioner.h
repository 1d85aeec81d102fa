#pragma once

#include "addonstate.h"
#include "iaddonprovider.h"
#include "idatabaseprovider.h"

#include "core/guard.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace dynodesk::addons {

// Runs the providers' slow work (initdb, CREATE DATABASE, ...) on one worker thread, one job at a
// time, and reports each result back on the thread that owns the provisioner (the core) as the
// add-on's next state by the state machine. It keeps no state of its own: the platform stores
// the add-on's state and asks for the work that state needs.
class AddonProvisioner final : public QObject {
    Q_OBJECT
public:
    struct Outcome {
        std::string addonId;
        State state = State::Deprovisioned; // the state after the work
        AddonConfig config;                 // on a successful provision or rotation
        std::optional<core::ApiError> error;
    };

    // Providers by service name (`heroku-postgresql`).
    explicit AddonProvisioner(std::map<std::string, std::unique_ptr<IAddonProvider>> providers, QObject *parent = nullptr);
    ~AddonProvisioner() override;

    // The work an add-on in `from` needs: provision in `provisioning`, deprovision in
    // `deprovisioning`. Anything else is a programming error and reported as a failure.
    // A provision with `forkFrom` makes a copy of that database (a fork).
    void run(const std::string &addonId, State from, const std::string &service, const std::string &resource,
             const Plan &plan, const std::string &forkFrom = {});
    // Credential rotation and plan change of a provisioned add-on; the outcome stays `provisioned`.
    void rotate(const std::string &addonId, const std::string &service, const std::string &resource);
    void changePlan(const std::string &addonId, const std::string &service, const std::string &resource, const Plan &plan);

    // Starts what serves a service's existing add-ons (the Postgres cluster) on the worker; a
    // failure comes back as an outcome with no add-on id.
    void resume(const std::string &service);

    // Runs `work` on the worker with the service's provider, after the jobs queued before it,
    // then `done` with its result on the owner's thread. An unknown service gives `done` an
    // error. `done` is dropped uncalled if the provisioner goes first.
    template <typename T>
    void call(const std::string &service, std::function<core::Result<T>(IAddonProvider &)> work,
              std::function<void(core::Result<T>)> done)
    {
        IAddonProvider *p = provider(service);
        QMetaObject::invokeMethod(&m_worker, [this, p, work = std::move(work), done = std::move(done)] {
            auto result = p ? work(*p) : core::Result<T>(core::ApiError::invalidParams("No provider serves this add-on."));
            QMetaObject::invokeMethod(this, [done, result = std::move(result)] {
                core::runGuarded("an add-on's reply", [&] { done(result); });
            }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
    }
    // The same with the service's database operations; a service that is not a database gives
    // `done` an error.
    template <typename T>
    void database(const std::string &service, std::function<core::Result<T>(IDatabaseProvider &)> work,
                  std::function<void(core::Result<T>)> done)
    {
        call<T>(service, [work = std::move(work)](IAddonProvider &p) -> core::Result<T> {
            if (IDatabaseProvider *db = p.database())
                return work(*db);
            return core::ApiError::invalidParams("This add-on is not a database.");
        }, std::move(done));
    }

signals:
    void finished(const dynodesk::addons::AddonProvisioner::Outcome &outcome);

private:
    IAddonProvider *provider(const std::string &service) const;
    void onWorker(std::function<Outcome()> job);

    std::map<std::string, std::unique_ptr<IAddonProvider>> m_providers;
    QThread m_thread;
    QObject m_worker; // lives on m_thread: the context the jobs run in
};

} // namespace dynodesk::addons
