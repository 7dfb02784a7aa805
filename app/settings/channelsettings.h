// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"
#include "telegramconfig.h"
#include "whatsappconfig.h"

#include <QObject>
#include <QVariant>

#include <functional>
#include <memory>
#include <utility>

namespace zapito {

class SettingsValues;
class SharedSettings;

// Settings → Channels: the plain parts of the Telegram and WhatsApp configuration (which channels
// are on, addresses, ids), in the store's shared settings (every seat and the leader agree; see
// SettingsValues), or this machine's settings file without a store. Tokens and secrets are NOT here: they
// live in the SecretStore under the keys the configs name (TelegramConfig::kSecretKey,
// WhatsAppConfig::k…Key).
class ChannelSettings final : public QObject
{
    Q_OBJECT
public:
    // `settingsFile` empty means the application's default QSettings.
    explicit ChannelSettings(const QString& settingsFile = {}, QObject* parent = nullptr);
    // In the store's shared settings when `shared` is given; changed() follows every seat's.
    ChannelSettings(const QString& settingsFile, SharedSettings* shared, QObject* parent = nullptr);
    ~ChannelSettings() override;
    Q_DISABLE_COPY_MOVE(ChannelSettings)

    // Secrets in the returned values are empty; the caller fills them from the SecretStore.
    TelegramConfig telegram() const;
    WhatsAppConfig whatsapp() const;
    // In effect here at once; `done` gets the store's answer (at once without a store).
    void setTelegram(const TelegramConfig& config, std::function<void(Status)> done = {});
    void setWhatsApp(const WhatsAppConfig& config, std::function<void(Status)> done = {});

    // Raw access: the settings key, e.g. "channels/telegram/enabled".
    QVariant value(const QString& key, const QVariant& fallback = {}) const;
    void setValue(const QString& key, const QVariant& value);

signals:
    void changed();

private:
    void store(const QList<std::pair<QString, QVariant>>& values, std::function<void(Status)> done);

    std::unique_ptr<SettingsValues> m_settings;
};

} // namespace zapito
