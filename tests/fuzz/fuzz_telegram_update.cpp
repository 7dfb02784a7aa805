// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a Bot API getUpdates answer body to updates and customer messages. Ids are
// never negative, and every message it yields must be storable: the channel, the chat and a
// text (a placeholder when the message has none).
#include "telegramupdate.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const std::optional<QList<zapito::TelegramUpdate>> updates = zapito::parseTelegramUpdates(body);
    if (!updates)
        return 0;
    for (const zapito::TelegramUpdate& update : *updates) {
        if (update.id < 0)
            std::abort();
        if (update.message && (update.message->channel != QLatin1String("telegram") ||
                               update.message->externalId.isEmpty() || update.message->text.isEmpty()))
            std::abort();
    }
    return 0;
}
