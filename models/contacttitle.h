// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QString>

namespace zapito {

// How a conversation is titled for people: the contact's name; only when the channel never
// told us one, a formatted phone number (WhatsApp) or handle (Telegram).
QString contactTitle(const Conversation& conversation);
QString contactTitle(const QString& channel, const QString& externalId, const QString& contactName);

// The avatar's letters for a title: the first grapheme of the first two words, the second only
// when it is written in the same script as the first ("MS" for "Maria Silva", "K" for
// "Kenji 健二"). Scripts without case keep theirs (no upper-casing of Arabic, Hebrew or CJK),
// Arabic, Chinese, Japanese and Korean names give one letter (a second Arabic initial is mostly
// the article's alif; a CJK name's first character is already the family name), a grapheme is
// never split (combining marks, emoji sequences), and a title with no letters gives its first
// symbol (an emoji) or "?".
QString contactInitials(const QString& title);

// "+55 11 99999 0000" from "5511999990000"; other text comes back unchanged.
QString formatPhoneNumber(const QString& digits);

// The handoff reason in words, as an operator reads it ("Asked for a human").
QString handoffReasonText(HandoffReason reason);

// The channel's name in words ("WhatsApp").
QString channelDisplayName(const QString& channel);

} // namespace zapito
