#pragma once

#include "addonstate.h"
#include "iaddonprovider.h"

#include <QObject>
#include <QThread>

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
    void run(const std::string &addonId, State from, const std::string &service, const std::string &resource,
             const Plan &plan);
    // Credential rotation and plan change of a provisioned add-on; the outcome stays `provisioned`.
    void rotate(const std::string &addonId, const std::string &service, const std::string &resource);
    void changePlan(const std::string &addonId, const std::string &service, const std::string &resource, const Plan &plan);

    // Starts what serves a service's existing add-ons (the Postgres cluster) on the worker; a
    // failure comes back as an outcome with no add-on id.
    void resume(const std::string &service);

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
