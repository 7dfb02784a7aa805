// SPDX-License-Identifier: Apache-2.0
#include "channelregistry.h"
#include "conversationengine.h"
#include "fakechannel.h"
#include "pipelinewait.h"
#include "ruleagent.h"
#include "signature.h"
#include "webhooktestbed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

using namespace zapito;
using namespace zapito::test;
using namespace std::chrono_literals;

// What survives the dispatcher: the outbox across a "crash", and the whole path from a
// customer message through the engine to the request the endpoint receives.
class tst_WebhookResume : public QObject
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

    void crashBetweenAttempts_retryGoesOutAtNextStart()
    {
        t->server.enqueue(ScriptedResponse::reply(500));
        t->server.enqueue(ScriptedResponse::reply(200));
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        // A long retry delay: the first dispatcher is gone long before it falls due.
        t->dispatcher->setRetryDelay(1h);
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForAttempts(id, 1));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Pending);

        t->dispatcher.reset(); // the app quits or crashes here
        const auto row = t->deliveries->outboxRow(id).value();
        QVERIFY(row.has_value());
        QCOMPARE(row->attemptsMade, 1);

        // The next start: a new dispatcher (and stores) on the same database file. The clock is
        // moved past the retry's due time instead of waiting for it.
        const qint64 dueAtMs = row->dueAtMs;
        t->deliveries = std::make_unique<DeliveryStore>(*t->db);
        t->makeDispatcher();
        t->dispatcher->setClock([dueAtMs] { return dueAtMs + 1; });
        t->dispatcher->resumePending();
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);

        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[0].kind, QStringLiteral("first"));
        QCOMPARE(attempts[0].httpStatus, 500);
        QCOMPARE(attempts[1].kind, QStringLiteral("retry"));
        QCOMPARE(attempts[1].httpStatus, 200);

        QCOMPARE(t->server.requestCount(), 2);
        const RecordedRequest first = t->server.requests()[0];
        const RecordedRequest retry = t->server.requests()[1];
        QCOMPARE(retry.body, first.body);
        QCOMPARE(retry.body, t->deliveries->payload(id).value());
        QCOMPARE(retry.header("X-Zapito-Delivery"), t->deliveries->deliveryId(id)->toUtf8());
        QCOMPARE(retry.header("X-Zapito-Delivery"), first.header("X-Zapito-Delivery"));
        QCOMPARE(retry.header("X-Zapito-Signature"), first.header("X-Zapito-Signature"));
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());
    }

    void resume_waitsForTheRetryDelay()
    {
        // A pending retry due in the future is not sent early at start-up.
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 id = t->handoff();
        qint64 clock = 1'000'000;
        QVERIFY(t->deliveries->reschedule(id, clock + 60'000));
        t->dispatcher->setClock([&clock] { return clock; });
        t->dispatcher->resumePending();
        QVERIFY(t->dispatcher->isBusy()); // a timer is waiting
        // Due 60 s ahead on the injected clock: a dispatcher that ignored that would connect at once.
        QSignalSpy connected(&t->server, &LocalHttpServer::requestReceived);
        QVERIFY(!connected.wait(300));
        QCOMPARE(t->server.connectionCount(), 0);
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Pending);
    }

    void resume_deliversRowsNeverTried()
    {
        // A crash right after the hand-off, before any attempt: the first attempt at next start.
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 a = t->handoff(1, QStringLiteral("111"));
        const qint64 b = t->handoff(1, QStringLiteral("222"));
        t->dispatcher->resumePending();
        QVERIFY(t->waitForOutcome(a));
        QVERIFY(t->waitForOutcome(b));
        QCOMPARE(t->outcomeOf(a), DeliveryOutcome::Sent);
        QCOMPARE(t->outcomeOf(b), DeliveryOutcome::Sent);
        QCOMPARE(t->attemptsOf(a).constFirst().kind, QStringLiteral("first"));
        QCOMPARE(t->server.requestCount(), 2);
    }

    void twelveMessages_throughTheEngine_lastTenOldestFirst()
    {
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        FakeChannel whatsapp;
        ChannelRegistry channels;
        channels.add(&whatsapp);
        RuleAgent agent;
        ConversationEngine engine(*t->store, agent, channels,
                                  *t->store->ensureBot(QStringLiteral("Luna Café")));
        qint64 now = 1'751'371'181'000;
        engine.setClock([&now] { return ++now; });
        connect(&engine, &ConversationEngine::webhookDue, t->dispatcher.get(),
                [this](qint64 eventId) { t->dispatcher->deliver(eventId); });
        QSignalSpy recorded(&engine, &ConversationEngine::handoffRecorded);

        QString conversationId;
        // Five questions, five canned replies, then a request for a person and the handoff
        // message: twelve messages.
        for (int i = 1; i <= 6; ++i) {
            const QString text =
                i < 6 ? QStringLiteral("question %1").arg(i) : QStringLiteral("I want a human");
            auto id = test::receiveAndDecide(engine, *t->store, QStringLiteral("whatsapp"),
                                             QStringLiteral("5511999990000"), QStringLiteral("Maria"), text,
                                             QDateTime::fromMSecsSinceEpoch(now += 1000, QTimeZone::utc()));
            QVERIFY2(id.hasValue(), qPrintable(id.error()));
            conversationId = *id;
        }
        QVERIFY(recorded.count() == 1 || recorded.wait(WebhookTestbed::kWaitMs));
        const qint64 eventId = recorded.at(0).at(0).toLongLong();
        const auto all = t->store->messages(conversationId, 0, 100).value();
        QCOMPARE(all.size(), 12);
        QVERIFY(t->waitForOutcome(eventId));
        // Sent to the customer before the webhook fired.
        QCOMPARE(whatsapp.sent.constLast().second, all.constLast().content);
        QCOMPARE(t->outcomeOf(eventId), DeliveryOutcome::Sent);
        const RecordedRequest r = t->server.lastRequest();
        QVERIFY(verifySignature(t->secret.toUtf8(), r.body, r.header("X-Zapito-Signature")));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(u"reason").toString(), QStringLiteral("handoff"));
        QCOMPARE(body.value(u"conversation").toObject().value(u"contactName").toString(),
                 QStringLiteral("Maria"));
        QCOMPARE(body.value(u"conversation").toObject().value(u"status").toString(),
                 QStringLiteral("handoff"));
        const QJsonArray transcript = body.value(u"transcript").toArray();
        QCOMPARE(transcript.size(), 10);
        for (int i = 0; i < 10; ++i) {
            const Message& expected = all[i + 2]; // the two oldest are left out
            const QJsonObject m = transcript[i].toObject();
            QCOMPARE(m.value(u"content").toString(), expected.content);
            QCOMPARE(m.value(u"role").toString(), asString(expected.role));
            QCOMPARE(m.value(u"at").toString(), toIsoUtcMs(expected.atMs));
        }
        QCOMPARE(transcript[0].toObject().value(u"content").toString(), QStringLiteral("question 2"));
        QCOMPARE(transcript[9].toObject().value(u"content").toString(), defaultHandoffMessage());
        QCOMPARE(transcript[9].toObject().value(u"role").toString(), QStringLiteral("assistant"));
    }
};

QTEST_GUILESS_MAIN(tst_WebhookResume)
#include "tst_webhookresume.moc"
