// SPDX-License-Identifier: Apache-2.0
#include "fakeinboundsink.h"
#include "localhttpserver.h"
#include "signature.h"
#include "whatsappchannel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace zapito;
using test::FakeInboundSink;
using test::ScriptedResponse;

namespace {

const QString kAppSecret = QStringLiteral("test-app-secret-not-real");
const QString kVerifyToken = QStringLiteral("verify-me-please");
const QString kAccessToken = QStringLiteral("EAAG-test-access-token");

QByteArray whatsappEvent(const QByteArray& messageId, const QByteArray& text,
                         const QByteArray& name = "Maria")
{
    return R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":")" +
           name + R"("},"wa_id":"5511999990000"}],"messages":[{"from":"5511999990000","id":")" + messageId +
           R"(","timestamp":"1751371181","text":{"body":")" + text +
           R"("},"type":"text"}]},"field":"messages"}]}]})";
}

const QByteArray kImageEvent =
    R"({"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"contacts":[{"profile":{"name":"Ana"},"wa_id":"5521988887777"}],"messages":[{"from":"5521988887777","id":"wamid.IMG","timestamp":"1751371190","type":"image","image":{"id":"1","mime_type":"image/jpeg"}}]},"field":"messages"}]}]})";
// One message of `type` with the given JSON members, e.g. ("image", R"("image":{"id":"1"})").
QByteArray eventWith(const QByteArray& id, const QByteArray& type, const QByteArray& members)
{
    return R"({"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"contacts":[{"profile":{"name":"Ana"},"wa_id":"5521988887777"}],"messages":[{"from":"5521988887777","id":")" +
           id + R"(","timestamp":"1751371190","type":")" + type + "\"" + (members.isEmpty() ? "" : ",") +
           members + R"(}]},"field":"messages"}]}]})";
}

const QByteArray kStatusEvent =
    R"({"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{"id":"wamid.X","status":"delivered","timestamp":"1751371191","recipient_id":"5511999990000"}]},"field":"messages"}]}]})";

struct Answer
{
    int status = 0;
    QByteArray body;
};

} // namespace

// The WhatsApp Cloud API connector: the inbound listener (hub.challenge, X-Hub-Signature-256)
// over a real socket, the event parsing, and replies to a fake Graph endpoint.
class tst_WhatsAppChannel : public QObject
{
    Q_OBJECT

    std::unique_ptr<WhatsAppChannel> m_channel;
    std::unique_ptr<test::LocalHttpServer> m_graph;
    std::unique_ptr<FakeInboundSink> m_store;
    QNetworkAccessManager m_client;

