// SPDX-License-Identifier: Apache-2.0
#include "webhooktestbed.h"

#include <QDateTime>
#include <QEventLoop>
#include <QSet>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <latch>

using namespace zapito;
using namespace zapito::test;
using namespace std::chrono_literals;

// Two processes that both believe they lead for a moment (a stalled leader and the one that took
// over) sweep the webhook outbox at the same moment. Each is a dispatcher with a connection of
// its own on a thread of its own; the sweep claims the due rows (a lease on the store's clock and
// a fencing token) before anything is sent, so each handoff reaches the endpoint once, and a row
// a third claimant still holds under a live lease reaches it from neither.
class tst_WebhookSweep : public QObject
{
    Q_OBJECT

    std::unique_ptr<WebhookTestbed> t;

    // One leader-for-a-moment: opens its own store, waits for the other, sweeps once, and runs its
    // event loop until every attempt it started is recorded.
    void sweepOnce(std::latch& together, QString& error)
    {
        auto db = t->tmp.open();
        if (!db) {
            error = QStringLiteral("no connection");
            together.count_down();
            return;
        }
        DeliveryStore deliveries(*db);
        SecretStore secrets(SecretStore::Backend::FileOnly, t->tmp.filePath(QStringLiteral("secrets.json")));
        WebhookSettings settings(secrets, t->tmp.filePath(QStringLiteral("settings.ini")));
        WebhookDispatcher dispatcher(deliveries, settings);
        dispatcher.setRetryDelay(WebhookTestbed::kRetryDelay);
        dispatcher.setDeadline(WebhookTestbed::kDeadline);
        dispatcher.setSweepInterval(0ms);
        together.arrive_and_wait();
        dispatcher.sweep();
        QEventLoop loop;
        QTimer idle;
        idle.setInterval(20);
        QObject::connect(&idle, &QTimer::timeout, &loop, [&] {
            if (!dispatcher.isBusy())
                loop.quit();
        });
        idle.start();
        QTimer giveUp;
        giveUp.setSingleShot(true);
        QObject::connect(&giveUp, &QTimer::timeout, &loop, [&] {
            error = QStringLiteral("still busy at the end");
            loop.quit();
        });
        giveUp.start(WebhookTestbed::kWaitMs);
        loop.exec();
    }

    int attemptRows()
    {
        QSqlQuery q(t->db->connection());
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")) && q.next()
                   ? q.value(0).toInt()
                   : -1;
    }

private slots:
    void init()
    {
        t = std::make_unique<WebhookTestbed>();
        QVERIFY(t->setUp());
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
    }
    void cleanup() { t.reset(); }

    void twoLeadersSweepAtOnce_eachRowIsSentOnce_data()
    {
        QTest::addColumn<int>("due");
        QTest::addColumn<int>("held");
        QTest::newRow("one row") << 1 << 0;
        QTest::newRow("twelve rows") << 12 << 0;
        QTest::newRow("twelve rows, two held by a third") << 12 << 2;
        QTest::newRow("more than a sweep batch") << WebhookDispatcher::kSweepBatchRows + 30 << 0;
    }

    void twoLeadersSweepAtOnce_eachRowIsSentOnce()
    {
        QFETCH(int, due);
        QFETCH(int, held);
        QList<qint64> ids;
        for (int i = 0; i < due; ++i) {
            ids.append(t->handoff(1, QStringLiteral("55119%1").arg(i, 8, 10, QLatin1Char('0'))));
            QVERIFY(ids.last() > 0);
        }
        // A third claimant (a leader that stalled) holds these under a lease that has not run out.
        QSet<qint64> heldIds;
        for (int i = 0; i < held; ++i) {
            const auto claimed =
                t->deliveries->claim(ids.at(i), QDateTime::currentMSecsSinceEpoch(), 600'000);
            QVERIFY(claimed && claimed->has_value());
            heldIds.insert(ids.at(i));
        }

        std::latch together(2);
        QString errors[2];
        QThread* a = QThread::create([&] { sweepOnce(together, errors[0]); });
        QThread* b = QThread::create([&] { sweepOnce(together, errors[1]); });
        a->start();
        b->start();
        // The endpoint answers on this thread's event loop meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(a->isFinished() && b->isFinished(), 2 * WebhookTestbed::kWaitMs);
        delete a;
        delete b;
        QVERIFY2(errors[0].isEmpty() && errors[1].isEmpty(), qPrintable(errors[0] + u' ' + errors[1]));

        // Every request went out while a sweeping thread ran (each waits for its own attempts to be
        // recorded), so what the endpoint has now is all it gets.
        QSet<QByteArray> deliveryIds;
        for (const RecordedRequest& request : t->server.requests())
            deliveryIds.insert(request.header("X-Zapito-Delivery"));
        QCOMPARE(t->server.requestCount(), due - held);
        QCOMPARE(int(deliveryIds.size()), due - held);
        QCOMPARE(attemptRows(), due - held);
        for (const qint64 id : ids) {
            if (heldIds.contains(id)) {
                QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Pending);
                QVERIFY(t->attemptsOf(id).isEmpty());
            } else {
                QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
                QCOMPARE(t->attemptsOf(id).size(), 1);
            }
        }
        QCOMPARE(int(t->deliveries->outbox()->size()), held);
    }
};

QTEST_GUILESS_MAIN(tst_WebhookSweep)
#include "tst_webhooksweep.moc"
