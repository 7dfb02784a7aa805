// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the JSON the settings read back: the secrets.json fallback file, the bot's
// flow as stored in the settings file, and every catalog setting's value as typed on the
// command line (`settings set KEY VALUE`). A value a setting accepts must be accepted again as
// stored, unchanged (the flow is normalised once).
#include "flowrule.h"
#include "secretsfile.h"
#include "settingscatalog.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

using namespace zapito;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));

    QString jsonError;
    if (const std::optional<QJsonObject> secrets = parseSecretsFile(bytes, &jsonError))
        (void)secrets->value(QStringLiteral("webhook.secret")).toString();

    // BotSettings reads the stored flow like this.
    (void)flowFromJson(QJsonDocument::fromJson(bytes).array());

    const QString text = QString::fromUtf8(bytes);
    for (const SettingInfo& setting : settingsCatalog()) {
        QString problem;
        const std::optional<QVariant> value = parseSettingValue(setting, text, &problem);
        if (!value) {
            if (problem.isEmpty())
                std::abort(); // a refusal always says why
            continue;
        }
        const QString stored = formatSettingValue(setting, *value);
        const std::optional<QVariant> again = parseSettingValue(setting, stored, &problem);
        if (!again || formatSettingValue(setting, *again) != stored)
            std::abort();
    }
    return 0;
}
