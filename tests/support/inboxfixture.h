// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationstore.h"
#include "database.h"
#include "domain.h"

namespace zapito::test {

// Many conversations for list tests, written through the store inside ONE transaction (a
// transaction per row would take minutes on a loaded CI box). Conversation i (0-based) is
// "Contact i" on WhatsApp, external id 5511900000000+i, last activity at `baseMs + i`, so the
// newest is the last one written; every `handoffEvery`-th (i % handoffEvery == 0) is in handoff
// with reason escalate. Returns false (and warns) on any failure.
[[nodiscard]] bool addConversations(Database& database, ConversationStore& store, const Bot& bot, int count,
                                    int handoffEvery = 10, qint64 baseMs = 1'000'000);

} // namespace zapito::test
