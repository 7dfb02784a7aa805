// SPDX-License-Identifier: Apache-2.0
#include "botagent.h"
#include "channelstate.h"
#include "creditbudget.h"
#include "flowrule.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace zapito;

namespace {

FlowRule rule(FlowRule::Match match, const QString& pattern, FlowRule::Action action,
              const QString& text = {})
{
    FlowRule r;
    r.match = match;
    r.pattern = pattern;
    r.action = action;
    r.text = text;
    return r;
}

AgentRequest requestFor(const QString& text)
{
    AgentRequest request;
    Message m;
    m.role = MessageRole::User;
    m.content = text;
    request.recentTranscript.append(m);
    return request;
}

} // namespace

// The flow part of the agent: rule matching, order, the handoff node, Log to CRM as a
// pass-through, and the fallback when no model is configured. Nothing here touches the network.
class tst_FlowRule : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ChannelState> m_state;
    std::unique_ptr<CreditBudget> m_budget;

    AgentDecision decideNow(BotAgent& agent, const QString& text)
    {
        std::optional<AgentDecision> got;
        int calls = 0;
        agent.decide(requestFor(text), [&](AgentDecision d) {
            ++calls;
            got = d;
        });
        if (calls != 1)
            qFatal("done called %d times", calls);
        return *got;
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_state = std::make_unique<ChannelState>(*m_db);
        m_budget = std::make_unique<CreditBudget>(*m_state);
    }
    void cleanup()
    {
        m_budget.reset();
        m_state.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void matches_data()
    {
        QTest::addColumn<int>("match");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("expected");
        const int kw = int(FlowRule::Match::Keywords);
        const int re = int(FlowRule::Match::Regex);
        QTest::newRow("keyword-any-case") << kw << "price"
                                          << "What is the PRICE?" << true;
        QTest::newRow("keyword-list-second") << kw << "price, opening hours"
                                             << "your opening hours please" << true;
        QTest::newRow("keyword-whole-word-only") << kw << "agent"
                                                 << "check my agenda" << false;
        QTest::newRow("keyword-unicode") << kw << "preço"
                                         << "qual o PREÇO?" << true;
        QTest::newRow("keyword-accent-missing-in-message") << kw << "preço"
                                                           << "qual o preco?" << true;
        QTest::newRow("keyword-accent-only-in-message") << kw << "atendente"
                                                        << "um ATENDÊNTE" << true;
        QTest::newRow("keyword-plural-is-another-word") << kw << "pessoa"
                                                        << "mesa para 4 pessoas" << false;
        QTest::newRow("keyword-phrase-any-whitespace") << kw << "real person"
                                                       << "a real\n  person" << true;
        QTest::newRow("keyword-japanese-marks-kept") << kw << "が"
                                                     << "か" << false;
        QTest::newRow("regex-sees-accents-as-written") << re << "preço"
                                                       << "preco" << false;
        QTest::newRow("keyword-empty-pattern") << kw << " , "
                                               << "anything" << false;
        QTest::newRow("keyword-special-chars-literal") << kw << "c++"
                                                       << "do you know c++?" << true;
        QTest::newRow("regex-match") << re << "order\\s*#?\\d{4,}"
                                     << "where is order #12345" << true;
        QTest::newRow("regex-no-match") << re << "^refund"
                                        << "I want a refund" << false;
        QTest::newRow("regex-invalid-never-matches") << re << "(unclosed"
                                                     << "(unclosed" << false;
    }
    void matches()
    {
        QFETCH(int, match);
        QFETCH(QString, pattern);
        QFETCH(QString, message);
        QFETCH(bool, expected);
        const FlowRule r =
            rule(FlowRule::Match(match), pattern, FlowRule::Action::Reply, QStringLiteral("x"));
        QCOMPARE(r.matches(message), expected);
    }

    void problem_namesInvalidRegex()
    {
        QVERIFY(
            !rule(FlowRule::Match::Regex, QStringLiteral("(x"), FlowRule::Action::Reply, QStringLiteral("y"))
                 .problem()
                 .isEmpty());
        QVERIFY(
            rule(FlowRule::Match::Regex, QStringLiteral("x+"), FlowRule::Action::Reply, QStringLiteral("y"))
                .problem()
                .isEmpty());
        QVERIFY(!rule(FlowRule::Match::Keywords, QStringLiteral("x"), FlowRule::Action::Reply)
                     .problem()
                     .isEmpty());
    }

    void json_roundTrip()
    {
        const QList<FlowRule> rules{rule(FlowRule::Match::Keywords, QStringLiteral("hi, hello"),
                                         FlowRule::Action::Reply, QStringLiteral("Hi!")),
                                    rule(FlowRule::Match::Regex, QStringLiteral("^human$"),
                                         FlowRule::Action::Handoff, QStringLiteral("One moment")),
                                    rule(FlowRule::Match::Keywords, QString(), FlowRule::Action::LogToCrm)};
        QCOMPARE(flowFromJson(flowToJson(rules)), rules);
    }

    void json_skipsUnknownEntries()
    {
        QJsonArray array = flowToJson({rule(FlowRule::Match::Keywords, QStringLiteral("a"),
                                            FlowRule::Action::Reply, QStringLiteral("b"))});
        array.append(QJsonObject{{QStringLiteral("match"), QStringLiteral("telepathy")}});
        array.append(QJsonObject{{QStringLiteral("action"), QStringLiteral("launch")}});
        QCOMPARE(flowFromJson(array).size(), 1);
    }

    void agent_firstMatchingRuleWins()
    {
        BotAgent agent(*m_budget);
        BotConfig config;
        config.rules = {rule(FlowRule::Match::Keywords, QStringLiteral("price"), FlowRule::Action::Reply,
                             QStringLiteral("first")),
                        rule(FlowRule::Match::Keywords, QStringLiteral("price"), FlowRule::Action::Reply,
                             QStringLiteral("second"))};
        agent.setConfig(config);
        const AgentDecision d = decideNow(agent, QStringLiteral("price?"));
        QCOMPARE(d.kind, AgentDecision::Kind::Reply);
        QCOMPARE(d.text, QStringLiteral("first"));
    }

    void agent_handoffNode_usesItsMessageAndReasonHandoff()
    {
        BotAgent agent(*m_budget);
        BotConfig config;
        config.rules = {rule(FlowRule::Match::Keywords, QStringLiteral("human"), FlowRule::Action::Handoff,
                             QStringLiteral("A person will answer soon."))};
        agent.setConfig(config);
        const AgentDecision d = decideNow(agent, QStringLiteral("I want a human"));
        QCOMPARE(d.kind, AgentDecision::Kind::Handoff);
        QCOMPARE(d.reason, HandoffReason::Handoff);
        QCOMPARE(d.text, QStringLiteral("A person will answer soon."));
    }

    void agent_handoffNodeWithoutText_usesDefaultMessage()
    {
        BotAgent agent(*m_budget);
        BotConfig config;
        config.rules = {rule(FlowRule::Match::Keywords, QStringLiteral("human"), FlowRule::Action::Handoff)};
        agent.setConfig(config);
        const AgentDecision d = decideNow(agent, QStringLiteral("human please"));
        QCOMPARE(d.text, QStringLiteral("Connecting you with a team member right away."));
    }

    void agent_logToCrm_isPassThrough()
    {
        BotAgent agent(*m_budget);
        BotConfig config;
        config.rules = {rule(FlowRule::Match::Keywords, QStringLiteral("order"), FlowRule::Action::LogToCrm,
                             QStringLiteral("crm")),
                        rule(FlowRule::Match::Keywords, QStringLiteral("order"), FlowRule::Action::Reply,
                             QStringLiteral("after"))};
        agent.setConfig(config);
        const AgentDecision d = decideNow(agent, QStringLiteral("my order"));
        QCOMPARE(d.kind, AgentDecision::Kind::Reply);
        QCOMPARE(d.text, QStringLiteral("after"));
    }

    void agent_noModel_fallback_data()
    {
        QTest::addColumn<bool>("handoff");
        QTest::newRow("fallback-reply") << false;
        QTest::newRow("fallback-handoff") << true;
    }
    void agent_noModel_fallback()
    {
        QFETCH(bool, handoff);
        BotAgent agent(*m_budget);
        BotConfig config;
        config.fallback = handoff ? BotConfig::Fallback::Handoff : BotConfig::Fallback::Reply;
        config.fallbackReply = QStringLiteral("We will get back to you.");
        config.handoffMessage = QStringLiteral("Passing you on.");
        agent.setConfig(config);
        const AgentDecision d = decideNow(agent, QStringLiteral("something unmatched"));
        if (handoff) {
            QCOMPARE(d.kind, AgentDecision::Kind::Handoff);
            QCOMPARE(d.reason, HandoffReason::Handoff);
            QCOMPARE(d.text, QStringLiteral("Passing you on."));
        } else {
            QCOMPARE(d.kind, AgentDecision::Kind::Reply);
            QCOMPARE(d.text, QStringLiteral("We will get back to you."));
        }
    }

    void budget_countsPerMonthAndPersists()
    {
        qint64 now = QDateTime(QDate(2026, 7, 31), QTime(23, 59), Qt::UTC).toMSecsSinceEpoch();
        m_budget->setClock([&] { return now; });
        m_budget->setMonthlyLimit(2);
        QCOMPARE(m_budget->usedThisMonth(), 0);
        m_budget->spendOne();
        QVERIFY(!m_budget->isExhausted());
        m_budget->spendOne();
        QVERIFY(m_budget->isExhausted());

        CreditBudget again(*m_state); // a restart reads the same count
        again.setClock([&] { return now; });
        again.setMonthlyLimit(2);
        QCOMPARE(again.usedThisMonth(), 2);

        now += 2 * 60 * 1000; // August: a fresh month
        QCOMPARE(again.usedThisMonth(), 0);
        QVERIFY(!again.isExhausted());
    }

    void budget_zeroMeansUnlimited()
    {
        m_budget->setMonthlyLimit(0);
        for (int i = 0; i < 5; ++i)
            m_budget->spendOne();
        QVERIFY(!m_budget->isExhausted());
    }
};

QTEST_GUILESS_MAIN(tst_FlowRule)
#include "tst_flowrule.moc"
