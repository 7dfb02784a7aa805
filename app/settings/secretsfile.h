// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace zapito {

// The secrets in the bytes of a secrets.json fallback file (a JSON object of key → secret).
// std::nullopt when the file is damaged: then `jsonError` gets the JSON syntax error, or stays
// empty for valid JSON that is not an object. A damaged file is never read as empty, or the
// next write would erase every other secret in it. Pure: no I/O, any bytes in.
std::optional<QJsonObject> parseSecretsFile(const QByteArray& bytes, QString* jsonError = nullptr);

} // namespace zapito
