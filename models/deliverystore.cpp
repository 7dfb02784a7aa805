// SPDX-License-Identifier: Apache-2.0
#include "deliverystore.h"

#include "storequeries.h"

#include "database.h"
#include "writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <limits>

namespace zapito {

namespace {

QString sqlError(const QSqlQuery& q)
{
    return q.lastError().text();
}

OutboxRow outboxRowFrom(const QSqlQuery& q)
{
    return OutboxRow{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt(),
                     q.value(3).toBool()};
}

const QString kOutboxColumns =
    QStringLiteral("handoff_event_id, due_at_ms, attempts_made, after_message_id IS NOT NULL");

} // namespace

DeliveryStore::DeliveryStore(Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{}

QSqlDatabase DeliveryStore::connection() const
{
    return m_database.connection();
}

Expected<QList<OutboxRow>> DeliveryStore::outbox() const
{
    return dueRows(std::numeric_limits<qint64>::max());
}

Expected<QList<OutboxRow>> DeliveryStore::dueRows(qint64 nowMs) const
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT ") + kOutboxColumns +
              QStringLiteral(" FROM webhook_outbox WHERE due_at_ms <= ? AND after_message_id IS NULL "
                             "ORDER BY due_at_ms, handoff_event_id"));
    q.addBindValue(nowMs);
    if (!q.exec())
        return Expected<QList<OutboxRow>>::failure(sqlError(q));
    QList<OutboxRow> rows;
    while (q.next())
        rows.append(outboxRowFrom(q));
    return rows;
}

Expected<std::optional<OutboxRow>> DeliveryStore::outboxRow(qint64 handoffEventId) const
{
    using Result = Expected<std::optional<OutboxRow>>;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT ") + kOutboxColumns +
              QStringLiteral(" FROM webhook_outbox WHERE handoff_event_id = ?"));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Result::failure(sqlError(q));
    if (!q.next())
        return Result(std::nullopt);
    return Result(outboxRowFrom(q));
}

Expected<std::optional<OutboxRow>> DeliveryStore::claim(qint64 handoffEventId, qint64 nowMs,
                                                        qint64 leaseUntilMs)
{
    using Result = Expected<std::optional<OutboxRow>>;
    QSqlQuery q(connection());
    // One statement, so two claimants can never both win the same row.
    q.prepare(QStringLiteral(
                  "UPDATE webhook_outbox SET due_at_ms = ? WHERE handoff_event_id = ? AND due_at_ms <= ? "
                  "AND after_message_id IS NULL RETURNING ") +
              kOutboxColumns);
    q.addBindValue(leaseUntilMs);
    q.addBindValue(handoffEventId);
    q.addBindValue(nowMs);
    if (!q.exec())
        return Result::failure(sqlError(q));
    if (!q.next())
        return Result(std::nullopt);
    return Result(outboxRowFrom(q));
}

Status DeliveryStore::reschedule(qint64 handoffEventId, qint64 dueAtMs)
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE webhook_outbox SET due_at_ms = ? WHERE handoff_event_id = ?"));
    q.addBindValue(dueAtMs);
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Status::failure(sqlError(q));
    return Status::ok();
}

Status DeliveryStore::remove(qint64 handoffEventId)
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE handoff_event_id = ?"));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Status::failure(sqlError(q));
    return Status::ok();
}

