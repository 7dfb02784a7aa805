// SPDX-License-Identifier: Apache-2.0
#include "signature.h"
#include "webhooktestbed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace zapito;
using namespace zapito::test;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(QList<zapito::test::ScriptedResponse>)

class tst_WebhookDispatcher : public QObject
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

    void request_hasExactHeaders_andStoredBytes()
    {
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hooks/zapito"))));
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);

        QCOMPARE(t->server.requestCount(), 1);
        const RecordedRequest r = t->server.lastRequest();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/hooks/zapito"));
        const QByteArray stored = t->deliveries->payload(id).value();
        QCOMPARE(r.body, stored);
        QVERIFY(verifySignature(t->secret.toUtf8(), r.body, r.header("X-Zapito-Signature")));
        QCOMPARE(r.header("X-Zapito-Signature"), signatureHeaderValue(t->secret.toUtf8(), stored));
        QCOMPARE(r.header("X-Zapito-Event"), QByteArray("lead.handoff"));
        QCOMPARE(r.header("X-Zapito-Delivery"), t->deliveries->deliveryId(id)->toUtf8());
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.header("User-Agent"), QByteArray("ZapitoInbox/" ZAPITO_VERSION));
        QCOMPARE(r.header("Content-Length"), QByteArray::number(stored.size()));

        // The exact set: ours, plus what any HTTP/1.1 client sends; nothing else (no cookies,
        // no credentials, no secret).
        QList<QByteArray> names = r.headerNames();
        std::sort(names.begin(), names.end());
        const QList<QByteArray> expected = {"accept-encoding",   "accept-language",   "connection",
                                            "content-length",    "content-type",      "host",
                                            "user-agent",        "x-zapito-delivery", "x-zapito-event",
                                            "x-zapito-signature"};
        QCOMPARE(names, expected);
        for (const auto& h : r.headers)
            QVERIFY(!h.second.contains(t->secret.toUtf8()));

        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts[0].kind, QStringLiteral("first"));
        QCOMPARE(attempts[0].httpStatus, 200);
        QCOMPARE(attempts[0].error, QString());
        QVERIFY(attempts[0].durationMs >= 0);
        QVERIFY(attempts[0].attemptedAtMs > 0);
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());
    }

    void outcome_data()
    {
        QTest::addColumn<QList<ScriptedResponse>>("responses");
        QTest::addColumn<DeliveryOutcome>("outcome");
        QTest::addColumn<QList<int>>("statuses"); // one per recorded attempt
        QTest::addColumn<QString>("errorContains");

        using R = ScriptedResponse;
        QTest::newRow("200-at-once") << QList<R>{R::reply(200)} << DeliveryOutcome::Sent << QList<int>{200}
                                     << QString();
        QTest::newRow("204-is-success")
            << QList<R>{R::reply(204)} << DeliveryOutcome::Sent << QList<int>{204} << QString();
        QTest::newRow("500-then-200-sent-after-2")
            << QList<R>{R::reply(500, "boom"), R::reply(200)} << DeliveryOutcome::Sent << QList<int>{500, 200}
            << QStringLiteral("500");
        QTest::newRow("500-twice-failed") << QList<R>{R::reply(500), R::reply(500)} << DeliveryOutcome::Failed
                                          << QList<int>{500, 500} << QStringLiteral("500");
        QTest::newRow("404-then-503-failed")
            << QList<R>{R::reply(404), R::reply(503)} << DeliveryOutcome::Failed << QList<int>{404, 503}
            << QStringLiteral("404");
        QTest::newRow("hang-is-timeout") << QList<R>{R::hang(), R::hang()} << DeliveryOutcome::Failed
                                         << QList<int>{0, 0} << QStringLiteral("No complete answer");
        QTest::newRow("trickle-is-timeout")
            << QList<R>{R::trickle(20ms), R::trickle(20ms)} << DeliveryOutcome::Failed << QList<int>{200, 200}
            << QStringLiteral("No complete answer");
        QTest::newRow("301-is-failure")
            << QList<R>{R::redirect("/elsewhere"), R::redirect("/elsewhere")} << DeliveryOutcome::Failed
            << QList<int>{301, 301} << QStringLiteral("never followed");
        // Qt's HTTP stack itself sends a request once more when the connection closes before any
        // answer byte, so these misbehave four times and the endpoint may see up to 4 requests.
        QTest::newRow("close-early-is-failure")
            << QList<R>{R::closeEarly(), R::closeEarly(), R::closeEarly(), R::closeEarly()}
            << DeliveryOutcome::Failed << QList<int>{0, 0} << QString();
        QTest::newRow("reset-is-failure") << QList<R>{R::reset(), R::reset(), R::reset(), R::reset()}
                                          << DeliveryOutcome::Failed << QList<int>{0, 0} << QString();
    }
    void outcome()
    {
        QFETCH(QList<ScriptedResponse>, responses);
        QFETCH(DeliveryOutcome, outcome);
        QFETCH(QList<int>, statuses);
        QFETCH(QString, errorContains);

        for (const ScriptedResponse& r : responses)
            t->server.enqueue(r);
        t->server.setDefaultResponse(ScriptedResponse::reply(599)); // a third request would show
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), outcome);

        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), statuses.size());
        for (int i = 0; i < attempts.size(); ++i) {
            QCOMPARE(attempts[i].kind, i == 0 ? QStringLiteral("first") : QStringLiteral("retry"));
            QCOMPARE(attempts[i].httpStatus, statuses[i]);
            const bool ok = statuses[i] >= 200 && statuses[i] < 300 && i == attempts.size() - 1 &&
                            outcome == DeliveryOutcome::Sent;
            QCOMPARE(attempts[i].error.isEmpty(), ok);
        }
        if (!errorContains.isEmpty())
            QVERIFY2(attempts[0].error.contains(errorContains), qPrintable(attempts[0].error));
        // The retry waited the injected delay (a few ms of timer slack allowed), and only that: not
        // the production 30 s, and not at once.
        if (attempts.size() == 2) {
            const qint64 gap = attempts[1].attemptedAtMs - attempts[0].attemptedAtMs;
            QVERIFY2(gap >= WebhookTestbed::kRetryDelay.count() - 5, qPrintable(QString::number(gap)));
            QVERIFY2(gap < 30'000, qPrintable(QString::number(gap)));
        }

        // Every request went to the endpoint itself (redirects not followed) with the same bytes
        // and the same delivery id; nothing after the outcome.
        if (QByteArrayView(QTest::currentDataTag()).startsWith("close-early") ||
            QByteArrayView(QTest::currentDataTag()).startsWith("reset"))
            QVERIFY(t->server.requestCount() >= attempts.size() && t->server.requestCount() <= 4);
        else
            QCOMPARE(t->server.requestCount(), attempts.size());
        const QByteArray stored = t->deliveries->payload(id).value();
        for (const RecordedRequest& r : t->server.requests()) {
            QCOMPARE(r.path, QByteArray("/hook"));
            QCOMPARE(r.body, stored);
            QCOMPARE(r.header("X-Zapito-Delivery"), t->deliveries->deliveryId(id)->toUtf8());
        }
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());
        QVERIFY(!t->dispatcher->isBusy());
    }

    void connectionRefused_failsAfterRetry()
    {
        QUrl endpoint(QStringLiteral("http://127.0.0.1/hook"));
        endpoint.setPort(LocalHttpServer::unusedPort());
        QVERIFY(t->configure(endpoint));
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Failed);
        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), 2);
        for (const DeliveryAttempt& a : attempts) {
            QCOMPARE(a.httpStatus, 0);
            QVERIFY2(a.error.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(a.error));
        }
    }

    void noEndpoint_isSkipped()
    {
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Skipped);
        QCOMPARE(t->attemptsOf(id).size(), 0);
        QCOMPARE(t->server.connectionCount(), 0);
        QVERIFY(!t->deliveries->outboxRow(id).value().has_value());
    }

    void skipped_canBeResentOnceConfigured()
    {
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Skipped);
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        t->dispatcher->resend(id);
        QVERIFY(t->waitForAttempts(id, 1));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
        QCOMPARE(t->attemptsOf(id).constFirst().kind, QStringLiteral("resend"));
        QCOMPARE(t->server.lastRequest().body, t->deliveries->payload(id).value());
    }

    void disabled_isSkipped()
    {
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook")), false));
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Skipped);
        QCOMPARE(t->server.connectionCount(), 0);
    }

    void missingSecret_failsWithoutSendingUnsigned()
    {
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        bool removed = false;
        t->secrets->remove(QLatin1String(WebhookSettings::kSecretKey),
                           [&](const QString& e) { removed = e.isEmpty(); });
        QTRY_VERIFY(removed);
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Failed);
        QCOMPARE(t->server.connectionCount(), 0);
        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts.size(), 1);
        QVERIFY2(attempts[0].error.contains(QStringLiteral("secret")), qPrintable(attempts[0].error));
    }

    void resend_sendsSameBytesAgain_asAnotherAttempt()
    {
        t->server.enqueue(ScriptedResponse::reply(500));
        t->server.enqueue(ScriptedResponse::reply(500));
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Failed);

        QSignalSpy changed(t->dispatcher.get(), &WebhookDispatcher::deliveryChanged);
        t->dispatcher->resend(id); // the default answer is 200
        QVERIFY(t->waitForAttempts(id, 3));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
        const auto attempts = t->attemptsOf(id);
        QCOMPARE(attempts[2].kind, QStringLiteral("resend"));
        QCOMPARE(attempts[2].httpStatus, 200);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.constLast().at(0).toLongLong(), id);
        QCOMPARE(t->server.requestCount(), 3);
        QCOMPARE(t->server.requests()[2].body, t->server.requests()[0].body);
        QCOMPARE(t->server.requests()[2].header("X-Zapito-Delivery"),
                 t->deliveries->deliveryId(id)->toUtf8());

        // A failing resend of a delivery that arrived leaves it sent, and never retries.
        t->server.enqueue(ScriptedResponse::reply(500));
        t->dispatcher->resend(id);
        QVERIFY(t->waitForAttempts(id, 4));
        QCOMPARE(t->outcomeOf(id), DeliveryOutcome::Sent);
        QCOMPARE(t->attemptsOf(id)[3].httpStatus, 500);
        // A retry would come after the injected retry delay; four times that is ample.
        QSignalSpy again(&t->server, &LocalHttpServer::requestReceived);
        QVERIFY(!again.wait(int(WebhookTestbed::kRetryDelay.count()) * 4));
        QCOMPARE(t->server.requestCount(), 4);
    }

    void resend_ofSampleConversation_neverPosts()
    {
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        const qint64 id = t->handoff();
        t->dispatcher->deliver(id);
        QVERIFY(t->waitForOutcome(id));
        QCOMPARE(t->server.requestCount(), 1);
        QSqlQuery q(t->db->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE conversations SET is_sample = 1")));

        QSignalSpy posted(&t->server, &LocalHttpServer::requestReceived);
        t->dispatcher->resend(id);
        // A resend goes out at once; four retry delays later nothing has, so nothing will.
        QVERIFY(!posted.wait(int(WebhookTestbed::kRetryDelay.count()) * 4));
        QCOMPARE(t->server.requestCount(), 1);
        QCOMPARE(t->attemptsOf(id).size(), 1);
    }

    void testEvent_reportsStatusLatencyAndExcerpt()
    {
        QByteArray big(3000, 'a');
        for (int i = 0; i < big.size(); ++i)
            big[i] = char('a' + i % 26);
        t->server.enqueue(ScriptedResponse::reply(201, big));
        QVERIFY(t->configure(t->server.url(QStringLiteral("/hook"))));
        QSignalSpy finished(t->dispatcher.get(), &WebhookDispatcher::testEventFinished);
        t->dispatcher->sendTestEvent();
        QVERIFY(finished.wait(WebhookTestbed::kWaitMs));
        const auto result = finished.at(0).at(0).value<TestEventResult>();
        QCOMPARE(result.httpStatus, 201);
        QVERIFY(result.ok());
        QCOMPARE(result.error, QString());
        QVERIFY(result.latencyMs >= 0);
        QCOMPARE(result.bodyExcerpt, big.left(1024));

        const RecordedRequest r = t->server.lastRequest();
        QVERIFY(verifySignature(t->secret.toUtf8(), r.body, r.header("X-Zapito-Signature")));
        QCOMPARE(r.header("X-Zapito-Event"), QByteArray("lead.handoff"));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(u"reason").toString(), QStringLiteral("test"));
        QCOMPARE(body.value(u"event").toString(), QStringLiteral("lead.handoff"));
        QVERIFY(!body.value(u"transcript").toArray().isEmpty());
        QVERIFY(body.value(u"conversation").toObject().contains(u"contactName"));

        // Nothing stored: a test event is no handoff.
        QSqlQuery q(t->db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM delivery_attempts")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void testEvent_reportsErrors_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorContains");
        QTest::newRow("500") << QStringLiteral("500") << 500 << QStringLiteral("500");
        QTest::newRow("refused") << QStringLiteral("refused") << 0 << QStringLiteral("refused");
        QTest::newRow("hang") << QStringLiteral("hang") << 0 << QStringLiteral("No complete answer");
        QTest::newRow("no-endpoint") << QStringLiteral("no-endpoint") << 0 << QStringLiteral("endpoint");
        QTest::newRow("no-secret") << QStringLiteral("no-secret") << 0 << QStringLiteral("secret");
    }
    void testEvent_reportsErrors()
    {
        QFETCH(QString, setup);
        QFETCH(int, status);
        QFETCH(QString, errorContains);
        QSignalSpy finished(t->dispatcher.get(), &WebhookDispatcher::testEventFinished);
        QUrl url = t->server.url(QStringLiteral("/hook"));
        if (setup == u"refused")
            url.setPort(LocalHttpServer::unusedPort());
        if (setup == u"500")
            t->server.enqueue(ScriptedResponse::reply(500, "nope"));
        if (setup == u"hang")
            t->server.enqueue(ScriptedResponse::hang());
        if (setup == u"no-endpoint")
            t->dispatcher->sendTestEvent(QString(), t->secret);
        else if (setup == u"no-secret")
            t->dispatcher->sendTestEvent(url.toString(), QString());
        else
            t->dispatcher->sendTestEvent(url.toString(), t->secret);
        QVERIFY(finished.wait(WebhookTestbed::kWaitMs));
        const auto result = finished.at(0).at(0).value<TestEventResult>();
        QCOMPARE(result.httpStatus, status);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(errorContains, Qt::CaseInsensitive), qPrintable(result.error));
    }
};

QTEST_GUILESS_MAIN(tst_WebhookDispatcher)
#include "tst_webhookdispatcher.moc"
