// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QByteArray>
#include <QList>

namespace zapito {

// The customer messages in one WhatsApp Cloud API webhook event body (entry[].changes[].value):
// the contact's profile name by wa_id, the text, or a placeholder (InboundPlaceholder) for a
// message without text; status callbacks yield none, and so does a body that is not JSON.
// Pure: no I/O, any bytes in.
QList<CustomerMessage> parseWhatsAppEvent(const QByteArray& body);

} // namespace zapito
