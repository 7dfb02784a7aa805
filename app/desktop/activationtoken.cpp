// SPDX-License-Identifier: Apache-2.0
#include "activationtoken.h"

namespace zapito {

namespace {
constexpr qsizetype kMaxToken = 512;
}

bool isActivationToken(const QString& token)
{
    if (token.isEmpty() || token.size() > kMaxToken)
        return false;
    for (QChar c : token) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7F)
            return false;
    }
    return true;
}

void acceptActivationToken(const QString& token)
{
    if (!isActivationToken(token))
        return;
    qputenv("XDG_ACTIVATION_TOKEN", token.toLatin1());
    qputenv("DESKTOP_STARTUP_ID", token.toLatin1());
}

QString launchActivationToken()
{
    const QString wayland = qEnvironmentVariable("XDG_ACTIVATION_TOKEN");
    if (isActivationToken(wayland))
        return wayland;
    const QString x11 = qEnvironmentVariable("DESKTOP_STARTUP_ID");
    return isActivationToken(x11) ? x11 : QString();
}

} // namespace zapito
