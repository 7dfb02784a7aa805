// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationstore.h"

namespace zapito {

// Writes a handoff inside the caller's open write transaction: the handoff message, the status,
// the event with its random delivery id and its exact webhook body, and the webhook outbox row.
// Shared by the pipeline (the message still to be sent) and by imports of finished history.
class HandoffWriter final
{
public:
    enum class Message
    {
        AlreadySent,   // the customer has it: the webhook is due at once
        ThroughOutbox, // queued in the channel outbox: the webhook waits for its send to finish
    };
    struct Request
    {
        QString conversationId;
        QString text;
        HandoffReason reason = HandoffReason::Handoff;
        qint64 nowMs = 0;
        Message message = Message::AlreadySent;
    };

    explicit HandoffWriter(const ConversationStore& store)
        : m_store(store)
    {}

    Expected<ConversationStore::HandoffRecord>
    write(const Request& request, const ConversationStore::PayloadBuilder& buildPayload) const;

private:
    const ConversationStore& m_store;
};

} // namespace zapito
