// SPDX-License-Identifier: Apache-2.0
#include "httplistener.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace zapito;

// The inbound HTTP listener the WhatsApp connector sits on, spoken to over a raw socket:
// bodies that arrive in pieces, and requests it must refuse without hanging.
class tst_HttpListener : public QObject
{
    Q_OBJECT

    std::unique_ptr<HttpListener> m_listener;
    QList<InboundHttpRequest> m_seen;
    HttpListener::Respond m_later;

    // Sends `chunks` (pausing between them so they arrive apart) and returns the whole answer.
    QByteArray exchange(const QList<QByteArray>& chunks)
    {
        // Event-driven on both ends: the listener lives on this thread, so never block it.
        QTcpSocket socket;
        QByteArray answer;
        connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, m_listener->port());
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10'000))
            return "not connected";
        for (const QByteArray& chunk : chunks) {
            socket.write(chunk);
            QTest::qWait(20); // so the pieces arrive apart
        }
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 20'000))
            return "no answer: " + answer;
        return answer + socket.readAll();
    }

private slots:
    void init()
    {
        m_seen.clear();
        m_listener = std::make_unique<HttpListener>(
            [this](const InboundHttpRequest& r, const HttpListener::Respond& respond) {
                m_seen.append(r);
                if (r.target.path() == QLatin1String("/later")) {
                    m_later = respond; // answered by the test
                    return;
                }
                respond(InboundHttpResponse{200, "seen " + QByteArray::number(r.body.size())});
            });
        QVERIFY(m_listener->listen(QHostAddress::LocalHost, 0).isEmpty());
    }
    void cleanup()
    {
        m_later = nullptr;
        m_listener.reset();
    }

    void bodyInPieces_isReassembled()
    {
        const QByteArray answer = exchange({"POST /webhook?x=1 HTTP/1.1\r\nHost: a\r\nX-Hub-Signature-256: "
                                            "sha256=ab\r\nContent-Length: 11\r\n",
                                            "\r\nhello", " world"});
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer.constData());
        QVERIFY(answer.endsWith("seen 11"));
        QCOMPARE(m_seen.size(), 1);
        QCOMPARE(m_seen[0].method, QByteArray("POST"));
        QCOMPARE(m_seen[0].target.path(), QStringLiteral("/webhook"));
        QCOMPARE(m_seen[0].headers.value("x-hub-signature-256"), QByteArray("sha256=ab"));
        QCOMPARE(m_seen[0].body, QByteArray("hello world"));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("statusLine");
        QTest::newRow("body-too-large")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n") << QByteArray("HTTP/1.1 413");
        QTest::newRow("chunked")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
            << QByteArray("HTTP/1.1 400");
        QTest::newRow("bad-request-line") << QByteArray("HELLO\r\n\r\n") << QByteArray("HTTP/1.1 400");
        QTest::newRow("negative-length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n") << QByteArray("HTTP/1.1 400");
        QTest::newRow("header-too-large") << QByteArray("GET / HTTP/1.1\r\nX-Big: " + QByteArray(20'000, 'a'))
                                          << QByteArray("HTTP/1.1 431");
    }
    void refused()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, statusLine);
        const QByteArray answer = exchange({request});
        QVERIFY2(answer.startsWith(statusLine), answer.left(80).constData());
        QCOMPARE(m_seen.size(), 0); // the handler never saw it
    }

    void laterAnswer_isSentWhenTheHandlerResponds()
    {
        QTcpSocket socket;
        QByteArray answer;
        connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, m_listener->port());
        QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10'000));
        socket.write("POST /later HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");
        QVERIFY(QTest::qWaitFor([&] { return bool(m_later); }, 10'000));
        // Nothing is sent while the handler has not answered, whatever else the client sends.
        socket.write("more bytes");
        QSignalSpy readable(&socket, &QTcpSocket::readyRead);
        QVERIFY(!readable.wait(200));
        QVERIFY(answer.isEmpty());

        m_later(InboundHttpResponse{503, "later"});
        m_later(InboundHttpResponse{200, "twice"}); // a second answer is ignored
        QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 20'000));
        answer += socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer.constData());
        QVERIFY(answer.endsWith("later"));
        QCOMPARE(m_seen.size(), 1);
    }

    void laterAnswer_afterTheClientLeft_isDropped()
    {
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_listener->port());
            QVERIFY(
                QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10'000));
            socket.write("POST /later HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
            QVERIFY(QTest::qWaitFor([&] { return bool(m_later); }, 10'000));
            socket.abort();
        }
        // Whether or not the listener noticed yet, the late answer must not crash or write anywhere.
        m_later(InboundHttpResponse{200, "nobody listens"});
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(m_listener->isListening());
    }

    void silentClient_isDisconnectedAtTheDeadline()
    {
        m_listener->setConnectionDeadline(200);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_listener->port());
        QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10'000));
        socket.write("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part");
        QSignalSpy closed(&socket, &QTcpSocket::disconnected);
        QVERIFY(closed.wait(20'000));
        QCOMPARE(m_seen.size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_HttpListener)
#include "tst_httplistener.moc"
