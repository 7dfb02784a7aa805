#include "channelregistry.h"
#include "conversationengine.h"
#include "fakechannel.h"
#include "ruleagent.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace zapito;

namespace {

// An agent whose next decision the test sets; it can also hold the decision back to show
// what happens while the model is still thinking.
class ScriptedAgent final : public Agent
{
public:
    void decide(const AgentRequest& request, Done done) override
    {
        requests.append(request);
        if (holdBack) {
            pending.append(std::move(done));
            return;
        }
        done(next);
    }
    AgentDecision next = AgentDecision::reply(QStringLiteral("Hello from the bot"));
    bool holdBack = false;
    QList<Done> pending;
    QList<AgentRequest> requests;
};

} // namespace

class tst_ConversationEngine : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    test::FakeChannel m_whatsapp;
    ChannelRegistry m_channels;
    RuleAgent m_ruleAgent;
    std::unique_ptr<ConversationEngine> m_engine;
    qint64 m_now = 1'751'371'181'000;

    QString receive(const QString& text, const QString& externalId = QStringLiteral("5511999990000"))
    {
        auto id =
            m_engine->receiveCustomerMessage(QStringLiteral("whatsapp"), externalId, QStringLiteral("Maria"),
                                             text, QDateTime::fromMSecsSinceEpoch(++m_now, QTimeZone::utc()));
        if (!id)
            qFatal("receive failed: %s", qPrintable(id.error()));
        return *id;
    }
    QList<Message> transcript(const QString& conversationId)
    {
        return *m_store->messages(conversationId, 0, 1000);
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_whatsapp.sent.clear();
        m_whatsapp.connected = true;
        m_whatsapp.failWith.clear();
        m_channels.add(&m_whatsapp);
        m_engine = std::make_unique<ConversationEngine>(*m_store, m_ruleAgent, m_channels,
                                                        *m_store->ensureBot(QStringLiteral("Luna Café")));
        m_engine->setClock([this] { return ++m_now; });
    }
    void cleanup()
    {
        m_engine.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void botReplies_whenNotInHandoff()
    {
        const QString id = receive(QStringLiteral("What time do you open?"));
        QCOMPARE(m_whatsapp.sent.size(), 1);
        QCOMPARE(m_whatsapp.sent.first().first, QStringLiteral("5511999990000"));
        const auto messages = transcript(id);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).role, MessageRole::User);
        QCOMPARE(messages.at(1).role, MessageRole::Assistant);
        QCOMPARE(messages.at(1).content, m_whatsapp.sent.first().second);
    }

    void handoff_sendsMessageFirstThenRecordsAndSignals()
    {
        QSignalSpy recorded(m_engine.get(), &ConversationEngine::handoffRecorded);
        // The channel checks, while sending, that nothing is recorded yet.
        bool recordedBeforeSend = true;
        connect(m_store.get(), &ConversationStore::handoffChanged, this,
                [&] { recordedBeforeSend = m_whatsapp.sent.isEmpty(); });
        const QString id = receive(QStringLiteral("Can I talk to a person?"));
        QCOMPARE(m_whatsapp.sent.size(), 1);
        QCOMPARE(m_whatsapp.sent.first().second, defaultHandoffMessage());
        QVERIFY(!recordedBeforeSend);
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().at(1).toString(), id);
        const Conversation c = *m_store->conversation(id);
        QCOMPARE(c.status, ConversationStatus::Handoff);
        const auto events = *m_store->handoffEvents(id);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().reason, HandoffReason::Handoff);
        QCOMPARE(events.first().id, recorded.first().at(0).toLongLong());
        QCOMPARE(transcript(id).last().content, defaultHandoffMessage());
        QCOMPARE(transcript(id).last().role, MessageRole::Assistant);
    }

    void handoff_recordedEvenWhenSendFails()
    {
        m_whatsapp.failWith = QStringLiteral("network down");
        QSignalSpy problems(m_engine.get(), &ConversationEngine::problem);
        const QString id = receive(QStringLiteral("human please"));
        QCOMPARE(m_store->conversation(id)->status, ConversationStatus::Handoff);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().at(1).toString().contains(QStringLiteral("network down")));
    }

    void silent_duringHandoff()
    {
        const QString id = receive(QStringLiteral("I want a human"));
        m_whatsapp.sent.clear();
        receive(QStringLiteral("hello?"));
        receive(QStringLiteral("anyone there? human?"));
        QVERIFY(m_whatsapp.sent.isEmpty());
        const auto messages = transcript(id);
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages.at(2).role, MessageRole::User);
        QCOMPARE(messages.at(3).role, MessageRole::User);
        QCOMPARE(m_store->handoffEvents(id)->size(), 1);
    }

    void resolve_unsilencesBot()
    {
        const QString id = receive(QStringLiteral("person please"));
        QSignalSpy resolved(m_engine.get(), &ConversationEngine::handoffResolved);
        QVERIFY(m_engine->resolve(id, QStringLiteral("Ana")));
        QCOMPARE(resolved.size(), 1);
        const auto events = *m_store->handoffEvents(id);
        QCOMPARE(events.first().resolvedBy, QStringLiteral("Ana"));
        QVERIFY(events.first().resolvedAtMs.has_value());
        m_whatsapp.sent.clear();
        receive(QStringLiteral("Thanks! And what time do you open?"));
        QCOMPARE(m_whatsapp.sent.size(), 1);
        QCOMPARE(transcript(id).last().role, MessageRole::Assistant);
        QCOMPARE(m_store->conversation(id)->status, ConversationStatus::Bot);
        // Nothing left to resolve.
        QVERIFY(!m_engine->resolve(id, QStringLiteral("Ana")));
    }

    void eachReason_isRecorded_data()
    {
        QTest::addColumn<int>("reason");
        QTest::addColumn<QString>("text");
        QTest::newRow("handoff") << int(HandoffReason::Handoff) << QStringLiteral("handoff");
        QTest::newRow("escalate") << int(HandoffReason::Escalate) << QStringLiteral("escalate");
        QTest::newRow("model_error") << int(HandoffReason::ModelError) << QStringLiteral("model_error");
        QTest::newRow("out_of_credits")
            << int(HandoffReason::OutOfCredits) << QStringLiteral("out_of_credits");
    }
    void eachReason_isRecorded()
    {
        QFETCH(int, reason);
        QFETCH(QString, text);
        ScriptedAgent agent;
        agent.next = AgentDecision::handoff(HandoffReason(reason), QStringLiteral("One moment"));
        m_engine->setAgent(agent);
        const QString id = receive(QStringLiteral("anything"));
        const auto events = *m_store->handoffEvents(id);
        QCOMPARE(events.size(), 1);
        QCOMPARE(asString(events.first().reason), text);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT reason FROM handoff_events")) && q.next());
        QCOMPARE(q.value(0).toString(), text);
        m_engine->setAgent(m_ruleAgent);
    }

    void agentAnswerAfterHandoff_isDropped()
    {
        ScriptedAgent agent;
        agent.holdBack = true;
        m_engine->setAgent(agent);
        const QString id = receive(QStringLiteral("first"));
        receive(QStringLiteral("second"));
        QCOMPARE(agent.pending.size(), 2);
        agent.pending.at(1)(
            AgentDecision::handoff(HandoffReason::Escalate, QStringLiteral("Getting a human")));
        agent.pending.at(0)(AgentDecision::reply(QStringLiteral("late bot reply")));
        QCOMPARE(m_whatsapp.sent.size(), 1);
        QCOMPARE(transcript(id).last().content, QStringLiteral("Getting a human"));
        m_engine->setAgent(m_ruleAgent);
    }

    void agentSeesConversationOldestFirst()
    {
        ScriptedAgent agent;
        m_engine->setAgent(agent);
        receive(QStringLiteral("one"));
        receive(QStringLiteral("two"));
        const auto& last = agent.requests.last();
        QCOMPARE(last.recentTranscript.last().content, QStringLiteral("two"));
        QCOMPARE(last.recentTranscript.first().content, QStringLiteral("one"));
        QCOMPARE(last.conversation.contactName, QStringLiteral("Maria"));
        m_engine->setAgent(m_ruleAgent);
    }

    void replyAsOperator_storedAndSent()
    {
        const QString id = receive(QStringLiteral("human"));
        m_whatsapp.sent.clear();
        QVERIFY(m_engine->replyAsOperator(id, QStringLiteral("Hi Maria, Ana here.")));
        QCOMPARE(m_whatsapp.sent.size(), 1);
        QCOMPARE(m_whatsapp.sent.first().second, QStringLiteral("Hi Maria, Ana here."));
        QCOMPARE(transcript(id).last().role, MessageRole::Operator);
    }

    void replyAsOperator_refusedForSampleConversation()
    {
        const QString id = receive(QStringLiteral("human"));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE conversations SET is_sample = 1")));
        m_whatsapp.sent.clear();
        const Status status = m_engine->replyAsOperator(id, QStringLiteral("Hello"));
        QVERIFY(!status);
        QVERIFY(status.error().contains(QStringLiteral("sample")));
        QVERIFY(m_whatsapp.sent.isEmpty());
    }

    void replyAsOperator_refusedWithoutChannel()
    {
        const QString id = receive(QStringLiteral("human"));
        m_whatsapp.connected = false;
        const int before = transcript(id).size();
        const Status status = m_engine->replyAsOperator(id, QStringLiteral("Hello"));
        QVERIFY(!status);
        QVERIFY(status.error().contains(QStringLiteral("whatsapp")));
        QCOMPARE(transcript(id).size(), before); // nothing stored that never went out
        QVERIFY(!m_engine->replyAsOperator(id, QStringLiteral("   ")));
    }

    void ruleAgent_matchesWholeWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("handsOff");
        QTest::newRow("person") << QStringLiteral("Can I talk to a person?") << true;
        QTest::newRow("HUMAN") << QStringLiteral("HUMAN!!") << true;
        QTest::newRow("portuguese") << QStringLiteral("Quero falar com um atendente") << true;
        QTest::newRow("agenda-is-not-agent") << QStringLiteral("What's on the agenda?") << false;
        QTest::newRow("menu") << QStringLiteral("Do you have vegan options?") << false;
    }
    void ruleAgent_matchesWholeWords()
    {
        QFETCH(QString, text);
        QFETCH(bool, handsOff);
        RuleAgent agent;
        Message m;
        m.content = text;
        AgentDecision decision;
        agent.decide(AgentRequest{{}, {}, {m}}, [&](AgentDecision d) { decision = d; });
        QCOMPARE(decision.kind == AgentDecision::Kind::Handoff, handsOff);
    }
};

QTEST_GUILESS_MAIN(tst_ConversationEngine)
#include "tst_conversationengine.moc"
