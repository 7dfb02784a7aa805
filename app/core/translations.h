// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLocale>

namespace zapito {

// Installs the translators for `locale` (the system locale by default) on the running
// application: Zapito Inbox's own, embedded under :/i18n by qt_add_translations, and Qt's
// qtbase catalogue (standard buttons, shortcuts) when the system has it installed.
// Returns whether Zapito Inbox's own catalogue was found for that locale.
bool installTranslations(const QLocale& locale = QLocale());

} // namespace zapito
