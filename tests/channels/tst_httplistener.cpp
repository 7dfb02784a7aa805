// SPDX-License-Identifier: Apache-2.0
#include "httplistener.h"
#include "signature.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace zapito;

namespace {

const QByteArray kSecret = "test-app-secret-not-real";
const QByteArray kEvent =
    R"({"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"contacts":[{"profile":{"name":"Maria"},"wa_id":"5511999990000"}],"messages":[{"from":"5511999990000","id":"wamid.FLOOD","timestamp":"1751371181","text":{"body":"Oi"},"type":"text"}]},"field":"messages"}]}]})";

QByteArray post(const QByteArray& body, const QByteArray& extraHeaders = {})
{
    return "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extraHeaders +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// A client on 127.0.0.1 that keeps everything it is answered.
struct Client
{
    QTcpSocket socket;
    QByteArray answer;

    explicit Client(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { answer += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    bool connected()
    {
        return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10'000);
    }
    // Until the listener closes the connection; false when it is still open after `ms`.
    bool waitClosed(int ms = 20'000)
    {
        if (socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        QSignalSpy closed(&socket, &QTcpSocket::disconnected);
        const bool done = socket.state() == QAbstractSocket::UnconnectedState || closed.wait(ms);
        answer += socket.readAll();
        return done;
    }
};

} // namespace

// The inbound HTTP listener the WhatsApp connector sits on, spoken to over raw sockets on
// 127.0.0.1: bodies that arrive in pieces, requests it must refuse without handing them on,
// 100-continue, and what a flood, too many connections or a slow client can make it hold.
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
        QCOMPARE(m_listener->bufferedBytes(), 0);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("statusLine");
        // The smuggling case: a proxy reading the first length and we the last would disagree on
        // where the request ends.
        QTest::newRow("two-content-lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 11\r\nContent-Length: 5\r\n\r\nhello world")
            << QByteArray("HTTP/1.1 400 Bad Request");
        QTest::newRow("two-equal-content-lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello")
            << QByteArray("HTTP/1.1 400");
        QTest::newRow("content-length-list")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\nhello")
            << QByteArray("HTTP/1.1 400");
        QTest::newRow("content-length-not-a-number")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5x\r\n\r\nhello") << QByteArray("HTTP/1.1 400");
        QTest::newRow("transfer-encoding-and-content-length")
            << QByteArray(
                   "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n")
            << QByteArray("HTTP/1.1 400");
        QTest::newRow("body-too-large")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n") << QByteArray("HTTP/1.1 413");
        QTest::newRow("expect-and-body-too-large")
            << QByteArray("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2000000\r\n\r\n")
            << QByteArray("HTTP/1.1 417 Expectation Failed");
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
        QCOMPARE(m_listener->bufferedBytes(), 0);
    }

    void expectContinue_gets100BeforeTheBody_thenTheAnswer()
    {
        Client client(m_listener->port());
        QVERIFY(client.connected());
        QSignalSpy readable(&client.socket, &QTcpSocket::readyRead);
        client.socket.write(
            "POST /webhook HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n");
        QVERIFY(readable.wait(10'000));
        QCOMPARE(client.answer, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        QCOMPARE(m_seen.size(), 0);
        client.socket.write("hello world");
        QVERIFY(client.waitClosed());
        QVERIFY2(client.answer.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"),
                 client.answer.constData());
        QVERIFY(client.answer.endsWith("seen 11"));
        QCOMPARE(m_seen.size(), 1);
        QCOMPARE(m_seen[0].body, QByteArray("hello world"));
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
        QCOMPARE(m_listener->bufferedBytes(), 0); // the body went with the handler's call

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
        QVERIFY(QTest::qWaitFor([&] { return m_listener->connectionCount() == 0; }, 10'000));
    }

    // A client that keeps sending, a byte at a time, is cut at the phase's deadline all the same
    // (an idle timeout would never fire); a handler that never answers gets its connection
    // answered 503 so the sender tries again.
    void slowClient_isClosedAtTheDeadline_data()
    {
        QTest::addColumn<QByteArray>("sentAtOnce");
        QTest::addColumn<QByteArray>("trickled");
        QTest::addColumn<QByteArray>("statusLine");
        QTest::addColumn<int>("seen");
        QTest::newRow("headers") << QByteArray("POST /webhook HTTP/1.1\r\n")
                                 << QByteArray("X-Slow: " + QByteArray(1000, 'a'))
                                 << QByteArray("HTTP/1.1 408") << 0;
        QTest::newRow("body") << QByteArray("POST /webhook HTTP/1.1\r\nContent-Length: 1000\r\n\r\n")
                              << QByteArray(1000, 'b') << QByteArray("HTTP/1.1 408") << 0;
        QTest::newRow("silent") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part")
                                << QByteArray() << QByteArray("HTTP/1.1 408") << 0;
        QTest::newRow("handler-never-answers")
            << QByteArray("POST /later HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi") << QByteArray()
            << QByteArray("HTTP/1.1 503") << 1;
    }
    void slowClient_isClosedAtTheDeadline()
    {
        QFETCH(QByteArray, sentAtOnce);
        QFETCH(QByteArray, trickled);
        QFETCH(QByteArray, statusLine);
        QFETCH(int, seen);
        constexpr int kDeadlineMs = 300;
        HttpListener::Limits limits;
        limits.headerDeadline = std::chrono::milliseconds(kDeadlineMs);
        limits.bodyDeadline = std::chrono::milliseconds(kDeadlineMs);
        limits.answerDeadline = std::chrono::milliseconds(kDeadlineMs);
        m_listener->setLimits(limits);

        Client client(m_listener->port());
        QVERIFY(client.connected());
        QElapsedTimer elapsed;
        elapsed.start();
        client.socket.write(sentAtOnce);
        qsizetype next = 0;
        QTimer trickle;
        connect(&trickle, &QTimer::timeout, &client.socket, [&] {
            if (next < trickled.size() && client.socket.state() == QAbstractSocket::ConnectedState)
                client.socket.write(trickled.mid(next++, 1));
        });
        trickle.start(20);
        // The bound is the deadline and then some; the trickle alone would take 20 s.
        QVERIFY(client.waitClosed(10'000));
        QVERIFY2(elapsed.elapsed() >= kDeadlineMs * 9 / 10,
                 QByteArray::number(elapsed.elapsed()).constData());
        QVERIFY2(client.answer.startsWith(statusLine), client.answer.constData());
        QCOMPARE(m_seen.size(), seen);
        QVERIFY(QTest::qWaitFor([&] { return m_listener->connectionCount() == 0; }, 10'000));
        QCOMPARE(m_listener->bufferedBytes(), 0);
    }

    void connectionsOverTheCap_areAnswered503_andTheOthersGoOn()
    {
        HttpListener::Limits limits;
        limits.maxConnections = 2;
        m_listener->setLimits(limits);
        Client first(m_listener->port());
        Client second(m_listener->port());
        QVERIFY(first.connected());
        QVERIFY(second.connected());
        QVERIFY(QTest::qWaitFor([&] { return m_listener->connectionCount() == 2; }, 10'000));

        Client third(m_listener->port());
        QVERIFY(third.connected());
        QVERIFY(third.waitClosed());
        QVERIFY2(third.answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), third.answer.constData());
        QCOMPARE(m_listener->connectionCount(), 2);

        first.socket.write(post("hello"));
        QVERIFY(first.waitClosed());
        QVERIFY2(first.answer.startsWith("HTTP/1.1 200 OK\r\n"), first.answer.constData());
        QVERIFY(QTest::qWaitFor([&] { return m_listener->connectionCount() == 1; }, 10'000));
        Client fourth(m_listener->port()); // room again
        QVERIFY(fourth.connected());
        fourth.socket.write(post("again"));
        QVERIFY(fourth.waitClosed());
        QVERIFY2(fourth.answer.startsWith("HTTP/1.1 200 OK\r\n"), fourth.answer.constData());
        QCOMPARE(m_seen.size(), 2);
    }

    // Large bodies cannot take the budget's last reservedBytes: with a large body held, another
    // large one is shed while a small one (what Meta sends) still gets in.
    void largeBodies_leaveTheReserveToSmallRequests()
    {
        HttpListener::Limits limits;
        limits.maxBufferedBytes = 4096;
        limits.reservedBytes = 1024;
        limits.largeBodyBytes = 256;
        limits.maxBodyBytes = 4096;
        m_listener->setLimits(limits);

        Client holder(m_listener->port());
        QVERIFY(holder.connected());
        holder.socket.write("POST /webhook HTTP/1.1\r\nContent-Length: 2500\r\n\r\npart of it");
        QVERIFY(QTest::qWaitFor([&] { return m_listener->bufferedBytes() > 2500; }, 10'000));

        Client large(m_listener->port()); // would fit the whole budget, not the part left to large ones
        QVERIFY(large.connected());
        large.socket.write("POST /webhook HTTP/1.1\r\nContent-Length: 1000\r\n\r\nstart");
        QVERIFY(large.waitClosed());
        QVERIFY2(large.answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), large.answer.constData());

        Client small(m_listener->port());
        QVERIFY(small.connected());
        small.socket.write(post(QByteArray(200, 's')));
        QVERIFY(small.waitClosed());
        QVERIFY2(small.answer.startsWith("HTTP/1.1 200 OK\r\n"), small.answer.constData());
        QCOMPARE(m_seen.size(), 1);
        QVERIFY(m_listener->peakBufferedBytes() <= limits.maxBufferedBytes);
    }

    // 200 clients each send a 1 MB unsigned body at once (what took the process from 30 to 285
    // MiB): what the listener holds stays within its budget, the excess is answered 503, and a
    // signed event sent in the middle of it is still read, verified and answered 200. The
    // flooders send half their body and hold the rest until the signed event is answered, so
    // the budget is as full as they can make it while it comes in.
    void flood_ofUnsignedMegabyteBodies_staysBounded_andASignedEventGetsThrough()
    {
        constexpr int kClients = 200;
        constexpr qsizetype kBodyBytes = 1024 * 1024;
        int verified = 0;
        int refused = 0;
        HttpListener listener([&](const InboundHttpRequest& r, const HttpListener::Respond& respond) {
            if (verifySignature(kSecret, r.body, r.headers.value("x-hub-signature-256"))) {
                ++verified;
                respond({200, "ok\n"});
            } else {
                ++refused;
                respond({403, "invalid signature\n"});
            }
        });
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0).isEmpty());
        const HttpListener::Limits& limits = listener.limits();
        QVERIFY(kClients < limits.maxConnections); // the byte budget is what is tried here

        // Each client writes its body as the socket drains, so the test itself stays small.
        const QByteArray chunk(64 * 1024, 'x');
        const QByteArray head =
            "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            QByteArray::number(kBodyBytes) + "\r\n\r\n";
        struct Flooder
        {
            QTcpSocket socket;
            qsizetype sent = 0;
            QByteArray answer;
            bool done = false;
            std::function<void()> pump; // writes what may be sent and fits the socket's buffer
        };
        std::vector<std::unique_ptr<Flooder>> flooders;
        int finished = 0;
        qsizetype allowed = kBodyBytes / 2;
        for (int i = 0; i < kClients; ++i) {
            auto f = std::make_unique<Flooder>();
            Flooder* raw = f.get();
            raw->pump = [raw, &chunk, &allowed] {
                while (raw->sent < allowed && raw->socket.bytesToWrite() < 2 * chunk.size() &&
                       raw->socket.state() == QAbstractSocket::ConnectedState) {
                    raw->socket.write(chunk.left(std::min(chunk.size(), kBodyBytes - raw->sent)));
                    raw->sent += chunk.size();
                }
            };
            connect(&raw->socket, &QTcpSocket::connected, &raw->socket, [raw, &head] {
                raw->socket.write(head);
                raw->pump();
            });
            connect(&raw->socket, &QTcpSocket::bytesWritten, &raw->socket, [raw] { raw->pump(); });
            connect(&raw->socket, &QTcpSocket::readyRead, &raw->socket,
                    [raw] { raw->answer += raw->socket.readAll(); });
            auto end = [raw, &finished] {
                if (!raw->done) {
                    raw->done = true;
                    ++finished;
                }
            };
            connect(&raw->socket, &QTcpSocket::disconnected, &raw->socket, end);
            connect(&raw->socket, &QTcpSocket::errorOccurred, &raw->socket, end);
            raw->socket.connectToHost(QHostAddress::LocalHost, listener.port());
            flooders.push_back(std::move(f));
        }

        // In the thick of it: the share large bodies may take is all but used up.
        const qsizetype largeShare = limits.maxBufferedBytes - limits.reservedBytes;
        QVERIFY2(QTest::qWaitFor([&] { return listener.bufferedBytes() > largeShare - kBodyBytes; }, 30'000),
                 QByteArray::number(listener.bufferedBytes()).constData());
        Client signedEvent(listener.port());
        QVERIFY(signedEvent.connected());
        signedEvent.socket.write(
            post(kEvent, "X-Hub-Signature-256: " + signatureHeaderValue(kSecret, kEvent) + "\r\n"));
        QVERIFY(signedEvent.waitClosed(30'000));
        QVERIFY2(signedEvent.answer.startsWith("HTTP/1.1 200 OK\r\n"), signedEvent.answer.constData());
        QCOMPARE(verified, 1);
        QCOMPARE(refused, 0); // no flooder got its whole body in yet

        allowed = kBodyBytes;
        for (const auto& f : flooders)
            f->pump();
        QVERIFY2(QTest::qWaitFor([&] { return finished == kClients; }, 120'000),
                 QByteArray::number(finished).constData());
        int shed = 0;
        for (const auto& f : flooders)
            shed += f->answer.startsWith("HTTP/1.1 503") ? 1 : 0;
        qInfo("%d of %d flooders shed with 503, %d read and refused 403; at most %lld bytes held", shed,
              kClients, refused, qlonglong(listener.peakBufferedBytes()));
        QVERIFY(shed > 0);
        QVERIFY(refused > 0);
        QCOMPARE(verified, 1);
        QVERIFY2(listener.peakBufferedBytes() <= limits.maxBufferedBytes,
                 QByteArray::number(listener.peakBufferedBytes()).constData());
        QVERIFY(QTest::qWaitFor([&] { return listener.connectionCount() == 0; }, 20'000));
        QCOMPARE(listener.bufferedBytes(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_HttpListener)
#include "tst_httplistener.moc"
