// SPDX-License-Identifier: Apache-2.0
#include "storerows.h"

#include <QSqlRecord>
#include <QStringList>

namespace zapito {

const char* const kConversationColumns =
    "id, bot_id, channel, external_id, contact_name, status, last_activity_ms, last_message_preview, "
    "unread_count, open_handoff_reason, created_at_ms, is_sample, assignee, resolved_by, resolved_at_ms, "
    "handoff_at_ms";
const char* const kMessageColumns = "id, conversation_id, role, content, at_ms, external_message_id, seq, "
                                    "channel_at_ms, decided, send_state, send_error, author, kind";
const char* const kHandoffEventColumns = "id, conversation_id, message_id, reason, at_ms, resolved_at_ms, "
                                         "resolved_by, delivery_outcome, delivery_id";

QString conversationColumnsOf(QStringView alias)
{
    QStringList qualified;
    for (const QString& column : QString::fromLatin1(kConversationColumns).split(u','))
        qualified << alias.toString() + u'.' + column.trimmed();
    return qualified.join(QLatin1String(", "));
}

Conversation conversationFromRecord(const QSqlRecord& r)
{
    Conversation c;
    c.id = r.value(0).toString();
    c.botId = r.value(1).toString();
    c.channel = r.value(2).toString();
    c.externalId = r.value(3).toString();
    c.contactName = r.value(4).toString();
    c.status = conversationStatusFromString(r.value(5).toString()).value_or(ConversationStatus::Bot);
    c.lastActivityMs = r.value(6).toLongLong();
    c.lastMessagePreview = r.value(7).toString();
    c.unreadCount = r.value(8).toInt();
    if (!r.isNull(9))
        c.openHandoffReason = handoffReasonFromString(r.value(9).toString());
    c.createdAtMs = r.value(10).toLongLong();
    c.isSample = r.value(11).toBool();
    c.assignee = r.value(12).toString();
    c.resolvedBy = r.value(13).toString();
    if (!r.isNull(14))
        c.resolvedAtMs = r.value(14).toLongLong();
    if (!r.isNull(15))
        c.handoffAtMs = r.value(15).toLongLong();
    return c;
}

Message messageFromRecord(const QSqlRecord& r)
{
    Message m;
    m.id = r.value(0).toLongLong();
    m.conversationId = r.value(1).toString();
    m.role = messageRoleFromString(r.value(2).toString()).value_or(MessageRole::User);
    m.content = r.value(3).toString();
    m.atMs = r.value(4).toLongLong();
    m.externalMessageId = r.value(5).toString();
    m.seq = r.value(6).toLongLong();
    if (!r.isNull(7))
        m.channelAtMs = r.value(7).toLongLong();
    m.decided = r.value(8).toBool();
    m.sendState = sendStateFromString(r.value(9).toString());
    m.sendError = r.value(10).toString();
    m.author = r.value(11).toString();
    m.kind = messageKindFromString(r.value(12).toString());
    return m;
}

HandoffEvent handoffEventFromRecord(const QSqlRecord& r)
{
    HandoffEvent e;
    e.id = r.value(0).toLongLong();
    e.conversationId = r.value(1).toString();
    e.messageId = r.value(2).toLongLong();
    e.reason = handoffReasonFromString(r.value(3).toString()).value_or(HandoffReason::Handoff);
    e.atMs = r.value(4).toLongLong();
    if (!r.isNull(5))
        e.resolvedAtMs = r.value(5).toLongLong();
    e.resolvedBy = r.value(6).toString();
    e.deliveryOutcome = deliveryOutcomeFromString(r.value(7).toString()).value_or(DeliveryOutcome::Pending);
    e.deliveryId = r.value(8).toString();
    return e;
}

} // namespace zapito
