// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace zapito {

// Settings → Channels → WhatsApp, as ChannelSettings reads it and WhatsAppChannel runs on.
// Lives with the settings (not the channel) so that settings never depend on channels.
struct WhatsAppConfig
{
    // SecretStore keys; these values are never in QSettings.
    static constexpr const char* kVerifyTokenKey = "whatsapp/verify-token";
    static constexpr const char* kAppSecretKey = "whatsapp/app-secret";
    static constexpr const char* kAccessTokenKey = "whatsapp/access-token";

    bool enabled = false;
    // Loopback by default: a reverse proxy or tunnel on this machine terminates TLS and
    // forwards Meta's requests (see README, Channels).
    QString listenAddress = QStringLiteral("127.0.0.1");
    quint16 listenPort = 8787;
    QString graphBase = QStringLiteral("https://graph.facebook.com/v19.0");
    QString phoneNumberId;
    // Secrets, from the keychain; never logged.
    QString verifyToken;
    QString appSecret;
    QString accessToken;

    bool canReceive() const { return enabled && !appSecret.isEmpty(); }
    bool canSend() const { return enabled && !accessToken.isEmpty() && !phoneNumberId.trimmed().isEmpty(); }
};

} // namespace zapito
