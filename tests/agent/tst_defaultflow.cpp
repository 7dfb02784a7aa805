// SPDX-License-Identifier: Apache-2.0
#include "botagent.h"
#include "botsettings.h"
#include "channelstate.h"
#include "creditbudget.h"
#include "flowrule.h"
#include "testdatabase.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace zapito;

// What a fresh install's bot does: the default flow's handoff rule reaches a person in English
// and Portuguese (whole words, any case or accent), everything else gets a fallback reply that
// offers only what the flow can do, and an operator's edit or removal of the rule is kept.
class tst_DefaultFlow : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ChannelState> m_state;
    std::unique_ptr<CreditBudget> m_budget;

    QString settingsFile() const { return m_dir->filePath(QStringLiteral("zapito-inbox.conf")); }

    // The agent as the app configures it from the settings file.
    AgentDecision decide(const QString& text)
    {
        BotSettings settings(settingsFile());
        BotAgent agent(*m_budget);
        agent.setConfig(settings.config());
        AgentRequest request;
        Message m;
        m.role = MessageRole::User;
        m.content = text;
        request.recentTranscript.append(m);
        std::optional<AgentDecision> got;
        agent.decide(request, [&](AgentDecision d) { got = d; });
        if (!got)
            qFatal("the flow answers synchronously");
        return *got;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
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
        m_dir.reset();
    }

    void freshSettings_answers_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("handsOff");
        QTest::newRow("talk-to-a-person") << "I want to talk to a person" << true;
        QTest::newRow("a-person-please") << "a person please" << true;
        QTest::newRow("human-caps") << "HUMAN!!" << true;
        QTest::newRow("agent") << "Can I speak to an agent?" << true;
        QTest::newRow("operator") << "operator" << true;
        QTest::newRow("representative") << "get me a representative" << true;
        QTest::newRow("pt-atendente") << "Quero falar com um atendente" << true;
        QTest::newRow("pt-atendente-caps") << "ATENDENTE por favor" << true;
        QTest::newRow("pt-humano") << "atendimento humano" << true;
        QTest::newRow("pt-pessoa") << "Posso falar com uma pessoa?" << true;
        QTest::newRow("pt-accented-typo") << "quero um atendênte" << true;
        QTest::newRow("opening-hours") << "what time do you open" << false;
        QTest::newRow("personal-is-another-word") << "Do you offer personal training?" << false;
        QTest::newRow("agenda-is-another-word") << "what is on the agenda" << false;
        QTest::newRow("pt-pessoas-plural") << "Mesa para quatro pessoas?" << false;
        QTest::newRow("pt-agentes-plural") << "Vocês têm agentes de viagem?" << false;
        QTest::newRow("humanity") << "for humanity" << false;
    }
    void freshSettings_answers()
    {
        QFETCH(QString, message);
        QFETCH(bool, handsOff);
        const AgentDecision d = decide(message);
        if (handsOff) {
            QCOMPARE(d.kind, AgentDecision::Kind::Handoff);
            QCOMPARE(d.reason, HandoffReason::Handoff);
            QCOMPARE(d.text, defaultHandoffMessage());
        } else {
            QCOMPARE(d.kind, AgentDecision::Kind::Reply);
            QCOMPARE(d.text, BotSettings(settingsFile()).config().effectiveFallbackReply());
        }
    }

    void freshSettings_ruleIsVisibleAndFallbackNamesIt()
    {
        const BotConfig config = BotSettings(settingsFile()).config();
        QCOMPARE(config.rules.size(), 1);
        QCOMPARE(config.rules[0].action, FlowRule::Action::Handoff);
        QCOMPARE(config.rules[0].match, FlowRule::Match::Keywords);
        QVERIFY(config.rules[0].problem().isEmpty());
        QCOMPARE(config.handoffKeyword(), QStringLiteral("human"));
        QVERIFY(config.effectiveFallbackReply().contains(QStringLiteral("\"human\"")));
        // The word the fallback offers really hands off.
        QCOMPARE(decide(QStringLiteral("human")).kind, AgentDecision::Kind::Handoff);
    }

    void removedRule_isRespected_andFallbackPromisesNoHandoff()
    {
        BotSettings settings(settingsFile());
        BotConfig config = settings.config();
        config.rules.clear();
        settings.setConfig(config);

        QCOMPARE(BotSettings(settingsFile()).config().rules.size(), 0);
        const AgentDecision d = decide(QStringLiteral("I want to talk to a person"));
        QCOMPARE(d.kind, AgentDecision::Kind::Reply);
        QVERIFY2(!d.text.contains(QStringLiteral("human"), Qt::CaseInsensitive), qPrintable(d.text));
        QVERIFY2(!d.text.contains(QStringLiteral("say"), Qt::CaseInsensitive), qPrintable(d.text));
    }

    void editedRule_isRespected()
    {
        BotSettings settings(settingsFile());
        BotConfig config = settings.config();
        config.rules[0].pattern = QStringLiteral("gerente");
        config.rules[0].text = QStringLiteral("Chamando o gerente.");
        settings.setConfig(config);

        const AgentDecision manager = decide(QStringLiteral("Quero o GERENTE"));
        QCOMPARE(manager.kind, AgentDecision::Kind::Handoff);
        QCOMPARE(manager.reason, HandoffReason::Handoff);
        QCOMPARE(manager.text, QStringLiteral("Chamando o gerente."));
        const AgentDecision person = decide(QStringLiteral("I want to talk to a person"));
        QCOMPARE(person.kind, AgentDecision::Kind::Reply);
        QVERIFY(person.text.contains(QStringLiteral("\"gerente\"")));
    }

    void fallbackKeyword_skipsWordsAnEarlierRuleAnswers()
    {
        BotConfig config;
        FlowRule hr;
        hr.pattern = QStringLiteral("human");
        hr.text = QStringLiteral("Our HR office opens at 9.");
        config.rules.prepend(hr);
        QCOMPARE(config.handoffKeyword(), QStringLiteral("person"));
    }

    void fallbackWithRegexHandoffOnly_namesNoWord()
    {
        BotConfig config;
        config.rules[0].match = FlowRule::Match::Regex;
        config.rules[0].pattern = QStringLiteral("\\b(human|person)\\b");
        QVERIFY(config.handoffKeyword().isEmpty());
        QVERIFY(!config.effectiveFallbackReply().contains(QStringLiteral("say")));
    }

    void customFallbackReply_isSentAsWritten()
    {
        BotSettings settings(settingsFile());
        BotConfig config = settings.config();
        config.fallbackReply = QStringLiteral("We open at 8.");
        settings.setConfig(config);
        QCOMPARE(decide(QStringLiteral("what time do you open")).text, QStringLiteral("We open at 8."));
    }

    void legacyFallbackText_becomesAutomatic()
    {
        {
            QSettings ini(settingsFile(), QSettings::IniFormat);
            ini.setValue(QStringLiteral("bot/rules"), QStringLiteral("[]"));
            ini.setValue(QStringLiteral("bot/fallback_reply"), BotConfig::legacyFallbackReply());
        }
        const AgentDecision d = decide(QStringLiteral("what time do you open"));
        QCOMPARE(d.kind, AgentDecision::Kind::Reply);
        QVERIFY2(!d.text.contains(QStringLiteral("human")), qPrintable(d.text));
    }
};

QTEST_GUILESS_MAIN(tst_DefaultFlow)
#include "tst_defaultflow.moc"
