// SPDX-License-Identifier: Apache-2.0
#include "deliverystore.h"

#include "storequeries.h"

#include "database.h"
#include "storeclock.h"
#include "writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <utility>

namespace zapito {

namespace {

QString sqlError(const QSqlQuery& q)
{
    return q.lastError().text();
}

OutboxRow outboxRowFrom(const QSqlQuery& q)
{
    return OutboxRow{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt(),
                     q.value(3).toBool(),     q.value(4).toBool(),     q.value(5).toLongLong()};
}

const QString kOutboxColumns =
    QStringLiteral("handoff_event_id, due_at_ms, attempts_made, after_message_id IS NOT "
                   "NULL, resend, COALESCE(lease_until_ms, 0)");
constexpr int kTokenColumn = 6; // claim_token, after kOutboxColumns
// A write about a claim changes the row only while that claim holds it: not after another claim,
// and not after the claim ended (the attempt recorded, the row handed back).
const QString kWhileHeld = QStringLiteral(" AND lease_until_ms IS NOT NULL AND claim_token = ?");

// The statement found no row it was about: for a claim's writes, the claim was lost.
bool touchedARow(const QSqlQuery& q)
{
    return q.numRowsAffected() > 0;
}

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
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT ") + kOutboxColumns +
              QStringLiteral(" FROM webhook_outbox WHERE after_message_id IS NULL "
                             "ORDER BY due_at_ms, handoff_event_id"));
    if (!q.exec())
        return Expected<QList<OutboxRow>>::failure(sqlError(q));
    QList<OutboxRow> rows;
    while (q.next())
        rows.append(outboxRowFrom(q));
    return rows;
}

Expected<QList<OutboxRow>> DeliveryStore::dueRows(qint64 nowMs) const
{
    QSqlQuery q(connection());
    const QString clock = storeClockMs(m_database.dialect());
    q.prepare(QStringLiteral("SELECT ") + kOutboxColumns +
              QStringLiteral(" FROM webhook_outbox WHERE due_at_ms <= ? AND after_message_id IS NULL "
                             "AND (lease_until_ms IS NULL OR lease_until_ms <= %1) "
                             "ORDER BY due_at_ms, handoff_event_id")
                  .arg(clock));
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

Expected<QList<OutboxClaim>> DeliveryStore::claimWhere(const QString& condition, const QVariantList& binds,
                                                       qint64 leaseMs)
{
    using Result = Expected<QList<OutboxClaim>>;
    const SqlDialect dialect = m_database.dialect();
    const QString clock = storeClockMs(dialect);
    // One statement, so two claimants can never both win a row. On PostgreSQL the inner SELECT
    // locks what it picks and passes over rows another claimant is locking right now (SKIP
    // LOCKED); a row claimed and committed meanwhile is seen with its new lease and left alone.
    // SQLite has one writer at a time, so the statement alone is enough there.
    const QString skipLocked = dialect.kind() == SqlDialect::Kind::PostgreSQL
                                   ? QStringLiteral(" FOR UPDATE SKIP LOCKED")
                                   : QString();
    QSqlQuery q(connection());
    q.prepare(
        QStringLiteral("UPDATE webhook_outbox SET claim_token = claim_token + 1, lease_until_ms = %1 + ? "
                       "WHERE handoff_event_id IN (SELECT handoff_event_id FROM webhook_outbox WHERE %2 "
                       "AND due_at_ms <= ? AND after_message_id IS NULL AND (lease_until_ms IS NULL OR "
                       "lease_until_ms <= %1) ORDER BY due_at_ms, handoff_event_id LIMIT ?%3) RETURNING ")
            .arg(clock, condition, skipLocked) +
        kOutboxColumns + QStringLiteral(", claim_token"));
    q.addBindValue(leaseMs);
    for (const QVariant& bind : binds)
        q.addBindValue(bind);
    if (!q.exec())
        return Result::failure(sqlError(q));
    QList<OutboxClaim> claims;
    while (q.next())
        claims.append(OutboxClaim{outboxRowFrom(q), q.value(kTokenColumn).toLongLong()});
    // RETURNING promises no order.
    std::sort(claims.begin(), claims.end(), [](const OutboxClaim& a, const OutboxClaim& b) {
        return std::pair(a.row.dueAtMs, a.row.handoffEventId) <
               std::pair(b.row.dueAtMs, b.row.handoffEventId);
    });
    return claims;
}

Expected<std::optional<OutboxClaim>> DeliveryStore::claim(qint64 handoffEventId, qint64 nowMs, qint64 leaseMs)
{
    using Result = Expected<std::optional<OutboxClaim>>;
    auto claimed = claimWhere(QStringLiteral("handoff_event_id = ?"), {handoffEventId, nowMs, 1}, leaseMs);
    if (!claimed)
        return Result::failure(claimed.error());
    if (claimed->isEmpty())
        return Result(std::nullopt);
    return Result(claimed->first());
}

Expected<QList<OutboxClaim>> DeliveryStore::claimDue(qint64 nowMs, qint64 leaseMs, int limit)
{
    return claimWhere(QStringLiteral("TRUE"), {nowMs, limit}, leaseMs);
}

Expected<bool> DeliveryStore::renewLease(qint64 handoffEventId, qint64 token, qint64 leaseMs)
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE webhook_outbox SET lease_until_ms = %1 + ? "
                             "WHERE handoff_event_id = ?")
                  .arg(storeClockMs(m_database.dialect())) +
              kWhileHeld);
    q.addBindValue(leaseMs);
    q.addBindValue(handoffEventId);
    q.addBindValue(token);
    if (!q.exec())
        return Expected<bool>::failure(sqlError(q));
    return touchedARow(q);
}

