#include "channelstate.h"
#include "localhttpserver.h"
#include "telegramchannel.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace zapito;
using test::ScriptedResponse;

Q_DECLARE_METATYPE(ScriptedResponse)

namespace {

const QString kToken = QStringLiteral("123456:TEST-token-not-real");

QByteArray update(qint64 updateId, qint64 chatId, const QByteArray& from, const QByteArray& content,
                  qint64 messageId)
{
    return "{\"update_id\":" + QByteArray::number(updateId) +
           ",\"message\":{\"message_id\":" + QByteArray::number(messageId) + ",\"from\":" + from +
           ",\"chat\":{\"id\":" + QByteArray::number(chatId) + ",\"type\":\"private\"},\"date\":1751371181," +
           content + "}}";
}

QByteArray updates(const QList<QByteArray>& items)
{
    QByteArray joined;
    for (const QByteArray& item : items)
        joined += (joined.isEmpty() ? "" : ",") + item;
    return "{\"ok\":true,\"result\":[" + joined + "]}";
}

const QByteArray kMaria =
    R"({"id":42,"is_bot":false,"first_name":"Maria","last_name":"Silva","username":"msilva"})";
const QByteArray kOnlyUsername = R"({"id":43,"is_bot":false,"first_name":"","username":"joe_b"})";

// The first Problem status among those a spy recorded (a status may last only milliseconds
// here, since the injected backoff is tiny); empty when there was none.
QString firstProblem(const QSignalSpy& statuses)
{
    for (const QList<QVariant>& args : statuses) {
        const auto status = args.at(0).value<ConnectorStatus>();
        if (status.state == ConnectorStatus::State::Problem)
            return status.text;
    }
    return {};
}

QUrlQuery queryOf(const test::RecordedRequest& request)
{
    return QUrlQuery(QUrl::fromEncoded(request.path));
}

} // namespace

