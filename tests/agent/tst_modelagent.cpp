// SPDX-License-Identifier: Apache-2.0
#include "botagent.h"
#include "channelstate.h"
#include "chatcompletionsclient.h"
#include "creditbudget.h"
#include "localhttpserver.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace zapito;
using namespace std::chrono_literals;
using test::ScriptedResponse;

namespace {

QByteArray textAnswer(const QByteArray& text)
{
    return R"({"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":")" +
           text + R"("},"finish_reason":"stop"}]})";
}

const QByteArray kToolCallAnswer =
    R"({"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"request_human","arguments":"{}"}}]},"finish_reason":"tool_calls"}]})";
const QByteArray kQuotaAnswer =
    R"({"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})";
const QByteArray kRateLimitAnswer =
    R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}})";

// The outcome a row expects: a reply with `text`, or a handoff with `reason`.
struct Expect
{
    bool handoff = false;
    QString textOrReason;
};

} // namespace

Q_DECLARE_METATYPE(ScriptedResponse)

// The model half of the agent against a fake OpenAI-compatible chat-completions server:
// every answer maps to a reply or to one of the reasons escalate / model_error / out_of_credits.
class tst_ModelAgent : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ChannelState> m_state;
    std::unique_ptr<CreditBudget> m_budget;
    std::unique_ptr<test::LocalHttpServer> m_server;
    std::unique_ptr<BotAgent> m_agent;

    BotConfig modelConfig() const
    {
        BotConfig config;
        config.instructions = QStringLiteral("You are the Luna Café assistant.");
        config.modelBaseUrl = m_server->url(QStringLiteral("/v1/")).toString();
        config.modelName = QStringLiteral("test-model");
        config.modelTimeoutMs = 10'000;
        return config;
    }

    AgentRequest request() const
    {
        AgentRequest r;
        Message earlier;
        earlier.role = MessageRole::User;
        earlier.content = QStringLiteral("Hi");
        Message answer;
        answer.role = MessageRole::Assistant;
        answer.content = QStringLiteral("Hello! How can I help?");
        Message now;
        now.role = MessageRole::User;
        now.content = QStringLiteral("Do you have oat milk?");
        r.recentTranscript = {earlier, answer, now};
        return r;
    }

    // Runs decide() and waits for its answer; fails unless done is called exactly once.
    std::optional<AgentDecision> decide()
    {
        std::optional<AgentDecision> got;
        int calls = 0;
        QObject answered; // its objectNameChanged turns the callback into a signal to wait on
        QSignalSpy called(&answered, &QObject::objectNameChanged);
        m_agent->decide(request(), [&](AgentDecision d) {
            ++calls;
            got = d;
            answered.setObjectName(QString::number(calls));
        });
        if (called.isEmpty() && !called.wait(30'000))
            return std::nullopt;
        // A second call could only come from the same exchange (one HTTP answer, handled once):
        // a late signal or a queued call, run within the event-loop passes right after the
        // first. 200 ms of a loopback exchange is many of those, and the wait ends at once if it comes.
        if (called.wait(200) || calls != 1)
            qFatal("done was called %d times", calls);
        return got;
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_state = std::make_unique<ChannelState>(*m_db);
        m_budget = std::make_unique<CreditBudget>(*m_state);
        m_server = std::make_unique<test::LocalHttpServer>();
        QVERIFY(m_server->listen());
        m_agent = std::make_unique<BotAgent>(*m_budget);
        m_agent->setConfig(modelConfig());
    }
    void cleanup()
    {
        m_agent.reset();
        m_server.reset();
        m_budget.reset();
        m_state.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void outcome_data()
    {
        QTest::addColumn<ScriptedResponse>("response");
        QTest::addColumn<bool>("handoff");
        QTest::addColumn<QString>("expected"); // reply text, or the reason
        QTest::addColumn<int>("spent");        // model replies counted

        QTest::newRow("text-is-reply")
            << ScriptedResponse::json(200, textAnswer("Yes, we do!")) << false << "Yes, we do!" << 1;
        QTest::newRow("request_human-is-escalate")
            << ScriptedResponse::json(200, kToolCallAnswer) << true << "escalate" << 1;
        QTest::newRow("legacy-function_call-is-escalate")
            << ScriptedResponse::json(
                   200,
                   R"({"choices":[{"message":{"role":"assistant","function_call":{"name":"request_human","arguments":"{}"}}}]})")
            << true << "escalate" << 1;
        QTest::newRow("http-500-is-model_error")
            << ScriptedResponse::json(500, R"({"error":{"message":"boom"}})") << true << "model_error" << 0;
        QTest::newRow("garbage-is-model_error")
            << ScriptedResponse::reply(200, "<html>not json</html>") << true << "model_error" << 0;
        QTest::newRow("empty-content-is-model_error")
            << ScriptedResponse::json(200, R"({"choices":[{"message":{"role":"assistant","content":"  "}}]})")
            << true << "model_error" << 0;
        QTest::newRow("no-choices-is-model_error")
            << ScriptedResponse::json(200, R"({"object":"chat.completion"})") << true << "model_error" << 0;
        QTest::newRow("redirect-is-model_error")
            << ScriptedResponse::redirect("http://127.0.0.1:1/elsewhere") << true << "model_error" << 0;
        QTest::newRow("close-early-is-model_error")
            << ScriptedResponse::closeEarly() << true << "model_error" << 0;
        QTest::newRow("429-insufficient_quota-is-out_of_credits")
            << ScriptedResponse::json(429, kQuotaAnswer) << true << "out_of_credits" << 0;
        QTest::newRow("429-rate-limit-is-model_error")
            << ScriptedResponse::json(429, kRateLimitAnswer) << true << "model_error" << 0;
        QTest::newRow("402-is-out_of_credits")
            << ScriptedResponse::json(402, R"({"error":{"message":"Payment required"}})") << true
            << "out_of_credits" << 0;
    }
    void outcome()
    {
        QFETCH(ScriptedResponse, response);
        QFETCH(bool, handoff);
        QFETCH(QString, expected);
        QFETCH(int, spent);
        m_server->enqueue(response);
        const auto decision = decide();
        QVERIFY(decision);
        // At least one request: Qt resends once when a connection closes before any answer.
        QVERIFY(m_server->requestCount() >= 1);
        if (handoff) {
            QCOMPARE(decision->kind, AgentDecision::Kind::Handoff);
            QCOMPARE(asString(decision->reason), expected);
            QCOMPARE(decision->text, defaultHandoffMessage());
        } else {
            QCOMPARE(decision->kind, AgentDecision::Kind::Reply);
            QCOMPARE(decision->text, expected);
        }
        QCOMPARE(m_budget->usedThisMonth(), spent);
    }

    void timeout_isModelError()
    {
        BotConfig config = modelConfig();
        config.modelTimeoutMs = 300; // the injected short deadline
        m_agent->setConfig(config);
        m_server->enqueue(ScriptedResponse::hang());
        const auto decision = decide();
        QVERIFY(decision);
        QCOMPARE(decision->kind, AgentDecision::Kind::Handoff);
        QCOMPARE(decision->reason, HandoffReason::ModelError);
    }

    void trickle_hitsHardDeadline()
    {
        BotConfig config = modelConfig();
        config.modelTimeoutMs = 500;
        m_agent->setConfig(config);
        m_server->enqueue(ScriptedResponse::trickle(50ms));
        const auto decision = decide();
        QVERIFY(decision);
        QCOMPARE(decision->reason, HandoffReason::ModelError);
    }

    void connectionRefused_isModelError()
    {
        BotConfig config = modelConfig();
        config.modelBaseUrl =
            QStringLiteral("http://127.0.0.1:%1/v1").arg(test::LocalHttpServer::unusedPort());
        m_agent->setConfig(config);
        const auto decision = decide();
        QVERIFY(decision);
        QCOMPARE(decision->reason, HandoffReason::ModelError);
    }

    void request_carriesInstructionsTranscriptToolAndKey()
    {
        const QString key = QStringLiteral("sk-test-not-a-real-key");
        m_agent->setModelApiKey(key);
        m_server->enqueue(ScriptedResponse::json(200, textAnswer("ok")));
        QVERIFY(decide());
        const test::RecordedRequest sent = m_server->lastRequest();
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path, QByteArray("/v1/chat/completions"));
        QVERIFY(sent.header("authorization") == "Bearer " + key.toUtf8()); // no QCOMPARE: a secret
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("test-model"));
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages[0][QStringLiteral("role")].toString(), QStringLiteral("system"));
        QCOMPARE(messages[0][QStringLiteral("content")].toString(),
                 QStringLiteral("You are the Luna Café assistant."));
        QCOMPARE(messages[2][QStringLiteral("role")].toString(), QStringLiteral("assistant"));
        QCOMPARE(messages[3][QStringLiteral("content")].toString(), QStringLiteral("Do you have oat milk?"));
        const QJsonArray tools = body.value(QStringLiteral("tools")).toArray();
        QCOMPARE(tools.size(), 1);
        QCOMPARE(tools[0][QStringLiteral("function")][QStringLiteral("name")].toString(),
                 QStringLiteral("request_human"));
    }

    void noKey_sendsNoAuthorization()
    {
        m_server->enqueue(ScriptedResponse::json(200, textAnswer("ok")));
        QVERIFY(decide());
        QVERIFY(!m_server->lastRequest().hasHeader("authorization"));
    }

    void budgetExhausted_isOutOfCreditsWithoutCallingTheModel()
    {
        BotConfig config = modelConfig();
        config.monthlyModelReplies = 1;
        m_agent->setConfig(config);
        m_server->setDefaultResponse(ScriptedResponse::json(200, textAnswer("first")));
        auto first = decide();
        QVERIFY(first);
        QCOMPARE(first->kind, AgentDecision::Kind::Reply);
        QCOMPARE(m_budget->usedThisMonth(), 1);

        auto second = decide();
        QVERIFY(second);
        QCOMPARE(second->kind, AgentDecision::Kind::Handoff);
        QCOMPARE(second->reason, HandoffReason::OutOfCredits);
        QCOMPARE(m_server->requestCount(), 1); // the model was not asked again
    }

    void flowRuleWins_overModel()
    {
        BotConfig config = modelConfig();
        FlowRule rule;
        rule.pattern = QStringLiteral("oat milk");
        rule.text = QStringLiteral("From the flow");
        config.rules = {rule};
        m_agent->setConfig(config);
        const auto decision = decide();
        QVERIFY(decision);
        QCOMPARE(decision->text, QStringLiteral("From the flow"));
        QCOMPARE(m_server->requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ModelAgent)
#include "tst_modelagent.moc"