Expected<bool> DeliveryStore::handBack(qint64 handoffEventId, qint64 token, qint64 dueAtMs)
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE webhook_outbox SET due_at_ms = ?, lease_until_ms = NULL "
                             "WHERE handoff_event_id = ?") +
              kWhileHeld);
    q.addBindValue(dueAtMs);
    q.addBindValue(handoffEventId);
    q.addBindValue(token);
    if (!q.exec())
        return Expected<bool>::failure(sqlError(q));
    return touchedARow(q);
}

Expected<bool> DeliveryStore::drop(qint64 handoffEventId, qint64 token)
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE handoff_event_id = ?") + kWhileHeld);
    q.addBindValue(handoffEventId);
    q.addBindValue(token);
    if (!q.exec())
        return Expected<bool>::failure(sqlError(q));
    return touchedARow(q);
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

Expected<bool> DeliveryStore::queueResend(qint64 handoffEventId, qint64 nowMs)
{
    QSqlQuery q(connection());
    // One statement: two seats pressing Resend at once queue one row, so one attempt goes out.
    // Its tokens count on from the last row's (claims_made), so a late write of a claim on that
    // row never matches a claim on this one.
    q.prepare(QStringLiteral("INSERT INTO webhook_outbox (handoff_event_id, due_at_ms, resend, claim_token) "
                             "SELECT id, ?, TRUE, claims_made FROM handoff_events WHERE id = ? "
                             "ON CONFLICT (handoff_event_id) DO NOTHING RETURNING handoff_event_id"));
    q.addBindValue(nowMs);
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Expected<bool>::failure(sqlError(q));
    return q.next();
}

Expected<DeliveryAttempt> DeliveryStore::recordAttempt(const DeliveryAttempt& attempt,
                                                       const AfterAttempt& after)
{
    auto written = writeAttempt(attempt, after, std::nullopt);
    if (!written)
        return Expected<DeliveryAttempt>::failure(written.error());
    return **written;
}

Expected<std::optional<DeliveryAttempt>> DeliveryStore::recordAttempt(const DeliveryAttempt& attempt,
                                                                      const AfterAttempt& after, qint64 token)
{
    return writeAttempt(attempt, after, token);
}

Expected<std::optional<DeliveryAttempt>> DeliveryStore::writeAttempt(const DeliveryAttempt& attempt,
                                                                     const AfterAttempt& after,
                                                                     std::optional<qint64> token)
{
    using Result = Expected<std::optional<DeliveryAttempt>>;
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Result::failure(tx.error());

    // The outbox row first: with a token it is also the check that the claim still holds, and on
    // PostgreSQL it waits for (and then sees) a claim another process is making at this moment.
    const QString fence = token ? kWhileHeld : QString();
    QSqlQuery q(connection());
    if (after.retryAtMs) {
        q.prepare(
            QStringLiteral("UPDATE webhook_outbox SET due_at_ms = ?, attempts_made = attempts_made + 1, "
                           "lease_until_ms = NULL WHERE handoff_event_id = ?") +
            fence);
        q.addBindValue(*after.retryAtMs);
    } else {
        q.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE handoff_event_id = ?") + fence);
    }
    q.addBindValue(attempt.handoffEventId);
    if (token)
        q.addBindValue(*token);
    if (!q.exec())
        return Result::failure(sqlError(q));
    if (token && !touchedARow(q))
        return Result(std::nullopt); // the claim was lost: nothing is written

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
    return Result(stored);
}

Status DeliveryStore::setOutcome(qint64 handoffEventId, DeliveryOutcome outcome)
{
    const auto written = writeOutcome(handoffEventId, outcome, std::nullopt);
    return written ? Status::ok() : Status::failure(written.error());
}

Expected<bool> DeliveryStore::setOutcome(qint64 handoffEventId, DeliveryOutcome outcome, qint64 token)
{
    return writeOutcome(handoffEventId, outcome, token);
}

Expected<bool> DeliveryStore::writeOutcome(qint64 handoffEventId, DeliveryOutcome outcome,
                                           std::optional<qint64> token)
{
    using Result = Expected<bool>;
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Result::failure(tx.error());
    QSqlQuery q(connection());
    if (outcome != DeliveryOutcome::Pending || token) {
        // A pending outcome keeps the row; with a token it is still the check that the claim holds.
        const QString statement =
            outcome != DeliveryOutcome::Pending
                ? QStringLiteral("DELETE FROM webhook_outbox WHERE handoff_event_id = ?")
                : QStringLiteral("UPDATE webhook_outbox SET lease_until_ms = lease_until_ms "
                                 "WHERE handoff_event_id = ?");
        q.prepare(token ? statement + kWhileHeld : statement);
        q.addBindValue(handoffEventId);
        if (token)
            q.addBindValue(*token);
        if (!q.exec())
            return Result::failure(sqlError(q));
        if (token && !touchedARow(q))
            return false;
    }
    q.prepare(QStringLiteral("UPDATE handoff_events SET delivery_outcome = ? WHERE id = ?"));
    q.addBindValue(asString(outcome));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Result::failure(sqlError(q));
    if (q.numRowsAffected() == 0)
        return Result::failure(tr("There is no handoff event %1.").arg(handoffEventId));
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    announce(handoffEventId);
    return true;
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
