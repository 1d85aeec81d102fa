#include "platformconnection.h"

#include "wiring/emulator.h"

#include <QDir>

namespace dynodesk::app {

PlatformConnection::PlatformConnection(QObject *parent) : QObject(parent) {}

PlatformConnection::~PlatformConnection() { stop(); }

bool PlatformConnection::startLocal(const QString &dataDir)
{
    stop();
    core::Settings settings;
    settings.dataDir = dataDir.toStdString();
    // The desktop's own emulator serves its user alone: builds may read any of their files.
    settings.allowedSourcePaths.push_back(QDir::homePath().toStdString());
    auto emulator = std::make_unique<wiring::Emulator>(settings);
    if (auto started = emulator->start(); !started.ok()) {
        disconnectWithError(QString::fromStdString(started.error().message));
        return false;
    }
    m_emulator = std::move(emulator);
    m_apiUrl = QString::fromStdString(m_emulator->apiUrl());
    m_token = QString::fromStdString(m_emulator->credentials().token);
    m_description = tr("Local emulator · %1:%2")
                            .arg(QString::fromStdString(m_emulator->settings().host))
                            .arg(m_emulator->apiPort());
    m_error.clear();
    emit changed();
    return true;
}

void PlatformConnection::connectRemote(const QString &apiUrl, const QString &token, const QString &description)
{
    stop();
    m_apiUrl = apiUrl;
    m_token = token;
    m_description = description;
    m_error.clear();
    emit changed();
}

void PlatformConnection::disconnectWithError(const QString &message)
{
    stop();
    m_apiUrl.clear();
    m_token.clear();
    m_description.clear();
    m_error = message;
    emit changed();
}

void PlatformConnection::stop()
{
    if (!m_emulator)
        return;
    m_emulator->stop();
    m_emulator.reset();
    m_apiUrl.clear();
    m_token.clear();
}

} // namespace dynodesk::app
