// SPDX-License-Identifier: Apache-2.0
#include "channelregistry.h"
#include "conversationengine.h"
#include "deliverystore.h"
#include "fakechannel.h"
#include "ruleagent.h"
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

// An agent that answers later, as a model over the network does: after `delay`, with the
// decision scripted for the customer's newest line (a reply otherwise). It counts its calls.
class SlowAgent final : public QObject, public Agent
{
    Q_OBJECT
public:
    void decide(const AgentRequest& request, Done done) override
    {
        requests.append(request);
        const QString newest =
            request.recentTranscript.isEmpty() ? QString() : request.recentTranscript.constLast().content;
        const AgentDecision decision =
            decisions.value(newest, AgentDecision::reply(QStringLiteral("We open at 8.")));
        QTimer::singleShot(delay, this, [done = std::move(done), decision] { done(decision); });
    }
    std::chrono::milliseconds delay{0};
    QHash<QString, AgentDecision> decisions;
    QList<AgentRequest> requests;
};

const QString kHandoffText = QStringLiteral("Connecting you with a team member right away.");

} // namespace

class tst_ConversationEngine : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<DeliveryStore> m_deliveries;
    std::unique_ptr<test::FakeChannel> m_whatsapp;
    std::unique_ptr<SlowAgent> m_agent;
    ChannelRegistry m_channels;
    std::unique_ptr<ConversationEngine> m_engine;
    Bot m_bot;
    int m_nextExternal = 0;

    void makeEngine()
    {
        m_engine = std::make_unique<ConversationEngine>(*m_store, *m_agent, m_channels, m_bot);
        m_engine->outbound().setRetryDelays({20ms, 20ms});
        m_engine->decider().setRetryDelay(20ms);
    }

    QString receive(const QString& text, const QString& externalId = QStringLiteral("5511999990000"))
    {
        CustomerMessage m{QStringLiteral("whatsapp"), externalId, QStringLiteral("Maria"), text,
                          // Channels send whole seconds; the store's own time orders messages.
                          QDateTime::fromSecsSinceEpoch(1'751'371'181, QTimeZone::utc()),
                          QStringLiteral("wamid.%1").arg(++m_nextExternal)};
        auto id = m_engine->receiveCustomerMessage(m);
        if (!id)
            qFatal("receive failed: %s", qPrintable(id.error()));
        return *id;
    }
    QList<Message> transcript(const QString& conversationId)
    {
        return m_store->messages(conversationId, 0, 1000).value();
    }
    int count(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("count failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }
    // Waits until the pipeline has nothing left to decide or send (bounded).
    bool settle(int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (m_engine->decider().busyCount() == 0 && m_engine->outbound().inFlightCount() == 0 &&
                count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE decided = 0")) == 0 &&
                count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")) == 0)
                return true;
            QSignalSpy step(m_engine.get(), &ConversationEngine::outboundSettled);
            step.wait(50);
        }
        return false;
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        Database::Options options;
        options.busyTimeoutMs = 50; // a locked database answers fast in the locked-database case
        m_db = m_tmp->open(options);
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_deliveries = std::make_unique<DeliveryStore>(*m_db);
        m_whatsapp = std::make_unique<test::FakeChannel>();
        m_channels.add(m_whatsapp.get());
        m_agent = std::make_unique<SlowAgent>();
        m_bot = m_store->ensureBot(QStringLiteral("Luna Café")).value();
        makeEngine();
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

    void reply_isSentThroughTheOutbox_andMarkedSent()
    {
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        const QString id = receive(QStringLiteral("what time do you open"));
        QVERIFY(settled.wait(5000));
        QCOMPARE(settled.at(0).at(2).toBool(), true);
        QCOMPARE(m_whatsapp->sent.size(), 1);
        QCOMPARE(m_whatsapp->sent.at(0).second, QStringLiteral("We open at 8."));
        const auto messages = transcript(id);
        QCOMPARE(messages.size(), 2);
        QVERIFY(messages.at(0).decided);
        QCOMPARE(messages.at(1).sendState, SendState::Sent);
    }

    // "crash x" then "crash y" 0.3 s apart against a slow model: one handoff message, one event.
    void twoModelErrorsCloseTogether_oneHandoffMessageOneEvent()
    {
        m_agent->delay = 300ms;
        for (const char* text : {"crash x", "crash y"})
            m_agent->decisions.insert(QLatin1String(text),
                                      AgentDecision::handoff(HandoffReason::ModelError, kHandoffText));
        QSignalSpy handoffs(m_engine.get(), &ConversationEngine::handoffRecorded);
        const QString id = receive(QStringLiteral("crash x"));
        QTimer::singleShot(150, this, [this] { receive(QStringLiteral("crash y")); }); // during the decision
        QVERIFY(handoffs.wait(5000));
        QVERIFY(settle());
        QCOMPARE(handoffs.count(), 1);
        QCOMPARE(m_whatsapp->sent.size(), 1);
        QCOMPARE(m_whatsapp->sent.at(0).second, kHandoffText);
        QCOMPARE(m_store->handoffEvents(id)->size(), 1);
    }

    // "crash z" then "what time do you open": nothing reaches the customer after the handoff message.
    void modelErrorThenQuestion_nothingSentAfterTheHandoffMessage()
    {
        m_agent->delay = 200ms;
        m_agent->decisions.insert(QStringLiteral("crash z"),
                                  AgentDecision::handoff(HandoffReason::ModelError, kHandoffText));
        m_whatsapp->delay = 300ms; // a slow channel
        QSignalSpy due(m_engine.get(), &ConversationEngine::webhookDue);
        receive(QStringLiteral("crash z"));
        QTimer::singleShot(50, this, [this] { receive(QStringLiteral("what time do you open")); });
        QVERIFY(due.wait(5000));
        QVERIFY(settle());
        QCOMPARE(m_whatsapp->sent.size(), 1);
        QCOMPARE(m_whatsapp->sent.constLast().second, kHandoffText);
    }

    // A reply decided before the handoff still goes first: the channel sends in conversation order.
    void replyThenHandoff_onASlowChannel_areSentInOrder()
    {
        m_whatsapp->delay = 200ms;
        m_agent->decisions.insert(QStringLiteral("a person please"),
                                  AgentDecision::handoff(HandoffReason::Handoff, kHandoffText));
        QSignalSpy due(m_engine.get(), &ConversationEngine::webhookDue);
        receive(QStringLiteral("hello"));
        QTimer::singleShot(20, this, [this] { receive(QStringLiteral("a person please")); });
        QVERIFY(due.wait(5000));
        QCOMPARE(m_whatsapp->sent.size(), 2);
        QCOMPARE(m_whatsapp->sent.at(1).second, kHandoffText);
        QCOMPARE(m_whatsapp->maxInFlight, 1); // one send at a time in a conversation
    }

    // The spec: the webhook is fired after the handoff message is already sent.
    void webhook_becomesDueOnlyAfterTheHandoffMessageWasSent()
    {
        m_whatsapp->delay = 300ms;
        m_agent->decisions.insert(QStringLiteral("a person please"),
                                  AgentDecision::handoff(HandoffReason::Handoff, kHandoffText));
        QSignalSpy recorded(m_engine.get(), &ConversationEngine::handoffRecorded);
        QSignalSpy answered(m_whatsapp.get(), &test::FakeChannel::answered);
        QSignalSpy due(m_engine.get(), &ConversationEngine::webhookDue);
        receive(QStringLiteral("a person please"));
        QVERIFY(recorded.wait(5000));
        QVERIFY(m_deliveries->dueRows(std::numeric_limits<qint64>::max())->isEmpty());
        QVERIFY(due.wait(5000));
        QCOMPARE(answered.count(), 1); // the channel had answered first
        QCOMPARE(due.at(0).at(0).toLongLong(), recorded.at(0).at(0).toLongLong());
        QCOMPARE(m_deliveries->dueRows(std::numeric_limits<qint64>::max())->size(), 1);
    }

    // The handoff message cannot be delivered: the lead goes out all the same.
    void handoffMessageFailingForGood_stillMakesTheWebhookDue()
    {
        m_whatsapp->failWith = QStringLiteral("HTTP 400 recipient not allowed");
        m_agent->decisions.insert(QStringLiteral("a person please"),
                                  AgentDecision::handoff(HandoffReason::Handoff, kHandoffText));
        QSignalSpy due(m_engine.get(), &ConversationEngine::webhookDue);
        const QString id = receive(QStringLiteral("a person please"));
        QVERIFY(due.wait(5000));
        QCOMPARE(m_whatsapp->sent.size(), 3); // the first attempt and both retries
        const Message handoffMessage = transcript(id).constLast();
        QCOMPARE(handoffMessage.sendState, SendState::Failed);
        QCOMPARE(handoffMessage.sendError, QStringLiteral("HTTP 400 recipient not allowed"));
    }

    // 12 messages within a second, then "a person please": the webhook's transcript is in order.
    void burstThenHandoff_webhookTranscriptIsOrdered()
    {
        m_agent->delay = 50ms;
        m_agent->decisions.insert(QStringLiteral("a person please"),
                                  AgentDecision::handoff(HandoffReason::Handoff, kHandoffText));
        QSignalSpy recorded(m_engine.get(), &ConversationEngine::handoffRecorded);
        for (int i = 1; i <= 12; ++i)
            receive(QStringLiteral("question %1").arg(i));
        QSignalSpy firstAnswer(m_engine.get(), &ConversationEngine::botReplied);
        QVERIFY(firstAnswer.wait(5000));
        receive(QStringLiteral("a person please"));
        QVERIFY(recorded.wait(5000));
        const QByteArray body = m_deliveries->payload(recorded.at(0).at(0).toLongLong()).value();
        const QJsonArray messages =
            QJsonDocument::fromJson(body).object().value(QStringLiteral("transcript")).toArray();
        QCOMPARE(messages.size(), 10);
        QCOMPARE(messages.last().toObject().value(QStringLiteral("content")).toString(), kHandoffText);
        for (int i = 1; i < messages.size(); ++i)
            QVERIFY(messages.at(i).toObject().value(QStringLiteral("at")).toString() >=
                    messages.at(i - 1).toObject().value(QStringLiteral("at")).toString());
        // A burst is answered once, with the whole recent transcript, not once per message.
        QVERIFY(m_agent->requests.size() <= 3);
        QCOMPARE(m_agent->requests.constFirst().recentTranscript.constFirst().content,
                 QStringLiteral("question 1"));
    }

    // Stored just before a crash: decided at the next start, answered once.
    void engineGoneBetweenStoreAndDecision_isDecidedAtNextStart()
    {
        const QString id = receive(QStringLiteral("what time do you open"));
        m_engine.reset(); // before the event loop ran the decision
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE decided = 0")), 1);
        makeEngine();
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        m_engine->start();
        QVERIFY(settled.wait(5000));
        QVERIFY(settle());
        QCOMPARE(m_whatsapp->sent.size(), 1);
        QCOMPARE(transcript(id).size(), 2);
    }

    // The channel redelivers the message after the crash: it is a duplicate, still answered once.
    void redeliveryOfAnUndecidedMessage_isAnsweredOnce()
    {
        CustomerMessage m{QStringLiteral("whatsapp"),
                          QStringLiteral("5511999990000"),
                          QStringLiteral("Maria"),
                          QStringLiteral("hi"),
                          {},
                          QStringLiteral("wamid.same")};
        QVERIFY(m_engine->receiveCustomerMessage(m));
        m_engine.reset();
        makeEngine();
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        QVERIFY(m_engine->receiveCustomerMessage(m)); // Meta retries after no 200
        m_engine->start();
        QVERIFY(settled.wait(5000));
        QVERIFY(settle());
        QCOMPARE(m_whatsapp->sent.size(), 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE role = 'user'")), 1);
    }

    // Crash with a text queued but unsent: the next start sends it, once.
    void unsentReplyAtCrash_isSentAtNextStart()
    {
        m_whatsapp->connected = false;
        QSignalSpy replied(m_engine.get(), &ConversationEngine::botReplied);
        receive(QStringLiteral("hello"));
        QVERIFY(replied.wait(5000));
        m_engine.reset();
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 1);
        m_whatsapp->connected = true;
        makeEngine();
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        m_engine->start();
        QVERIFY(settled.wait(5000));
        QCOMPARE(m_whatsapp->sent.size(), 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 0);
    }

    // A locked database: the channel is told "not stored", and the message is stored once later.
    void lockedDatabase_refusesTheMessage_thenStoresItOnce()
    {
        QSqlDatabase other = m_db->openExtraConnection(QStringLiteral("locker"));
        {
            QSqlQuery lock(other);
            // Every writer shut out (PostgreSQL's EXCLUSIVE still lets readers in, as SQLite's WAL does).
            if (test::TestDatabase::isPostgreSQL()) {
                QVERIFY(lock.exec(QStringLiteral("BEGIN")));
                QVERIFY(lock.exec(QStringLiteral("LOCK TABLE conversations, messages IN EXCLUSIVE MODE")));
            } else {
                QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            }
            CustomerMessage m{QStringLiteral("whatsapp"),
                              QStringLiteral("5511999990000"),
                              QStringLiteral("Maria"),
                              QStringLiteral("hi"),
                              {},
                              QStringLiteral("wamid.locked")};
            std::optional<Status> answer;
            m_engine->receive(m, [&answer](Status s) { answer = s; });
            QVERIFY(answer);
            QVERIFY(!*answer);
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
            answer.reset();
            m_engine->receive(m, [&answer](Status s) { answer = s; });
            QVERIFY(answer && *answer);
            m_engine->receive(m, [&answer](Status s) { answer = s; }); // a second redelivery
            QVERIFY(answer && *answer);
        }
        other.close();
        other = {};
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), 1);
    }

    void nullText_isStored()
    {
        const QString id = receive(QString());
        QCOMPARE(transcript(id).size(), 1);
    }

    void silent_duringHandoff_untilResolved()
    {
        m_agent->decisions.insert(QStringLiteral("a person please"),
                                  AgentDecision::handoff(HandoffReason::Handoff, kHandoffText));
        QSignalSpy due(m_engine.get(), &ConversationEngine::webhookDue);
        const QString id = receive(QStringLiteral("a person please"));
        QVERIFY(due.wait(5000));
        QSignalSpy replied(m_engine.get(), &ConversationEngine::botReplied);
        receive(QStringLiteral("hello?"));
        // The decision for "hello?" runs from the event loop at once; 500 ms is far beyond it.
        QVERIFY(!replied.wait(500));
        QVERIFY(settle());
        QCOMPARE(m_whatsapp->sent.size(), 1);

        QSignalSpy resolved(m_engine.get(), &ConversationEngine::handoffResolved);
        QVERIFY(m_engine->resolve(id, QStringLiteral("Carla")));
        QCOMPARE(resolved.count(), 1);
        QVERIFY(!m_engine->resolve(id, QStringLiteral("Ana"))); // resolved already
        receive(QStringLiteral("what time do you open"));
        QVERIFY(replied.wait(5000));
    }

    // An operator's reply while the bot has the conversation silences the bot until given back.
    void operatorReply_silencesTheBot_untilGivenBack()
    {
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        const QString id = receive(QStringLiteral("hello"));
        QVERIFY(settled.wait(5000));
        QSignalSpy tookOver(m_engine.get(), &ConversationEngine::operatorTookOver);
        QVERIFY(m_engine->replyAsOperator(id, QStringLiteral("Hi, Carla here."), QStringLiteral("Carla")));
        QCOMPARE(tookOver.count(), 1);
        QVERIFY(settled.wait(5000));
        QCOMPARE(m_whatsapp->sent.constLast().second, QStringLiteral("Hi, Carla here."));
        QCOMPARE(transcript(id).constLast().author, QStringLiteral("Carla"));
        QCOMPARE(m_store->conversation(id)->status, ConversationStatus::Operator);

        QSignalSpy replied(m_engine.get(), &ConversationEngine::botReplied);
        receive(QStringLiteral("thanks"));
        QVERIFY(!replied.wait(500)); // as above: the decision would have run long before
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM handoff_events")), 0); // no webhook

        QVERIFY(m_engine->resolve(id, QStringLiteral("Carla")));
        receive(QStringLiteral("one more question"));
        QVERIFY(replied.wait(5000));
    }

    // The model was still thinking when the operator took over: its answer is dropped.
    void agentAnswerAfterTakeover_isDropped()
    {
        m_agent->delay = 300ms;
        const QString id = receive(QStringLiteral("hello"));
        QTimer::singleShot(50, this, [this, id] {
            QVERIFY(m_engine->replyAsOperator(id, QStringLiteral("Carla here"), QStringLiteral("Carla")));
        });
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        QVERIFY(settled.wait(5000));
        QVERIFY(settle());
        QCOMPARE(m_whatsapp->sent.size(), 1);
        QCOMPARE(m_whatsapp->sent.at(0).second, QStringLiteral("Carla here"));
    }

    void replyAsOperator_refusedForSampleOrEmpty_data()
    {
        QTest::addColumn<bool>("sample");
        QTest::addColumn<QString>("text");
        QTest::newRow("sample") << true << QStringLiteral("hello");
        QTest::newRow("empty") << false << QStringLiteral("   ");
    }
    void replyAsOperator_refusedForSampleOrEmpty()
    {
        QFETCH(bool, sample);
        QFETCH(QString, text);
        const QString id = receive(QStringLiteral("hi"));
        QVERIFY(settle());
        if (sample)
            QVERIFY(
                QSqlQuery(m_db->connection())
                    .exec(QStringLiteral("UPDATE conversations SET is_sample = 1 WHERE id = '%1'").arg(id)));
        QVERIFY(!m_engine->replyAsOperator(id, text, QStringLiteral("Carla")));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE role = 'operator'")), 0);
    }

    void eachReason_isRecordedOnTheEvent_data()
    {
        QTest::addColumn<HandoffReason>("reason");
        QTest::newRow("handoff") << HandoffReason::Handoff;
        QTest::newRow("escalate") << HandoffReason::Escalate;
        QTest::newRow("model_error") << HandoffReason::ModelError;
        QTest::newRow("out_of_credits") << HandoffReason::OutOfCredits;
    }
    void eachReason_isRecordedOnTheEvent()
    {
        QFETCH(HandoffReason, reason);
        m_agent->decisions.insert(QStringLiteral("help"), AgentDecision::handoff(reason, kHandoffText));
        QSignalSpy recorded(m_engine.get(), &ConversationEngine::handoffRecorded);
        const QString id = receive(QStringLiteral("help"));
        QVERIFY(recorded.wait(5000));
        const HandoffEvent event = m_store->handoffEvents(id)->constFirst();
        QCOMPARE(event.reason, reason);
        QCOMPARE(m_store->conversation(id)->status, ConversationStatus::Handoff);
        const QJsonObject body = QJsonDocument::fromJson(m_deliveries->payload(event.id).value()).object();
        QCOMPARE(body.value(QStringLiteral("reason")).toString(), asString(reason));
        QCOMPARE(body.value(QStringLiteral("bot")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Luna Café"));
    }

    void ruleAgent_matchesWholeWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("handsOff");
        QTest::newRow("human") << QStringLiteral("I want a human") << true;
        QTest::newRow("inside-a-word") << QStringLiteral("humanity is great") << false;
    }
    void ruleAgent_matchesWholeWords()
    {
        QFETCH(QString, text);
        QFETCH(bool, handsOff);
        RuleAgent agent;
        Conversation c;
        Message m;
        m.content = text;
        std::optional<AgentDecision> decision;
        agent.decide(AgentRequest{m_bot, c, {m}}, [&decision](AgentDecision d) { decision = d; });
        QVERIFY(decision);
        QCOMPARE(decision->kind == AgentDecision::Kind::Handoff, handsOff);
    }
};

QTEST_GUILESS_MAIN(tst_ConversationEngine)
#include "tst_conversationengine.moc"
