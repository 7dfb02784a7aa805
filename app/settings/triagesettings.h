// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace zapito {

// How this seat triages: whether single keys (j, k, r, e, a, /) act on the list, and after how
// many minutes a handoff's wait is shown as too long. Plain QSettings, nothing secret.
namespace TriageSettings {

constexpr int kDefaultWaitWarningMinutes = 15;
constexpr int kMinimumWaitWarningMinutes = 1;
constexpr int kMaximumWaitWarningMinutes = 24 * 60;

// On unless switched off.
bool singleKeyShortcuts();
void setSingleKeyShortcuts(bool on);
int waitWarningMinutes();
void setWaitWarningMinutes(int minutes);

} // namespace TriageSettings
} // namespace zapito
