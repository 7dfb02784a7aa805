// SPDX-License-Identifier: Apache-2.0
#include "channeloutboxstore.h"

#include "writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace zapito {

ChannelOutboxStore::ChannelOutboxStore(ConversationStore& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{}

Expected<std::optional<OutboundMessage>> ChannelOutboxStore::head(const QString& conversationId) const
{
    using Result = Expected<std::optional<OutboundMessage>>;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral(
        "SELECT o.message_id, o.conversation_id, o.seq, o.due_at_ms, o.attempts_made, m.content, c.channel, "
        "c.external_id, c.is_sample FROM channel_outbox o JOIN messages m ON m.id = o.message_id "
        "JOIN conversations c ON c.id = o.conversation_id WHERE o.conversation_id = ? ORDER BY o.seq LIMIT "
        "1"));
    q.addBindValue(conversationId);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (!q.next())
        return Result(std::nullopt);
    return Result(OutboundMessage{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(),
                                  q.value(3).toLongLong(), q.value(4).toInt(), q.value(5).toString(),
                                  q.value(6).toString(), q.value(7).toString(), q.value(8).toBool()});
}

Expected<QStringList> ChannelOutboxStore::conversationsWithOutbound() const
{
    QSqlQuery q(m_store.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT DISTINCT conversation_id FROM channel_outbox")))
        return Expected<QStringList>::failure(q.lastError().text());
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

Expected<ChannelOutboxStore::Settled> ChannelOutboxStore::settle(qint64 messageId, bool sent,
                                                                 const QString& error, qint64 nowMs)
{
    using Result = Expected<Settled>;
    const QSqlDatabase db = m_store.connection();
    WriteTransaction tx(db);
    if (!tx.isActive())
        return Result::failure(tx.error());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM channel_outbox WHERE message_id = ? RETURNING conversation_id"));
    q.addBindValue(messageId);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (!q.next())
        return Result(Settled{}); // settled already (by another sender or a resend)
    const QString conversationId = q.value(0).toString();
    q.finish();

    q.prepare(QStringLiteral("UPDATE messages SET send_state = ?, send_error = ? WHERE id = ?"));
    q.addBindValue(sent ? QStringLiteral("sent") : QStringLiteral("failed"));
    q.addBindValue(sent ? QStringLiteral("") : error);
    q.addBindValue(messageId);
    if (!q.exec())
        return Result::failure(q.lastError().text());

    // The spec fires the webhook after the handoff message was sent; if it never can be, the
    // lead still goes out.
    Settled settled;
    q.prepare(QStringLiteral("UPDATE webhook_outbox SET after_message_id = NULL, due_at_ms = ? "
                             "WHERE after_message_id = ? RETURNING handoff_event_id"));
    q.addBindValue(nowMs);
    q.addBindValue(messageId);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    while (q.next())
        settled.webhooksDue.append(q.value(0).toLongLong());
    q.finish();
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    emit m_store.messageChanged(conversationId, messageId);
    return settled;
}

Expected<QString> ChannelOutboxStore::requeueFailed(qint64 messageId, qint64 nowMs)
{
    using Result = Expected<QString>;
    const QSqlDatabase db = m_store.connection();
    WriteTransaction tx(db);
    if (!tx.isActive())
        return Result::failure(tx.error());
    QSqlQuery q(db);
    // One statement decides: two seats retrying the same message at once queue it once.
    q.prepare(QStringLiteral("UPDATE messages SET send_state = 'pending', send_error = '' WHERE id = ? "
                             "AND send_state = 'failed' AND kind = 'message' AND role <> 'user' "
                             "RETURNING conversation_id, seq"));
    q.addBindValue(messageId);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (!q.next())
        return Result::failure(tr("Only a message whose send failed can be sent again."));
    const QString conversationId = q.value(0).toString();
    const qint64 seq = q.value(1).toLongLong();
    q.finish();
    q.prepare(QStringLiteral(
        "INSERT INTO channel_outbox (message_id, conversation_id, seq, due_at_ms) VALUES (?, ?, ?, ?)"));
    q.addBindValue(messageId);
    q.addBindValue(conversationId);
    q.addBindValue(seq);
    q.addBindValue(nowMs);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    emit m_store.messageChanged(conversationId, messageId);
    return conversationId;
}

Status ChannelOutboxStore::retryLater(qint64 messageId, qint64 dueAtMs)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral(
        "UPDATE channel_outbox SET attempts_made = attempts_made + 1, due_at_ms = ? WHERE message_id = ?"));
    q.addBindValue(dueAtMs);
    q.addBindValue(messageId);
    return q.exec() ? Status::ok() : Status::failure(q.lastError().text());
}

} // namespace zapito
