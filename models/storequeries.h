// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "expected.h"

#include <QHash>
#include <QSqlDatabase>

namespace zapito {

// The store's reads as free functions of a connection, so the same SQL serves the store's own
// connection (the pipeline, the command line) and the reader thread's (the window's models).
// Each one is page-sized: bounded by a LIMIT or by one conversation's handoffs.
namespace StoreQueries {

struct Counts
{
    int all = 0;
    int needsHuman = 0;  // status handoff: the agent's escalations
    int operatorHas = 0; // status operator: an operator took over
    int botHas = 0;      // status bot, not resolved since: the Bot view
    int resolved = 0;    // status bot after a resolution: the Resolved view
    int mine = 0;        // not resolved and assigned to `me`: the Mine view
    bool operator==(const Counts&) const = default;
    int of(InboxView view) const;
};
// Kept by triggers (migrations 0004, 0008): six rows, whatever the size of the inbox.
Expected<Counts> counts(const QSqlDatabase& db, const QString& me = {});

Expected<Conversation> conversation(const QSqlDatabase& db, const QString& conversationId);
Expected<Message> message(const QSqlDatabase& db, qint64 messageId);
// Messages in conversation order: the `limit` after sequence number `afterSeq` (0 for the first).
Expected<QList<Message>> messagesAfter(const QSqlDatabase& db, const QString& conversationId, qint64 afterSeq,
                                       int limit);
// The `limit` messages before sequence number `beforeSeq`, oldest first.
Expected<QList<Message>> messagesBefore(const QSqlDatabase& db, const QString& conversationId,
                                        qint64 beforeSeq, int limit);
// The last `count` messages, oldest first.
Expected<QList<Message>> lastMessages(const QSqlDatabase& db, const QString& conversationId, int count);
// The last `count` messages said in the conversation, notes left out, oldest first: what a
// webhook's transcript may hold.
Expected<QList<Message>> lastSaid(const QSqlDatabase& db, const QString& conversationId, int count);

// The conversation's handoff events, oldest first.
Expected<QList<HandoffEvent>> handoffEvents(const QSqlDatabase& db, const QString& conversationId);
Expected<HandoffEvent> handoffEvent(const QSqlDatabase& db, qint64 handoffEventId);

// A handoff event with the number of webhook attempts made for it.
struct HandoffInfo
{
    HandoffEvent event;
    int attempts = 0;
    bool operator==(const HandoffInfo& o) const
    {
        return event.id == o.event.id && event.deliveryOutcome == o.event.deliveryOutcome &&
               event.resolvedAtMs == o.event.resolvedAtMs && attempts == o.attempts;
    }
};
// The conversation's handoffs by the id of the message that opened each.
Expected<QHash<qint64, HandoffInfo>> handoffsByMessage(const QSqlDatabase& db, const QString& conversationId);
// Webhook delivery attempts of a handoff, oldest first.
Expected<QList<DeliveryAttempt>> deliveryAttempts(const QSqlDatabase& db, qint64 handoffEventId);

} // namespace StoreQueries
} // namespace zapito
