// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a WhatsApp Cloud API webhook event body (what a signed POST carries) to
// customer messages. Every message it yields must be storable: the channel, the sender and a
// text (a placeholder when the message has none).
#include "whatsappevent.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    for (const zapito::CustomerMessage& m : zapito::parseWhatsAppEvent(body)) {
        if (m.channel != QLatin1String("whatsapp") || m.externalId.isEmpty() || m.text.isEmpty())
            std::abort();
    }
    return 0;
}