Expected<DeliveryAttempt> DeliveryStore::recordAttempt(const DeliveryAttempt& attempt,
                                                       const AfterAttempt& after)
{
    using Result = Expected<DeliveryAttempt>;
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Result::failure(tx.error());

    QSqlQuery q(connection());
    q.prepare(QStringLiteral(
        "INSERT INTO delivery_attempts (handoff_event_id, attempted_at_ms, http_status, error, "
        "duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(attempt.handoffEventId);
    q.addBindValue(attempt.attemptedAtMs);
    q.addBindValue(attempt.httpStatus);
    q.addBindValue(attempt.error.isNull() ? QStringLiteral("") : attempt.error);
    q.addBindValue(attempt.durationMs);
    q.addBindValue(attempt.kind);
    if (!q.exec() || !q.next())
        return Result::failure(sqlError(q));
    DeliveryAttempt stored = attempt;
    stored.id = q.value(0).toLongLong();
    q.finish();

    if (after.retryAtMs) {
        q.prepare(QStringLiteral("UPDATE webhook_outbox SET due_at_ms = ?, attempts_made = attempts_made + 1 "
                                 "WHERE handoff_event_id = ?"));
        q.addBindValue(*after.retryAtMs);
        q.addBindValue(attempt.handoffEventId);
    } else {
        q.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE handoff_event_id = ?"));
        q.addBindValue(attempt.handoffEventId);
    }
    if (!q.exec())
        return Result::failure(sqlError(q));

    if (after.outcome) {
        q.prepare(QStringLiteral("UPDATE handoff_events SET delivery_outcome = ? WHERE id = ?"));
        q.addBindValue(asString(*after.outcome));
        q.addBindValue(attempt.handoffEventId);
        if (!q.exec())
            return Result::failure(sqlError(q));
    }
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    announce(attempt.handoffEventId);
    return stored;
}

Status DeliveryStore::setOutcome(qint64 handoffEventId, DeliveryOutcome outcome)
{
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Status::failure(tx.error());
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE handoff_events SET delivery_outcome = ? WHERE id = ?"));
    q.addBindValue(asString(outcome));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Status::failure(sqlError(q));
    if (q.numRowsAffected() == 0)
        return Status::failure(tr("There is no handoff event %1.").arg(handoffEventId));
    if (outcome != DeliveryOutcome::Pending) {
        q.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE handoff_event_id = ?"));
        q.addBindValue(handoffEventId);
        if (!q.exec())
            return Status::failure(sqlError(q));
    }
    if (const Status committed = tx.commit(); !committed)
        return committed;
    announce(handoffEventId);
    return Status::ok();
}

Expected<DeliveryOutcome> DeliveryStore::outcome(qint64 handoffEventId) const
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT delivery_outcome FROM handoff_events WHERE id = ?"));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Expected<DeliveryOutcome>::failure(sqlError(q));
    if (!q.next())
        return Expected<DeliveryOutcome>::failure(tr("There is no handoff event %1.").arg(handoffEventId));
    const auto value = deliveryOutcomeFromString(q.value(0).toString());
    if (!value)
        return Expected<DeliveryOutcome>::failure(
            tr("Handoff event %1 has an unknown delivery outcome.").arg(handoffEventId));
    return *value;
}

Expected<QList<DeliveryAttempt>> DeliveryStore::attempts(qint64 handoffEventId) const
{
    return StoreQueries::deliveryAttempts(connection(), handoffEventId);
}

Expected<QList<DeliverySummary>> DeliveryStore::summaries() const
{
    QSqlQuery q(connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT e.id, e.conversation_id, e.reason, e.delivery_outcome, e.at_ms, e.resolved_at_ms, "
            "(SELECT COUNT(*) FROM delivery_attempts a WHERE a.handoff_event_id = e.id), "
            "(SELECT a.http_status FROM delivery_attempts a WHERE a.handoff_event_id = e.id "
            "ORDER BY a.id DESC LIMIT 1), "
            "(SELECT a.error FROM delivery_attempts a WHERE a.handoff_event_id = e.id "
            "ORDER BY a.id DESC LIMIT 1) "
            "FROM handoff_events e ORDER BY e.id DESC")))
        return Expected<QList<DeliverySummary>>::failure(sqlError(q));
    QList<DeliverySummary> result;
    while (q.next()) {
        DeliverySummary d;
        d.handoffEventId = q.value(0).toLongLong();
        d.conversationId = q.value(1).toString();
        d.reason = q.value(2).toString();
        d.outcome = q.value(3).toString();
        d.atMs = q.value(4).toLongLong();
        d.resolved = !q.value(5).isNull();
        d.attempts = q.value(6).toInt();
        d.lastHttpStatus = q.value(7).toInt();
        d.lastError = q.value(8).toString();
        result.append(d);
    }
    return result;
}

Expected<QVariant> DeliveryStore::eventValue(const char* select, qint64 handoffEventId) const
{
    QSqlQuery q(connection());
    q.prepare(QLatin1String(select));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Expected<QVariant>::failure(sqlError(q));
    if (!q.next())
        return Expected<QVariant>::failure(tr("There is no handoff event %1.").arg(handoffEventId));
    return q.value(0);
}

Expected<QString> DeliveryStore::deliveryId(qint64 handoffEventId) const
{
    auto value = eventValue("SELECT delivery_id FROM handoff_events WHERE id = ?", handoffEventId);
    return value ? Expected<QString>(value->toString()) : Expected<QString>::failure(value.error());
}

Expected<QByteArray> DeliveryStore::payload(qint64 handoffEventId) const
{
    auto value = eventValue("SELECT payload FROM handoff_events WHERE id = ?", handoffEventId);
    return value ? Expected<QByteArray>(value->toByteArray()) : Expected<QByteArray>::failure(value.error());
}

Expected<QString> DeliveryStore::conversationId(qint64 handoffEventId) const
{
    auto value = eventValue("SELECT conversation_id FROM handoff_events WHERE id = ?", handoffEventId);
    return value ? Expected<QString>(value->toString()) : Expected<QString>::failure(value.error());
}

Expected<bool> DeliveryStore::isSample(qint64 handoffEventId) const
{
    auto value = eventValue("SELECT c.is_sample FROM handoff_events e JOIN conversations c "
                            "ON c.id = e.conversation_id WHERE e.id = ?",
                            handoffEventId);
    return value ? Expected<bool>(value->toBool()) : Expected<bool>::failure(value.error());
}

void DeliveryStore::announce(qint64 handoffEventId)
{
    const auto conversation = conversationId(handoffEventId);
    emit deliveryChanged(handoffEventId, conversation ? *conversation : QString());
}

} // namespace zapito
