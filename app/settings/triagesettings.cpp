// SPDX-License-Identifier: Apache-2.0
#include "triagesettings.h"

#include <QSettings>
#include <QtGlobal>

namespace zapito::TriageSettings {

namespace {
const QString kSingleKeysKey = QStringLiteral("triage/singleKeyShortcuts");
const QString kWaitWarningKey = QStringLiteral("triage/waitWarningMinutes");
} // namespace

bool singleKeyShortcuts()
{
    return QSettings().value(kSingleKeysKey, true).toBool();
}

void setSingleKeyShortcuts(bool on)
{
    QSettings().setValue(kSingleKeysKey, on);
}

int waitWarningMinutes()
{
    bool ok = false;
    const int minutes = QSettings().value(kWaitWarningKey, kDefaultWaitWarningMinutes).toInt(&ok);
    return ok ? qBound(kMinimumWaitWarningMinutes, minutes, kMaximumWaitWarningMinutes)
              : kDefaultWaitWarningMinutes;
}

void setWaitWarningMinutes(int minutes)
{
    QSettings().setValue(kWaitWarningKey,
                         qBound(kMinimumWaitWarningMinutes, minutes, kMaximumWaitWarningMinutes));
}

} // namespace zapito::TriageSettings
