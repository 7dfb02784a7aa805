// SPDX-License-Identifier: Apache-2.0
#include "samplestore.h"

#include "conversationstore.h"
#include "writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace zapito {

namespace {
Status sqlFailure(const QSqlQuery& q)
{
    return Status::failure(q.lastError().text());
}
} // namespace

Expected<bool> SampleStore::isTakenByRealConversation(const QString& botId, const QString& channel,
                                                      const QString& externalId) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(
        QStringLiteral("SELECT 1 FROM conversations WHERE bot_id = ? AND channel = ? AND external_id = ? "
                       "AND is_sample = 0"));
    q.addBindValue(botId);
    q.addBindValue(channel);
    q.addBindValue(externalId);
    if (!q.exec())
        return Expected<bool>::failure(q.lastError().text());
    return q.next();
}

Status SampleStore::markAsSample(const QString& conversationId) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE conversations SET is_sample = 1 WHERE id = ?"));
    q.addBindValue(conversationId);
    return q.exec() ? Status::ok() : sqlFailure(q);
}

Status SampleStore::settleDelivery(qint64 handoffEventId, qint64 eventAtMs, DeliveryOutcome outcome,
                                   const QList<DeliveryAttempt>& attempts) const
{
    WriteTransaction tx(m_store.connection());
    if (!tx.isActive())
        return Status::failure(tx.error());
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE handoff_event_id = ?"));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return sqlFailure(q);
    q.prepare(QStringLiteral("UPDATE handoff_events SET at_ms = ?, delivery_outcome = ? WHERE id = ?"));
    q.addBindValue(eventAtMs);
    q.addBindValue(asString(outcome));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return sqlFailure(q);
    for (const DeliveryAttempt& a : attempts) {
        q.prepare(QStringLiteral("INSERT INTO delivery_attempts (handoff_event_id, attempted_at_ms, "
                                 "http_status, error, duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?)"));
        q.addBindValue(handoffEventId);
        q.addBindValue(a.attemptedAtMs);
        q.addBindValue(a.httpStatus);
        q.addBindValue(a.error.isNull() ? QStringLiteral("") : a.error);
        q.addBindValue(a.durationMs);
        q.addBindValue(a.kind);
        if (!q.exec())
            return sqlFailure(q);
    }
    return tx.commit();
}

Expected<bool> SampleStore::hasSamples() const
{
    QSqlQuery q(m_store.connection());
    if (!q.exec(QStringLiteral("SELECT 1 FROM conversations WHERE is_sample = 1 LIMIT 1")))
        return Expected<bool>::failure(q.lastError().text());
    return q.next();
}

Expected<QStringList> SampleStore::removeSamples() const
{
    WriteTransaction tx(m_store.connection());
    if (!tx.isActive())
        return Expected<QStringList>::failure(tx.error());
    QSqlQuery q(m_store.connection());
    if (!q.exec(QStringLiteral("SELECT id FROM conversations WHERE is_sample = 1")))
        return Expected<QStringList>::failure(q.lastError().text());
    QStringList removed;
    while (q.next())
        removed << q.value(0).toString();
    q.finish();
    // Messages, handoff events, outbox rows and delivery attempts go with them (ON DELETE CASCADE).
    if (!q.exec(QStringLiteral("DELETE FROM conversations WHERE is_sample = 1")))
        return Expected<QStringList>::failure(q.lastError().text());
    if (Status committed = tx.commit(); !committed)
        return Expected<QStringList>::failure(committed.error());
    return removed;
}

} // namespace zapito
