// SPDX-License-Identifier: Apache-2.0
#include "botpage.h"
#include "channelregistry.h"
#include "channelspage.h"
#include "connectorhub.h"
#include "conversationengine.h"
#include "conversationstore.h"
#include "localhttpserver.h"
#include "previewchatwindow.h"
#include "ruleagent.h"
#include "secretstore.h"
#include "testdatabase.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace zapito;

// The channel and bot widgets on the real services: the preview chat round trip, Settings →
// Bot saving the flow (and refusing a broken rule), Settings → Channels saving and showing
// a connector's live status.
class tst_ChannelWidgets : public QObject
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

    static FlowRule rule(const QString& pattern, FlowRule::Action action, const QString& text,
                         FlowRule::Match match = FlowRule::Match::Keywords)
    {
        FlowRule r;
        r.pattern = pattern;
        r.action = action;
        r.text = text;
        r.match = match;
        return r;
    }
    std::optional<QString> readSecret(const char* key)
    {
        std::optional<QString> got;
        bool done = false;
        m_secrets->read(QLatin1String(key), [&](std::optional<QString> value, QString) {
            got = value;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30'000))
            return std::nullopt;
        return got;
    }

private slots:
    void init()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        const auto bot = m_store->ensureBot(QStringLiteral("Luna Café"));
        QVERIFY(bot);
        m_secrets = std::make_unique<SecretStore>(SecretStore::Backend::FileOnly,
                                                  m_tmp->filePath(QStringLiteral("secrets.json")));
        m_engine = std::make_unique<ConversationEngine>(*m_store, m_placeholder, m_registry, *bot);
        m_hub = std::make_unique<ConnectorHub>(*m_db, *m_engine, m_registry, *m_secrets,
                                               m_tmp->filePath(QStringLiteral("settings.ini")));
        BotConfig config;
        config.rules = {
            rule(QStringLiteral("hello"), FlowRule::Action::Reply, QStringLiteral("Hi <b>there</b>!")),
            rule(QStringLiteral("human"), FlowRule::Action::Handoff, QString())};
        m_hub->botSettings().setConfig(config);
        QSignalSpy ready(m_hub.get(), &ConnectorHub::ready);
        m_hub->reload();
        QVERIFY(ready.wait(30'000));
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

    void preview_roundTripAndHandoff()
    {
        PreviewChatWindow window(m_hub->preview(), *m_engine, *m_store);
        window.show();
        auto* input = window.findChild<QLineEdit*>(QStringLiteral("previewInput"));
        auto* send = window.findChild<QPushButton*>(QStringLiteral("previewSend"));
        auto* messages = window.findChild<QListWidget*>(QStringLiteral("previewMessages"));
        auto* state = window.findChild<QLabel*>(QStringLiteral("previewState"));
        QVERIFY(input && send && messages && state);

        input->setText(QStringLiteral("hello bot"));
        send->click();
        QTRY_COMPARE_WITH_TIMEOUT(messages->count(), 2, 30'000);
        // The message in Unicode isolates after our "You:" (isolated()), markup shown as typed.
        QCOMPARE(messages->item(0)->text(), QStringLiteral("You: \u2068hello bot\u2069"));
        QCOMPARE(messages->item(1)->text(), QStringLiteral("Business: \u2068Hi <b>there</b>!\u2069"));
        QCOMPARE(state->textFormat(), Qt::PlainText);

        input->setText(QStringLiteral("a human please"));
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(messages->count(), 4, 30'000);
        QCOMPARE(messages->item(3)->text(),
                 QStringLiteral("Business: \u2068") + defaultHandoffMessage() + QChar(0x2069));
        QTRY_VERIFY_WITH_TIMEOUT(state->text().contains(QStringLiteral("human")), 30'000);

        // The conversation is in the inbox under the preview channel, waiting for a human.
        const auto page = m_store->conversationsPage({InboxView::NeedsHuman, {}, {}}, 10);
        QVERIFY(page);
        QCOMPARE(page->size(), 1);
        QCOMPARE(page->at(0).channel, QStringLiteral("preview"));
    }

    void botPage_refusesBrokenRule_savesValidFlowAndKey()
    {
        BotPage page(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoaded(), 30'000);
        QCOMPARE(page.rules().size(), 2);
        auto* status = page.findChild<QLabel*>(QStringLiteral("botSaveStatus"));
        QVERIFY(status);

        page.addRule(rule(QStringLiteral("(unclosed"), FlowRule::Action::Reply, QStringLiteral("x"),
                          FlowRule::Match::Regex));
        page.apply();
        QVERIFY2(status->text().contains(QStringLiteral("Rule 3")), qPrintable(status->text()));
        QCOMPARE(m_hub->botSettings().config().rules.size(), 2); // nothing saved
    }

    void botPage_savesFlowAndApiKey()
    {
        BotPage page(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoaded(), 30'000);
        page.addRule(rule(QStringLiteral("^order \\d+$"), FlowRule::Action::Reply,
                          QStringLiteral("On its way"), FlowRule::Match::Regex));
        page.findChild<QLineEdit*>(QStringLiteral("botModelApiKey"))
            ->setText(QStringLiteral("sk-widget-test"));
        QSignalSpy saved(&page, &BotPage::saved);
        page.apply();
        QVERIFY(saved.wait(30'000));
        const QList<FlowRule> rules = m_hub->botSettings().config().rules;
        QCOMPARE(rules.size(), 3);
        QCOMPARE(rules[2].pattern, QStringLiteral("^order \\d+$"));
        QCOMPARE(rules[2].match, FlowRule::Match::Regex);
        const auto key = readSecret(BotSettings::kApiKeySecret);
        QVERIFY(key && *key == QStringLiteral("sk-widget-test"));
    }

    void channelsPage_validatesSavesAndShowsStatus()
    {
        ChannelsPage page(*m_hub);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoaded(), 30'000);
        auto* enabled = page.findChild<QCheckBox*>(QStringLiteral("telegramEnabled"));
        auto* token = page.findChild<QLineEdit*>(QStringLiteral("telegramToken"));
        auto* apiBase = page.findChild<QLineEdit*>(QStringLiteral("telegramApiBase"));
        auto* saveStatus = page.findChild<QLabel*>(QStringLiteral("channelsSaveStatus"));
        auto* status = page.findChild<QLabel*>(QStringLiteral("telegramStatus"));
        QVERIFY(enabled && token && apiBase && saveStatus && status);
        QCOMPARE(token->echoMode(), QLineEdit::Password);

        enabled->setChecked(true);
        page.apply();
        QVERIFY2(saveStatus->text().contains(QStringLiteral("token")), qPrintable(saveStatus->text()));
        QVERIFY(!m_hub->channelSettings().telegram().enabled);

        m_hub->telegram().setBackoff(10, 50, 5);
        token->setText(QStringLiteral("1:widget-token"));
        apiBase->setText(QStringLiteral("http://127.0.0.1:%1").arg(test::LocalHttpServer::unusedPort()));
        QSignalSpy saved(&page, &ChannelsPage::saved);
        page.apply();
        QVERIFY(saved.wait(30'000));
        QVERIFY(m_hub->channelSettings().telegram().enabled);
        const auto stored = readSecret(TelegramChannel::kSecretKey);
        QVERIFY(stored && *stored == QStringLiteral("1:widget-token"));
        // Nothing listens there: the page shows Telegram's problem as it happens.
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Cannot reach Telegram")), 30'000);
        QVERIFY(!status->text().contains(QStringLiteral("widget-token")));
    }
};

QTEST_MAIN(tst_ChannelWidgets)
#include "tst_channelwidgets.moc"
