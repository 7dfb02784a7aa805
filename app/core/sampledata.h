// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "expected.h"

namespace zapito {

class ConversationStore;

// The sample conversations a new user can load from the empty inbox (or with `--demo`): the
// spec's Luna Café / Maria handoff plus a dozen more in several languages, every handoff
// reason and every webhook outcome. They are written through the real store code and marked
// with conversations.is_sample = 1; they never leave an outbox row, so no sample is ever
// POSTed to a real endpoint.

// Loads the samples into `bot`'s inbox. Loading when they are already there does nothing.
[[nodiscard]] Status loadSampleConversations(ConversationStore& store, const Bot& bot);

// Deletes every sample conversation (messages, handoff events and delivery attempts go with
// them through ON DELETE CASCADE); real conversations stay.
[[nodiscard]] Status removeSampleConversations(ConversationStore& store);

// Whether any sample conversation is stored.
[[nodiscard]] bool hasSampleConversations(const ConversationStore& store);

} // namespace zapito
