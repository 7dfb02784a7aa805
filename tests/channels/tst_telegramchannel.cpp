// SPDX-License-Identifier: Apache-2.0
#include "channelstate.h"
#include "fakeinboundsink.h"
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
using test::FakeInboundSink;
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
    std::unique_ptr<FakeInboundSink> m_store;
    std::unique_ptr<TelegramChannel> makeChannel()
    {
        auto channel = std::make_unique<TelegramChannel>(*m_state);
        channel->setInboundSink(m_store->sink());
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
    // The fake Bot API: getMe answers with m_me; each getUpdates takes the next of m_polls, and
    // once they are used up gets an empty list, slowly, like a quiet long poll.
    QList<ScriptedResponse> m_polls;
    ScriptedResponse m_me = ScriptedResponse::json(
        200,
        R"({"ok":true,"result":{"id":7,"is_bot":true,"first_name":"Luna Café","username":"luna_cafe_bot"}})");
    void fakeBotApi()
    {
        m_server->setHandler([this](const test::RecordedRequest& r) {
            if (r.path.contains("/getMe"))
                return m_me;
            if (!m_polls.isEmpty())
                return m_polls.takeFirst();
            return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}")
                .after(std::chrono::milliseconds(200));
        });
    }
    QList<test::RecordedRequest> polls() const
    {
        QList<test::RecordedRequest> out;
        for (const auto& r : m_server->requests()) {
            if (r.path.contains("/getUpdates"))
                out.append(r);
        }
        return out;
    }
    int pollCount() const { return int(polls().size()); }
    int getMeCount() const
    {
        int count = 0;
        for (const auto& r : m_server->requests())
            count += r.path.contains("/getMe") ? 1 : 0;
        return count;
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
        m_store = std::make_unique<FakeInboundSink>();
        m_polls.clear();
        fakeBotApi();
    }
    void cleanup()
    {
        m_server.reset();
        m_store.reset();
        m_state.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void receives_namesTextAndPlaceholders()
    {
        m_polls.append(ScriptedResponse::json(
            200, updates({update(100, 42, kMaria, R"("text":"Hello <b>there</b>")", 7),
                          update(101, 43, kOnlyUsername,
                                 R"("photo":[{"file_id":"x"}],"caption":"my receipt")", 8)})));
        auto channel = makeChannel();
        channel->configure(config());
        QTRY_COMPARE_WITH_TIMEOUT(m_store->stored.size(), 2, 20'000);

        const CustomerMessage first = m_store->stored.at(0);
        QCOMPARE(first.channel, QStringLiteral("telegram"));
        QCOMPARE(first.externalId, QStringLiteral("42"));
        QCOMPARE(first.contactName, QStringLiteral("Maria Silva"));
        QCOMPARE(first.text, QStringLiteral("Hello <b>there</b>"));
        QCOMPARE(first.externalMessageId, QStringLiteral("7"));
        QCOMPARE(first.at.toSecsSinceEpoch(), 1751371181);
        const CustomerMessage second = m_store->stored.at(1);
        QCOMPARE(second.contactName, QStringLiteral("@joe_b"));
        QCOMPARE(second.text, QStringLiteral("[Photo] my receipt"));
        QCOMPARE(channel->status().state, ConnectorStatus::State::Connected);

        // The first poll asks with the injected timeout and the token in the path.
        const test::RecordedRequest firstPoll = polls().at(0);
        QVERIFY(firstPoll.path.startsWith(QByteArray("/bot" + kToken.toUtf8() + "/getUpdates")));
        QCOMPARE(queryOf(firstPoll).queryItemValue(QStringLiteral("timeout")), QStringLiteral("1"));
        QVERIFY(!queryOf(firstPoll).hasQueryItem(QStringLiteral("offset")));
        // The next poll confirms what was received.
        QTRY_VERIFY_WITH_TIMEOUT(pollCount() >= 2, 20'000);
        QCOMPARE(queryOf(polls().at(1)).queryItemValue(QStringLiteral("offset")), QStringLiteral("102"));
        QCOMPARE(m_state->value(QLatin1String(TelegramChannel::kOffsetKey)), QStringLiteral("102"));
    }

    void sinkFails_offsetHeld_sameUpdateRedelivered_thenOffsetMoves()
    {
        const QByteArray batch = updates({update(300, 42, kMaria, R"("text":"are you open?")", 30)});
        // As Telegram does: what was not confirmed is sent again until an offset past it is asked
        // for. However many polls fail meanwhile (the backoff is short, a loaded machine slow),
        // the update is never lost.
        m_server->setHandler([this, batch](const test::RecordedRequest& r) {
            if (r.path.contains("/getMe"))
                return m_me;
            if (queryOf(r).queryItemValue(QStringLiteral("offset")).toLongLong() <= 300)
                return ScriptedResponse::json(200, batch);
            return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}")
                .after(std::chrono::milliseconds(200));
        });
        m_store->mode = FakeInboundSink::Mode::Fail;
        QVERIFY(m_state->setValue(QLatin1String(TelegramChannel::kOffsetKey), QStringLiteral("300")));
        auto channel = makeChannel();
        QSignalSpy statuses(channel.get(), &TelegramChannel::statusChanged);
        channel->configure(config());

        QTRY_VERIFY_WITH_TIMEOUT(m_store->offered.size() >= 1, 20'000);
        QVERIFY(m_store->stored.isEmpty());
        QCOMPARE(m_state->value(QLatin1String(TelegramChannel::kOffsetKey)), QStringLiteral("300"));
        QTRY_VERIFY_WITH_TIMEOUT(!firstProblem(statuses).isEmpty(), 20'000);
        QVERIFY2(firstProblem(statuses).contains(QStringLiteral("could not be stored")),
                 qPrintable(firstProblem(statuses)));

        // After the backoff it asks for the same update again, which is then stored.
        m_store->mode = FakeInboundSink::Mode::Commit;
        QTRY_COMPARE_WITH_TIMEOUT(m_store->stored.size(), 1, 20'000);
        QCOMPARE(m_store->stored.at(0).externalMessageId, QStringLiteral("30"));
        for (const auto& offered : std::as_const(m_store->offered))
            QCOMPARE(offered.externalMessageId, QStringLiteral("30")); // the same update each time
        QCOMPARE(m_state->value(QLatin1String(TelegramChannel::kOffsetKey)), QStringLiteral("301"));
        // Every poll up to the one whose update was stored asked from 300; the next one from 301.
        const int storedAt = int(m_store->offered.size());
        QVERIFY(storedAt >= 2);
        for (int i = 0; i < storedAt; ++i)
            QCOMPARE(queryOf(polls().at(i)).queryItemValue(QStringLiteral("offset")), QStringLiteral("300"));
        QTRY_VERIFY_WITH_TIMEOUT(pollCount() > storedAt, 20'000);
        QCOMPARE(queryOf(polls().at(storedAt)).queryItemValue(QStringLiteral("offset")),
                 QStringLiteral("301"));
        QTRY_COMPARE_WITH_TIMEOUT(channel->status().state, ConnectorStatus::State::Connected, 20'000);
    }

    void failureInsideBatch_stopsThere_earlierUpdatesConfirmed()
    {
        m_polls.append(
            ScriptedResponse::json(200, updates({update(400, 42, kMaria, R"("text":"one")", 1),
                                                 update(401, 42, kMaria, R"("text":"two")", 2),
                                                 update(402, 42, kMaria, R"("text":"three")", 3)})));
        m_store->mode = FakeInboundSink::Mode::Hold;
        auto channel = makeChannel();
        channel->configure(config());

        // One at a time, in order: the second is offered only once the first is committed.
        QTRY_COMPARE_WITH_TIMEOUT(m_store->held.size(), 1, 20'000);
        QCOMPARE(m_store->held.at(0).first.text, QStringLiteral("one"));
        m_store->release(true);
        QCOMPARE(m_state->value(QLatin1String(TelegramChannel::kOffsetKey)), QStringLiteral("401"));
        QCOMPARE(m_store->held.size(), 1);
        QCOMPARE(m_store->held.at(0).first.text, QStringLiteral("two"));
        m_store->release(false);
        // "three" is not even offered, and the offset stays at "two".
        QCOMPARE(m_store->offered.size(), 2);
        QCOMPARE(m_state->value(QLatin1String(TelegramChannel::kOffsetKey)), QStringLiteral("401"));

        m_store->mode = FakeInboundSink::Mode::Commit;
        QTRY_VERIFY_WITH_TIMEOUT(pollCount() >= 2, 20'000);
        QCOMPARE(queryOf(polls().at(1)).queryItemValue(QStringLiteral("offset")), QStringLiteral("401"));
    }

    void asynchronousCommit_nextPollOnlyAfterIt()
    {
        m_polls.append(
            ScriptedResponse::json(200, updates({update(500, 42, kMaria, R"("text":"slow store")", 5)})));
        m_store->mode = FakeInboundSink::Mode::Hold;
        auto channel = makeChannel();
        channel->configure(config());
        QTRY_COMPARE_WITH_TIMEOUT(m_store->held.size(), 1, 20'000);
        // While the message is not committed, nothing is confirmed and nothing more is polled.
        QVERIFY(!QTest::qWaitFor([&] { return pollCount() > 1; }, 300));
        QVERIFY(m_state->value(QLatin1String(TelegramChannel::kOffsetKey)).isEmpty());

        m_store->release(true);
        QCOMPARE(m_state->value(QLatin1String(TelegramChannel::kOffsetKey)), QStringLiteral("501"));
        QTRY_VERIFY_WITH_TIMEOUT(pollCount() >= 2, 20'000);
        QCOMPARE(queryOf(polls().at(1)).queryItemValue(QStringLiteral("offset")), QStringLiteral("501"));
    }

    void stoppedWhileCommitting_lateCommitIsHarmless()
    {
        m_polls.append(ScriptedResponse::json(200, updates({update(600, 42, kMaria, R"("text":"bye")", 6)})));
        m_store->mode = FakeInboundSink::Mode::Hold;
        auto channel = makeChannel();
        channel->configure(config());
        QTRY_COMPARE_WITH_TIMEOUT(m_store->held.size(), 1, 20'000);
        channel.reset(); // quit while the store still works on it
        m_store->release(true);
        QVERIFY(m_state->value(QLatin1String(TelegramChannel::kOffsetKey)).isEmpty());
        QCOMPARE(m_store->stored.size(), 1); // stored; its id keeps the redelivery from a 2nd row
    }

    void customerMessageFrom_withoutText_getsPlaceholder_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("text");
        QTest::newRow("text-null") << QByteArray(R"("text":null)") << "[Empty message]";
        QTest::newRow("text-empty") << QByteArray(R"("text":"")") << "[Empty message]";
        QTest::newRow("text-missing") << QByteArray(R"("new_chat_title":"x")") << "[Unsupported message]";
        QTest::newRow("photo") << QByteArray(R"("photo":[{"file_id":"x"}])") << "[Photo]";
        QTest::newRow("photo-with-caption")
            << QByteArray(R"("photo":[{"file_id":"x"}],"caption":"look")") << "[Photo] look";
        QTest::newRow("sticker") << QByteArray(R"("sticker":{"file_id":"s"})") << "[Sticker]";
        QTest::newRow("voice") << QByteArray(R"("voice":{"file_id":"v","duration":3})") << "[Voice message]";
        QTest::newRow("audio") << QByteArray(R"("audio":{"file_id":"a"})") << "[Audio]";
        QTest::newRow("video") << QByteArray(R"("video":{"file_id":"v"})") << "[Video]";
        QTest::newRow("video-note") << QByteArray(R"("video_note":{"file_id":"n"})") << "[Video message]";
        QTest::newRow("animation") << QByteArray(R"("animation":{"file_id":"g"})") << "[GIF]";
        QTest::newRow("document") << QByteArray(R"("document":{"file_id":"d"},"caption":"invoice.pdf")")
                                  << "[Document] invoice.pdf";
        QTest::newRow("location") << QByteArray(R"("location":{"latitude":1,"longitude":2})") << "[Location]";
        QTest::newRow("contact") << QByteArray(R"("contact":{"phone_number":"+1"})") << "[Contact]";
        QTest::newRow("poll") << QByteArray(R"("poll":{"id":"p"})") << "[Poll]";
        QTest::newRow("dice") << QByteArray(R"("dice":{"emoji":"🎲","value":4})") << "[Unsupported message]";
    }
    void customerMessageFrom_withoutText_getsPlaceholder()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, text);
        const QByteArray json = "{\"message_id\":9,\"chat\":{\"id\":42},\"date\":1751371181," + content + "}";
        const auto message = TelegramChannel::customerMessageFrom(QJsonDocument::fromJson(json).object());
        QVERIFY(message.has_value());
        QCOMPARE(message->text, text);
        QCOMPARE(message->externalMessageId, QStringLiteral("9"));
    }

    void getMe_emitsTheBotsName_data()
    {
        QTest::addColumn<QByteArray>("me");
        QTest::addColumn<QString>("name");
        QTest::newRow("first-name")
            << QByteArray(
                   R"({"ok":true,"result":{"id":7,"is_bot":true,"first_name":"Luna Café","username":"luna_cafe_bot"}})")
            << "Luna Café";
        QTest::newRow("username-only")
            << QByteArray(
                   R"({"ok":true,"result":{"id":7,"is_bot":true,"first_name":"","username":"luna_cafe_bot"}})")
            << "luna_cafe_bot";
    }
    void getMe_emitsTheBotsName()
    {
        QFETCH(QByteArray, me);
        QFETCH(QString, name);
        m_me = ScriptedResponse::json(200, me);
        auto channel = makeChannel();
        QSignalSpy identified(channel.get(), &TelegramChannel::botIdentified);
        channel->configure(config());
        QVERIFY(identified.wait(20'000));
        QCOMPARE(identified.at(0).at(0).toString(), name);
        QTRY_VERIFY_WITH_TIMEOUT(pollCount() >= 3, 20'000);
        QCOMPARE(identified.size(), 1); // once per configuration, not per poll

        // A new configuration (another token, say) asks again.
        channel->configure(config());
        QVERIFY(identified.wait(20'000));
        QCOMPARE(identified.size(), 2);
        QCOMPARE(getMeCount(), 2);
        QVERIFY(m_server->requests().constLast().path.startsWith(QByteArray("/bot" + kToken.toUtf8() + "/")));
    }

    void getMe_failing_isAskedAgainAfterTheNextPoll()
    {
        m_me = ScriptedResponse::json(502, R"({"ok":false,"description":"Bad Gateway"})");
        auto channel = makeChannel();
        QSignalSpy identified(channel.get(), &TelegramChannel::botIdentified);
        channel->configure(config());
        QTRY_COMPARE_WITH_TIMEOUT(getMeCount(), 1, 20'000);
        m_me =
            ScriptedResponse::json(200, R"({"ok":true,"result":{"id":7,"is_bot":true,"first_name":"Luna"}})");
        QVERIFY(identified.wait(20'000));
        QCOMPARE(identified.at(0).at(0).toString(), QStringLiteral("Luna"));
    }

    void restart_continuesFromStoredOffset()
    {
        QVERIFY(m_state->setValue(QLatin1String(TelegramChannel::kOffsetKey), QStringLiteral("555")));
        auto channel = makeChannel();
        channel->configure(config());
        QTRY_VERIFY_WITH_TIMEOUT(pollCount() >= 1, 20'000);
        QCOMPARE(queryOf(polls().at(0)).queryItemValue(QStringLiteral("offset")), QStringLiteral("555"));
    }

    void errors_becomeStatusesAndPollingResumes_data()
    {
        QTest::addColumn<ScriptedResponse>("failure");
        QTest::addColumn<QString>("mentions");
        // Qt's HTTP stack sends a request once more by itself when the connection closes before
        // any answer, so that failure has to happen twice to reach the connector.
        QTest::addColumn<int>("times");
        QTest::newRow("401-bad-token")
            << ScriptedResponse::json(401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})")
            << "token" << 1;
        QTest::newRow("409-webhook-set")
            << ScriptedResponse::json(
                   409,
                   // Not a raw string: moc reads the apostrophe in one as a character literal and
                   // loses the test function that follows.
                   "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: can't use getUpdates method "
                   "while webhook is active\"}")
            << "webhook" << 1;
        QTest::newRow("429-retry-after")
            << ScriptedResponse::json(
                   429,
                   R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}})")
            << "429" << 1;
        QTest::newRow("500-server-error")
            << ScriptedResponse::json(500, R"({"ok":false,"description":"Internal"})")
            << "Cannot reach Telegram" << 1;
        QTest::newRow("connection-closed") << ScriptedResponse::closeEarly() << "Cannot reach Telegram" << 2;
        QTest::newRow("not-json") << ScriptedResponse::reply(200, "<html>") << "could not be read" << 1;
    }
    void errors_becomeStatusesAndPollingResumes()
    {
        QFETCH(ScriptedResponse, failure);
        QFETCH(QString, mentions);
        QFETCH(int, times);
        for (int i = 0; i < times; ++i)
            m_polls.append(failure);
        m_polls.append(ScriptedResponse::json(200, updates({update(7, 42, kMaria, R"("text":"back")", 1)})));
        auto channel = makeChannel();
        QSignalSpy statuses(channel.get(), &TelegramChannel::statusChanged);
        channel->configure(config());

        QTRY_VERIFY_WITH_TIMEOUT(!firstProblem(statuses).isEmpty(), 20'000);
        const QString problem = firstProblem(statuses);
        QVERIFY2(problem.contains(mentions, Qt::CaseInsensitive), qPrintable(problem));
        QVERIFY2(!problem.contains(kToken), "the status must not show the token");
        // It tries again by itself and recovers.
        QTRY_COMPARE_WITH_TIMEOUT(m_store->stored.size(), 1, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(channel->status().state, ConnectorStatus::State::Connected, 20'000);
    }

    void retryAfter_isHonoured()
    {
        m_polls.append(ScriptedResponse::json(
            429,
            R"({"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":7}})"));
        auto channel = makeChannel(); // a "second" is 5 ms here
        QSignalSpy statuses(channel.get(), &TelegramChannel::statusChanged);
        channel->configure(config());
        QTRY_VERIFY_WITH_TIMEOUT(!firstProblem(statuses).isEmpty(), 20'000);
        QVERIFY2(firstProblem(statuses).contains(QStringLiteral("7 s")), qPrintable(firstProblem(statuses)));
        QTRY_VERIFY_WITH_TIMEOUT(pollCount() >= 2, 20'000); // and it polls again
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
        // A usable configuration sends getMe and getUpdates from configure() itself (shown at the
        // end); on this loopback server they arrive within milliseconds, so 300 ms without a
        // request shows that none is coming.
        QSignalSpy requested(m_server.get(), &test::LocalHttpServer::requestReceived);
        QVERIFY(!requested.wait(300));
        QCOMPARE(m_server->requestCount(), 0);
        // The signal waited on is the one that fires once the token is there.
        channel->configure(config());
        QVERIFY(requested.wait(20'000));
    }
};

QTEST_GUILESS_MAIN(tst_TelegramChannel)
#include "tst_telegramchannel.moc"
