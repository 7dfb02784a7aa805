// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"
#include "conversationstore.h"
#include "deliverystore.h"
#include "leadpayload.h"
#include "localhttpserver.h"
#include "signature.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace zapito;
using test::ScriptedResponse;

namespace {
const QByteArray kSecret = "crash-test-signing-secret";
} // namespace

// A real crash: `zapito-inbox --headless` is killed with SIGKILL between a failed first attempt
// and its retry. The next start sends the retry with the very bytes and delivery id of the first
// attempt, and the lead ends up sent exactly once more — nothing lost, nothing invented.
class tst_WebhookCrash : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::CliProcess> m_cli;
    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<test::LocalHttpServer> m_receiver;

    // Reads the delivery state with a connection of its own (the child holds the instance lock).
    struct Row
    {
        int attempts = 0;
        bool owed = false;
        QString outcome;
    };
    Row rowOf(qint64 eventId)
    {
        Row row;
        Database::Options options;
        options.readOnly = true;
        DatabaseOpenError error;
        auto db = Database::open(m_tmp->path(), options, &error);
        if (!db)
            return row;
        QSqlQuery q(db->connection());
        q.prepare(
            QStringLiteral("SELECT (SELECT COUNT(*) FROM delivery_attempts WHERE handoff_event_id = ?), "
                           "(SELECT COUNT(*) FROM webhook_outbox WHERE handoff_event_id = ?), "
                           "(SELECT delivery_outcome FROM handoff_events WHERE id = ?)"));
        q.addBindValue(eventId);
        q.addBindValue(eventId);
        q.addBindValue(eventId);
        if (q.exec() && q.next())
            row = {q.value(0).toInt(), q.value(1).toInt() == 1, q.value(2).toString()};
        return row;
    }

private slots:
    void init()
    {
        m_cli = std::make_unique<test::CliProcess>(QStringLiteral(ZAPITO_INBOX_BINARY));
        m_tmp = std::make_unique<test::TestDatabase>();
        m_receiver = std::make_unique<test::LocalHttpServer>();
        QVERIFY(m_receiver->listen());
    }

    void sigkillBetweenAttemptAndRetry_nextStartRetriesWithTheSameBytes()
    {
        qint64 eventId = 0;
        {
            auto db = m_tmp->open();
            QVERIFY(db);
            ConversationStore store(*db);
            const Bot bot = store.ensureBot(QStringLiteral("Luna Café")).value();
            const Conversation c =
                store
                    .upsertConversation(bot.id, QStringLiteral("whatsapp"), QStringLiteral("5511999990000"),
                                        QStringLiteral("Maria"), 1)
                    .value();
            QVERIFY(store.appendMessage(c.id, MessageRole::User, QStringLiteral("Can I talk to a person?"),
                                        1000));
            auto record = store.recordHandoff(
                c.id, QStringLiteral("Connecting you with a team member right away."),
                HandoffReason::Escalate, 2000,
                [](const Bot& b, const Conversation& conv, const QList<Message>& t, HandoffReason r,
                   qint64 at) { return buildLeadPayload(b, conv, t, r, at); });
            QVERIFY(record);
            eventId = record->event.id;
        }
        const auto set = m_cli->run(
            {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--database"), m_tmp->path(),
             QStringLiteral("webhook.endpoint"), m_receiver->url(QStringLiteral("/lead")).toString()});
        QCOMPARE(set.exitCode, 0);
        const auto secret = m_cli->run(
            {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("webhook.signing_secret")},
            kSecret);
        QCOMPARE(secret.exitCode, 0);

        m_receiver->enqueue(ScriptedResponse::reply(500, "try later"));
        m_receiver->setDefaultResponse(ScriptedResponse::reply(200, "ok"));
        QSignalSpy received(m_receiver.get(), &test::LocalHttpServer::requestReceived);
        auto first =
            m_cli->start({QStringLiteral("--headless"), QStringLiteral("--database"), m_tmp->path()});
        QVERIFY(received.wait(30'000));
        // The 500 is recorded, the retry is 30 s away: the moment to die.
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(eventId).attempts, 1, 10'000);
        first->kill(); // SIGKILL: no destructor, no clean-up
        QVERIFY(first->waitForFinished(10'000));
        QCOMPARE(first->exitStatus(), QProcess::CrashExit);
        const Row afterCrash = rowOf(eventId);
        QVERIFY(afterCrash.owed);
        QCOMPARE(afterCrash.outcome, QStringLiteral("pending"));
        QCOMPARE(m_receiver->requestCount(), 1);

        {
            // The 30 s pass: the injected delay is the stored due time, moved to now.
            auto db = m_tmp->open();
            QVERIFY(db);
            QVERIFY(
                QSqlQuery(db->connection()).exec(QStringLiteral("UPDATE webhook_outbox SET due_at_ms = 0")));
        }
        auto second =
            m_cli->start({QStringLiteral("--headless"), QStringLiteral("--database"), m_tmp->path()});
        QVERIFY(m_receiver->requestCount() >= 2 || received.wait(30'000));
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(eventId).outcome, QStringLiteral("sent"), 10'000);
        second->terminate();
        QVERIFY(second->waitForFinished(10'000));

        QCOMPARE(m_receiver->requestCount(), 2);
        const auto requests = m_receiver->requests();
        QCOMPARE(requests[1].body, requests[0].body);
        QCOMPARE(requests[1].header("X-Zapito-Delivery"), requests[0].header("X-Zapito-Delivery"));
        QVERIFY(verifySignature(kSecret, requests[1].body, requests[1].header("X-Zapito-Signature")));
        const Row done = rowOf(eventId);
        QCOMPARE(done.attempts, 2);
        QVERIFY(!done.owed);
    }
};

QTEST_GUILESS_MAIN(tst_WebhookCrash)
#include "tst_webhookcrash.moc"
