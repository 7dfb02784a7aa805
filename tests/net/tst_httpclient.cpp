// SPDX-License-Identifier: Apache-2.0
#include "httpclient.h"
#include "localhttpserver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace zapito;
using test::ScriptedResponse;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(ScriptedResponse)

namespace {

// A fake that answers every request `delay` after it arrived and counts how many it holds at
// once: what "in flight at the server" means.
class SlowServer : public QObject
{
public:
    explicit SlowServer(std::chrono::milliseconds delay)
    {
        server.setHandler([](const test::RecordedRequest&) { return ScriptedResponse::defer(); });
        connect(&server, &test::LocalHttpServer::requestReceived, this, [this, delay](int index) {
            maxHeld = std::max(maxHeld, ++held);
            QTimer::singleShot(delay, this, [this, index] {
                --held;
                server.respond(index, ScriptedResponse::reply(200, "answer " + QByteArray::number(index)));
            });
        });
    }
    test::LocalHttpServer server;
    int held = 0;
    int maxHeld = 0;
};

} // namespace

// The one HTTP client: a deadline that counts from the send, never the queue; no redirects;
// errors without the URL; `done` exactly once and never inside send().
class tst_HttpClient : public QObject
{
    Q_OBJECT

    static HttpRequest get(const QUrl& url, std::chrono::milliseconds deadline = 5s)
    {
        HttpRequest r;
        r.url = url;
        r.deadline = deadline;
        return r;
    }

private slots:
    void deadline_countsFromSend_queuedRequestsNeverTimeOut_data()
    {
        QTest::addColumn<int>("perHost");
        QTest::addColumn<int>("atServer"); // what the server may see at once
        QTest::newRow("two-per-host") << 2 << 2;
        QTest::newRow("qt-default-six") << HttpClient::kDefaultMaxConnectionsPerHost << 6;
        // All ten handed to Qt, which holds four in its own queue (six connections per host):
        // requestSent, not send(), starts their deadline.
        QTest::newRow("queued-inside-qt") << 20 << 6;
    }
    void deadline_countsFromSend_queuedRequestsNeverTimeOut()
    {
        QFETCH(int, perHost);
        QFETCH(int, atServer);
        // Each answer takes 300 ms and the deadline is 450 ms, so a request whose clock started
        // when it was queued (the 2nd wave on) would time out; none may.
        SlowServer slow(300ms);
        QVERIFY(slow.server.listen());
        HttpClient client;
        client.setMaxConnectionsPerHost(perHost);
        constexpr int kRequests = 10;
        QList<HttpResult> results;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < kRequests; ++i) {
            HttpRequest request = get(slow.server.url(QStringLiteral("/r%1").arg(i)), 450ms);
            request.transferTimeout = 5s; // Qt starts this one when it takes the request, queued or not
            client.send(request, nullptr, [&](const HttpResult& r) { results.append(r); });
        }
        QCOMPARE(client.inFlight(), std::min(perHost, kRequests));
        QCOMPARE(client.waiting(), std::max(0, kRequests - perHost));
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), kRequests, 30'000);
        const qint64 elapsed = clock.elapsed();
        for (const HttpResult& r : std::as_const(results))
            QVERIFY2(r.isSuccess(), qPrintable(r.errorText));
        QCOMPARE(slow.maxHeld, atServer);
        const int waves = (kRequests + atServer - 1) / atServer;
        QVERIFY2(elapsed >= waves * 300 - 50, qPrintable(QString::number(elapsed)));
        qInfo("%d requests, %d per host: %lld ms, at most %d at the server", kRequests, perHost, elapsed,
              slow.maxHeld);
        // Handed out in order: the first request reached the server first.
        QCOMPARE(slow.server.requests().at(0).path, QByteArray("/r0"));
    }

    void deadline_endsHangAndTrickle_data()
    {
        QTest::addColumn<ScriptedResponse>("response");
        QTest::newRow("hang") << ScriptedResponse::hang();
        QTest::newRow("trickle") << ScriptedResponse::trickle(20ms);
    }
    void deadline_endsHangAndTrickle()
    {
        QFETCH(ScriptedResponse, response);
        test::LocalHttpServer server;
        QVERIFY(server.listen());
        server.enqueue(response);
        HttpClient client;
        std::optional<HttpResult> result;
        QElapsedTimer clock;
        clock.start();
        client.send(get(server.url(), 400ms), nullptr, [&](const HttpResult& r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QVERIFY(result->timedOut());
        QVERIFY(!result->isSuccess());
        QCOMPARE(result->errorText, QStringLiteral("no answer in time"));
        QVERIFY2(clock.elapsed() >= 350 && clock.elapsed() < 5000,
                 qPrintable(QString::number(clock.elapsed())));
    }

    void redirect_isTheAnswer_neverFollowed()
    {
        test::LocalHttpServer server;
        QVERIFY(server.listen());
        server.enqueue(ScriptedResponse::redirect("/elsewhere", 302));
        server.setDefaultResponse(ScriptedResponse::reply(200, "followed"));
        HttpClient client;
        std::optional<HttpResult> result;
        client.send(get(server.url(QStringLiteral("/start"))), nullptr,
                    [&](const HttpResult& r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QCOMPARE(result->status, 302);
        QCOMPARE(result->location, QByteArray("/elsewhere"));
        QVERIFY(!result->isSuccess());
        QCOMPARE(server.requestCount(), 1);
    }

    void errors_neverContainTheUrl_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("says");
        QTest::newRow("refused") << "refused"
                                 << "connection refused";
        QTest::newRow("404") << "404"
                             << "HTTP 404";
        QTest::newRow("reset") << "reset"
                               << "";
        QTest::newRow("timeout") << "hang"
                                 << "no answer in time";
        QTest::newRow("host-not-found") << "dns"
                                        << "host not found";
    }
    void errors_neverContainTheUrl()
    {
        QFETCH(QString, setup);
        QFETCH(QString, says);
        test::LocalHttpServer server;
        QVERIFY(server.listen());
        const QString token = QStringLiteral("123456:SECRET-bot-token");
        QUrl url = server.url(QStringLiteral("/bot%1/getUpdates").arg(token));
        if (setup == u"refused")
            url.setPort(test::LocalHttpServer::unusedPort());
        else if (setup == u"404")
            server.enqueue(ScriptedResponse::reply(404, "Not Found"));
        else if (setup == u"reset")
            for (int i = 0; i < 4; ++i) // Qt sends once more by itself after a reset
                server.enqueue(ScriptedResponse::reset());
        else if (setup == u"hang")
            server.enqueue(ScriptedResponse::hang());
        else if (setup == u"dns")
            url.setHost(QStringLiteral("no-such-host.invalid"));
        HttpClient client;
        std::optional<HttpResult> result;
        client.send(get(url, 500ms), nullptr, [&](const HttpResult& r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QVERIFY(!result->isSuccess());
        QVERIFY(!result->errorText.isEmpty());
        if (!says.isEmpty())
            QCOMPARE(result->errorText, says);
        for (const QString& text : {result->errorText, result->describe()}) {
            QVERIFY2(!text.contains(token), "an error shows the token");
            QVERIFY2(!text.contains(QStringLiteral("getUpdates")), "an error shows the URL");
            QVERIFY2(!text.contains(QStringLiteral("127.0.0.1")), "an error shows the host");
        }
    }

    void done_isNeverCalledInsideSend_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("not-http") << "ftp://127.0.0.1/file";
        QTest::newRow("invalid") << "http://[::1";
        QTest::newRow("refused") << "refused";
    }
    void done_isNeverCalledInsideSend()
    {
        QFETCH(QString, url);
        QUrl target(url);
        if (url == u"refused")
            target = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(test::LocalHttpServer::unusedPort()));
        HttpClient client;
        int calls = 0;
        bool inside = true;
        client.send(get(target), nullptr, [&](const HttpResult& r) {
            QVERIFY(!inside);
            QVERIFY(!r.isSuccess());
            ++calls;
        });
        inside = false;
        QCOMPARE(calls, 0);
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 20'000);
    }

    void cancel_reportsCanceledLater_onceAndNextRequestGoes()
    {
        test::LocalHttpServer server;
        QVERIFY(server.listen());
        server.setDefaultResponse(ScriptedResponse::hang());
        HttpClient client;
        client.setMaxConnectionsPerHost(1);
        QList<HttpResult> first;
        std::optional<HttpResult> second;
        QSignalSpy arrived(&server, &test::LocalHttpServer::requestReceived);
        const auto id =
            client.send(get(server.url()), nullptr, [&](const HttpResult& r) { first.append(r); });
        client.send(get(server.url()), nullptr, [&](const HttpResult& r) { second = r; });
        QVERIFY(arrived.wait(20'000));
        server.setDefaultResponse(ScriptedResponse::reply(200, "second"));
        client.cancel(id);
        QCOMPARE(first.size(), 0); // not inside cancel()
        QTRY_COMPARE_WITH_TIMEOUT(first.size(), 1, 20'000);
        QVERIFY(first.at(0).canceled());
        QTRY_VERIFY_WITH_TIMEOUT(second.has_value(), 20'000);
        QVERIFY2(second->isSuccess(), qPrintable(second->errorText));
        QCOMPARE(second->body, QByteArray("second"));
        client.cancel(id); // finished already: nothing happens
        QCOMPARE(first.size(), 1);
    }

    void destroyedContext_abortsWithoutDone()
    {
        test::LocalHttpServer server;
        QVERIFY(server.listen());
        server.setDefaultResponse(ScriptedResponse::hang());
        HttpClient client;
        client.setMaxConnectionsPerHost(1);
        bool called = false;
        std::optional<HttpResult> next;
        {
            QObject context;
            QSignalSpy arrived(&server, &test::LocalHttpServer::requestReceived);
            client.send(get(server.url()), &context, [&](const HttpResult&) { called = true; });
            client.send(get(server.url()), &context, [&](const HttpResult&) { called = true; }); // waiting
            QVERIFY(arrived.wait(20'000));
            QCOMPARE(client.inFlight(), 1);
            QCOMPARE(client.waiting(), 1);
        }
        QCOMPARE(client.inFlight(), 0);
        QCOMPARE(client.waiting(), 0);
        server.setDefaultResponse(ScriptedResponse::reply(204));
        client.send(get(server.url()), nullptr, [&](const HttpResult& r) { next = r; });
        QTRY_VERIFY_WITH_TIMEOUT(next.has_value(), 20'000);
        QCOMPARE(next->status, 204);
        QVERIFY(!called);
    }

    void body_isCappedAtMaxBodyBytes()
    {
        test::LocalHttpServer server;
        QVERIFY(server.listen());
        server.enqueue(ScriptedResponse::reply(200, QByteArray(100'000, 'x')));
        HttpClient client;
        HttpRequest request = get(server.url());
        request.maxBodyBytes = 1024;
        std::optional<HttpResult> result;
        client.send(request, nullptr, [&](const HttpResult& r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QVERIFY(result->isSuccess());
        QCOMPARE(result->body, QByteArray(1024, 'x'));
        QVERIFY(result->bodyTruncated);
    }

    void post_sendsBodyAndHeaders()
    {
        test::LocalHttpServer server;
        QVERIFY(server.listen());
        server.enqueue(ScriptedResponse::json(201, R"({"ok":true})"));
        HttpClient client;
        HttpRequest request = get(server.url(QStringLiteral("/hook")));
        request.verb = "POST";
        request.body = R"({"event":"lead.handoff"})";
        request.header("Content-Type", "application/json").header("X-Zapito-Event", "lead.handoff");
        std::optional<HttpResult> result;
        client.send(request, nullptr, [&](const HttpResult& r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QCOMPARE(result->status, 201);
        QCOMPARE(result->body, QByteArray(R"({"ok":true})"));
        const test::RecordedRequest r = server.lastRequest();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.body, request.body);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.header("X-Zapito-Event"), QByteArray("lead.handoff"));
    }

    void forCurrentThread_isOnePerThread()
    {
        HttpClient* here = &HttpClient::forCurrentThread();
        QCOMPARE(&HttpClient::forCurrentThread(), here);
        HttpClient* there = nullptr;
        QThread* thread = QThread::create([&] { there = &HttpClient::forCurrentThread(); });
        QSignalSpy finished(thread, &QThread::finished);
        thread->start();
        QVERIFY(finished.wait(20'000));
        delete thread;
        QVERIFY(there != nullptr);
        QVERIFY(there != here);
    }
};

QTEST_GUILESS_MAIN(tst_HttpClient)
#include "tst_httpclient.moc"
