// SPDX-License-Identifier: Apache-2.0
#include "channelregistry.h"
#include "connectorhub.h"
#include "conversationengine.h"
#include "conversationstore.h"
#include "deliverystore.h"
#include "localhttpserver.h"
#include "ruleagent.h"
#include "secretstore.h"
#include "signature.h"
#include "testdatabase.h"
#include "webhookdispatcher.h"
#include "webhooksettings.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace zapito;
using test::RecordedRequest;
using test::ScriptedResponse;

namespace {

constexpr int kWaitMs = 30'000;
const QString kTelegramToken = QStringLiteral("999:e2e-token-not-real");
const QString kAppSecret = QStringLiteral("e2e-app-secret");
const QString kAccessToken = QStringLiteral("e2e-access-token");
const QString kSigningSecret = QStringLiteral("e2e-webhook-signing-secret");

QByteArray telegramUpdate(qint64 updateId, qint64 messageId, const QString& text)
{
    const QJsonObject from{{QStringLiteral("id"), 42},
                           {QStringLiteral("first_name"), QStringLiteral("Maria")},
                           {QStringLiteral("last_name"), QStringLiteral("Silva")}};
    const QJsonObject message{{QStringLiteral("message_id"), messageId},
                              {QStringLiteral("from"), from},
                              {QStringLiteral("chat"), QJsonObject{{QStringLiteral("id"), 42}}},
                              {QStringLiteral("date"), 1751371181},
                              {QStringLiteral("text"), text}};
    const QJsonObject body{
        {QStringLiteral("ok"), true},
        {QStringLiteral("result"), QJsonArray{QJsonObject{{QStringLiteral("update_id"), updateId},
                                                          {QStringLiteral("message"), message}}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray whatsappEvent(const QString& messageId, const QString& text)
{
    const QJsonObject value{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("contacts"),
         QJsonArray{QJsonObject{
             {QStringLiteral("profile"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Ana")}}},
             {QStringLiteral("wa_id"), QStringLiteral("5521988887777")}}}},
        {QStringLiteral("messages"),
         QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("5521988887777")},
                                {QStringLiteral("id"), messageId},
                                {QStringLiteral("timestamp"), QStringLiteral("1751371181")},
                                {QStringLiteral("type"), QStringLiteral("text")},
                                {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), text}}}}}}};
    const QJsonObject body{
        {QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
        {QStringLiteral("entry"),
         QJsonArray{
             QJsonObject{{QStringLiteral("changes"),
                          QJsonArray{QJsonObject{{QStringLiteral("value"), value},
                                                 {QStringLiteral("field"), QStringLiteral("messages")}}}}}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray modelText(const QString& text)
{
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), text}};
    return QJsonDocument(QJsonObject{{QStringLiteral("choices"),
                                      QJsonArray{QJsonObject{{QStringLiteral("message"), message}}}}})
        .toJson(QJsonDocument::Compact);
}

const QByteArray kModelRequestHuman =
    R"({"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"request_human","arguments":"{}"}}]}}]})";
const QByteArray kModelNoQuota =
    R"({"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}})";

} // namespace

