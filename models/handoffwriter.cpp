// SPDX-License-Identifier: Apache-2.0
#include "handoffwriter.h"

#include "messagewriter.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace zapito {

Expected<ConversationStore::HandoffRecord>
HandoffWriter::write(const Request& r, const ConversationStore::PayloadBuilder& buildPayload) const
{
    using Result = Expected<ConversationStore::HandoffRecord>;
    const QSqlDatabase db = m_store.connection();
    const bool queued = r.message == Message::ThroughOutbox;

    NewMessage handoffMessage;
    handoffMessage.conversationId = r.conversationId;
    handoffMessage.role = MessageRole::Assistant;
    handoffMessage.content = r.text;
    handoffMessage.nowMs = r.nowMs;
    handoffMessage.sendState = queued ? SendState::Pending : SendState::Sent;
    auto message = MessageWriter(db).append(handoffMessage);
    if (!message)
        return Result::failure(message.error());

    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("UPDATE conversations SET status = 'handoff', open_handoff_reason = ? WHERE id = ?"));
    q.addBindValue(asString(r.reason));
    q.addBindValue(r.conversationId);
    if (!q.exec())
        return Result::failure(q.lastError().text());

    auto conv = m_store.conversation(r.conversationId);
    if (!conv)
        return Result::failure(conv.error());
    auto owner = m_store.bot(conv->botId);
    if (!owner)
        return Result::failure(owner.error());
    auto transcript = m_store.lastSaid(r.conversationId, ConversationStore::kTranscriptLength);
    if (!transcript)
        return Result::failure(transcript.error());
    const QByteArray payload = buildPayload(*owner, *conv, *transcript, r.reason, message->atMs);

    HandoffEvent event;
    event.deliveryId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The unique index on open events refuses a second open handoff for the same conversation.
    q.prepare(QStringLiteral(
        "INSERT INTO handoff_events (conversation_id, message_id, reason, at_ms, payload, delivery_id) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(r.conversationId);
    q.addBindValue(message->id);
    q.addBindValue(asString(r.reason));
    q.addBindValue(message->atMs);
    q.addBindValue(payload);
    q.addBindValue(event.deliveryId);
    if (!q.exec() || !q.next())
        return Result::failure(q.lastError().text());
    event.id = q.value(0).toLongLong();
    event.conversationId = r.conversationId;
    event.messageId = message->id;
    event.reason = r.reason;
    event.atMs = message->atMs;
    q.finish();

    if (queued) {
        if (const Status sending = MessageWriter(db).queueForSending(*message, r.nowMs); !sending)
            return Result::failure(sending.error());
    }
    // A sample's lead never goes out, so it never gets a row that a crash could leave behind.
    if (!conv->isSample) {
        q.prepare(QStringLiteral(
            "INSERT INTO webhook_outbox (handoff_event_id, due_at_ms, after_message_id) VALUES (?, ?, ?)"));
        q.addBindValue(event.id);
        q.addBindValue(r.nowMs);
        q.addBindValue(queued ? QVariant(message->id) : QVariant(QMetaType(QMetaType::LongLong)));
        if (!q.exec())
            return Result::failure(q.lastError().text());
    }
    return ConversationStore::HandoffRecord{std::move(message).value(), event};
}

} // namespace zapito
