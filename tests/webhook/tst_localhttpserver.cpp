// SPDX-License-Identifier: Apache-2.0
#include "localhttpserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace zapito;
using namespace zapito::test;
using namespace std::chrono_literals;

// The fake server other tests rely on: it must record faithfully and misbehave on request.
class tst_LocalHttpServer : public QObject
{
    Q_OBJECT

    QNetworkReply* post(QNetworkAccessManager& nam, const QUrl& url, const QByteArray& body)
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("X-Test", "yes");
        request.setTransferTimeout(2000);
        return nam.post(request, body);
    }

private slots:
    void records_andAnswersScriptedStatus()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        server.enqueue(ScriptedResponse::reply(418, "teapot"));
        QNetworkAccessManager nam;
        QNetworkReply* reply = post(nam, server.url(QStringLiteral("/a?b=c")), "{\"x\":1}");
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 418);
        QCOMPARE(reply->readAll(), QByteArray("teapot"));
        QCOMPARE(server.requestCount(), 1);
        const RecordedRequest r = server.lastRequest();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/a?b=c"));
        QCOMPARE(r.body, QByteArray("{\"x\":1}"));
        QCOMPARE(r.header("x-test"), QByteArray("yes"));
        QVERIFY(r.headerNames().contains("content-type"));
        delete reply;
    }

    void handler_andDefault()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const RecordedRequest& r) {
            return ScriptedResponse::reply(r.path == "/ok" ? 200 : 404, r.path);
        });
        QNetworkAccessManager nam;
        for (const char* path : {"/ok", "/missing"}) {
            QNetworkReply* reply = post(nam, server.url(QString::fromLatin1(path)), "x");
            QSignalSpy finished(reply, &QNetworkReply::finished);
            QVERIFY(finished.wait(20000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                     qstrcmp(path, "/ok") == 0 ? 200 : 404);
            delete reply;
        }
    }

    void misbehaviours_data()
    {
        QTest::addColumn<int>("kind"); // ScriptedResponse::Kind
        QTest::addColumn<int>("expectedError");
        QTest::newRow("close-early") << int(ScriptedResponse::Kind::CloseEarly)
                                     << int(QNetworkReply::RemoteHostClosedError);
        QTest::newRow("reset") << int(ScriptedResponse::Kind::Reset) << -1; // any error
        QTest::newRow("hang") << int(ScriptedResponse::Kind::Hang)
                              << int(QNetworkReply::OperationCanceledError);
    }
    void misbehaviours()
    {
        QFETCH(int, kind);
        QFETCH(int, expectedError);
        LocalHttpServer server;
        QVERIFY(server.listen());
        ScriptedResponse response;
        response.kind = static_cast<ScriptedResponse::Kind>(kind);
        server.setDefaultResponse(response);
        QNetworkAccessManager nam;
        QNetworkReply* reply = post(nam, server.url(), "x");
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QVERIFY(reply->error() != QNetworkReply::NoError);
        if (expectedError >= 0)
            QCOMPARE(int(reply->error()), expectedError);
        QVERIFY(server.requestCount() >= 1);
        delete reply;
    }

    void trickle_keepsSendingBytes()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        server.setDefaultResponse(ScriptedResponse::trickle(10ms));
        QNetworkAccessManager nam;
        QNetworkReply* reply = post(nam, server.url(), "x");
        QSignalSpy progress(reply, &QNetworkReply::readyRead);
        QVERIFY(progress.wait(20000));
        QVERIFY(progress.wait(20000)); // more than once: it trickles
        QVERIFY(!reply->isFinished());
        reply->abort();
        delete reply;
    }

    void refused_whenNotListening()
    {
        QNetworkAccessManager nam;
        QUrl url(QStringLiteral("http://127.0.0.1/"));
        url.setPort(LocalHttpServer::unusedPort());
        QNetworkReply* reply = post(nam, url, "x");
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
        delete reply;
    }

    void defer_answersLater()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        server.enqueue(ScriptedResponse::defer());
        QNetworkAccessManager nam;
        QNetworkReply* reply = post(nam, server.url(), "x");
        QSignalSpy received(&server, &LocalHttpServer::requestReceived);
        QVERIFY(received.wait(20000));
        QVERIFY(!reply->isFinished());
        QVERIFY(server.respond(received.at(0).at(0).toInt(), ScriptedResponse::reply(201, "later")));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        delete reply;
    }
};

QTEST_GUILESS_MAIN(tst_LocalHttpServer)
#include "tst_localhttpserver.moc"
