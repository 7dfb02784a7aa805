// SPDX-License-Identifier: Apache-2.0
#include "webhooktestbed.h"

#include <QSqlQuery>

using namespace zapito;
using namespace zapito::test;

// The outbox and the attempts as the dispatcher and the transcript use them.
class tst_DeliveryStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<WebhookTestbed> t;

private slots:
    void init()
    {
        t = std::make_unique<WebhookTestbed>();
        QVERIFY(t->setUp());
    }
    void cleanup() { t.reset(); }

    void handoff_leavesOneDueOutboxRow_withTheStoredBytes()
    {
        const qint64 id = t->handoff();
        const auto rows = t->deliveries->outbox().value();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].handoffEventId, id);
        QCOMPARE(rows[0].attemptsMade, 0);
        QCOMPARE(t->deliveries->dueRows(rows[0].dueAtMs).value().size(), 1);
        QCOMPARE(t->deliveries->dueRows(rows[0].dueAtMs - 1).value().size(), 0);
        QVERIFY(t->deliveries->payload(id).value().startsWith("{"));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Pending);
    }

    void claim_takesADueRowOnce()
    {
        const qint64 id = t->handoff();
        const qint64 due = t->deliveries->outboxRow(id).value()->dueAtMs;
        QVERIFY(!t->deliveries->claim(id, due - 1, due + 100).value().has_value()); // not due yet
        QVERIFY(t->deliveries->claim(id, due, due + 100).value().has_value());
        QVERIFY(!t->deliveries->claim(id, due, due + 100).value().has_value());      // leased
        QVERIFY(t->deliveries->claim(id, due + 100, due + 200).value().has_value()); // lease over
        QVERIFY(!t->deliveries->claim(id + 1000, due, due).value().has_value());     // no such row
    }

    void recordAttempt_withRetry_keepsRow_thenOutcomeRemovesIt()
    {
        const qint64 id = t->handoff();
        QSignalSpy changed(t->deliveries.get(), &DeliveryStore::deliveryChanged);
        DeliveryAttempt first{0, id, 1000, 500, QStringLiteral("HTTP 500"), 12, QStringLiteral("first")};
        QVERIFY(t->deliveries->recordAttempt(first, {std::nullopt, 31000}).hasValue());
        auto row = t->deliveries->outboxRow(id).value();
        QVERIFY(row.has_value());
        QCOMPARE(row->attemptsMade, 1);
        QCOMPARE(row->dueAtMs, 31000);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toLongLong(), id);
        QVERIFY(changed.at(0).at(1).toString().startsWith(QStringLiteral("conv_")));

        DeliveryAttempt retry{0, id, 31000, 200, QString(), 8, QStringLiteral("retry")};
        QVERIFY(t->deliveries->recordAttempt(retry, {DeliveryOutcome::Sent, std::nullopt}).hasValue());
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[0].httpStatus, 500);
        QCOMPARE(attempts[0].error, QStringLiteral("HTTP 500"));
        QCOMPARE(attempts[0].durationMs, 12);
        QCOMPARE(attempts[1].kind, QStringLiteral("retry"));
        QCOMPARE(attempts[1].error, QString());
        QCOMPARE(changed.count(), 2);
        // The conversation store sees the outcome too.
        QCOMPARE(t->store->handoffEvent(id).value().deliveryOutcome, DeliveryOutcome::Sent);
    }

    void setOutcome_skipped_removesRow_andUnknownIdFails()
    {
        const qint64 id = t->handoff();
        QVERIFY(t->deliveries->setOutcome(id, DeliveryOutcome::Skipped).isOk());
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Skipped);
        QVERIFY(t->deliveries->outbox().value().isEmpty());
        QVERIFY(!t->deliveries->setOutcome(id + 1000, DeliveryOutcome::Skipped).isOk());
        QVERIFY(!t->deliveries->payload(id + 1000).hasValue());
    }
};

QTEST_GUILESS_MAIN(tst_DeliveryStore)
#include "tst_deliverystore.moc"
