// SPDX-License-Identifier: Apache-2.0
#include "httpclient.h"
#include "signature.h"
#include "webhooktestbed.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace zapito;
using namespace zapito::test;
using namespace std::chrono_literals;

// Deliveries never stick and never go where they must not: a secret that cannot be read right
// now waits (no attempt, the outbox row kept), a store that fails is tried again, a sweep picks
// up what nothing in this process works on, timers never wrap, a claim's lease never runs out
// while this process holds it, Resend says what it does, and samples never reach the endpoint.
class tst_WebhookReliability : public QObject
{
    Q_OBJECT

    std::unique_ptr<WebhookTestbed> t;

    QString secretsFile() const { return t->tmp.filePath(QStringLiteral("secrets.json")); }
    bool writeFile(const QString& path, const QByteArray& bytes)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
    }
    QByteArray readFile(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    bool exec(const QString& sql)
    {
        QSqlQuery q(t->db->connection());
        if (!q.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }
    // A trigger that fails every `event` (e.g. "BEFORE UPDATE") on `table`, in the store's dialect;
    // the statement that removes it.
    QString failEvery(const QString& name, const QString& event, const QString& table)
    {
        if (!TestDatabase::isPostgreSQL()) {
            if (!exec(QStringLiteral(
                          "CREATE TRIGGER %1 %2 ON %3 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
                          .arg(name, event, table)))
                return {};
            return QStringLiteral("DROP TRIGGER %1").arg(name);
        }
        if (!exec(QStringLiteral("CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS "
                                 "$$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$")
                      .arg(name)) ||
            !exec(QStringLiteral("CREATE TRIGGER %1 %2 ON %3 FOR EACH ROW EXECUTE FUNCTION %1()")
                      .arg(name, event, table)))
            return {};
        return QStringLiteral("DROP TRIGGER %1 ON %2").arg(name, table);
    }
    // Waits (on the signal) for a notice about `id` that contains `text`.
    static bool waitForNotice(QSignalSpy& notices, qint64 id, const QString& text)
    {
        QDeadlineTimer deadline(WebhookTestbed::kWaitMs);
        for (int seen = 0;; ++seen) {
            while (seen >= notices.size()) {
                if (deadline.hasExpired() || !notices.wait(int(qMax<qint64>(1, deadline.remainingTime()))))
                    return false;
            }
            if (notices.at(seen).at(0).toLongLong() == id && notices.at(seen).at(1).toString().contains(text))
                return true;
        }
    }
    // The per-delivery timers the dispatcher has running (its sweep and lease timers are members,
    // not children).
    QList<QTimer*> deliveryTimers() const { return t->dispatcher->findChildren<QTimer*>(); }

private slots:
    void init()
    {
        t = std::make_unique<WebhookTestbed>();
        QVERIFY(t->setUp());
        t->dispatcher->setSweepInterval(0ms); // tests that want the sweep switch it on
    }
    void cleanup()
    {
        t.reset();
        HttpClient::forCurrentThread().setMaxConnectionsPerHost(HttpClient::kDefaultMaxConnectionsPerHost);
    }

    void secretUnreadable_keepsTheRow_recordsNoAttempt_sendsOnceReadable_data()
    {
        QTest::addColumn<QByteArray>("damaged");
        QTest::newRow("not-json") << QByteArray("{\"webhook/signing-secret\": \"abc");
        QTest::newRow("not-an-object") << QByteArray("[\"a\", \"b\"]");
    }
    void secretUnreadable_keepsTheRow_recordsNoAttempt_sendsOnceReadable()
    {
        QFETCH(QByteArray, damaged);
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const QByteArray good = readFile(secretsFile());
        QVERIFY(!good.isEmpty());
        QVERIFY(writeFile(secretsFile(), damaged));
        t->dispatcher->setSecretRetryDelay(50ms);

        QSignalSpy notices(t->dispatcher.get(), &WebhookDispatcher::notice);
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(waitForNotice(notices, id, QStringLiteral("cannot be read right now")));
        // Waiting, not failed: no attempt used up, the row kept, nothing sent.
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Pending);
        QCOMPARE(t->attemptsOf(id).size(), 0);
        const auto row = t->deliveries->outboxRow(id).value();
        QVERIFY(row.has_value());
        QCOMPARE(row->attemptsMade, 0);
        QCOMPARE(t->server.connectionCount(), 0);
        // And it keeps asking: the next try, 50 ms later, says so again.
        const qsizetype before = notices.size();
        QVERIFY(notices.wait(WebhookTestbed::kWaitMs));
        QVERIFY(notices.size() > before);
        QCOMPARE(t->server.connectionCount(), 0);

        QVERIFY(writeFile(secretsFile(), good));
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts[0].kind, QStringLiteral("first"));
        QCOMPARE(t->server.requestCount(), 1);
        QVERIFY(verifySignature(t->secret.toUtf8(), t->server.lastRequest().body,
                                t->server.lastRequest().header("X-Zapito-Signature")));
    }

    void secretUnreadable_onResend_recordsNothingAndSaysSo()
    {
        t->server.enqueue(ScriptedResponse::reply(500));
        t->server.enqueue(ScriptedResponse::reply(500));
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Failed);
        QVERIFY(writeFile(secretsFile(), "{damaged"));

        QSignalSpy notices(t->dispatcher.get(), &WebhookDispatcher::notice);
        t->dispatcher->resend(id);
        QVERIFY(waitForNotice(notices, id, QStringLiteral("Nothing was sent")));
        QVERIFY(notices.constLast().at(1).toString().contains(QStringLiteral("damaged")));
        QCOMPARE(t->attemptsOf(id).size(), 2);
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Failed);
        QCOMPARE(t->server.requestCount(), 2);
        QVERIFY(!t->dispatcher->isBusy());
    }

    void storeFailure_isTriedAgain_notLeftForTheNextStart_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("outbox-row-unreadable") << QStringLiteral("outbox");
        QTest::newRow("claim-refused") << QStringLiteral("claim");
        QTest::newRow("attempt-not-recorded") << QStringLiteral("record");
    }
    void storeFailure_isTriedAgain_notLeftForTheNextStart()
    {
        QFETCH(QString, fault);
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        t->dispatcher->setStoreRetryDelay(50ms);
        const qint64 id = t->handoff();
        QSignalSpy notices(t->dispatcher.get(), &WebhookDispatcher::notice);
        QString undo;
        if (fault == u"outbox") {
            QVERIFY(exec(QStringLiteral("ALTER TABLE webhook_outbox RENAME TO webhook_outbox_away")));
            undo = QStringLiteral("ALTER TABLE webhook_outbox_away RENAME TO webhook_outbox");
            t->dispatcher->deliver(id);
            QVERIFY(waitForNotice(notices, id, QStringLiteral("outbox could not be read")));
        } else if (fault == u"claim") {
            undo = failEvery(QStringLiteral("no_claims"), QStringLiteral("BEFORE UPDATE"),
                             QStringLiteral("webhook_outbox"));
            QVERIFY(!undo.isEmpty());
            t->dispatcher->deliver(id);
            QVERIFY(waitForNotice(notices, id, QStringLiteral("could not be claimed")));
        } else {
            // The request goes out; only its record fails.
            t->server.enqueue(ScriptedResponse::defer());
            QSignalSpy received(&t->server, &LocalHttpServer::requestReceived);
            t->dispatcher->deliver(id);
            QVERIFY(received.wait(WebhookTestbed::kWaitMs));
            undo = failEvery(QStringLiteral("no_attempts"), QStringLiteral("BEFORE INSERT"),
                             QStringLiteral("delivery_attempts"));
            QVERIFY(!undo.isEmpty());
            QVERIFY(t->server.respond(0, ScriptedResponse::reply(200)));
            QVERIFY(waitForNotice(notices, id, QStringLiteral("could not be recorded")));
        }
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Pending);
        QVERIFY(t->dispatcher->isBusy()); // something is set to try again; no sweep is running
        QVERIFY(exec(undo));

        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts[0].kind, QStringLiteral("first"));
        QCOMPARE(attempts[0].httpStatus, 200);
        QCOMPARE(t->server.requestCount(), 1); // a failed record does not send it again
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());
        QVERIFY(!t->dispatcher->isBusy());
    }

    void sweep_deliversADueRowNothingElseStarted()
    {
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        t->dispatcher->setSweepInterval(50ms);
        t->dispatcher->resumePending(); // nothing owed yet; starts the sweep
        QVERIFY(t->dispatcher->isSweeping());
        // Owed, but nobody calls deliver() for it (a lost webhookDue, a claim that came back empty).
        const qint64 id = t->handoff();
        QVERIFY(!t->dispatcher->isBusy());
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
        QCOMPARE(t->server.requestCount(), 1);
    }

    void sweep_isOnByDefaultAfterResume()
    {
        t->makeDispatcher();
        QCOMPARE(t->dispatcher->sweepInterval(), WebhookDispatcher::kDefaultSweepInterval);
        QVERIFY(!t->dispatcher->isSweeping());
        t->dispatcher->resumePending();
        QVERIFY(t->dispatcher->isSweeping());
    }

    void dueTimePastIntRange_timerIsClampedToADay_neverWraps_data()
    {
        QTest::addColumn<qint64>("aheadMs");
        // Just past what an int of milliseconds holds (24.8 days), and far past it: truncated
        // to int, the first wraps negative (a timer that never fires), the second to minutes.
        QTest::newRow("25-days") << qint64(25) * 24 * 3600 * 1000;
        QTest::newRow("49.7-days-plus-an-hour") << (qint64(1) << 32) + 3'600'000;
    }
    void dueTimePastIntRange_timerIsClampedToADay_neverWraps()
    {
        QFETCH(qint64, aheadMs);
        QTest::failOnWarning(QRegularExpression(QStringLiteral("negative interval")));
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 id = t->handoff();
        const qint64 clock = 1'751'371'200'000;
        t->dispatcher->setClock([clock] { return clock; });
        QVERIFY(t->deliveries->reschedule(id, clock + aheadMs));
        t->dispatcher->deliver(id);
        const QList<QTimer*> timers = deliveryTimers();
        QCOMPARE(timers.size(), 1);
        QVERIFY(timers[0]->isActive());
        constexpr int day = 24 * 3600 * 1000;
        QCOMPARE(timers[0]->interval(), day);
        QCOMPARE(std::chrono::milliseconds(timers[0]->interval()), WebhookDispatcher::kMaxTimerDelay);
        // Wrapped timers show here: a negative one never started (-1), the other is an hour.
        const int remaining = timers[0]->remainingTime();
        QVERIFY2(remaining > day / 10 * 9 && remaining <= day + day / 10,
                 qPrintable(QString::number(remaining)));
    }

    void clampedWait_checksTheDueTimeAgainOnWakeUp()
    {
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 id = t->handoff();
        qint64 clock = 1'751'371'200'000;
        const qint64 due = clock + qint64(40) * 24 * 3600 * 1000;
        t->dispatcher->setClock([&clock] { return clock; });
        t->dispatcher->setMaxTimerDelay(20ms); // stands in for the int limit
        QVERIFY(t->deliveries->reschedule(id, due));
        QSignalSpy posted(&t->server, &LocalHttpServer::requestReceived);
        t->dispatcher->deliver(id);
        // The timer wakes every 20 ms; a wake-up that did not re-read the due time would post at
        // the first one. Ten of them fit in 200 ms.
        QVERIFY(!posted.wait(200));
        QVERIFY(t->dispatcher->isBusy()); // still waiting, not forgotten
        clock = due;
        QVERIFY(posted.wait(WebhookTestbed::kWaitMs));
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
    }

    void lease_neverRunsOutWhileQueuedOrInFlightHere()
    {
        // One connection to the endpoint, four deliveries, an endpoint that never answers: the
        // fourth waits three deadlines in the HTTP client's queue before it even goes out (less
        // Qt's coarse-timer slack of up to 5% each), so a lease of two deadlines counted from the
        // claim would be over by then.
        HttpClient::forCurrentThread().setMaxConnectionsPerHost(1);
        t->server.setDefaultResponse(ScriptedResponse::hang());
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        t->dispatcher->setDeadline(500ms);
        t->dispatcher->setRetryDelay(1h);
        QList<qint64> ids;
        for (const QString& customer :
             {QStringLiteral("111"), QStringLiteral("222"), QStringLiteral("333"), QStringLiteral("444")})
            ids.append(t->handoff(1, customer));
        QSignalSpy received(&t->server, &LocalHttpServer::requestReceived);
        for (const qint64 id : ids)
            t->dispatcher->deliver(id);
        while (received.size() < ids.size())
            QVERIFY(received.wait(WebhookTestbed::kWaitMs));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 last = ids.last();
        const auto row = t->deliveries->outboxRow(last).value();
        QVERIFY(row.has_value());
        QVERIFY2(row->leaseUntilMs > now,
                 qPrintable(QStringLiteral("lease ended %1 ms ago").arg(now - row->leaseUntilMs)));
        for (const OutboxRow& due : t->deliveries->dueRows(now).value())
            QVERIFY2(!ids.contains(due.handoffEventId), "a held row looks abandoned");

        // Everything that could claim again, while the last is in flight: none does.
        t->dispatcher->sweep();
        t->dispatcher->resumePending();
        t->dispatcher->deliver(last);
        QCOMPARE(HttpClient::forCurrentThread().waiting(), 0);

        for (const qint64 id : ids)
            QVERIFY(t->waitForAttempts(id, 1));
        // Nothing else was queued or sent: one request per delivery.
        QCOMPARE(HttpClient::forCurrentThread().inFlight() + HttpClient::forCurrentThread().waiting(), 0);
        QCOMPARE(t->server.requestCount(), int(ids.size()));
        QSet<QByteArray> deliveryIds;
        for (const RecordedRequest& r : t->server.requests())
            deliveryIds.insert(r.header("X-Zapito-Delivery"));
        QCOMPARE(deliveryIds.size(), ids.size());
    }

    void resend_duringPendingRetry_sendsNowAndSaysInsteadOfWhen()
    {
        t->server.enqueue(ScriptedResponse::reply(500));
        t->server.enqueue(ScriptedResponse::reply(200));
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        t->dispatcher->setRetryDelay(1h);
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForAttempts(id, 1));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Pending);
        const qint64 due = t->deliveries->outboxRow(id).value()->dueAtMs;
        QVERIFY(t->dispatcher->isBusy()); // the retry's timer

        QSignalSpy notices(t->dispatcher.get(), &WebhookDispatcher::notice);
        const QString text = t->dispatcher->resend(id);
        const QString dueText =
            QDateTime::fromMSecsSinceEpoch(due).toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        QVERIFY2(text.contains(QStringLiteral("Sending now")) && text.contains(dueText), qPrintable(text));
        QCOMPARE(notices.size(), 1);
        QCOMPARE(notices.at(0).at(1).toString(), text);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[1].kind, QStringLiteral("retry")); // the owed retry, only earlier
        QCOMPARE(t->server.requestCount(), 2);
        QVERIFY(!t->dispatcher->isBusy()); // the hour-long timer is gone
    }

    void resend_whileAnAttemptIsInFlight_saysSo_sendsNothingMore()
    {
        t->server.enqueue(ScriptedResponse::defer());
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 id = t->handoff();
        QSignalSpy received(&t->server, &LocalHttpServer::requestReceived);
        t->dispatcher->deliver(id);
        QVERIFY(received.wait(WebhookTestbed::kWaitMs));
        const QString text = t->dispatcher->resend(id);
        QVERIFY2(text.contains(QStringLiteral("already under way")), qPrintable(text));
        QVERIFY(t->server.respond(0, ScriptedResponse::reply(200)));
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
        QCOMPARE(t->attemptsOf(id).size(), 1);
        QCOMPARE(HttpClient::forCurrentThread().inFlight() + HttpClient::forCurrentThread().waiting(), 0);
        QCOMPARE(t->server.requestCount(), 1);
    }

    void sampleWithAnOutboxRow_neverReachesTheEndpoint_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::newRow("deliver") << QStringLiteral("deliver");
        QTest::newRow("resend") << QStringLiteral("resend");
        QTest::newRow("resumePending") << QStringLiteral("resumePending");
        QTest::newRow("sweep") << QStringLiteral("sweep");
        QTest::newRow("timer") << QStringLiteral("timer");
    }
    void sampleWithAnOutboxRow_neverReachesTheEndpoint()
    {
        QFETCH(QString, entry);
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const Bot bot = *t->store->ensureBot(QStringLiteral("Luna Café"));
        const Conversation c =
            *t->store->upsertConversation(bot.id, QStringLiteral("whatsapp"), QStringLiteral("5511999990000"),
                                          QStringLiteral("Sample Maria"), ++t->now);
        QVERIFY(exec(QStringLiteral("UPDATE conversations SET is_sample = 1 WHERE id = '%1'").arg(c.id)));
        (void)t->store->appendMessage(c.id, MessageRole::User, QStringLiteral("I want a human"), ++t->now);
        const auto record = t->store->recordHandoff(
            c.id, QStringLiteral("Connecting you with a team member right away."), HandoffReason::Handoff,
            ++t->now,
            [](const Bot& b, const Conversation& conv, const QList<Message>& transcript, HandoffReason reason,
               qint64 at) { return buildLeadPayload(b, conv, transcript, reason, at); });
        QVERIFY(record);
        const qint64 id = record->event.id;
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value()); // the store writes none for samples
        // Whatever left one behind (an older version, a hand edit):
        const qint64 dueAt = entry == u"timer" ? QDateTime::currentMSecsSinceEpoch() + 50 : 0;
        QVERIFY(
            exec(QStringLiteral("INSERT INTO webhook_outbox (handoff_event_id, due_at_ms) VALUES (%1, %2)")
                     .arg(id)
                     .arg(dueAt)));

        if (entry == u"timer") {
            // Scheduled while the conversation was not (yet) a sample; refused when the timer fires.
            QVERIFY(exec(QStringLiteral("UPDATE conversations SET is_sample = 0 WHERE id = '%1'").arg(c.id)));
            t->dispatcher->deliver(id);
            QVERIFY(exec(QStringLiteral("UPDATE conversations SET is_sample = 1 WHERE id = '%1'").arg(c.id)));
        } else if (entry == u"deliver")
            t->dispatcher->deliver(id);
        else if (entry == u"resend")
            QVERIFY(t->dispatcher->resend(id).contains(QStringLiteral("sample")));
        else if (entry == u"resumePending")
            t->dispatcher->resumePending();
        else
            t->dispatcher->sweep();
        if (entry == u"timer") {
            QVERIFY(t->dispatcher->isBusy());
            QTRY_VERIFY_WITH_TIMEOUT(!t->dispatcher->isBusy(), WebhookTestbed::kWaitMs);
        }
        // Refused on the spot: nothing in flight here or in the HTTP client, so nothing can go
        // out later, and the stray row is gone so no sweep finds it again.
        QVERIFY(!t->dispatcher->isBusy());
        QCOMPARE(HttpClient::forCurrentThread().inFlight() + HttpClient::forCurrentThread().waiting(), 0);
        QCOMPARE(t->server.connectionCount(), 0);
        QCOMPARE(t->attemptsOf(id).size(), 0);
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());
    }
};

QTEST_GUILESS_MAIN(tst_WebhookReliability)
#include "tst_webhookreliability.moc"
