// SPDX-License-Identifier: Apache-2.0
#include "channeloutboxstore.h"

#include "storeclock.h"
#include "writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace zapito {

namespace {
// A write about a claim changes the row only while that claim holds it (as DeliveryStore's).
const QString kWhileHeld = QStringLiteral(" AND lease_until_ms IS NOT NULL AND claim_token = ?");
} // namespace

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

Expected<std::optional<qint64>> ChannelOutboxStore::claim(qint64 messageId, qint64 nowMs, qint64 leaseMs)
{
    using Result = Expected<std::optional<qint64>>;
    const QSqlDatabase db = m_store.connection();
    const SqlDialect dialect = SqlDialect::forDatabase(db);
    const QString clock = storeClockMs(dialect);
    // One statement, as DeliveryStore::claim: on PostgreSQL a row another claimant is locking is
    // passed over (SKIP LOCKED), one it claimed and committed meanwhile is seen with its lease.
    const QString skipLocked = dialect.kind() == SqlDialect::Kind::PostgreSQL
                                   ? QStringLiteral(" FOR UPDATE SKIP LOCKED")
                                   : QString();
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("UPDATE channel_outbox SET claim_token = claim_token + 1, lease_until_ms = %1 + ? "
                       "WHERE message_id IN (SELECT message_id FROM channel_outbox WHERE message_id = ? "
                       "AND due_at_ms <= ? AND (lease_until_ms IS NULL OR lease_until_ms <= %1) "
                       "LIMIT 1%2) RETURNING claim_token")
            .arg(clock, skipLocked));
    q.addBindValue(leaseMs);
    q.addBindValue(messageId);
    q.addBindValue(nowMs);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (!q.next())
        return Result(std::nullopt);
    return Result(q.value(0).toLongLong());
}

Expected<bool> ChannelOutboxStore::renewLease(qint64 messageId, qint64 token, qint64 leaseMs)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE channel_outbox SET lease_until_ms = %1 + ? WHERE message_id = ?")
                  .arg(storeClockMs(SqlDialect::forDatabase(m_store.connection()))) +
              kWhileHeld);
    q.addBindValue(leaseMs);
    q.addBindValue(messageId);
    q.addBindValue(token);
    if (!q.exec())
        return Expected<bool>::failure(q.lastError().text());
    return q.numRowsAffected() > 0;
}

Expected<ChannelOutboxStore::Settled> ChannelOutboxStore::settle(qint64 messageId, bool sent,
                                                                 const QString& error, qint64 nowMs)
{
    return settleClaimed(messageId, std::nullopt, sent, error, nowMs);
}

Expected<ChannelOutboxStore::Settled> ChannelOutboxStore::settle(qint64 messageId, qint64 token, bool sent,
                                                                 const QString& error, qint64 nowMs)
{
    return settleClaimed(messageId, token, sent, error, nowMs);
}

Expected<ChannelOutboxStore::Settled> ChannelOutboxStore::settleClaimed(qint64 messageId,
                                                                        std::optional<qint64> token,
                                                                        bool sent, const QString& error,
                                                                        qint64 nowMs)
{
    using Result = Expected<Settled>;
    const QSqlDatabase db = m_store.connection();
    WriteTransaction tx(db);
    if (!tx.isActive())
        return Result::failure(tx.error());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM channel_outbox WHERE message_id = ?") +
              (token ? kWhileHeld : QString()) + QStringLiteral(" RETURNING conversation_id, claim_token"));
    q.addBindValue(messageId);
    if (token)
        q.addBindValue(*token);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (!q.next()) {
        // Settled already (by another sender or a resend), or claimed by another since.
        Settled none;
        none.claimLost = true;
        return Result(none);
    }
    const QString conversationId = q.value(0).toString();
    const qint64 claimsMade = q.value(1).toLongLong();
    q.finish();

    // claims_made: a send again after a failure (requeueFailed) counts its tokens on from here.
    q.prepare(
        QStringLiteral("UPDATE messages SET send_state = ?, send_error = ?, claims_made = ? WHERE id = ?"));
    q.addBindValue(sent ? QStringLiteral("sent") : QStringLiteral("failed"));
    q.addBindValue(sent ? QStringLiteral("") : error);
    q.addBindValue(claimsMade);
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
                             "RETURNING conversation_id, seq, claims_made"));
    q.addBindValue(messageId);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (!q.next())
        return Result::failure(tr("Only a message whose send failed can be sent again."));
    const QString conversationId = q.value(0).toString();
    const qint64 seq = q.value(1).toLongLong();
    const qint64 claimsMade = q.value(2).toLongLong();
    q.finish();
    // Its tokens count on from the earlier row's, so a late write of a claim on that row (a sender
    // that stalled past its lease) never matches a claim on this one.
    q.prepare(QStringLiteral(
        "INSERT INTO channel_outbox (message_id, conversation_id, seq, due_at_ms, claim_token) "
        "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(messageId);
    q.addBindValue(conversationId);
    q.addBindValue(seq);
    q.addBindValue(nowMs);
    q.addBindValue(claimsMade);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    emit m_store.messageChanged(conversationId, messageId);
    return conversationId;
}

Status ChannelOutboxStore::retryLater(qint64 messageId, qint64 dueAtMs)
{
    const auto counted = countFailure(messageId, std::nullopt, dueAtMs);
    return counted ? Status::ok() : Status::failure(counted.error());
}

Expected<bool> ChannelOutboxStore::retryLater(qint64 messageId, qint64 token, qint64 dueAtMs)
{
    return countFailure(messageId, token, dueAtMs);
}

Expected<bool> ChannelOutboxStore::countFailure(qint64 messageId, std::optional<qint64> token, qint64 dueAtMs)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE channel_outbox SET attempts_made = attempts_made + 1, due_at_ms = ?, "
                             "lease_until_ms = NULL WHERE message_id = ?") +
              (token ? kWhileHeld : QString()));
    q.addBindValue(dueAtMs);
    q.addBindValue(messageId);
    if (token)
        q.addBindValue(*token);
    if (!q.exec())
        return Expected<bool>::failure(q.lastError().text());
    return q.numRowsAffected() > 0;
}

} // namespace zapito
