// SPDX-License-Identifier: Apache-2.0
#include "chatcompletionsclient.h"
#include "localhttpserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

using namespace zapito;
using test::ScriptedResponse;
using namespace std::chrono_literals;

namespace {

QByteArray textAnswer(const QString& text)
{
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), text}};
    const QJsonObject choice{{QStringLiteral("index"), 0}, {QStringLiteral("message"), message}};
    return QJsonDocument(QJsonObject{{QStringLiteral("choices"), QJsonArray{choice}}})
        .toJson(QJsonDocument::Compact);
}

// The customer's words in a chat-completions request body: which call it is.
QString lastUserText(const QByteArray& body)
{
    const QJsonArray messages =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("messages")).toArray();
    return messages.last().toObject().value(QStringLiteral("content")).toString();
}

} // namespace

// The global limit on model calls: a burst waits its turn in order, and the timeout, which
// starts when a request is sent, never counts the wait.
class tst_ModelConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void twentySlowCalls_noneTimesOutFromQueueing_neverMoreThanTheLimitAtTheServer_data()
    {
        QTest::addColumn<int>("limit");
        QTest::newRow("default-4") << ChatCompletionsClient::kDefaultMaxConcurrentCalls;
        QTest::newRow("limit-2") << 2;
    }
    void twentySlowCalls_noneTimesOutFromQueueing_neverMoreThanTheLimitAtTheServer()
    {
        QFETCH(int, limit);
        // The fake model answers each call 300 ms after it arrived and counts how many it holds.
        test::LocalHttpServer model;
        QVERIFY(model.listen());
        int held = 0;
        int maxHeld = 0;
        QStringList arrivals;
        model.setHandler([](const test::RecordedRequest&) { return ScriptedResponse::defer(); });
        connect(&model, &test::LocalHttpServer::requestReceived, &model, [&](int index) {
            maxHeld = std::max(maxHeld, ++held);
            const QString text = lastUserText(model.requests().at(index).body);
            arrivals.append(text);
            QTimer::singleShot(300ms, &model, [&, index, text] {
                --held;
                model.respond(index, ScriptedResponse::json(200, textAnswer(QStringLiteral("re: ") + text)));
            });
        });

        ChatCompletionsClient client;
        client.setMaxConcurrentCalls(limit);
        constexpr int kCalls = 20;
        QList<ModelOutcome> outcomes;
        QStringList asked;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < kCalls; ++i) {
            ModelRequest request;
            request.baseUrl = model.url(QStringLiteral("/v1")).toString();
            request.model = QStringLiteral("slow-model");
            Message m;
            m.role = MessageRole::User;
            m.content = QStringLiteral("question %1").arg(i);
            request.transcript = {m};
            request.timeoutMs = 1000; // far less than the 20 calls take together
            asked.append(m.content);
            client.complete(request, [&](const ModelOutcome& outcome) { outcomes.append(outcome); });
        }
        QCOMPARE(client.callsInFlight(), limit);
        QCOMPARE(client.callsWaiting(), kCalls - limit);
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), kCalls, 60'000);
        const qint64 elapsed = clock.elapsed();

        for (const ModelOutcome& outcome : std::as_const(outcomes))
            QVERIFY2(outcome.kind == ModelOutcome::Kind::Text, qPrintable(outcome.detail));
        QCOMPARE(maxHeld, limit);
        QCOMPARE(arrivals, asked); // first come, first served
        // The burst really outlasted the timeout: waiting was not counted.
        QVERIFY2(elapsed > 1000, qPrintable(QString::number(elapsed)));
        qInfo("%d calls of 300 ms, limit %d, timeout 1 s: all answered in %lld ms, at most %d at the server",
              kCalls, limit, elapsed, maxHeld);
    }

    void raisingTheLimit_startsWaitingCallsAtOnce()
    {
        test::LocalHttpServer model;
        QVERIFY(model.listen());
        model.setDefaultResponse(ScriptedResponse::hang());
        ChatCompletionsClient client;
        client.setMaxConcurrentCalls(1);
        ModelRequest request;
        request.baseUrl = model.url(QStringLiteral("/v1")).toString();
        request.model = QStringLiteral("m");
        for (int i = 0; i < 3; ++i)
            client.complete(request, [](const ModelOutcome&) {});
        QCOMPARE(client.callsInFlight(), 1);
        client.setMaxConcurrentCalls(3);
        QCOMPARE(client.callsInFlight(), 3);
        QCOMPARE(client.callsWaiting(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(model.requestCount(), 3, 20'000);
    }
};

QTEST_GUILESS_MAIN(tst_ModelConcurrency)
#include "tst_modelconcurrency.moc"
