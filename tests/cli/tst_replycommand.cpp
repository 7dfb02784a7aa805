// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"
#include "conversationstore.h"
#include "localhttpserver.h"
#include "operatorname.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace zapito;
using test::CliProcess;
using test::RecordedRequest;
using test::ScriptedResponse;

namespace {
const QByteArray kToken = "4242:reply-command-token-not-real";
} // namespace

// `zapito-inbox reply CONVERSATION_ID` as a real child process: the text from standard input
// goes through the engine to a fake Telegram Bot API on 127.0.0.1, as the operator; the exit
// code says whether the channel took it (0), refused it (1), or the command was misused (2).
class tst_ReplyCommand : public QObject
{
    Q_OBJECT

    std::unique_ptr<CliProcess> m_cli;
    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<test::LocalHttpServer> m_telegram;
    QList<RecordedRequest> m_sends;
    QList<ScriptedResponse> m_sendAnswers; // one per sendMessage, else 200
    QString m_conversation;

    QStringList db() const { return {QStringLiteral("--database"), m_tmp->path()}; }
    void set(const QString& key, const QString& value)
    {
        // The channels' settings are the store's: set where the reply command reads them.
        const auto r = m_cli->run(QStringList{QStringLiteral("settings"), QStringLiteral("set")} + db() +
                                  QStringList{key, value});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    CliProcess::Result reply(const QByteArray& text, const QString& conversation = {})
    {
        return m_cli->run(
            QStringList{QStringLiteral("reply"), conversation.isEmpty() ? m_conversation : conversation} +
                db(),
            text);
    }
    Message lastMessage()
    {
        auto database = m_tmp->open();
        if (!database)
            return {};
        ConversationStore store(*database);
        auto last = store.lastMessages(m_conversation, 1);
        return last && !last->isEmpty() ? last->constLast() : Message{};
    }
    ConversationStatus status()
    {
        auto database = m_tmp->open();
        ConversationStore store(*database);
        return store.conversation(m_conversation)->status;
    }

private slots:
    void init()
    {
        m_cli = std::make_unique<CliProcess>(QStringLiteral(ZAPITO_INBOX_BINARY));
        m_tmp = std::make_unique<test::TestDatabase>();
        m_telegram = std::make_unique<test::LocalHttpServer>();
        m_sends.clear();
        m_sendAnswers.clear();
        QVERIFY(m_telegram->listen());
        m_telegram->setHandler([this](const RecordedRequest& r) {
            if (r.path.contains("/sendMessage")) {
                m_sends.append(r);
                return m_sendAnswers.isEmpty()
                           ? ScriptedResponse::json(200, "{\"ok\":true,\"result\":{\"message_id\":7}}")
                           : m_sendAnswers.takeFirst();
            }
            // getUpdates: nothing new (the command stores nothing it would receive anyway).
            return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}")
                .after(std::chrono::milliseconds(200));
        });
        {
            auto database = m_tmp->open();
            QVERIFY(database);
            ConversationStore store(*database);
            const Bot bot = *store.ensureBot(QStringLiteral("Luna Café"));
            const auto maria = store.upsertConversation(bot.id, QStringLiteral("telegram"),
                                                        QStringLiteral("42"), QStringLiteral("Maria"), 1000);
            QVERIFY(maria);
            QVERIFY(store.appendMessage(maria->id, MessageRole::User, QStringLiteral("Is my table ready?"),
                                        1001));
            m_conversation = maria->id;
        }
        set(QStringLiteral("telegram.enabled"), QStringLiteral("true"));
        set(QStringLiteral("telegram.api_base"), m_telegram->url(QStringLiteral("/")).toString());
        const auto token = m_cli->run(
            {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("telegram.bot_token")},
            kToken + '\n');
        QVERIFY2(token.exitCode == 0, token.err.constData());
    }
    void cleanup()
    {
        m_telegram.reset();
        m_tmp.reset();
        m_cli.reset();
    }

