// SPDX-License-Identifier: Apache-2.0
#include "webhooktestbed.h"

#include <QSqlQuery>

#include <algorithm>
#include <functional>
#include <latch>
#include <thread>

using namespace zapito;
using namespace zapito::test;

namespace {

constexpr qint64 kLongLease = 600'000;

// Runs `work` at the same moment in two threads, each with a store of its own: two Database
// objects, two connections, as two processes on the store would have. What each returned, and
// why a store could not be opened (empty when both could).
struct TwoProcesses
{
    QList<qint64> results[2];
    QString error;
};
TwoProcesses inTwoProcesses(const QString& path, const std::function<QList<qint64>(DeliveryStore&)>& work)
{
    TwoProcesses done;
    std::latch start(2);
    QString errors[2];
    auto run = [&](int i) {
        DatabaseOpenError error;
        auto db = Database::open(path, &error);
        if (!db) {
            errors[i] = error.message;
            start.count_down();
            return;
        }
        DeliveryStore store(*db);
        start.arrive_and_wait();
        done.results[i] = work(store);
    };
    std::thread a(run, 0);
    std::thread b(run, 1);
    a.join();
    b.join();
    done.error = errors[0] + errors[1];
    return done;
}

} // namespace

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
        QVERIFY(!t->deliveries->claim(id, due - 1, kLongLease).value().has_value()); // not due yet
        const auto first = t->deliveries->claim(id, due, 0).value();                 // a lease over at once
        QVERIFY(first.has_value());
        QCOMPARE(first->row.handoffEventId, id);
        QVERIFY(!first->row.resend);
        const auto second = t->deliveries->claim(id, due, kLongLease).value(); // lease over: taken again
        QVERIFY(second.has_value());
        QVERIFY(second->token > first->token);
        QVERIFY(!t->deliveries->claim(id, due, kLongLease).value().has_value()); // leased
        QVERIFY(t->deliveries->dueRows(due).value().isEmpty());                  // held, not abandoned
        QCOMPARE(t->deliveries->outbox().value().size(), 1);
        QVERIFY(t->deliveries->outboxRow(id).value()->leaseUntilMs > 0);
        QVERIFY(!t->deliveries->claim(id + 1000, due, kLongLease).value().has_value()); // no such row
        // Handed back, it is due again at once and free.
        QVERIFY(t->deliveries->handBack(id, second->token, due).value());
        QCOMPARE(t->deliveries->outboxRow(id).value()->leaseUntilMs, 0);
        QVERIFY(t->deliveries->claim(id, due, kLongLease).value().has_value());
    }

    void claimsFromTwoProcesses_takeEachDueRowOnce_data()
    {
        QTest::addColumn<bool>("batches");
        QTest::newRow("one-by-one") << false;
        QTest::newRow("batches-of-three") << true;
    }
    void claimsFromTwoProcesses_takeEachDueRowOnce()
    {
        QFETCH(bool, batches);
        QList<qint64> ids;
        for (int i = 0; i < 30; ++i)
            ids.append(t->handoff(1, QStringLiteral("55119000%1").arg(i)));
        const qint64 now = t->now + 1'000'000;
        const auto claimed = inTwoProcesses(t->tmp.path(), [&](DeliveryStore& store) {
            QList<qint64> mine;
            if (batches) {
                for (;;) {
                    const auto taken = store.claimDue(now, kLongLease, 3);
                    if (!taken || taken->isEmpty())
                        break;
                    for (const OutboxClaim& c : *taken)
                        mine.append(c.row.handoffEventId);
                }
            } else {
                for (const qint64 id : ids) {
                    const auto taken = store.claim(id, now, kLongLease);
                    if (taken && taken->has_value())
                        mine.append(id);
                }
            }
            return mine;
        });
        QVERIFY2(claimed.error.isEmpty(), qPrintable(claimed.error));
        QList<qint64> all = claimed.results[0] + claimed.results[1];
        std::sort(all.begin(), all.end());
        QCOMPARE(all, ids); // every row claimed, none twice
        QVERIFY(t->deliveries->dueRows(now).value().isEmpty());
    }

    void expiredLease_isReclaimed_andTheStaleHoldersWritesAreDiscarded()
    {
        const qint64 id = t->handoff();
        auto otherDb = t->tmp.open(); // a second process on the store
        QVERIFY(otherDb);
        DeliveryStore other(*otherDb);
        const qint64 due = t->deliveries->outboxRow(id).value()->dueAtMs;
        // This process claims with a lease that is over at once (as if it stalled past it) ...
        const auto stale = t->deliveries->claim(id, due, 0).value();
        QVERIFY(stale.has_value());
        // ... and the other takes the row over.
        const auto current = other.claim(id, due, kLongLease).value();
        QVERIFY(current.has_value());
        QVERIFY(current->token != stale->token);

        QSignalSpy changed(t->deliveries.get(), &DeliveryStore::deliveryChanged);
        const DeliveryAttempt late{0, id, due, 200, QString(), 5, QStringLiteral("first")};
        const auto discarded =
            t->deliveries->recordAttempt(late, {DeliveryOutcome::Sent, std::nullopt}, stale->token);
        QVERIFY(discarded.hasValue());
        QVERIFY(!discarded->has_value());
        QVERIFY(
            !t->deliveries->recordAttempt(late, {std::nullopt, due + 1}, stale->token).value().has_value());
        QVERIFY(!t->deliveries->renewLease(id, stale->token, kLongLease).value());
        QVERIFY(!t->deliveries->handBack(id, stale->token, due).value());
        QVERIFY(!t->deliveries->setOutcome(id, DeliveryOutcome::Skipped, stale->token).value());
        QVERIFY(!t->deliveries->drop(id, stale->token).value());
        QCOMPARE(changed.count(), 0);
        QVERIFY(t->attemptsOf(id).isEmpty());
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Pending);
        const auto row = t->deliveries->outboxRow(id).value();
        QVERIFY(row.has_value());
        QVERIFY(row->leaseUntilMs > 0); // still the other's

        // The current holder's writes count.
        QVERIFY(other.renewLease(id, current->token, kLongLease).value());
        const DeliveryAttempt failed{0, id, due, 500, QStringLiteral("HTTP 500"), 5, QStringLiteral("first")};
        QVERIFY(other.recordAttempt(failed, {std::nullopt, due + 50}, current->token).value().has_value());
        QCOMPARE(t->attemptsOf(id).size(), 1);
        QCOMPARE(t->deliveries->outboxRow(id).value()->attemptsMade, 1);
        QCOMPARE(t->deliveries->outboxRow(id).value()->leaseUntilMs, 0); // the claim ended with it
        // ... and that record ended the claim: its token writes nothing more.
        QVERIFY(!other.recordAttempt(failed, {DeliveryOutcome::Failed, std::nullopt}, current->token)
                     .value()
                     .has_value());
        QCOMPARE(t->attemptsOf(id).size(), 1);
    }

    void resend_isQueuedInTheOutbox_onceFromTwoSeats_andAnEarlierTokenNeverMatches()
    {
        const qint64 id = t->handoff();
        const qint64 due = t->deliveries->outboxRow(id).value()->dueAtMs;
        const auto first = t->deliveries->claim(id, due, kLongLease).value();
        QVERIFY(first.has_value());
        const DeliveryAttempt sent{0, id, due, 200, QString(), 5, QStringLiteral("first")};
        QVERIFY(t->deliveries->recordAttempt(sent, {DeliveryOutcome::Sent, std::nullopt}, first->token)
                    .value()
                    .has_value());
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());

        auto otherDb = t->tmp.open();
        QVERIFY(otherDb);
        DeliveryStore other(*otherDb);
        QVERIFY(t->deliveries->queueResend(id, due + 10).value());
        QVERIFY(!other.queueResend(id, due + 10).value());            // one row, so one attempt
        QVERIFY(!t->deliveries->queueResend(id + 1000, due).value()); // no such handoff
        const auto row = t->deliveries->outboxRow(id).value();
        QVERIFY(row.has_value());
        QVERIFY(row->resend);
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent); // a resend does not undo that it arrived

        const auto resend = other.claim(id, due + 10, kLongLease).value();
        QVERIFY(resend.has_value());
        QVERIFY(resend->row.resend);
        QVERIFY(resend->token > first->token);
        QVERIFY(!t->deliveries->claim(id, due + 10, kLongLease).value().has_value());
        // The first row's claim is long over: its token writes nothing on the new row.
        QVERIFY(!t->deliveries->drop(id, first->token).value());
        const DeliveryAttempt again{0, id, due + 10, 200, QString(), 5, QStringLiteral("resend")};
        QVERIFY(other.recordAttempt(again, {DeliveryOutcome::Sent, std::nullopt}, resend->token)
                    .value()
                    .has_value());
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());
        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[1].kind, QStringLiteral("resend"));
    }

    void resendFromTwoDispatchersAtOnce_sendsOneRequest()
    {
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);

        // A second seat on the store, with the same settings, presses Resend at the same moment.
        auto otherDb = t->tmp.open();
        QVERIFY(otherDb);
        DeliveryStore otherDeliveries(*otherDb);
        WebhookDispatcher other(otherDeliveries, *t->settings);
        other.setDeadline(WebhookTestbed::kDeadline);
        QSignalSpy received(&t->server, &LocalHttpServer::requestReceived);
        t->dispatcher->resend(id);
        other.resend(id);
        QVERIFY(t->waitForAttempts(id, 2));
        QCOMPARE(t->attemptsOf(id).last().kind, QStringLiteral("resend"));
        QVERIFY(!received.wait(300));
        QCOMPARE(received.count(), 1);
        QCOMPARE(t->attemptsOf(id).size(), 2);
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());
    }

    void recordAttempt_withRetry_keepsRow_thenOutcomeRemovesIt()
    {
        const qint64 id = t->handoff();
        QSignalSpy changed(t->deliveries.get(), &DeliveryStore::deliveryChanged);
        DeliveryAttempt first{0, id, 1000, 500, QStringLiteral("HTTP 500"), 12, QStringLiteral("first")};
        QVERIFY(t->deliveries->recordAttempt(first, {std::nullopt, 31000}).hasValue());
        auto row = t->deliveries->outboxRow(id).value();
        QVERIFY(!row->resend);
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
