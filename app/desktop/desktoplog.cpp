// SPDX-License-Identifier: Apache-2.0
#include "desktoplog.h"

// Debug lines are off unless QT_LOGGING_RULES asks for them (the process tests read them).
Q_LOGGING_CATEGORY(lcDesktop, "zapito.desktop", QtInfoMsg)