    void reply_sentThroughTelegramAsTheOperator()
    {
        const CliProcess::Result r = reply("  Your table is ready, Maria.\n\n");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_sends.size(), 1);
        const QJsonObject body = QJsonDocument::fromJson(m_sends[0].body).object();
        QCOMPARE(body.value(QStringLiteral("chat_id")).toString(), QStringLiteral("42"));
        QCOMPARE(body.value(QStringLiteral("text")).toString(),
                 QStringLiteral("Your table is ready, Maria."));
        const Message stored = lastMessage();
        QCOMPARE(stored.role, MessageRole::Operator);
        QCOMPARE(stored.content, QStringLiteral("Your table is ready, Maria."));
        QCOMPARE(stored.sendState, SendState::Sent);
        QCOMPARE(stored.author, systemOperatorName());
        // The bot had the conversation: the operator took it over, so the bot stays silent there.
        QCOMPARE(status(), ConversationStatus::Operator);
        QVERIFY(!r.out.contains(kToken) && !r.err.contains(kToken));
    }

    void reply_channelRefuses_exits1WithTheReason_data()
    {
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QByteArray>("description");
        QTest::newRow("500-twice") << 500 << QByteArray("Internal Server Error");
        QTest::newRow("403-blocked-by-user") << 403 << QByteArray("Forbidden: bot was blocked by the user");
    }
    void reply_channelRefuses_exits1WithTheReason()
    {
        QFETCH(int, httpStatus);
        QFETCH(QByteArray, description);
        const QByteArray answer = "{\"ok\":false,\"error_code\":" + QByteArray::number(httpStatus) +
                                  ",\"description\":\"" + description + "\"}";
        m_sendAnswers = {ScriptedResponse::json(httpStatus, answer),
                         ScriptedResponse::json(httpStatus, answer)};
        const CliProcess::Result r = reply("Your table is ready.");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not sent"), r.err.constData());
        QCOMPARE(m_sends.size(), 2); // one retry, then it is reported
        const Message stored = lastMessage();
        QCOMPARE(stored.role, MessageRole::Operator);
        QCOMPARE(stored.sendState, SendState::Failed);
        QVERIFY(!r.out.contains(kToken) && !r.err.contains(kToken));
    }

    void reply_usageErrors_exit2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty-text") << QStringList{QStringLiteral("@ID@")} << QByteArray();
        QTest::newRow("only-whitespace") << QStringList{QStringLiteral("@ID@")} << QByteArray("  \n\t\n");
        QTest::newRow("no-conversation-id") << QStringList{} << QByteArray("hello");
        QTest::newRow("two-ids") << QStringList{QStringLiteral("@ID@"), QStringLiteral("@ID@")}
                                 << QByteArray("hello");
    }
    void reply_usageErrors_exit2()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        arguments.replaceInStrings(QStringLiteral("@ID@"), m_conversation);
        const CliProcess::Result r =
            m_cli->run(QStringList{QStringLiteral("reply")} + arguments + db(), input);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(m_sends.isEmpty());
        QCOMPARE(lastMessage().role, MessageRole::User); // nothing stored
    }

    void reply_unknownConversation_exits1()
    {
        const CliProcess::Result r = reply("hello", QStringLiteral("conv_does_not_exist"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(m_sends.isEmpty());
    }

    void reply_channelSwitchedOff_exits1AndStoresNothing()
    {
        set(QStringLiteral("telegram.enabled"), QStringLiteral("false"));
        const CliProcess::Result r = reply("hello");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("Telegram"), r.err.constData());
        QVERIFY(m_sends.isEmpty());
        QCOMPARE(lastMessage().role, MessageRole::User);
    }

    void reply_besideAnOpenStoreWithoutLeader_sendsItself()
    {
        // The store is open elsewhere but nobody leads (no leader lock): the command sends the
        // reply itself, as it does on a closed inbox. With a leader it hands the reply over
        // (tests/seats).
        auto open = m_tmp->open();
        QVERIFY(open);
        const CliProcess::Result r = reply("hello");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_sends.size(), 1);
        QCOMPARE(lastMessage().role, MessageRole::Operator);
    }
};

QTEST_GUILESS_MAIN(tst_ReplyCommand)
#include "tst_replycommand.moc"