// The Telegram connector against a fake Bot API server: long polling with a persisted offset,
// names, sendMessage, and the 401 / 409 / 429 / network errors as readable statuses.
class tst_TelegramChannel : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ChannelState> m_state;
    std::unique_ptr<test::LocalHttpServer> m_server;
    std::unique_ptr<TelegramChannel> makeChannel()
    {
        auto channel = std::make_unique<TelegramChannel>(*m_state);
        channel->setBackoff(10, 40, 5); // milliseconds, so no test waits for a real backoff
        return channel;
    }
    TelegramConfig config() const
    {
        TelegramConfig c;
        c.enabled = true;
        c.apiBase = m_server->url(QStringLiteral("/")).toString();
        c.botToken = kToken;
        c.pollTimeoutSeconds = 1;
        return c;
    }
    // Polls after the scripted ones get an empty list, slowly, like a quiet long poll.
    void quietAfterScript()
    {
        m_server->setDefaultResponse(
            ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}").after(std::chrono::milliseconds(200)));
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_state = std::make_unique<ChannelState>(*m_db);
        m_server = std::make_unique<test::LocalHttpServer>();
        QVERIFY(m_server->listen());
        quietAfterScript();
    }
    void cleanup()
    {
        m_server.reset();
        m_state.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void receives_namesTextAndPlaceholders()
    {
        m_server->enqueue(ScriptedResponse::json(
            200, updates({update(100, 42, kMaria, R"("text":"Hello <b>there</b>")", 7),
                          update(101, 43, kOnlyUsername,
                                 R"("photo":[{"file_id":"x"}],"caption":"my receipt")", 8)})));
        auto channel = makeChannel();
        QSignalSpy received(channel.get(), &TelegramChannel::messageReceived);
        channel->configure(config());
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 20'000);

        const auto first = received[0][0].value<CustomerMessage>();
        QCOMPARE(first.channel, QStringLiteral("telegram"));
        QCOMPARE(first.externalId, QStringLiteral("42"));
        QCOMPARE(first.contactName, QStringLiteral("Maria Silva"));
        QCOMPARE(first.text, QStringLiteral("Hello <b>there</b>"));
        QCOMPARE(first.externalMessageId, QStringLiteral("7"));
        QCOMPARE(first.at.toSecsSinceEpoch(), 1751371181);
        const auto second = received[1][0].value<CustomerMessage>();
        QCOMPARE(second.contactName, QStringLiteral("@joe_b"));
        QCOMPARE(second.text, QStringLiteral("[image] my receipt"));
        QCOMPARE(channel->status().state, ConnectorStatus::State::Connected);

        // The first poll asks with the injected timeout and the token in the path.
        const test::RecordedRequest firstPoll = m_server->requests().at(0);
        QVERIFY(firstPoll.path.startsWith(QByteArray("/bot" + kToken.toUtf8() + "/getUpdates")));
        QCOMPARE(queryOf(firstPoll).queryItemValue(QStringLiteral("timeout")), QStringLiteral("1"));
        QVERIFY(!queryOf(firstPoll).hasQueryItem(QStringLiteral("offset")));
        // The next poll confirms what was received.
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount() >= 2, 20'000);
        QCOMPARE(queryOf(m_server->requests().at(1)).queryItemValue(QStringLiteral("offset")),
                 QStringLiteral("102"));
        QCOMPARE(m_state->value(QLatin1String(TelegramChannel::kOffsetKey)), QStringLiteral("102"));
    }

    void restart_continuesFromStoredOffset()
    {
        QVERIFY(m_state->setValue(QLatin1String(TelegramChannel::kOffsetKey), QStringLiteral("555")));
        auto channel = makeChannel();
        channel->configure(config());
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount() >= 1, 20'000);
        QCOMPARE(queryOf(m_server->requests().at(0)).queryItemValue(QStringLiteral("offset")),
                 QStringLiteral("555"));
    }

    void errors_becomeStatusesAndPollingResumes_data()
    {
        QTest::addColumn<ScriptedResponse>("failure");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("401-bad-token")
            << ScriptedResponse::json(401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})")
            << "token";
        QTest::newRow("409-webhook-set")
            << ScriptedResponse::json(
                   409,
                   R"({"ok":false,"error_code":409,"description":"Conflict: can't use getUpdates method while webhook is active"})")
            << "webhook";
        QTest::newRow("429-retry-after")
            << ScriptedResponse::json(
                   429,
                   R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}})")
            << "429";
        QTest::newRow("500-server-error")
            << ScriptedResponse::json(500, R"({"ok":false,"description":"Internal"})")
            << "Cannot reach Telegram";
        QTest::newRow("connection-closed") << ScriptedResponse::closeEarly() << "Cannot reach Telegram";
        QTest::newRow("not-json") << ScriptedResponse::reply(200, "<html>") << "could not be read";
    }
    void errors_becomeStatusesAndPollingResumes()
    {
        QFETCH(ScriptedResponse, failure);
        QFETCH(QString, mentions);
        m_server->enqueue(failure);
        m_server->enqueue(
            ScriptedResponse::json(200, updates({update(7, 42, kMaria, R"("text":"back")", 1)})));
        auto channel = makeChannel();
        QSignalSpy statuses(channel.get(), &TelegramChannel::statusChanged);
        QSignalSpy received(channel.get(), &TelegramChannel::messageReceived);
        channel->configure(config());

        QTRY_VERIFY_WITH_TIMEOUT(!firstProblem(statuses).isEmpty(), 20'000);
        const QString problem = firstProblem(statuses);
        QVERIFY2(problem.contains(mentions, Qt::CaseInsensitive), qPrintable(problem));
        QVERIFY2(!problem.contains(kToken), "the status must not show the token");
        // It tries again by itself and recovers.
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(channel->status().state, ConnectorStatus::State::Connected, 20'000);
    }

    void retryAfter_isHonoured()
    {
        m_server->enqueue(ScriptedResponse::json(
            429,
            R"({"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":7}})"));
        auto channel = makeChannel(); // a "second" is 5 ms here
        QSignalSpy statuses(channel.get(), &TelegramChannel::statusChanged);
        channel->configure(config());
        QTRY_VERIFY_WITH_TIMEOUT(!firstProblem(statuses).isEmpty(), 20'000);
        QVERIFY2(firstProblem(statuses).contains(QStringLiteral("7 s")), qPrintable(firstProblem(statuses)));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount() >= 2, 20'000); // and it polls again
    }

    void unreachable_reportsAndKeepsTrying()
    {
        TelegramConfig c = config();
        c.apiBase = QStringLiteral("http://127.0.0.1:%1").arg(test::LocalHttpServer::unusedPort());
        auto channel = makeChannel();
        QSignalSpy statuses(channel.get(), &TelegramChannel::statusChanged);
        channel->configure(c);
        QTRY_VERIFY_WITH_TIMEOUT(channel->status().state == ConnectorStatus::State::Problem, 20'000);
        QVERIFY2(channel->status().text.contains(QStringLiteral("connection refused")),
                 qPrintable(channel->status().text));
    }

    void send_postsSendMessage()
    {
        auto channel = makeChannel();
        channel->configure(config());
        m_server->setHandler([](const test::RecordedRequest& r) {
            if (r.path.contains("/sendMessage"))
                return ScriptedResponse::json(200, R"({"ok":true,"result":{"message_id":9}})");
            return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}")
                .after(std::chrono::milliseconds(200));
        });
        std::optional<SendResult> result;
        channel->send(QStringLiteral("42"), QStringLiteral("Olá, Maria"), [&](SendResult r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QVERIFY2(result->ok, qPrintable(result->error));
        test::RecordedRequest sent;
        for (const auto& r : m_server->requests()) {
            if (r.path.contains("/sendMessage"))
                sent = r;
        }
        QCOMPARE(sent.method, QByteArray("POST"));
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(QStringLiteral("chat_id")).toString(), QStringLiteral("42"));
        QCOMPARE(body.value(QStringLiteral("text")).toString(), QStringLiteral("Olá, Maria"));
    }

    void send_longText_goesInOrderedParts()
    {
        auto channel = makeChannel();
        channel->configure(config());
        QStringList texts;
        m_server->setHandler([&texts](const test::RecordedRequest& r) {
            if (r.path.contains("/sendMessage")) {
                texts.append(
                    QJsonDocument::fromJson(r.body).object().value(QStringLiteral("text")).toString());
                return ScriptedResponse::json(200, R"({"ok":true,"result":{"message_id":9}})");
            }
            return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}")
                .after(std::chrono::milliseconds(200));
        });
        const QString paragraph = QString(u'a').repeated(3000);
        const QString text = QStringList{paragraph, paragraph, paragraph}.join(u'\n');
        std::optional<SendResult> result;
        int calls = 0;
        channel->send(QStringLiteral("42"), text, [&](SendResult r) {
            ++calls;
            result = r;
        });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QVERIFY(result->ok);
        QCOMPARE(calls, 1);
        QCOMPARE(texts, QStringList({paragraph, paragraph, paragraph}));
    }

    void send_failure_isReported()
    {
        auto channel = makeChannel();
        channel->configure(config());
        m_server->setHandler([](const test::RecordedRequest& r) {
            if (r.path.contains("/sendMessage"))
                return ScriptedResponse::json(
                    403,
                    R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})");
            return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}")
                .after(std::chrono::milliseconds(200));
        });
        std::optional<SendResult> result;
        channel->send(QStringLiteral("42"), QStringLiteral("hi"), [&](SendResult r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000);
        QVERIFY(!result->ok);
        QVERIFY2(result->error.contains(QStringLiteral("blocked")), qPrintable(result->error));
    }

    void notConfigured_isOff()
    {
        auto channel = makeChannel();
        TelegramConfig c = config();
        c.botToken.clear();
        channel->configure(c);
        QCOMPARE(channel->status().state, ConnectorStatus::State::Off);
        QVERIFY(!channel->isConnected());
        QTest::qWait(100);
        QCOMPARE(m_server->requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_TelegramChannel)
#include "tst_telegramchannel.moc"