    WhatsAppConfig config() const
    {
        WhatsAppConfig c;
        c.enabled = true;
        c.listenPort = 0; // any free port on 127.0.0.1
        c.graphBase = m_graph->url(QStringLiteral("/v19.0")).toString();
        c.phoneNumberId = QStringLiteral("106540352242922");
        c.verifyToken = kVerifyToken;
        c.appSecret = kAppSecret;
        c.accessToken = kAccessToken;
        return c;
    }
    QUrl listenerUrl(const QString& pathAndQuery = QStringLiteral("/webhook")) const
    {
        return QUrl(
            QStringLiteral("http://127.0.0.1:%1%2").arg(m_channel->listeningPort()).arg(pathAndQuery));
    }
    Answer exchange(QNetworkReply* reply)
    {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(20'000))
            qFatal("no answer from the listener");
        Answer a{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
        reply->deleteLater();
        return a;
    }
    QNetworkReply* startPost(const QByteArray& body, const std::optional<QByteArray>& signature)
    {
        QNetworkRequest request(listenerUrl());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (signature)
            request.setRawHeader("X-Hub-Signature-256", *signature);
        return m_client.post(request, body);
    }
    Answer post(const QByteArray& body, const std::optional<QByteArray>& signature)
    {
        return exchange(startPost(body, signature));
    }
    Answer get(const QString& pathAndQuery)
    {
        return exchange(m_client.get(QNetworkRequest(listenerUrl(pathAndQuery))));
    }
    static QByteArray sign(const QByteArray& body, const QString& secret = kAppSecret)
    {
        return signatureHeaderValue(secret.toUtf8(), body);
    }

private slots:
    void init()
    {
        m_graph = std::make_unique<test::LocalHttpServer>();
        QVERIFY(m_graph->listen());
        m_store = std::make_unique<FakeInboundSink>();
        m_channel = std::make_unique<WhatsAppChannel>();
        m_channel->setInboundSink(m_store->sink());
        m_channel->configure(config());
        QCOMPARE(m_channel->status().state, ConnectorStatus::State::Connected);
        QVERIFY(m_channel->listeningPort() != 0);
    }
    void cleanup()
    {
        m_channel.reset();
        m_store.reset();
        m_graph.reset();
    }

    void challenge_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("good-token-echoes-challenge")
            << "?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=1158201444" << 200
            << QByteArray("1158201444");
        QTest::newRow("bad-token-403")
            << "?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444" << 403 << QByteArray();
        QTest::newRow("missing-token-403") << "?hub.mode=subscribe&hub.challenge=1" << 403 << QByteArray();
        QTest::newRow("wrong-mode-403")
            << "?hub.mode=unsubscribe&hub.verify_token=verify-me-please&hub.challenge=1" << 403
            << QByteArray();
    }
    void challenge()
    {
        QFETCH(QString, query);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        const Answer a = get(QStringLiteral("/webhook") + query);
        QCOMPARE(a.status, status);
        if (status == 200)
            QCOMPARE(a.body, body);
        else
            QVERIFY(!a.body.contains("1158201444"));
    }

    void post_signature_data()
    {
        QTest::addColumn<int>(
            "signatureKind"); // 0 valid, 1 wrong secret, 2 missing, 3 malformed, 4 body changed
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("messages");
        QTest::newRow("valid") << 0 << 200 << 1;
        QTest::newRow("signed-with-another-secret") << 1 << 403 << 0;
        QTest::newRow("missing-signature") << 2 << 403 << 0;
        QTest::newRow("malformed-signature") << 3 << 403 << 0;
        QTest::newRow("body-changed-after-signing") << 4 << 403 << 0;
    }
    void post_signature()
    {
        QFETCH(int, signatureKind);
        QFETCH(int, status);
        QFETCH(int, messages);
        QByteArray body = whatsappEvent("wamid.1", "Hello");
        std::optional<QByteArray> signature = sign(body);
        if (signatureKind == 1)
            signature = sign(body, QStringLiteral("another-secret"));
        else if (signatureKind == 2)
            signature.reset();
        else if (signatureKind == 3)
            signature = QByteArray("sha256=zz");
        else if (signatureKind == 4)
            body.replace("Hello", "Hellp");
        const Answer a = post(body, signature);
        QCOMPARE(a.status, status);
        QCOMPARE(m_store->stored.size(), messages);
        if (messages) {
            const CustomerMessage m = m_store->stored.at(0);
            QCOMPARE(m.channel, QStringLiteral("whatsapp"));
            QCOMPARE(m.externalId, QStringLiteral("5511999990000"));
            QCOMPARE(m.contactName, QStringLiteral("Maria"));
            QCOMPARE(m.text, QStringLiteral("Hello"));
            QCOMPARE(m.externalMessageId, QStringLiteral("wamid.1"));
            QCOMPARE(m.at.toSecsSinceEpoch(), 1751371181);
        }
    }

    // A raw request, as a proxy in front could pass it on: a correctly signed event with its
    // length given twice. Whichever length a reader picks, the two disagree on where the request
    // ends, so it is refused and nothing is stored (the last one used to win).
    void signedEvent_withTwoContentLengths_is400_andNothingStored_data()
    {
        const QByteArray body = whatsappEvent("wamid.CL", "Hello");
        const QByteArray length = QByteArray::number(body.size());
        QTest::addColumn<QByteArray>("lengthHeaders");
        QTest::addColumn<QByteArray>("statusLine");
        QTest::addColumn<int>("stored");
        QTest::newRow("one-length-is-stored") << "Content-Length: " + length + "\r\n"
                                              << QByteArray("HTTP/1.1 200 OK") << 1;
        QTest::newRow("the-last-is-the-event") << "Content-Length: 2\r\nContent-Length: " + length + "\r\n"
                                               << QByteArray("HTTP/1.1 400") << 0;
        QTest::newRow("the-first-is-the-event") << "Content-Length: " + length + "\r\nContent-Length: 2\r\n"
                                                << QByteArray("HTTP/1.1 400") << 0;
        QTest::newRow("the-same-twice")
            << "Content-Length: " + length + "\r\nContent-Length: " + length + "\r\n"
            << QByteArray("HTTP/1.1 400") << 0;
        QTest::newRow("with-transfer-encoding")
            << "Transfer-Encoding: identity\r\nContent-Length: " + length + "\r\n"
            << QByteArray("HTTP/1.1 400") << 0;
    }
    void signedEvent_withTwoContentLengths_is400_andNothingStored()
    {
        QFETCH(QByteArray, lengthHeaders);
        QFETCH(QByteArray, statusLine);
        QFETCH(int, stored);
        const QByteArray body = whatsappEvent("wamid.CL", "Hello");
        QTcpSocket socket;
        QByteArray answer;
        connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, m_channel->listeningPort());
        QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10'000));
        socket.write("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "X-Hub-Signature-256: " +
                     sign(body) + "\r\n" + lengthHeaders + "\r\n" + body);
        QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 20'000));
        answer += socket.readAll();
        QVERIFY2(answer.startsWith(statusLine), answer.constData());
        QCOMPARE(m_store->offered.size(), stored);
        QCOMPARE(m_store->stored.size(), stored);
    }

