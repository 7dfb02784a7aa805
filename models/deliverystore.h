// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "expected.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QVariant>

#include <optional>

namespace zapito {

class Database;

// A webhook delivery still owed (a webhook_outbox row): written with the handoff in one
// transaction, removed when the delivery ends in sent, failed or skipped.
struct OutboxRow
{
    qint64 handoffEventId = 0;
    qint64 dueAtMs = 0;
    int attemptsMade = 0;         // attempts recorded so far (0 or 1; the retry is the last)
    bool waitsForMessage = false; // its handoff message's send has not finished yet: never due
    bool resend = false;          // the operator's Resend of a delivery that had ended
    qint64 leaseUntilMs = 0;      // on the store's clock; 0 when nobody holds the row
};

// A row taken for sending. The token fences every later write about this claim: once the lease
// ran out and another claimant took the row, those writes change nothing.
struct OutboxClaim
{
    OutboxRow row;
    qint64 token = 0;
};

// One handoff's delivery at a glance, for `zapito-inbox deliveries`.
struct DeliverySummary
{
    qint64 handoffEventId = 0;
    QString conversationId;
    QString reason;
    QString outcome;
    qint64 atMs = 0;
    bool resolved = false;
    int attempts = 0;
    int lastHttpStatus = 0;
    QString lastError;
};

// The webhook side of the store: the outbox, the attempts and the outcome on each handoff
// event. Every change is announced by deliveryChanged so the transcript can show it live.
class DeliveryStore : public QObject
{
    Q_OBJECT
public:
    explicit DeliveryStore(Database& database, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(DeliveryStore)

    // Outbox rows, earliest due first: all of them, or those due at `nowMs`. A row waiting for its
    // handoff message's send to finish is never due.
    Expected<QList<OutboxRow>> outbox() const;
    Expected<QList<OutboxRow>> dueRows(qint64 nowMs) const;
    Expected<std::optional<OutboxRow>> outboxRow(qint64 handoffEventId) const;
    // Takes a due row for sending, in one statement, with a lease of `leaseMs` on the store's clock
    // and a new token: no two claimants ever hold one row at once, whichever process they are in.
    // std::nullopt when the row is gone, not due at `nowMs` or held under a lease still running.
    Expected<std::optional<OutboxClaim>> claim(qint64 handoffEventId, qint64 nowMs, qint64 leaseMs);
    // The same for up to `limit` due rows at once, earliest due first; rows another claimant is
    // taking at this moment are passed over, not waited for.
    Expected<QList<OutboxClaim>> claimDue(qint64 nowMs, qint64 leaseMs, int limit);
    // Extends a claim's lease to `leaseMs` from now; false when the claim was lost.
    Expected<bool> renewLease(qint64 handoffEventId, qint64 token, qint64 leaseMs);
    // Ends a claim without an attempt: the row stays, due at `dueAtMs`; false when it was lost.
    Expected<bool> handBack(qint64 handoffEventId, qint64 token, qint64 dueAtMs);
    // Ends a claim and removes the row (a resend that cannot go out); false when it was lost.
    Expected<bool> drop(qint64 handoffEventId, qint64 token);
    // Moves the due time, whoever holds the row (the operator's Send now, tests).
    Status reschedule(qint64 handoffEventId, qint64 dueAtMs);
    Status remove(qint64 handoffEventId);
    // The operator's Resend of a delivery that ended: queues one more attempt as an outbox row due
    // at `nowMs`, so whichever process claims it sends it, once. False when the handoff has a row
    // already (still owed, or a resend queued by another seat a moment ago).
    Expected<bool> queueResend(qint64 handoffEventId, qint64 nowMs);

    // What follows a recorded attempt, written in the same transaction.
    struct AfterAttempt
    {
        std::optional<DeliveryOutcome> outcome; // set on the handoff event when given
        std::optional<qint64> retryAtMs;        // keep the outbox row, due then; else remove it
    };
    // Stores the attempt (its id is ignored) and applies `after` atomically, whoever holds the row
    // (history written without a claim: sample data, tests).
    Expected<DeliveryAttempt> recordAttempt(const DeliveryAttempt& attempt, const AfterAttempt& after);
    // The same for the holder of claim `token`, and only while it holds: std::nullopt, with
    // nothing written, when the lease ran out and another claimant took the row since.
    Expected<std::optional<DeliveryAttempt>> recordAttempt(const DeliveryAttempt& attempt,
                                                           const AfterAttempt& after, qint64 token);
    // Sets the outcome and removes the outbox row (skipped deliveries, for instance).
    Status setOutcome(qint64 handoffEventId, DeliveryOutcome outcome);
    // The same for the holder of claim `token`; false, with nothing written, when it was lost.
    Expected<bool> setOutcome(qint64 handoffEventId, DeliveryOutcome outcome, qint64 token);
    Expected<DeliveryOutcome> outcome(qint64 handoffEventId) const;

    // Oldest first.
    Expected<QList<DeliveryAttempt>> attempts(qint64 handoffEventId) const;
    // Every handoff's delivery, newest first.
    Expected<QList<DeliverySummary>> summaries() const;
    // The random id receivers de-duplicate on (X-Zapito-Delivery); the same for every attempt.
    Expected<QString> deliveryId(qint64 handoffEventId) const;
    // The exact webhook body stored at hand-off.
    Expected<QByteArray> payload(qint64 handoffEventId) const;
    Expected<QString> conversationId(qint64 handoffEventId) const;
    // True for the handoffs of sample conversations, which never go to a real endpoint.
    Expected<bool> isSample(qint64 handoffEventId) const;

    QSqlDatabase connection() const;

signals:
    // An attempt was recorded or the outcome changed.
    void deliveryChanged(qint64 handoffEventId, const QString& conversationId);

private:
    void announce(qint64 handoffEventId);
    Expected<std::optional<DeliveryAttempt>>
    writeAttempt(const DeliveryAttempt& attempt, const AfterAttempt& after, std::optional<qint64> token);
    Expected<bool> writeOutcome(qint64 handoffEventId, DeliveryOutcome outcome, std::optional<qint64> token);
    Expected<QList<OutboxClaim>> claimWhere(const QString& condition, const QVariantList& binds,
                                            qint64 leaseMs);
    // The one column `select` reads from the handoff event `handoffEventId` (its one bind value).
    Expected<QVariant> eventValue(const char* select, qint64 handoffEventId) const;

    Database& m_database;
};

} // namespace zapito
