// SPDX-License-Identifier: Apache-2.0
#include "channelregistry.h"
#include "channelstate.h"
#include "conversationengine.h"
#include "localhttpserver.h"
#include "ruleagent.h"
#include "signature.h"
#include "telegramchannel.h"
#include "testdatabase.h"
#include "whatsappchannel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace zapito;
using test::RecordedRequest;
using test::ScriptedResponse;

namespace {

const QByteArray kAppSecret = "locked-app-secret";

QByteArray whatsappEvent(const QString& messageId)
{
    const QJsonObject message{
        {QStringLiteral("from"), QStringLiteral("5521988887777")},
        {QStringLiteral("id"), messageId},
        {QStringLiteral("timestamp"), QStringLiteral("1751371181")},
        {QStringLiteral("type"), QStringLiteral("text")},
        {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), QStringLiteral("Olá")}}}};
    const QJsonObject value{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                            {QStringLiteral("messages"), QJsonArray{message}}};
    const QJsonObject change{{QStringLiteral("value"), value},
                             {QStringLiteral("field"), QStringLiteral("messages")}};
    const QJsonObject entry{{QStringLiteral("changes"), QJsonArray{change}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
                                     {QStringLiteral("entry"), QJsonArray{entry}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray telegramUpdate(qint64 updateId)
{
    const QJsonObject chat{{QStringLiteral("id"), 42}};
    const QJsonObject from{{QStringLiteral("id"), 42},
                           {QStringLiteral("first_name"), QStringLiteral("Maria")}};
    const QJsonObject message{{QStringLiteral("message_id"), 7},
                              {QStringLiteral("from"), from},
                              {QStringLiteral("chat"), chat},
                              {QStringLiteral("date"), 1751371181},
                              {QStringLiteral("text"), QStringLiteral("hello")}};
    const QJsonObject update{{QStringLiteral("update_id"), updateId}, {QStringLiteral("message"), message}};
    return QJsonDocument(
               QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("result"), QJsonArray{update}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

// The acknowledgement promise against a real locked database (another connection holds
// BEGIN EXCLUSIVE): WhatsApp is answered 503 and Telegram's offset stays, so both channels
// redeliver; once the lock is gone the message is stored exactly once and acknowledged.
class tst_LockedDatabase : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    ChannelRegistry m_registry;
    RuleAgent m_agent;
    std::unique_ptr<ConversationEngine> m_engine;
    QSqlDatabase m_locker;

    ChannelConnector::InboundSink sink()
    {
        return [this](const CustomerMessage& message, const ChannelConnector::Committed& committed) {
            m_engine->receive(message, committed);
        };
    }
    int customerMessages()
    {
        QSqlQuery q(m_db->connection());
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM messages WHERE role = 'user'")) && q.next()
                   ? q.value(0).toInt()
                   : -1;
    }
    void lock() { QVERIFY(QSqlQuery(m_locker).exec(QStringLiteral("BEGIN EXCLUSIVE"))); }
    void unlock() { QVERIFY(QSqlQuery(m_locker).exec(QStringLiteral("ROLLBACK"))); }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        Database::Options options;
        options.busyTimeoutMs = 50; // a refused commit comes back at once
        m_db = m_tmp->open(options);
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_engine = std::make_unique<ConversationEngine>(*m_store, m_agent, m_registry,
                                                        m_store->ensureBot(QStringLiteral("Luna")).value());
        m_locker = m_db->openExtraConnection(QStringLiteral("locker"));
        QVERIFY(m_locker.isOpen());
    }
    void cleanup()
    {
        m_locker.close();
        m_locker = {};
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        m_engine.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void whatsapp_lockedDatabase_answers503_thenStoresOnceWhenItFrees()
    {
        WhatsAppChannel whatsapp;
        whatsapp.setInboundSink(sink());
        WhatsAppConfig config;
        config.enabled = true;
        config.listenPort = 0;
        config.appSecret = QString::fromLatin1(kAppSecret);
        whatsapp.configure(config);
        QVERIFY(whatsapp.listeningPort() > 0);
        QNetworkAccessManager client;
        const QByteArray body = whatsappEvent(QStringLiteral("wamid.locked"));
        const auto post = [&] {
            QNetworkRequest request(
                QUrl(QStringLiteral("http://127.0.0.1:%1/webhook").arg(whatsapp.listeningPort())));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            request.setRawHeader("X-Hub-Signature-256", signatureHeaderValue(kAppSecret, body));
            QNetworkReply* reply = client.post(request, body);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            const bool done = reply->isFinished() || finished.wait(10'000);
            reply->deleteLater();
            return done ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
        };

        lock();
        QCOMPARE(post(), 503); // Meta retries anything but a 2xx
        unlock();
        QCOMPARE(customerMessages(), 0);
        QCOMPARE(post(), 200); // Meta's retry
        QCOMPARE(post(), 200); // and a redelivery of the same message
        QCOMPARE(customerMessages(), 1);
    }

    void telegram_lockedDatabase_holdsTheOffset_thenStoresOnceWhenItFrees()
    {
        test::LocalHttpServer api;
        QVERIFY(api.listen());
        QList<qint64> offsetsAsked; // the offset each getUpdates asked from (0: none)
        api.setHandler([&offsetsAsked](const RecordedRequest& r) {
            if (r.path.contains("/getMe"))
                return ScriptedResponse::json(
                    200, R"({"ok":true,"result":{"id":7,"is_bot":true,"first_name":"Luna"}})");
            const QUrlQuery query(QUrl(QString::fromLatin1(r.path)).query());
            const qint64 offset = query.queryItemValue(QStringLiteral("offset")).toLongLong();
            offsetsAsked.append(offset);
            // As Telegram does: an update is served again until an offset past it is asked for.
            if (offset <= 501)
                return ScriptedResponse::json(200, telegramUpdate(501));
            return ScriptedResponse::json(200, R"({"ok":true,"result":[]})")
                .after(std::chrono::milliseconds(50));
        });
        ChannelState state(*m_db);
        TelegramChannel telegram(state);
        telegram.setInboundSink(sink());
        telegram.setBackoff(10, 40, 5);
        TelegramConfig config;
        config.enabled = true;
        config.apiBase = api.url(QStringLiteral("/")).toString();
        config.botToken = QStringLiteral("1:locked-test-token");
        config.pollTimeoutSeconds = 1;

        lock();
        QSignalSpy polled(&api, &test::LocalHttpServer::requestReceived);
        telegram.configure(config);
        // Three polls while locked: the update is offered each time and never acknowledged.
        while (offsetsAsked.size() < 3)
            QVERIFY(polled.wait(10'000));
        for (qint64 offset : std::as_const(offsetsAsked))
            QVERIFY2(offset <= 501, qPrintable(QString::number(offset)));
        unlock();
        QCOMPARE(customerMessages(), 0);

        while (!offsetsAsked.contains(502))
            QVERIFY(polled.wait(10'000));
        telegram.stop();
        QCOMPARE(customerMessages(), 1);
        QCOMPARE(state.value(QLatin1String(TelegramChannel::kOffsetKey)), QStringLiteral("502"));
    }
};

QTEST_GUILESS_MAIN(tst_LockedDatabase)
#include "tst_lockeddatabase.moc"