    void post_nonTextAndStatuses()
    {
        QCOMPARE(post(kImageEvent, sign(kImageEvent)).status, 200);
        QCOMPARE(post(kStatusEvent, sign(kStatusEvent)).status, 200); // acknowledged, ignored
        QCOMPARE(post("not json", sign("not json")).status, 200);     // acknowledged, nothing in it
        QCOMPARE(m_store->stored.size(), 1);
        const CustomerMessage m = m_store->stored.at(0);
        QCOMPARE(m.text, QStringLiteral("[Photo]"));
        QCOMPARE(m.contactName, QStringLiteral("Ana"));
    }

    void post_messageWithoutText_getsPlaceholder_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("members");
        QTest::addColumn<QString>("text");
        QTest::newRow("image") << QByteArray("image") << QByteArray(R"("image":{"id":"1"})") << "[Photo]";
        QTest::newRow("image-with-caption")
            << QByteArray("image") << QByteArray(R"("image":{"id":"1","caption":"my receipt"})")
            << "[Photo] my receipt";
        QTest::newRow("voice-note") << QByteArray("audio") << QByteArray(R"("audio":{"id":"2","voice":true})")
                                    << "[Voice message]";
        QTest::newRow("audio-file") << QByteArray("audio") << QByteArray(R"("audio":{"id":"2"})")
                                    << "[Audio]";
        QTest::newRow("video") << QByteArray("video") << QByteArray(R"("video":{"id":"3"})") << "[Video]";
        QTest::newRow("sticker") << QByteArray("sticker") << QByteArray(R"("sticker":{"id":"4"})")
                                 << "[Sticker]";
        QTest::newRow("document") << QByteArray("document")
                                  << QByteArray(R"("document":{"id":"5","caption":"invoice"})")
                                  << "[Document] invoice";
        QTest::newRow("location") << QByteArray("location")
                                  << QByteArray(R"("location":{"latitude":-23.5,"longitude":-46.6})")
                                  << "[Location]";
        QTest::newRow("contacts") << QByteArray("contacts") << QByteArray(R"("contacts":[{"name":{}}])")
                                  << "[Contact]";
        QTest::newRow("reaction") << QByteArray("reaction")
                                  << QByteArray(R"("reaction":{"message_id":"wamid.A","emoji":"👍"})")
                                  << "[Reaction] 👍";
        QTest::newRow("unsupported") << QByteArray("unsupported")
                                     << QByteArray(R"("errors":[{"code":131051}])")
                                     << "[Unsupported message]";
        QTest::newRow("unknown-type") << QByteArray("hologram") << QByteArray() << "[Unsupported message]";
        QTest::newRow("text-without-body")
            << QByteArray("text") << QByteArray(R"("text":{})") << "[Empty message]";
        QTest::newRow("text-null-body")
            << QByteArray("text") << QByteArray(R"("text":{"body":null})") << "[Empty message]";
        QTest::newRow("text-missing-object") << QByteArray("text") << QByteArray() << "[Empty message]";
        QTest::newRow("no-type-at-all") << QByteArray("") << QByteArray() << "[Unsupported message]";
    }
    void post_messageWithoutText_getsPlaceholder()
    {
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, members);
        QFETCH(QString, text);
        const QByteArray body = eventWith("wamid.P", type, members);
        QCOMPARE(post(body, sign(body)).status, 200);
        QCOMPARE(m_store->stored.size(), 1);
        QCOMPARE(m_store->stored.at(0).text, text);
        QCOMPARE(m_store->stored.at(0).externalMessageId, QStringLiteral("wamid.P"));
    }

    void post_sinkFails_answers503AndStoresNothing_thenMetaRetryGets200()
    {
        const QByteArray body = whatsappEvent("wamid.LOCKED", "Are you open?");
        m_store->mode = FakeInboundSink::Mode::Fail;
        QCOMPARE(post(body, sign(body)).status, 503);
        QCOMPARE(m_store->offered.size(), 1);
        QVERIFY(m_store->stored.isEmpty());

        // Meta delivers the same event again; this time the store takes it.
        m_store->mode = FakeInboundSink::Mode::Commit;
        QCOMPARE(post(body, sign(body)).status, 200);
        QCOMPARE(m_store->stored.size(), 1);
        QCOMPARE(m_store->stored.at(0).externalMessageId, QStringLiteral("wamid.LOCKED"));
        QCOMPARE(m_store->stored.at(0).text, QStringLiteral("Are you open?"));
    }

    void post_oneOfTwoMessagesFails_answers503()
    {
        QByteArray body = whatsappEvent("wamid.A", "first");
        // A second message in the same change, as Meta batches them.
        body.replace(
            R"(,"type":"text"}])",
            R"(,"type":"text"},{"from":"5511999990000","id":"wamid.B","timestamp":"1751371182","text":{"body":"second"},"type":"text"}])");
        m_store->mode = FakeInboundSink::Mode::Hold;
        QNetworkReply* reply = startPost(body, sign(body));
        QTRY_COMPARE_WITH_TIMEOUT(m_store->held.size(), 1, 20'000);
        m_store->release(true); // the first is stored …
        QCOMPARE(m_store->held.size(), 1);
        QCOMPARE(m_store->held.at(0).first.externalMessageId, QStringLiteral("wamid.B"));
        m_store->release(false); // … the second is not: Meta must send the event again
        QCOMPARE(exchange(reply).status, 503);
        QCOMPARE(m_store->stored.size(), 1);

        m_store->mode = FakeInboundSink::Mode::Commit;
        QCOMPARE(post(body, sign(body)).status, 200);
        QCOMPARE(m_store->stored.size(), 2); // wamid.A once, then wamid.B
        QCOMPARE(m_store->stored.at(1).externalMessageId, QStringLiteral("wamid.B"));
    }

    void post_asynchronousCommit_answers200OnlyAfterIt()
    {
        const QByteArray body = whatsappEvent("wamid.SLOW", "Hello");
        m_store->mode = FakeInboundSink::Mode::Hold;
        QNetworkReply* reply = startPost(body, sign(body));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QTRY_COMPARE_WITH_TIMEOUT(m_store->held.size(), 1, 20'000);
        // Held: no answer goes out while the message is not committed.
        QVERIFY(!finished.wait(300));
        QVERIFY(!reply->isFinished());

        m_store->release(true);
        const Answer a = exchange(reply);
        QCOMPARE(a.status, 200);
        QCOMPARE(m_store->stored.size(), 1);
    }

    void post_withoutSink_answers503()
    {
        WhatsAppConfig c = config();
        WhatsAppChannel unwired; // nobody stores what it receives
        unwired.configure(c);
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/webhook").arg(unwired.listeningPort())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QByteArray body = whatsappEvent("wamid.NOBODY", "Hello");
        request.setRawHeader("X-Hub-Signature-256", sign(body));
        QCOMPARE(exchange(m_client.post(request, body)).status, 503);
    }

    void post_repeatedMessageId_keepsItsId()
    {
        // The store keeps one row per (conversation, external id); the connector's job is to
        // pass the same id both times (tst_channelsendtoend checks it is stored once).
        const QByteArray body = whatsappEvent("wamid.SAME", "Twice");
        QCOMPARE(post(body, sign(body)).status, 200);
        QCOMPARE(post(body, sign(body)).status, 200);
        QCOMPARE(m_store->offered.size(), 2);
        QCOMPARE(m_store->offered[0].externalMessageId, m_store->offered[1].externalMessageId);
    }

    void otherMethods_areRefused()
    {
        QNetworkRequest request(listenerUrl());
        const Answer a = exchange(m_client.sendCustomRequest(request, "DELETE"));
        QCOMPARE(a.status, 405);
    }

    void send_postsToGraph()
    {
        m_graph->enqueue(ScriptedResponse::json(
            200,
            R"({"messaging_product":"whatsapp","contacts":[{"input":"5511999990000","wa_id":"5511999990000"}],"messages":[{"id":"wamid.OUT"}]})"));
        std::optional<SendResult> result;
        m_channel->send(QStringLiteral("5511999990000"), QStringLiteral("Olá!"),
                        [&](SendResult r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QVERIFY2(result->ok, qPrintable(result->error));
        const test::RecordedRequest sent = m_graph->lastRequest();
        QCOMPARE(sent.path, QByteArray("/v19.0/106540352242922/messages"));
        QVERIFY(sent.header("authorization") == "Bearer " + kAccessToken.toUtf8());
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(QStringLiteral("messaging_product")).toString(), QStringLiteral("whatsapp"));
        QCOMPARE(body.value(QStringLiteral("to")).toString(), QStringLiteral("5511999990000"));
        QCOMPARE(body.value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString(),
                 QStringLiteral("Olá!"));
    }

    void send_refusedToken_showsInStatus()
    {
        m_graph->enqueue(ScriptedResponse::json(
            401,
            R"({"error":{"message":"Error validating access token","type":"OAuthException","code":190}})"));
        std::optional<SendResult> result;
        m_channel->send(QStringLiteral("5511999990000"), QStringLiteral("hi"),
                        [&](SendResult r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QVERIFY(!result->ok);
        QVERIFY2(result->error.contains(QStringLiteral("access token")), qPrintable(result->error));
        QCOMPARE(m_channel->status().state, ConnectorStatus::State::Problem);
        QVERIFY(!m_channel->status().text.contains(kAccessToken));
    }

    void portInUse_isAProblemStatus()
    {
        WhatsAppConfig c = config();
        c.listenPort = m_channel->listeningPort();
        WhatsAppChannel second;
        second.configure(c);
        QCOMPARE(second.status().state, ConnectorStatus::State::Problem);
        QVERIFY2(second.status().text.contains(QString::number(c.listenPort)),
                 qPrintable(second.status().text));
    }

    void noAppSecret_doesNotListen()
    {
        WhatsAppConfig c = config();
        c.appSecret.clear();
        WhatsAppChannel unconfigured;
        unconfigured.configure(c);
        QCOMPARE(unconfigured.status().state, ConnectorStatus::State::Off);
        QCOMPARE(unconfigured.listeningPort(), quint16(0));
    }
};

QTEST_GUILESS_MAIN(tst_WhatsAppChannel)
#include "tst_whatsappchannel.moc"
