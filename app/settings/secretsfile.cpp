// SPDX-License-Identifier: Apache-2.0
#include "secretsfile.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace zapito {

std::optional<QJsonObject> parseSecretsFile(const QByteArray& bytes, QString* jsonError)
{
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError) {
        if (jsonError)
            *jsonError = parse.errorString();
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (jsonError)
            jsonError->clear();
        return std::nullopt;
    }
    return document.object();
}

} // namespace zapito
