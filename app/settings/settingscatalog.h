// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace zapito {

// Every setting the command line can read and write (`zapito-inbox settings get|set`), under
// a stable dotted name. Plain settings live in QSettings; secrets live in the SecretStore and
// are never printed.
struct SettingInfo
{
    enum class Type
    {
        Text,
        Bool,
        Integer,
        Choice,   // one of `choices`
        Url,      // http or https
        Address,  // an IP address to listen on
        FlowJson, // the bot's rules as a JSON array
        Secret,   // stored in the SecretStore under `storageKey`
    };
    const char* name;       // e.g. "telegram.enabled"
    const char* storageKey; // the QSettings key, or the SecretStore key for secrets
    Type type;
    const char* description; // one line for `settings --help`
    QStringList choices = {};
    int minimum = 0;
    int maximum = 0;
    QVariant defaultValue = {};

    bool isSecret() const { return type == Type::Secret; }
};

const QList<SettingInfo>& settingsCatalog();
const SettingInfo* findSetting(const QString& name);

// The value to store for `text`, or the reason it is not acceptable (in `problem`).
std::optional<QVariant> parseSettingValue(const SettingInfo& setting, const QString& text, QString* problem);
// How a stored value is shown by `settings get`.
QString formatSettingValue(const SettingInfo& setting, const QVariant& value);

} // namespace zapito
