// SPDX-License-Identifier: Apache-2.0
#include "botsettings.h"
#include "changewatcher.h"
#include "channelregistry.h"
#include "channelsettings.h"
#include "connectorhub.h"
#include "conversationengine.h"
#include "conversationstore.h"
#include "deliverystore.h"
#include "localhttpserver.h"
#include "ruleagent.h"
#include "secretstore.h"
#include "sharedsettings.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace zapito;
using zapito::test::RecordedRequest;
using zapito::test::ScriptedResponse;

namespace {
// Bounds for waits on signals, generous for a loaded machine; never timing goals.
constexpr int kWaitMs = 10'000;
} // namespace

// The leader's hub (the bot's agent, the channels) follows the bot's and the channels' settings
// that another seat saved in the store: the new texts and flow without a restart, a channel whose
// configuration changed configured again, and one whose configuration did not left alone. On
// SQLite and on PostgreSQL (tst_leaderfollowssettings_postgresql).
class tst_LeaderFollowsSettings : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<DeliveryStore> m_deliveries;
    std::unique_ptr<SharedSettings> m_shared;
    std::unique_ptr<ChangeWatcher> m_watcher;
    std::unique_ptr<SecretStore> m_secrets;
    ChannelRegistry m_registry;
    RuleAgent m_placeholder;
    std::unique_ptr<ConversationEngine> m_engine;
    std::unique_ptr<ConnectorHub> m_hub;
    // Another seat: its own connection and shared settings.
    std::unique_ptr<Database> m_elsewhere;
    std::unique_ptr<SharedSettings> m_elsewhereShared;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_deliveries = std::make_unique<DeliveryStore>(*m_db);
        m_shared = std::make_unique<SharedSettings>(*m_db);
        QVERIFY(m_shared->load());
        m_watcher = std::make_unique<ChangeWatcher>(*m_db, *m_store, *m_deliveries);
        m_shared->follow(*m_watcher, m_store->reader());
        QSignalSpy watching(m_watcher.get(), &ChangeWatcher::watching);
        QVERIFY(watching.wait(kWaitMs));
        m_secrets = std::make_unique<SecretStore>(SecretStore::Backend::FileOnly,
                                                  m_tmp->filePath(QStringLiteral("secrets.json")));
        const auto bot = m_store->ensureBot(QStringLiteral("My bot"));
        QVERIFY(bot);
        m_engine = std::make_unique<ConversationEngine>(*m_store, m_placeholder, m_registry, *bot);
        m_hub = std::make_unique<ConnectorHub>(*m_db, *m_engine, m_registry, *m_secrets, *m_shared);
        QSignalSpy ready(m_hub.get(), &ConnectorHub::ready);
        m_hub->reload();
        QVERIFY(ready.wait(kWaitMs));

        m_elsewhere = m_tmp->open();
        QVERIFY(m_elsewhere);
        m_elsewhereShared = std::make_unique<SharedSettings>(*m_elsewhere);
        QVERIFY(m_elsewhereShared->load());
    }
    void cleanup()
    {
        m_elsewhereShared.reset();
        m_elsewhere.reset();
        m_hub.reset();
        m_engine.reset();
        m_secrets.reset();
        m_watcher.reset();
        m_shared.reset();
        m_deliveries.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void botTextsSavedElsewhere_reachTheAgent_andLeaveTheChannelsAlone()
    {
        // A Telegram that is connected: configuring it again would ask getMe again.
        test::LocalHttpServer api;
        QVERIFY(api.listen());
        int identified = 0;
        api.setHandler([&identified](const RecordedRequest& r) {
            if (r.path.contains("/getMe")) {
                ++identified;
                return ScriptedResponse::json(
                    200, "{\"ok\":true,\"result\":{\"id\":8,\"is_bot\":true,\"first_name\":\"Luna\"}}");
            }
            return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}")
                .after(std::chrono::milliseconds(200));
        });
        {
            bool written = false;
            m_secrets->write(QLatin1String(TelegramConfig::kSecretKey), QStringLiteral("123:abc"),
                             [&written](const QString& e) { written = e.isEmpty(); });
            QTRY_VERIFY_WITH_TIMEOUT(written, kWaitMs);
        }
        QVERIFY(m_shared->setNow({{QStringLiteral("channels/telegram/enabled"), QStringLiteral("true")},
                                  {QStringLiteral("channels/telegram/api_base"), api.url().toString()}}));
        m_hub->reload();
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->telegram().status().state, ConnectorStatus::State::Connected,
                                  kWaitMs);
        const int identifiedBefore = identified;

        QSignalSpy telegram(&m_hub->telegram(), &TelegramChannel::statusChanged);
        QSignalSpy whatsapp(&m_hub->whatsapp(), &WhatsAppChannel::statusChanged);
        QSignalSpy ready(m_hub.get(), &ConnectorHub::ready);
        BotSettings there(m_tmp->filePath(QStringLiteral("elsewhere.ini")), m_elsewhereShared.get());
        BotConfig config = there.config();
        config.handoffMessage = QStringLiteral("Um momento, por favor.");
        config.fallback = BotConfig::Fallback::Handoff;
        there.setConfig(config);

        QVERIFY(ready.wait(kWaitMs));
        QCOMPARE(m_hub->agent().config().handoffMessage, QStringLiteral("Um momento, por favor."));
        QCOMPARE(m_hub->agent().config().fallback, BotConfig::Fallback::Handoff);
        QCOMPARE(identified, identifiedBefore);
        QVERIFY(telegram.isEmpty());
        QVERIFY(whatsapp.isEmpty());
    }

    void channelSavedElsewhere_isConfiguredAgain()
    {
        QCOMPARE(m_hub->telegram().status().state, ConnectorStatus::State::Off);
        const QString before = m_hub->telegram().status().text;
        QSignalSpy telegram(&m_hub->telegram(), &TelegramChannel::statusChanged);
        QSignalSpy whatsapp(&m_hub->whatsapp(), &WhatsAppChannel::statusChanged);
        ChannelSettings there(m_tmp->filePath(QStringLiteral("elsewhere.ini")), m_elsewhereShared.get());
        TelegramConfig config = there.telegram();
        config.enabled = true; // no token on this machine: it says it needs one
        there.setTelegram(config);

        QVERIFY(telegram.wait(kWaitMs));
        QVERIFY(m_hub->telegram().status().text != before);
        QVERIFY2(m_hub->telegram().status().text.contains(QStringLiteral("token")),
                 qPrintable(m_hub->telegram().status().text));
        QVERIFY(whatsapp.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_LeaderFollowsSettings)
#include "tst_leaderfollowssettings.moc"
