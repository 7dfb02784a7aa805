// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "telegramconfig.h"
#include "whatsappconfig.h"

#include <QObject>
#include <QVariant>

#include <memory>

class QSettings;

namespace zapito {

// Settings → Channels: the plain parts of the Telegram and WhatsApp configuration in
// QSettings. Tokens and secrets are NOT here: they live in the SecretStore under the keys the
// configs name (TelegramConfig::kSecretKey, WhatsAppConfig::k…Key).
class ChannelSettings final : public QObject
{
    Q_OBJECT
public:
    // `settingsFile` empty means the application's default QSettings.
    explicit ChannelSettings(const QString& settingsFile = {}, QObject* parent = nullptr);
    ~ChannelSettings() override;
    Q_DISABLE_COPY_MOVE(ChannelSettings)

    // Secrets in the returned values are empty; the caller fills them from the SecretStore.
    TelegramConfig telegram() const;
    WhatsAppConfig whatsapp() const;
    void setTelegram(const TelegramConfig& config);
    void setWhatsApp(const WhatsAppConfig& config);

    // Raw access for the command line: the QSettings key, e.g. "channels/telegram/enabled".
    QVariant value(const QString& key, const QVariant& fallback = {}) const;
    void setValue(const QString& key, const QVariant& value);

signals:
    void changed();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace zapito
