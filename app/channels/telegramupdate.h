// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace zapito {

// One update of a Bot API getUpdates answer: its id, and the customer message in it, if any
// (an edit, a channel post or a message without a chat has none, and is only skipped).
struct TelegramUpdate
{
    qint64 id = 0;
    std::optional<CustomerMessage> message;
};

// The updates of a getUpdates answer body ({"ok":true,"result":[…]}), in order; updates
// without a readable update_id are left out. std::nullopt when the body is not such an answer.
// Pure: no I/O, any bytes in.
std::optional<QList<TelegramUpdate>> parseTelegramUpdates(const QByteArray& body);

// One update's `message` object as a customer message: the contact "first last" (else
// @username), the text or a placeholder (InboundPlaceholder) for a message without text, plus
// the caption. Nothing without a chat.
std::optional<CustomerMessage> telegramCustomerMessage(const QJsonObject& message);

} // namespace zapito
