// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace zapito {

// Settings → Channels → Telegram, as ChannelSettings reads it and TelegramChannel runs on.
// Lives with the settings (not the channel) so that settings never depend on channels.
struct TelegramConfig
{
    // The SecretStore key of the bot token; the token is never in QSettings.
    static constexpr const char* kSecretKey = "telegram/bot-token";

    bool enabled = false;
    QString apiBase = QStringLiteral("https://api.telegram.org");
    QString botToken; // from the keychain; never logged
    int pollTimeoutSeconds = 25;

    bool isUsable() const { return enabled && !botToken.isEmpty() && !apiBase.trimmed().isEmpty(); }
};

} // namespace zapito
