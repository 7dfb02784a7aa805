// SPDX-License-Identifier: Apache-2.0
#include "botsettings.h"
#include "changewatcher.h"
#include "channelsettings.h"
#include "conversationstore.h"
#include "database.h"
#include "deliverystore.h"
#include "leadpayload.h"
#include "localhttpserver.h"
#include "secretstore.h"
#include "settingsvalues.h"
#include "sharedsettings.h"
#include "storereader.h"
#include "testdatabase.h"
#include "webhookdispatcher.h"
#include "webhooksettings.h"

#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace zapito;

namespace {
// Waits for a change from another connection: the feed reads at once on PostgreSQL's NOTIFY and
// every 250 ms on SQLite; generous for a loaded machine, never a timing goal.
constexpr int kWaitMs = 10'000;
// How long a change that must not come is waited for.
constexpr int kQuietMs = 1'500;

// One seat: its own connection to the store, its shared settings and the feed that keeps them.
struct Seat
{
    std::unique_ptr<Database> database;
    std::unique_ptr<ConversationStore> store;
    std::unique_ptr<DeliveryStore> deliveries;
    std::unique_ptr<SharedSettings> shared;
    std::unique_ptr<ChangeWatcher> watcher;

    bool open(const QString& path, bool follow)
    {
        DatabaseOpenError error;
        database = Database::open(path, &error);
        if (!database) {
            qWarning("%s", qPrintable(error.message));
            return false;
        }
        store = std::make_unique<ConversationStore>(*database);
        deliveries = std::make_unique<DeliveryStore>(*database);
        shared = std::make_unique<SharedSettings>(*database);
        if (!shared->load())
            return false;
        if (!follow)
            return true;
        watcher = std::make_unique<ChangeWatcher>(*database, *store, *deliveries);
        shared->follow(*watcher, store->reader());
        QSignalSpy watching(watcher.get(), &ChangeWatcher::watching);
        return watching.wait(kWaitMs);
    }
    ~Seat()
    {
        watcher.reset();
        shared.reset();
        deliveries.reset();
        store.reset();
        database.reset();
    }
};

bool waitForWrite(SharedSettings& shared, const SharedSettings::Values& values)
{
    QObject answer;
    QSignalSpy answered(&answer, &QObject::objectNameChanged);
    bool ok = false;
    shared.set(values, [&](const Status& status) {
        ok = bool(status);
        answer.setObjectName(QStringLiteral("answered"));
    });
    return (!answered.isEmpty() || answered.wait(kWaitMs)) && ok;
}

} // namespace

