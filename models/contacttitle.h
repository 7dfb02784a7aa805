// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QString>

namespace zapito {

// How a conversation is titled for people: the contact's name; only when the channel never
// told us one, a formatted phone number (WhatsApp) or handle (Telegram).
QString contactTitle(const Conversation& conversation);
QString contactTitle(const QString& channel, const QString& externalId, const QString& contactName);

// "+55 11 99999 0000" from "5511999990000"; other text comes back unchanged.
QString formatPhoneNumber(const QString& digits);

// The handoff reason in words, as an operator reads it ("Asked for a human").
QString handoffReasonText(HandoffReason reason);

// The channel's name in words ("WhatsApp").
QString channelDisplayName(const QString& channel);

} // namespace zapito
