// SPDX-License-Identifier: Apache-2.0
#include "settingsvalues.h"

#include "settingsfile.h"
#include "sharedsettings.h"

#include <QSettings>

namespace zapito {

SettingsValues::SettingsValues(const QString& settingsFile, SharedSettings* shared)
    : m_local(openSettings(settingsFile))
    , m_shared(shared)
{}

SettingsValues::~SettingsValues() = default;

bool SettingsValues::isShared(const QString& key)
{
    return key == QLatin1String("webhook/endpoint") || key == QLatin1String("webhook/enabled") ||
           key.startsWith(QLatin1String("bot/")) || key.startsWith(QLatin1String("agent/")) ||
           key.startsWith(QLatin1String("channels/"));
}

QString SettingsValues::toText(const QVariant& value)
{
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    // The settings file reads an unquoted text with commas back as a list.
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(QStringLiteral(", "));
    return value.toString();
}

QVariant SettingsValues::value(const QString& key, const QVariant& fallback) const
{
    if (m_shared && isShared(key)) {
        const auto stored = m_shared->value(key);
        return stored ? QVariant(*stored) : fallback;
    }
    return m_local->value(key, fallback);
}

bool SettingsValues::contains(const QString& key) const
{
    if (m_shared && isShared(key))
        return m_shared->contains(key);
    return m_local->contains(key);
}

void SettingsValues::set(const QList<std::pair<QString, QVariant>>& values, std::function<void(Status)> done)
{
    SharedSettings::Values toStore;
    bool local = false;
    for (const auto& [key, value] : values) {
        if (m_shared && isShared(key)) {
            toStore.insert(key, toText(value));
        } else {
            m_local->setValue(key, value);
            local = true;
        }
    }
    if (local)
        m_local->sync();
    if (!toStore.isEmpty()) {
        m_shared->set(toStore, std::move(done));
        return;
    }
    if (done)
        done(m_local->status() == QSettings::NoError
                 ? Status::ok()
                 : Status::failure(QStringLiteral("%1 could not be written.").arg(m_local->fileName())));
}

void SettingsValues::setAndAnnounce(const QList<std::pair<QString, QVariant>>& values,
                                    const std::function<void()>& announce, std::function<void(Status)> done)
{
    if (m_shared) {
        set(values, std::move(done));
        return;
    }
    set(values);
    announce();
    if (done)
        done(Status::ok());
}

QString SettingsValues::localFileName() const
{
    return m_local->fileName();
}

QHash<QString, QString> SettingsValues::notYetCopied(const SharedSettings& shared,
                                                     const QString& settingsFile)
{
    const auto local = openSettings(settingsFile);
    SharedSettings::Values missing;
    for (const QString& key : local->allKeys()) {
        if (isShared(key) && !shared.contains(key))
            missing.insert(key, toText(local->value(key)));
    }
    return missing;
}

Status SettingsValues::copyLocalOnce(SharedSettings& shared, const QString& settingsFile)
{
    const SharedSettings::Values missing = notYetCopied(shared, settingsFile);
    // Inserted only where the store still has no row: a seat that copied a moment earlier wins.
    return missing.isEmpty() ? Status::ok() : shared.adopt(missing);
}

} // namespace zapito