// Each of the four handoff reasons, end to end: a customer message arrives through a real
// connector (Telegram long polling or a signed WhatsApp POST), the agent decides (flow or a
// fake model), the handoff message reaches the customer's channel FIRST, and then the signed
// webhook arrives at a local HTTP server. Resolving gives the conversation back to the bot.
class tst_ChannelsEndToEnd : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<DeliveryStore> m_deliveries;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<WebhookSettings> m_webhookSettings;
    std::unique_ptr<WebhookDispatcher> m_dispatcher;
    ChannelRegistry m_registry;
    RuleAgent m_placeholderAgent;
    std::unique_ptr<ConversationEngine> m_engine;
    std::unique_ptr<ConnectorHub> m_hub;

    std::unique_ptr<test::LocalHttpServer> m_telegramApi;
    std::unique_ptr<test::LocalHttpServer> m_graphApi;
    std::unique_ptr<test::LocalHttpServer> m_model;
    std::unique_ptr<test::LocalHttpServer> m_receiver;
    QList<QByteArray> m_pendingUpdates; // served to the next getUpdates
    QStringList m_order;                // what reached each fake, in order
    QNetworkAccessManager m_client;

    // Helpers report and return false; the test checks what they return (a QVERIFY or QFAIL in
    // a helper would only leave the helper, and the test would carry on).
    [[nodiscard]] static bool waitFor(const std::function<bool()>& condition, const char* what)
    {
        if (QTest::qWaitFor(condition, kWaitMs))
            return true;
        qWarning("timed out: %s", what);
        return false;
    }
    [[nodiscard]] bool writeSecret(const char* key, const QString& value)
    {
        std::optional<QString> answer;
        m_secrets->write(QLatin1String(key), value, [&](const QString& error) { answer = error; });
        if (!waitFor([&] { return answer.has_value(); }, "secret not written"))
            return false;
        if (!answer->isEmpty())
            qWarning("secret %s not written: %s", key, qPrintable(*answer));
        return answer->isEmpty();
    }
    [[nodiscard]] bool configure(const BotConfig& bot)
    {
        m_hub->botSettings().setConfig(bot);
        QSignalSpy ready(m_hub.get(), &ConnectorHub::ready);
        m_hub->reload();
        return ready.wait(kWaitMs);
    }
    BotConfig botWithModel() const
    {
        BotConfig bot;
        bot.modelBaseUrl = m_model->url(QStringLiteral("/v1")).toString();
        bot.modelName = QStringLiteral("e2e-model");
        bot.modelTimeoutMs = 10'000;
        FlowRule rule; // the flow's handoff node
        rule.pattern = QStringLiteral("human");
        rule.action = FlowRule::Action::Handoff;
        bot.rules = {rule};
        return bot;
    }
    int postWhatsApp(const QByteArray& body)
    {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/webhook").arg(m_hub->whatsapp().listeningPort())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("X-Hub-Signature-256", signatureHeaderValue(kAppSecret.toUtf8(), body));
        QNetworkReply* reply = m_client.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(kWaitMs))
            return 0;
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
    void telegramSays(const QString& text)
    {
        static qint64 updateId = 1000;
        ++updateId;
        m_pendingUpdates.append(telegramUpdate(updateId, updateId, text));
    }
    // The count-th webhook's body, once it arrived with a signature that verifies; nullopt (and
    // the reason on the log) otherwise.
    [[nodiscard]] std::optional<QJsonObject> waitForWebhook(int count)
    {
        if (!waitFor([&] { return m_receiver->requestCount() >= count; }, "no webhook arrived"))
            return std::nullopt;
        const RecordedRequest r = m_receiver->requests().at(count - 1);
        if (!verifySignature(kSigningSecret.toUtf8(), r.body, r.header("X-Zapito-Signature"))) {
            qWarning("webhook %d: signature %s does not verify", count,
                     r.header("X-Zapito-Signature").constData());
            return std::nullopt;
        }
        return QJsonDocument::fromJson(r.body).object();
    }
    QByteArray secretsFileBytes() const
    {
        QFile f(m_tmp->filePath(QStringLiteral("secrets.json")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    bool setSecretsFileBytes(const QByteArray& bytes) const
    {
        QFile f(m_tmp->filePath(QStringLiteral("secrets.json")));
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
    }
    QString conversationOf(const QString& channel, const QString& externalId)
    {
        const auto page = m_store->conversationsPage({}, 100);
        for (const Conversation& c : *page) {
            if (c.channel == channel && c.externalId == externalId)
                return c.id;
        }
        return {};
    }

private slots:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_order.clear();
        m_pendingUpdates.clear();
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        const auto bot = m_store->ensureBot(QStringLiteral("Luna Café"));
        QVERIFY(bot);
        m_deliveries = std::make_unique<DeliveryStore>(*m_db);
        m_secrets = std::make_unique<SecretStore>(SecretStore::Backend::FileOnly,
                                                  m_tmp->filePath(QStringLiteral("secrets.json")));
        const QString settingsFile = m_tmp->filePath(QStringLiteral("settings.ini"));
        m_webhookSettings = std::make_unique<WebhookSettings>(*m_secrets, settingsFile);
        m_dispatcher = std::make_unique<WebhookDispatcher>(*m_deliveries, *m_webhookSettings);
        m_dispatcher->setRetryDelay(std::chrono::milliseconds(50));
        m_engine = std::make_unique<ConversationEngine>(*m_store, m_placeholderAgent, m_registry, *bot);
        connect(m_engine.get(), &ConversationEngine::webhookDue, m_dispatcher.get(),
                [this](qint64 id) { m_dispatcher->deliver(id); });

        m_telegramApi = std::make_unique<test::LocalHttpServer>();
        m_graphApi = std::make_unique<test::LocalHttpServer>();
        m_model = std::make_unique<test::LocalHttpServer>();
        m_receiver = std::make_unique<test::LocalHttpServer>();
        for (auto* server : {m_telegramApi.get(), m_graphApi.get(), m_model.get(), m_receiver.get()})
            QVERIFY(server->listen());
        m_telegramApi->setHandler([this](const RecordedRequest& r) {
            if (r.path.contains("/sendMessage")) {
                m_order.append(
                    QStringLiteral("telegram:") +
                    QJsonDocument::fromJson(r.body).object().value(QStringLiteral("text")).toString());
                return ScriptedResponse::json(200, R"({"ok":true,"result":{"message_id":1}})");
            }
            if (r.path.contains("/getMe"))
                return ScriptedResponse::json(
                    200, R"({"ok":true,"result":{"id":7,"is_bot":true,"first_name":"Luna"}})");
            if (!m_pendingUpdates.isEmpty())
                return ScriptedResponse::json(200, m_pendingUpdates.takeFirst());
            return ScriptedResponse::json(200, R"({"ok":true,"result":[]})")
                .after(std::chrono::milliseconds(100));
        });
        m_graphApi->setHandler([this](const RecordedRequest& r) {
            m_order.append(QStringLiteral("whatsapp:") + QJsonDocument::fromJson(r.body)
                                                             .object()
                                                             .value(QStringLiteral("text"))
                                                             .toObject()
                                                             .value(QStringLiteral("body"))
                                                             .toString());
            return ScriptedResponse::json(200, R"({"messages":[{"id":"wamid.OUT"}]})");
        });
        m_receiver->setHandler([this](const RecordedRequest& r) {
            m_order.append(
                QStringLiteral("webhook:") +
                QJsonDocument::fromJson(r.body).object().value(QStringLiteral("reason")).toString());
            return ScriptedResponse::reply(200);
        });

        std::optional<QString> saved;
        m_webhookSettings->save(m_receiver->url(QStringLiteral("/hook")).toString(), true, kSigningSecret,
                                [&](const QString& error) { saved = error; });
        QVERIFY(waitFor([&] { return saved.has_value(); }, "webhook settings not saved"));
        QVERIFY2(saved->isEmpty(), qPrintable(*saved));

        m_hub = std::make_unique<ConnectorHub>(*m_db, *m_engine, m_registry, *m_secrets, settingsFile);
        m_hub->telegram().setBackoff(10, 50, 5);
        TelegramConfig telegram;
        telegram.enabled = true;
        telegram.apiBase = m_telegramApi->url(QStringLiteral("/")).toString();
        m_hub->channelSettings().setTelegram(telegram);
        WhatsAppConfig whatsapp;
        whatsapp.enabled = true;
        whatsapp.listenPort = 0;
        whatsapp.graphBase = m_graphApi->url(QStringLiteral("/v19.0")).toString();
        whatsapp.phoneNumberId = QStringLiteral("106540352242922");
        m_hub->channelSettings().setWhatsApp(whatsapp);
        QVERIFY(writeSecret(TelegramChannel::kSecretKey, kTelegramToken));
        QVERIFY(writeSecret(WhatsAppChannel::kAppSecretKey, kAppSecret));
        QVERIFY(writeSecret(WhatsAppChannel::kVerifyTokenKey, QStringLiteral("verify")));
        QVERIFY(writeSecret(WhatsAppChannel::kAccessTokenKey, kAccessToken));
        QVERIFY(configure(botWithModel()));
        QCOMPARE(m_hub->whatsapp().status().state, ConnectorStatus::State::Connected);
    }
    void cleanup()
    {
        m_hub.reset();
        m_engine.reset();
        m_dispatcher.reset();
        m_webhookSettings.reset();
        m_secrets.reset();
        m_deliveries.reset();
        m_telegramApi.reset();
        m_graphApi.reset();
        m_model.reset();
        m_receiver.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void reasonHandoff_telegramFlowNode_thenResolveGivesBotBack()
    {
        m_model->setDefaultResponse(ScriptedResponse::json(200, modelText(QStringLiteral("Happy to help!"))));
        telegramSays(QStringLiteral("Can I talk to a human?"));
        const std::optional<QJsonObject> webhook = waitForWebhook(1);
        QVERIFY(webhook);
        const QJsonObject& hook = *webhook;
        QCOMPARE(hook.value(QStringLiteral("reason")).toString(), QStringLiteral("handoff"));
        const QJsonObject conversation = hook.value(QStringLiteral("conversation")).toObject();
        QCOMPARE(conversation.value(QStringLiteral("channel")).toString(), QStringLiteral("telegram"));
        QCOMPARE(conversation.value(QStringLiteral("externalId")).toString(), QStringLiteral("42"));
        QCOMPARE(conversation.value(QStringLiteral("contactName")).toString(), QStringLiteral("Maria Silva"));
        const QJsonArray transcript = hook.value(QStringLiteral("transcript")).toArray();
        QCOMPARE(transcript.last()[QStringLiteral("content")].toString(), defaultHandoffMessage());
        // The customer heard it before the webhook fired.
        QCOMPARE(m_order, QStringList({QStringLiteral("telegram:") + defaultHandoffMessage(),
                                       QStringLiteral("webhook:handoff")}));
        QCOMPARE(m_model->requestCount(), 0); // the flow answered

        // While a human has it, the bot is silent.
        const QString id = conversationOf(QStringLiteral("telegram"), QStringLiteral("42"));
        QVERIFY(!id.isEmpty());
        telegramSays(QStringLiteral("hello?"));
        QVERIFY(waitFor(
            [&] { return m_store->lastMessages(id, 1)->constLast().content == QLatin1String("hello?"); },
            "second message not stored"));
        QCOMPARE(m_model->requestCount(), 0);

        // Resolved: the next message gets a bot answer through the same channel.
        QVERIFY(m_engine->resolve(id, QStringLiteral("Operator")));
        telegramSays(QStringLiteral("Do you open on Sunday?"));
        QVERIFY(waitFor([&] { return m_order.contains(QStringLiteral("telegram:Happy to help!")); },
                        "no bot answer after resolve"));
        QCOMPARE(m_receiver->requestCount(), 1);
    }

    void reasonEscalate_whatsappModelRequestsHuman()
    {
        m_model->enqueue(ScriptedResponse::json(200, kModelRequestHuman));
        QCOMPARE(
            postWhatsApp(whatsappEvent(QStringLiteral("wamid.E1"), QStringLiteral("My order never came"))),
            200);
        const std::optional<QJsonObject> webhook = waitForWebhook(1);
        QVERIFY(webhook);
        const QJsonObject& hook = *webhook;
        QCOMPARE(hook.value(QStringLiteral("reason")).toString(), QStringLiteral("escalate"));
        const QJsonObject conversation = hook.value(QStringLiteral("conversation")).toObject();
        QCOMPARE(conversation.value(QStringLiteral("channel")).toString(), QStringLiteral("whatsapp"));
        QCOMPARE(conversation.value(QStringLiteral("externalId")).toString(),
                 QStringLiteral("5521988887777"));
        QCOMPARE(conversation.value(QStringLiteral("contactName")).toString(), QStringLiteral("Ana"));
        QCOMPARE(m_order, QStringList({QStringLiteral("whatsapp:") + defaultHandoffMessage(),
                                       QStringLiteral("webhook:escalate")}));
        QVERIFY(m_graphApi->lastRequest().header("authorization") == "Bearer " + kAccessToken.toUtf8());
    }

    void reasonModelError_whatsappModelFails()
    {
        m_model->enqueue(ScriptedResponse::json(500, R"({"error":{"message":"overloaded"}})"));
        QCOMPARE(postWhatsApp(whatsappEvent(QStringLiteral("wamid.M1"), QStringLiteral("Hi there"))), 200);
        const std::optional<QJsonObject> webhook = waitForWebhook(1);
        QVERIFY(webhook);
        const QJsonObject& hook = *webhook;
        QCOMPARE(hook.value(QStringLiteral("reason")).toString(), QStringLiteral("model_error"));
        QCOMPARE(m_order, QStringList({QStringLiteral("whatsapp:") + defaultHandoffMessage(),
                                       QStringLiteral("webhook:model_error")}));
    }

    void reasonOutOfCredits_telegramProviderQuota()
    {
        m_model->enqueue(ScriptedResponse::json(429, kModelNoQuota));
        telegramSays(QStringLiteral("What's the wifi password?"));
        const std::optional<QJsonObject> webhook = waitForWebhook(1);
        QVERIFY(webhook);
        const QJsonObject& hook = *webhook;
        QCOMPARE(hook.value(QStringLiteral("reason")).toString(), QStringLiteral("out_of_credits"));
        QCOMPARE(m_order, QStringList({QStringLiteral("telegram:") + defaultHandoffMessage(),
                                       QStringLiteral("webhook:out_of_credits")}));
    }

    void reasonOutOfCredits_localBudget()
    {
        BotConfig bot = botWithModel();
        bot.monthlyModelReplies = 1;
        QVERIFY(configure(bot));
        m_model->setDefaultResponse(ScriptedResponse::json(200, modelText(QStringLiteral("Sure."))));
        QCOMPARE(postWhatsApp(whatsappEvent(QStringLiteral("wamid.B1"), QStringLiteral("first question"))),
                 200);
        QVERIFY(
            waitFor([&] { return m_order.contains(QStringLiteral("whatsapp:Sure.")); }, "no model answer"));
        QCOMPARE(postWhatsApp(whatsappEvent(QStringLiteral("wamid.B2"), QStringLiteral("second question"))),
                 200);
        const std::optional<QJsonObject> webhook = waitForWebhook(1);
        QVERIFY(webhook);
        const QJsonObject& hook = *webhook;
        QCOMPARE(hook.value(QStringLiteral("reason")).toString(), QStringLiteral("out_of_credits"));
        QCOMPARE(m_model->requestCount(), 1);
        QCOMPARE(m_hub->budget().usedThisMonth(), 1);
    }

    void whatsappRepeatedMessageId_isStoredOnce()
    {
        m_model->setDefaultResponse(ScriptedResponse::json(200, modelText(QStringLiteral("Noted."))));
        const QByteArray body = whatsappEvent(QStringLiteral("wamid.DUP"), QStringLiteral("only once"));
        QCOMPARE(postWhatsApp(body), 200);
        QCOMPARE(postWhatsApp(body), 200);
        QVERIFY(waitFor([&] { return m_order.contains(QStringLiteral("whatsapp:Noted.")); }, "no answer"));
        const QString id = conversationOf(QStringLiteral("whatsapp"), QStringLiteral("5521988887777"));
        const auto messages = m_store->lastMessages(id, 10);
        QVERIFY(messages);
        int userMessages = 0;
        for (const Message& m : *messages)
            userMessages += m.role == MessageRole::User ? 1 : 0;
        QCOMPARE(userMessages, 1);
        QCOMPARE(m_model->requestCount(), 1); // answered once
    }

    void telegramUpdateServedAgain_isStoredAndAnsweredOnce()
    {
        // As after a crash between storing a message and storing the offset: Telegram serves
        // the same update (same message_id) again.
        m_model->setDefaultResponse(ScriptedResponse::json(200, modelText(QStringLiteral("Once."))));
        m_pendingUpdates.append(telegramUpdate(7000, 77, QStringLiteral("say it once")));
        m_pendingUpdates.append(telegramUpdate(7000, 77, QStringLiteral("say it once")));
        QElapsedTimer firstAnswer;
        firstAnswer.start();
        QVERIFY(waitFor(
            [&] { return m_pendingUpdates.isEmpty() && m_order.contains(QStringLiteral("telegram:Once.")); },
            "no answer"));
        // Stored twice, the copy would be decided next: a second model call. The copy was served
        // no later than the first answer, and deciding it takes no longer than the first took, so
        // twice that time (at least 300 ms) shows no second call is coming.
        QSignalSpy modelAskedAgain(m_model.get(), &test::LocalHttpServer::requestReceived);
        QVERIFY(!modelAskedAgain.wait(int(qMax<qint64>(300, 2 * firstAnswer.elapsed()))));
        QCOMPARE(m_order.count(QStringLiteral("telegram:Once.")), 1);
        QCOMPARE(m_model->requestCount(), 1);
        const QString id = conversationOf(QStringLiteral("telegram"), QStringLiteral("42"));
        int userMessages = 0;
        for (const Message& m : *m_store->lastMessages(id, 10))
            userMessages += m.role == MessageRole::User ? 1 : 0;
        QCOMPARE(userMessages, 1);
    }

    void webhookSignedWithAnotherSecret_failsTheCheck()
    {
        // The signature check in waitForWebhook() is live: a webhook signed with another secret
        // arrives, and the helper refuses it.
        std::optional<QString> written;
        m_webhookSettings->writeSecret(QStringLiteral("not-the-secret-the-receiver-knows"),
                                       [&](const QString& error) { written = error; });
        QVERIFY(waitFor([&] { return written.has_value(); }, "secret not written"));
        QVERIFY2(written->isEmpty(), qPrintable(*written));
        m_hub->preview().customerSays(QStringLiteral("I need a human"));
        QVERIFY(waitFor([&] { return m_receiver->requestCount() >= 1; }, "no webhook arrived"));
        QVERIFY(!waitForWebhook(1));
    }

    void secretsUnreadable_connectorsKeepTheirTokens_reloadTriesAgain()
    {
        // A damaged secrets.json (or a keychain that does not answer in time) is "cannot read
        // now", not "no token": Telegram keeps running with the token it has, and the reload is
        // repeated until the secrets can be read.
        QVERIFY(waitFor([&] { return m_hub->telegram().status().state == ConnectorStatus::State::Connected; },
                        "Telegram not connected"));
        const QByteArray good = secretsFileBytes();
        QVERIFY(good.contains("telegram/bot-token"));
        QVERIFY(setSecretsFileBytes("{\"telegram/bot-token\": \"999:"));
        m_hub->setSecretRetryDelay(std::chrono::milliseconds(50));

        QSignalSpy status(&m_hub->telegram(), &ChannelConnector::statusChanged);
        QSignalSpy whatsappStatus(&m_hub->whatsapp(), &ChannelConnector::statusChanged);
        QSignalSpy problems(m_hub.get(), &ConnectorHub::problem);
        QSignalSpy ready(m_hub.get(), &ConnectorHub::ready);
        m_hub->reload();
        QVERIFY(ready.wait(kWaitMs));
        bool named = false;
        for (const QList<QVariant>& p : problems)
            named = named || p.at(0).toString().contains(QLatin1String(TelegramChannel::kSecretKey));
        QVERIFY2(named, "no problem names the Telegram token");
        // Not reconfigured: no "needs a bot token", still connected, still answering.
        QVERIFY2(status.isEmpty(),
                 qPrintable(status.isEmpty() ? QString() : m_hub->telegram().status().text));
        QVERIFY(whatsappStatus.isEmpty());
        QCOMPARE(m_hub->telegram().status().state, ConnectorStatus::State::Connected);
        QCOMPARE(m_hub->whatsapp().status().state, ConnectorStatus::State::Connected);
        m_model->setDefaultResponse(ScriptedResponse::json(200, modelText(QStringLiteral("Still here."))));
        telegramSays(QStringLiteral("anyone there?"));
        QVERIFY(waitFor([&] { return m_order.contains(QStringLiteral("telegram:Still here.")); },
                        "Telegram stopped answering"));

        // Readable again: the next retry (50 ms on) reads everything and configures the connectors.
        const qsizetype readyBefore = ready.size();
        QVERIFY(setSecretsFileBytes(good));
        QVERIFY(status.wait(kWaitMs)); // Telegram reconfigured, with the token it read
        QVERIFY(ready.size() > readyBefore || ready.wait(kWaitMs));
        QVERIFY(waitFor([&] { return m_hub->telegram().status().state == ConnectorStatus::State::Connected; },
                        "Telegram not connected after the retry"));
        // And the retries stop: another would come 50 ms later; four times that shows none does.
        problems.clear();
        ready.clear();
        QVERIFY(!ready.wait(200));
        QVERIFY(problems.isEmpty());
    }

    void preview_chatRunsTheWholePath()
    {
        QSignalSpy delivered(&m_hub->preview(), &PreviewChannel::delivered);
        m_hub->preview().customerSays(QStringLiteral("I need a human"));
        QVERIFY(delivered.wait(kWaitMs));
        QCOMPARE(delivered[0][1].toString(), defaultHandoffMessage());
        const std::optional<QJsonObject> webhook = waitForWebhook(1);
        QVERIFY(webhook);
        const QJsonObject& hook = *webhook;
        QCOMPARE(hook.value(QStringLiteral("reason")).toString(), QStringLiteral("handoff"));
        QCOMPARE(
            hook.value(QStringLiteral("conversation")).toObject().value(QStringLiteral("channel")).toString(),
            QStringLiteral("preview"));
    }
};

QTEST_GUILESS_MAIN(tst_ChannelsEndToEnd)
#include "tst_channelsendtoend.moc"
