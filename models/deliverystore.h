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
    // Takes a due row for sending: moves its due time to `leaseUntilMs` so it is not picked up
    // twice. std::nullopt when the row is gone or not due at `nowMs`.
    Expected<std::optional<OutboxRow>> claim(qint64 handoffEventId, qint64 nowMs, qint64 leaseUntilMs);
    Status reschedule(qint64 handoffEventId, qint64 dueAtMs);
    Status remove(qint64 handoffEventId);

    // What follows a recorded attempt, written in the same transaction.
    struct AfterAttempt
    {
        std::optional<DeliveryOutcome> outcome; // set on the handoff event when given
        std::optional<qint64> retryAtMs;        // keep the outbox row, due then; else remove it
    };
    // Stores the attempt (its id is ignored) and applies `after` atomically.
    Expected<DeliveryAttempt> recordAttempt(const DeliveryAttempt& attempt, const AfterAttempt& after);
    // Sets the outcome and removes the outbox row (skipped deliveries, for instance).
    Status setOutcome(qint64 handoffEventId, DeliveryOutcome outcome);
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
    // The one column `select` reads from the handoff event `handoffEventId` (its one bind value).
    Expected<QVariant> eventValue(const char* select, qint64 handoffEventId) const;

    Database& m_database;
};

} // namespace zapito
