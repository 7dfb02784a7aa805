// SPDX-License-Identifier: Apache-2.0
#include "botname.h"
#include "botpage.h"
#include "channelregistry.h"
#include "connectorhub.h"
#include "conversationengine.h"
#include "conversationstore.h"
#include "ruleagent.h"
#include "secretstore.h"
#include "testdatabase.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace zapito;

// Settings → Bot on fresh settings: the default handoff rule is an ordinary row of the flow
// table (saved, edited or removed like any other), the fallback reply's hint offers only a word
// the flow hands off on, and the "Bot name" field writes the bot.name setting.
class tst_BotPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<SecretStore> m_secrets;
    ChannelRegistry m_registry;
    RuleAgent m_placeholder;
    std::unique_ptr<ConversationEngine> m_engine;
    std::unique_ptr<ConnectorHub> m_hub;

    void saveAndWait(BotPage& page)
    {
        QSignalSpy saved(&page, &BotPage::saved);
        page.apply();
        QVERIFY(saved.wait(30'000));
    }

private slots:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        const auto bot = m_store->ensureBot(QStringLiteral("My bot"));
        QVERIFY(bot);
        m_secrets = std::make_unique<SecretStore>(SecretStore::Backend::FileOnly,
                                                  m_tmp->filePath(QStringLiteral("secrets.json")));
        m_engine = std::make_unique<ConversationEngine>(*m_store, m_placeholder, m_registry, *bot);
        m_hub = std::make_unique<ConnectorHub>(*m_db, *m_engine, m_registry, *m_secrets,
                                               m_tmp->filePath(QStringLiteral("settings.ini")));
    }
    void cleanup()
    {
        m_hub.reset();
        m_engine.reset();
        m_secrets.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void freshSettings_showDefaultHandoffRuleAsARow()
    {
        BotPage page(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoaded(), 30'000);
        const QList<FlowRule> rules = page.rules();
        QCOMPARE(rules.size(), 1);
        QCOMPARE(rules[0], BotConfig::defaultRules().at(0));
        QVERIFY(rules[0].pattern.contains(QStringLiteral("atendente")));
        auto* table = page.findChild<QTableWidget*>(QStringLiteral("botRules"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 1);
        QVERIFY(table->item(0, 1)->flags() & Qt::ItemIsEditable);
        auto* fallback = page.findChild<QLineEdit*>(QStringLiteral("botFallbackReply"));
        QVERIFY(fallback->text().isEmpty());
        QVERIFY2(fallback->placeholderText().contains(QStringLiteral("\"human\"")),
                 qPrintable(fallback->placeholderText()));
    }

    void removingTheRow_savesAnEmptyFlow_andTheHintPromisesNoHandoff()
    {
        BotPage page(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoaded(), 30'000);
        auto* table = page.findChild<QTableWidget*>(QStringLiteral("botRules"));
        table->removeRow(0);
        auto* fallback = page.findChild<QLineEdit*>(QStringLiteral("botFallbackReply"));
        QVERIFY2(!fallback->placeholderText().contains(QStringLiteral("human")),
                 qPrintable(fallback->placeholderText()));
        saveAndWait(page);
        QCOMPARE(m_hub->botSettings().config().rules.size(), 0);

        BotPage reopened(*m_hub); // stays removed: the default is for fresh settings only
        QTRY_VERIFY_WITH_TIMEOUT(reopened.isLoaded(), 30'000);
        QCOMPARE(reopened.rules().size(), 0);
    }

    void editedRow_isSavedAsEdited()
    {
        BotPage page(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoaded(), 30'000);
        auto* table = page.findChild<QTableWidget*>(QStringLiteral("botRules"));
        table->item(0, 1)->setText(QStringLiteral("gerente, humano"));
        auto* fallback = page.findChild<QLineEdit*>(QStringLiteral("botFallbackReply"));
        QVERIFY2(fallback->placeholderText().contains(QStringLiteral("\"gerente\"")),
                 qPrintable(fallback->placeholderText()));
        saveAndWait(page);
        const QList<FlowRule> rules = m_hub->botSettings().config().rules;
        QCOMPARE(rules.size(), 1);
        QCOMPARE(rules[0].pattern, QStringLiteral("gerente, humano"));
        QCOMPARE(rules[0].action, FlowRule::Action::Handoff);
    }

    void botNameField_writesTheSetting()
    {
        BotName appName(m_hub->botSettings()); // the composition root's view of it
        QSignalSpy changed(&appName, &BotName::changed);
        BotPage page(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoaded(), 30'000);
        auto* name = page.findChild<QLineEdit*>(QStringLiteral("botName"));
        QVERIFY(name);
        QVERIFY(name->text().isEmpty());
        QVERIFY(name->placeholderText().contains(BotName::defaultName()));
        name->setText(QStringLiteral("Luna Café"));
        name->setModified(true);
        saveAndWait(page);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("Luna Café"));
        QVERIFY(appName.isSet());

        BotPage reopened(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(reopened.isLoaded(), 30'000);
        QCOMPARE(reopened.findChild<QLineEdit*>(QStringLiteral("botName"))->text(),
                 QStringLiteral("Luna Café"));
    }

    void nameFromChannel_showsUpWhileThePageIsOpen()
    {
        BotPage page(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoaded(), 30'000);
        BotName appName(m_hub->botSettings());
        QVERIFY(appName.setFromChannel(QStringLiteral("Luna Café Bot")));
        QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("botName"))->text(),
                 QStringLiteral("Luna Café Bot"));
    }
};

QTEST_MAIN(tst_BotPage)
#include "tst_botpage.moc"
