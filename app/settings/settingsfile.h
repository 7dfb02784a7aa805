// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSettings>
#include <QString>

#include <memory>

namespace zapito {

// The plain settings every settings class reads: the app's own (QSettings defaults) or, for
// tests and tools, the INI file given. Never holds a secret.
inline std::unique_ptr<QSettings> openSettings(const QString& settingsFile)
{
    return settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                  : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat);
}

} // namespace zapito
