// SPDX-License-Identifier: Apache-2.0
// Internal notes and sending a failed message again, on the real store of either dialect.
#include "channelregistry.h"
#include "conversationengine.h"
#include "deliverystore.h"
#include "fakechannel.h"
#include "leadpayload.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace zapito;
using namespace std::chrono_literals;

namespace {

// Answers at once from the event loop: a handoff for "a person please", a reply otherwise. It
// keeps every request, to show what the bot was given to read.
class RecordingAgent final : public QObject, public Agent
{
    Q_OBJECT
public:
    void decide(const AgentRequest& request, Done done) override
    {
        requests.append(request);
        const QString newest = request.recentTranscript.constLast().content;
        const AgentDecision decision =
            newest == QLatin1String("a person please")
                ? AgentDecision::handoff(HandoffReason::Handoff, QStringLiteral("Connecting you now."))
                : AgentDecision::reply(QStringLiteral("We open at 8."));
        QTimer::singleShot(0, this, [done = std::move(done), decision] { done(decision); });
    }
    QList<AgentRequest> requests;
};

const QString kNote = QStringLiteral("VIP: offer the 20% discount, do not mention it to her");

} // namespace

class tst_Notes : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<DeliveryStore> m_deliveries;
    std::unique_ptr<test::FakeChannel> m_whatsapp;
    std::unique_ptr<RecordingAgent> m_agent;
    ChannelRegistry m_channels;
    std::unique_ptr<ConversationEngine> m_engine;
    int m_nextExternal = 0;

    QString receive(const QString& text)
    {
        CustomerMessage m{QStringLiteral("whatsapp"),
                          QStringLiteral("5511999990000"),
                          QStringLiteral("Maria"),
                          text,
                          QDateTime::fromSecsSinceEpoch(1'751'371'181, QTimeZone::utc()),
                          QStringLiteral("wamid.%1").arg(++m_nextExternal)};
        auto id = m_engine->receiveCustomerMessage(m);
        if (!id)
            qFatal("receive failed: %s", qPrintable(id.error()));
        return *id;
    }
    int count(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("count failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }
    QList<Message> transcript(const QString& conversationId)
    {
        return m_store->messages(conversationId, 0, 1000).value();
    }
    // "hello" answered and its answer sent: the conversation is quiet.
    QString quietConversation()
    {
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        const QString id = receive(QStringLiteral("hello"));
        if (!settled.wait(5000))
            qFatal("the bot's answer was not sent");
        return id;
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_deliveries = std::make_unique<DeliveryStore>(*m_db);
        m_whatsapp = std::make_unique<test::FakeChannel>();
        m_channels.add(m_whatsapp.get());
        m_agent = std::make_unique<RecordingAgent>();
        const Bot bot = m_store->ensureBot(QStringLiteral("Luna Café")).value();
        m_engine = std::make_unique<ConversationEngine>(*m_store, *m_agent, m_channels, bot);
        m_engine->outbound().setRetryDelays({20ms});
        m_engine->decider().setRetryDelay(20ms);
    }
    void cleanup()
    {
        m_engine.reset();
        m_channels.remove(QStringLiteral("whatsapp"));
        m_whatsapp.reset();
        m_agent.reset();
        m_deliveries.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void note_neverReachesTheChannel()
    {
        const QString id = quietConversation();
        const int sentBefore = int(m_whatsapp->sent.size());
        const Conversation before = m_store->conversation(id).value();
        QSignalSpy answered(m_whatsapp.get(), &test::FakeChannel::answered);
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);

        QVERIFY(m_engine->addNote(id, kNote, QStringLiteral("Carla")));

        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 0);
        QVERIFY(!answered.wait(300)); // the channel would have been asked at once
        QCOMPARE(settled.count(), 0);
        QCOMPARE(m_whatsapp->sent.size(), sentBefore);
        const Message note = transcript(id).constLast();
        QVERIFY(note.isNote());
        QCOMPARE(note.content, kNote);
        QCOMPARE(note.author, QStringLiteral("Carla"));
        QCOMPARE(note.role, MessageRole::Operator);
        QCOMPARE(note.sendState, SendState::None);
        // Nothing the list shows moves, and writing a note is not taking the conversation over.
        const Conversation after = m_store->conversation(id).value();
        QCOMPARE(after.status, ConversationStatus::Bot);
        QCOMPARE(after.lastMessagePreview, before.lastMessagePreview);
        QCOMPARE(after.lastActivityMs, before.lastActivityMs);
        QCOMPARE(after.unreadCount, before.unreadCount);
        QCOMPARE(after.assignee, before.assignee); // a reply assigns its writer; a note does not
    }

    void note_isNeitherInTheWebhookNorReadByTheBot()
    {
        const QString id = quietConversation();
        QVERIFY(m_engine->addNote(id, kNote, QStringLiteral("Carla")));
        QSignalSpy recorded(m_engine.get(), &ConversationEngine::handoffRecorded);
        receive(QStringLiteral("a person please"));
        QVERIFY(recorded.wait(5000));

        const QByteArray body = m_deliveries->payload(recorded.at(0).at(0).toLongLong()).value();
        QVERIFY(!body.contains("VIP"));
        const QJsonArray said =
            QJsonDocument::fromJson(body).object().value(QStringLiteral("transcript")).toArray();
        QCOMPARE(said.size(), 4); // hello, the answer, a person please, the handoff message
        for (const QJsonValue& m : said)
            QVERIFY(m.toObject().value(QStringLiteral("role")).toString() != QLatin1String("note"));

        QCOMPARE(m_agent->requests.size(), 2);
        for (const Message& m : m_agent->requests.constLast().recentTranscript) {
            QVERIFY(!m.isNote());
            QVERIFY(m.content != kNote);
        }
        QCOMPARE(m_agent->requests.constLast().recentTranscript.size(), 3);
    }

    // The builder drops a note too, should a reader ever hand it one.
    void payloadBuilder_leavesNotesOut()
    {
        Message said;
        said.content = QStringLiteral("hello");
        Message note;
        note.role = MessageRole::Operator;
        note.kind = MessageKind::Note;
        note.content = kNote;
        const QByteArray body = buildLeadPayload(Bot{QStringLiteral("bot_1"), QStringLiteral("Luna")},
                                                 Conversation{}, {said, note}, HandoffReason::Handoff, 0);
        const QJsonArray transcript =
            QJsonDocument::fromJson(body).object().value(QStringLiteral("transcript")).toArray();
        QCOMPARE(transcript.size(), 1);
        QVERIFY(!body.contains("VIP"));
    }

    // While a human has the conversation a note is stored just the same, and sends nothing.
    void note_duringAHandoff_sendsNothing()
    {
        QSignalSpy recorded(m_engine.get(), &ConversationEngine::handoffRecorded);
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        const QString id = receive(QStringLiteral("a person please"));
        QVERIFY(recorded.wait(5000));
        if (settled.isEmpty())
            QVERIFY(settled.wait(5000));
        QSignalSpy answered(m_whatsapp.get(), &test::FakeChannel::answered);
        QVERIFY(m_engine->addNote(id, kNote, QStringLiteral("Carla")));
        QVERIFY(!answered.wait(300));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 0);
        QCOMPARE(m_store->conversation(id)->status, ConversationStatus::Handoff);
    }

    void note_emptyIsRefused()
    {
        const QString id = quietConversation();
        QVERIFY(!m_engine->addNote(id, QStringLiteral("  \n "), QStringLiteral("Carla")));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE kind = 'note'")), 0);
    }

    void retry_ofAFailedSend_goesThroughTheOutboxAgain()
    {
        m_whatsapp->failWith = QStringLiteral("HTTP 503 try later");
        const QString id = quietConversation();
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        QVERIFY(m_engine->replyAsOperator(id, QStringLiteral("Hi, Carla here."), QStringLiteral("Carla")));
        QVERIFY(settled.wait(5000));
        QCOMPARE(settled.constLast().at(2).toBool(), false);
        const Message failed = transcript(id).constLast();
        QCOMPARE(failed.sendState, SendState::Failed);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 0);

        m_whatsapp->failWith.clear();
        m_whatsapp->delay = 100ms; // the row is visible in the outbox while the channel thinks
        const qsizetype sentBefore = m_whatsapp->sent.size();
        QVERIFY(m_engine->retrySend(failed.id));
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox WHERE message_id = %1").arg(failed.id)),
            1);
        QCOMPARE(m_store->message(failed.id)->sendState, SendState::Pending);
        QVERIFY(m_store->message(failed.id)->sendError.isEmpty());
        QVERIFY(settled.wait(5000));
        QCOMPARE(settled.constLast().at(1).toLongLong(), failed.id);
        QCOMPARE(settled.constLast().at(2).toBool(), true);
        QCOMPARE(m_whatsapp->sent.size(), sentBefore + 1);
        QCOMPARE(m_whatsapp->sent.constLast().second, QStringLiteral("Hi, Carla here."));
        QCOMPARE(m_store->message(failed.id)->sendState, SendState::Sent);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 0);
    }

    void retry_isRefusedForAnythingButAFailedSend_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("sent") << QStringLiteral("sent");
        QTest::newRow("note") << QStringLiteral("note");
        QTest::newRow("customer") << QStringLiteral("customer");
        QTest::newRow("sample") << QStringLiteral("sample");
    }
    void retry_isRefusedForAnythingButAFailedSend()
    {
        QFETCH(QString, which);
        const QString id = quietConversation();
        qint64 messageId = 0;
        if (which == QLatin1String("sent")) {
            messageId = transcript(id).constLast().id;
        } else if (which == QLatin1String("note")) {
            QVERIFY(m_engine->addNote(id, kNote, QStringLiteral("Carla")));
            messageId = transcript(id).constLast().id;
            // Even a note marked failed by hand is never queued.
            QVERIFY(QSqlQuery(m_db->connection())
                        .exec(QStringLiteral("UPDATE messages SET send_state = 'failed' WHERE id = %1")
                                  .arg(messageId)));
        } else if (which == QLatin1String("customer")) {
            messageId = transcript(id).constFirst().id;
        } else {
            messageId = transcript(id).constLast().id;
            QVERIFY(QSqlQuery(m_db->connection())
                        .exec(QStringLiteral("UPDATE messages SET send_state = 'failed' WHERE id = %1")
                                  .arg(messageId)));
            QVERIFY(
                QSqlQuery(m_db->connection())
                    .exec(QStringLiteral("UPDATE conversations SET is_sample = 1 WHERE id = '%1'").arg(id)));
        }
        QSignalSpy answered(m_whatsapp.get(), &test::FakeChannel::answered);
        QVERIFY(!m_engine->retrySend(messageId));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 0);
        QVERIFY(!answered.wait(300));
    }
};

QTEST_GUILESS_MAIN(tst_Notes)
#include "tst_notes.moc"