// The settings every seat must agree on (the webhook's endpoint and switch, the bot's flow and
// texts, the channels' configuration) are the store's: copied once from this machine's settings
// file, read alike by two connections, a change in one seen by the other through the change
// feed, the webhook delivered to the endpoint saved elsewhere, and `settings set` writing the
// store. Runs on SQLite and on PostgreSQL (tst_sharedsettings_postgresql).
class tst_SharedSettings : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    QString iniPath() const { return m_tmp->filePath(QStringLiteral("settings.ini")); }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_tmp = std::make_unique<test::TestDatabase>(); }
    void cleanup() { m_tmp.reset(); }

    void copyOnce_takesWhatTheStoreLacks_neverOverAStoreValue()
    {
        {
            QSettings local(iniPath(), QSettings::IniFormat);
            local.setValue(QStringLiteral("webhook/endpoint"),
                           QStringLiteral("https://example.com/from-file"));
            local.setValue(QStringLiteral("webhook/enabled"), false);
            local.setValue(QStringLiteral("bot/handoff_message"), QStringLiteral("From the file"));
            local.setValue(QStringLiteral("channels/telegram/enabled"), true);
            local.setValue(QStringLiteral("database/location"), QStringLiteral("/somewhere/inbox.sqlite"));
            local.setValue(QStringLiteral("window/geometry"), QByteArray("geometry"));
        }
        auto db = m_tmp->open();
        QVERIFY(db);
        SharedSettings shared(*db);
        QVERIFY(shared.load());
        // Another seat saved a handoff message before this machine's first open.
        QVERIFY(shared.setNow({{QStringLiteral("bot/handoff_message"), QStringLiteral("From the store")}}));

        QVERIFY(SettingsValues::copyLocalOnce(shared, iniPath()));
        QCOMPARE(shared.value(QStringLiteral("webhook/endpoint")).value_or(QString()),
                 QStringLiteral("https://example.com/from-file"));
        QCOMPARE(shared.value(QStringLiteral("webhook/enabled")).value_or(QString()),
                 QStringLiteral("false"));
        QCOMPARE(shared.value(QStringLiteral("channels/telegram/enabled")).value_or(QString()),
                 QStringLiteral("true"));
        QCOMPARE(shared.value(QStringLiteral("bot/handoff_message")).value_or(QString()),
                 QStringLiteral("From the store"));
        // This machine's own settings stay in its file.
        QVERIFY(!shared.contains(QStringLiteral("database/location")));
        QVERIFY(!shared.contains(QStringLiteral("window/geometry")));

        // The file changes later (an older version still running, say): the store wins.
        QSettings(iniPath(), QSettings::IniFormat)
            .setValue(QStringLiteral("webhook/endpoint"), QStringLiteral("https://example.com/changed-file"));
        SharedSettings reopened(*db);
        QVERIFY(reopened.load());
        QVERIFY(SettingsValues::copyLocalOnce(reopened, iniPath()));
        QCOMPARE(reopened.value(QStringLiteral("webhook/endpoint")).value_or(QString()),
                 QStringLiteral("https://example.com/from-file"));
        // And the settings classes read the store, not the file.
        SecretStore secrets(SecretStore::Backend::FileOnly, m_tmp->filePath(QStringLiteral("secrets.json")));
        WebhookSettings webhook(secrets, iniPath(), &reopened, nullptr);
        QCOMPARE(webhook.endpoint(), QStringLiteral("https://example.com/from-file"));
        QVERIFY(!webhook.isEnabled());
        BotSettings bot(iniPath(), &reopened);
        QCOMPARE(bot.config().handoffMessage, QStringLiteral("From the store"));
        ChannelSettings channels(iniPath(), &reopened);
        QVERIFY(channels.telegram().enabled);
    }

    // Two processes copying at once: each key is stored once, by whichever came first.
    void copyOnce_twoAtOnce_neitherOverwrites()
    {
        auto first = m_tmp->open();
        auto second = m_tmp->open();
        QVERIFY(first && second);
        SharedSettings a(*first);
        SharedSettings b(*second);
        QVERIFY(a.load());
        QVERIFY(b.load()); // neither sees a value yet
        QVERIFY(a.adopt({{QStringLiteral("bot/name"), QStringLiteral("A")}}));
        QVERIFY(b.adopt({{QStringLiteral("bot/name"), QStringLiteral("B")}}));
        QCOMPARE(b.value(QStringLiteral("bot/name")).value_or(QString()), QStringLiteral("A"));
    }

    void twoConnections_agree()
    {
        Seat one;
        Seat two;
        QVERIFY(one.open(m_tmp->path(), false));
        QVERIFY(waitForWrite(*one.shared,
                             {{QStringLiteral("webhook/endpoint"), QStringLiteral("https://a.example/h")},
                              {QStringLiteral("webhook/enabled"), QStringLiteral("true")}}));
        QVERIFY(two.open(m_tmp->path(), false));
        SecretStore secrets(SecretStore::Backend::FileOnly, m_tmp->filePath(QStringLiteral("secrets.json")));
        WebhookSettings a(secrets, *one.shared);
        WebhookSettings b(secrets, *two.shared);
        QCOMPARE(b.endpoint(), a.endpoint());
        QCOMPARE(b.endpoint(), QStringLiteral("https://a.example/h"));
        QVERIFY(b.isActive());
    }

    void changeElsewhere_arrivesThroughTheFeed_data()
    {
        QTest::addColumn<QString>("what");
        QTest::newRow("webhook") << QStringLiteral("webhook");
        QTest::newRow("bot") << QStringLiteral("bot");
        QTest::newRow("channels") << QStringLiteral("channels");
    }
    void changeElsewhere_arrivesThroughTheFeed()
    {
        QFETCH(QString, what);
        Seat here;
        Seat elsewhere;
        QVERIFY(here.open(m_tmp->path(), true));
        QVERIFY(elsewhere.open(m_tmp->path(), false));
        SecretStore secrets(SecretStore::Backend::FileOnly, m_tmp->filePath(QStringLiteral("secrets.json")));
        WebhookSettings webhookHere(secrets, *here.shared);
        BotSettings botHere(iniPath(), here.shared.get());
        ChannelSettings channelsHere(iniPath(), here.shared.get());
        WebhookSettings webhookThere(secrets, *elsewhere.shared);
        BotSettings botThere(iniPath(), elsewhere.shared.get());
        ChannelSettings channelsThere(iniPath(), elsewhere.shared.get());

        QObject* watched = what == u"webhook" ? static_cast<QObject*>(&webhookHere)
                           : what == u"bot"   ? static_cast<QObject*>(&botHere)
                                              : static_cast<QObject*>(&channelsHere);
        QSignalSpy changed(watched, SIGNAL(changed()));
        QSignalSpy written(elsewhere.shared.get(), &SharedSettings::changed);
        if (what == u"webhook") {
            QVERIFY(webhookThere.setEndpoint(QStringLiteral("https://b.example/hook")).isEmpty());
        } else if (what == u"bot") {
            BotConfig config = botThere.config();
            config.handoffMessage = QStringLiteral("Um momento, por favor.");
            botThere.setConfig(config);
        } else {
            TelegramConfig telegram = channelsThere.telegram();
            telegram.enabled = true;
            channelsThere.setTelegram(telegram);
        }
        QVERIFY(!written.isEmpty()); // in effect where it was made at once
        QVERIFY(changed.wait(kWaitMs));
        if (what == u"webhook")
            QCOMPARE(webhookHere.endpoint(), QStringLiteral("https://b.example/hook"));
        else if (what == u"bot")
            QCOMPARE(botHere.config().handoffMessage, QStringLiteral("Um momento, por favor."));
        else
            QVERIFY(channelsHere.telegram().enabled);

        // The same value saved again changes nothing anywhere.
        changed.clear();
        if (what == u"webhook")
            QVERIFY(elsewhere.shared->setNow(
                {{QStringLiteral("webhook/endpoint"), QStringLiteral("https://b.example/hook")}}));
        else if (what == u"bot")
            QVERIFY(elsewhere.shared->setNow(
                {{QStringLiteral("bot/handoff_message"), QStringLiteral("Um momento, por favor.")}}));
        else
            QVERIFY(elsewhere.shared->setNow(
                {{QStringLiteral("channels/telegram/enabled"), QStringLiteral("true")}}));
        QVERIFY(!changed.wait(kQuietMs));
    }

    // A value written here stays what this seat shows while a read that began before it was
    // stored comes back with the old one.
    void writeHere_isNotUndoneByAnOlderRead()
    {
        Seat here;
        QVERIFY(here.open(m_tmp->path(), true));
        QVERIFY(here.shared->setNow({{QStringLiteral("bot/name"), QStringLiteral("Old")}}));
        QSignalSpy logged(here.watcher.get(), &ChangeWatcher::settingChangedElsewhere);
        QStringList shown;
        connect(here.shared.get(), &SharedSettings::changed, this,
                [&] { shown.append(here.shared->value(QStringLiteral("bot/name")).value_or(QString())); });
        bool stored = false;
        here.shared->set({{QStringLiteral("bot/name"), QStringLiteral("New")}},
                         [&](const Status& s) { stored = bool(s); });
        here.shared->refresh(); // may read before the write commits
        QTRY_VERIFY_WITH_TIMEOUT(stored, kWaitMs);
        // The log announces the write; the reads it asks for, and one after them, come back.
        QVERIFY(!logged.isEmpty() || logged.wait(kWaitMs));
        QObject reader;
        QSignalSpy readDone(&reader, &QObject::objectNameChanged);
        here.store->reader().read<int>(
            &reader, {}, [](const QSqlDatabase&) { return 0; },
            [&](int) { reader.setObjectName(QStringLiteral("read")); });
        QVERIFY(readDone.wait(kWaitMs));
        QCOMPARE(here.shared->value(QStringLiteral("bot/name")).value_or(QString()), QStringLiteral("New"));
        QVERIFY2(!shown.contains(QStringLiteral("Old")), qPrintable(shown.join(u',')));
        Seat other;
        QVERIFY(other.open(m_tmp->path(), false));
        QCOMPARE(other.shared->value(QStringLiteral("bot/name")).value_or(QString()), QStringLiteral("New"));
    }

    // A save the store refuses is reported to whoever saved, and this seat shows the store's
    // values again: nothing half-saved stays on screen as if it were shared.
    void refusedWrite_isReported_andTheStoresValuesShownAgain()
    {
        Seat here;
        QVERIFY(here.open(m_tmp->path(), true));
        QVERIFY(here.shared->setNow({{QStringLiteral("bot/handoff_message"), QStringLiteral("Kept")}}));
        {
            QSqlQuery q(here.database->connection());
            if (test::TestDatabase::isPostgreSQL()) {
                QVERIFY(q.exec(
                    QStringLiteral("CREATE FUNCTION refuse_settings() RETURNS trigger LANGUAGE plpgsql "
                                   "AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$")));
                QVERIFY(q.exec(
                    QStringLiteral("CREATE TRIGGER refuse_settings BEFORE INSERT OR UPDATE ON "
                                   "shared_settings FOR EACH ROW EXECUTE FUNCTION refuse_settings()")));
            } else {
                for (const char* when : {"INSERT", "UPDATE"})
                    QVERIFY(q.exec(
                        QStringLiteral("CREATE TRIGGER refuse_settings_%1 BEFORE %1 ON shared_settings "
                                       "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
                            .arg(QLatin1String(when))));
            }
        }
        BotSettings bot(iniPath(), here.shared.get());
        QSignalSpy failed(here.shared.get(), &SharedSettings::writeFailed);
        BotConfig config = bot.config();
        config.handoffMessage = QStringLiteral("Never stored");
        config.modelName = QStringLiteral("never-stored");
        std::optional<Status> answer;
        bot.setConfig(config, [&answer](const Status& s) { answer = s; });
        QCOMPARE(bot.config().handoffMessage, QStringLiteral("Never stored")); // in effect at once
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWaitMs);
        QVERIFY(!*answer);
        QVERIFY2(answer->error().contains(QStringLiteral("refused by the test")),
                 qPrintable(answer->error()));
        QCOMPARE(failed.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(bot.config().handoffMessage, QStringLiteral("Kept"), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bot.config().modelName, QString(), kWaitMs);
    }

    // The leader's dispatcher posts to the endpoint another seat saved, without a restart.
    void leaderDispatcher_usesTheEndpointSavedElsewhere()
    {
        test::LocalHttpServer server;
        QVERIFY(server.listen());
        Seat leader;
        Seat seat;
        QVERIFY(leader.open(m_tmp->path(), true));
        QVERIFY(seat.open(m_tmp->path(), false));
        SecretStore secrets(SecretStore::Backend::FileOnly, m_tmp->filePath(QStringLiteral("secrets.json")));
        WebhookSettings leaderSettings(secrets, *leader.shared);
        WebhookSettings seatSettings(secrets, *seat.shared);
        {
            QObject answer;
            QSignalSpy answered(&answer, &QObject::objectNameChanged);
            QString error = QStringLiteral("unanswered");
            seatSettings.save(server.url(QStringLiteral("/old")).toString(), true,
                              SecretStore::generateSecret(), [&](const QString& e) {
                                  error = e;
                                  answer.setObjectName(QStringLiteral("answered"));
                              });
            QVERIFY(!answered.isEmpty() || answered.wait(kWaitMs));
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        QSignalSpy leaderChanged(&leaderSettings, &WebhookSettings::changed);
        if (leaderSettings.endpoint() != server.url(QStringLiteral("/old")).toString())
            QVERIFY(leaderChanged.wait(kWaitMs));
        leaderChanged.clear();
        QVERIFY(seatSettings.setEndpoint(server.url(QStringLiteral("/new")).toString()).isEmpty());
        QVERIFY(leaderChanged.wait(kWaitMs));

        WebhookDispatcher dispatcher(*leader.deliveries, leaderSettings);
        const Bot bot = *leader.store->ensureBot(QStringLiteral("Luna Café"));
        const Conversation c =
            *leader.store->upsertConversation(bot.id, QStringLiteral("whatsapp"),
                                              QStringLiteral("5511999990000"), QStringLiteral("Maria"), 1000);
        QVERIFY(leader.store->appendMessage(c.id, MessageRole::User, QStringLiteral("human"), 1001));
        const auto record = leader.store->recordHandoff(
            c.id, QStringLiteral("Connecting you."), HandoffReason::Escalate, 1002,
            [](const Bot& b, const Conversation& conv, const QList<Message>& transcript, HandoffReason reason,
               qint64 at) { return buildLeadPayload(b, conv, transcript, reason, at); });
        QVERIFY(record);
        QSignalSpy received(&server, &test::LocalHttpServer::requestReceived);
        dispatcher.deliver(record->event.id);
        QVERIFY(received.wait(kWaitMs));
        QCOMPARE(server.lastRequest().path, QByteArray("/new"));
    }

    // SQLite rebuilt the change log in 0011: its ids go on from where they were, so a process
    // that read up to an id before the upgrade misses nothing after it.
    void migration_keepsTheChangeLogCounting()
    {
        Database::Options before;
        before.migrateTo = 10;
        qint64 last = 0;
        {
            auto old = m_tmp->open(before);
            QVERIFY(old);
            QSqlQuery q(old->connection());
            for (int i = 0; i < 3; ++i)
                QVERIFY(q.exec(QStringLiteral("INSERT INTO change_log (kind, conversation_id, row_id, at_ms) "
                                              "VALUES ('conversation', 'c', 0, 1)")));
            QVERIFY(q.exec(QStringLiteral("SELECT MAX(id) FROM change_log")) && q.next());
            last = q.value(0).toLongLong();
            QVERIFY(q.exec(QStringLiteral("DELETE FROM change_log"))); // trimmed, as the leader does
        }
        auto db = m_tmp->open();
        QVERIFY(db);
        SharedSettings shared(*db);
        QVERIFY(shared.setNow({{QStringLiteral("bot/name"), QStringLiteral("Luna")}}));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT id, kind, conversation_id FROM change_log")) && q.next());
        QVERIFY2(q.value(0).toLongLong() > last, qPrintable(q.value(0).toString()));
        QCOMPARE(q.value(1).toString(), QStringLiteral("setting"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("bot/name"));
    }

    // `settings set` writes the store (not the settings file), where a running seat sees it.
    void cli_settingsSet_writesTheStore()
    {
        Seat seat;
        QVERIFY(seat.open(m_tmp->path(), true));
        QSignalSpy changed(seat.shared.get(), &SharedSettings::changed);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("HOME"), home.path());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(ZAPITO_INBOX_BINARY),
                      {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--database"),
                       m_tmp->path(), QStringLiteral("webhook.endpoint"),
                       QStringLiteral("https://cli.example/hook")});
        QVERIFY(process.waitForFinished(60'000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QVERIFY(changed.wait(kWaitMs));
        QCOMPARE(seat.shared->value(QStringLiteral("webhook/endpoint")).value_or(QString()),
                 QStringLiteral("https://cli.example/hook"));
        // Nothing of it in that machine's settings file.
        const QString file = home.filePath(QStringLiteral("config/zapito/zapito-inbox.conf"));
        QVERIFY(!QSettings(file, QSettings::IniFormat).contains(QStringLiteral("webhook/endpoint")));

        // A bad value keeps its clear error and changes nothing.
        process.start(QStringLiteral(ZAPITO_INBOX_BINARY),
                      {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--database"),
                       m_tmp->path(), QStringLiteral("webhook.endpoint"), QStringLiteral("ftp://nope")});
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().contains("http or https"));
        process.start(QStringLiteral(ZAPITO_INBOX_BINARY),
                      {QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("--database"),
                       m_tmp->path(), QStringLiteral("webhook.endpoint")});
        QVERIFY(process.waitForFinished(60'000));
        QCOMPARE(process.readAllStandardOutput().trimmed(), QByteArray("https://cli.example/hook"));
    }
};

QTEST_GUILESS_MAIN(tst_SharedSettings)
#include "tst_sharedsettings.moc"
