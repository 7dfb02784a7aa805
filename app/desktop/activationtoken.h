// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace zapito {

// A window may take the focus on Wayland (xdg-activation) and under X11 startup notification
// only with a token the desktop issued for the user's click: the launcher's for a second
// launch, the notification server's for a click on a notification. Qt's next activation of a
// window reads it from the environment, so it is put there just before the window is raised.
//
// Whether `token` can be one (printable ASCII, bounded): it comes from another process.
[[nodiscard]] bool isActivationToken(const QString& token);
// Sets XDG_ACTIVATION_TOKEN and DESKTOP_STARTUP_ID to `token` when it is one.
void acceptActivationToken(const QString& token);
// The token this process was started with, if any.
QString launchActivationToken();

} // namespace zapito
