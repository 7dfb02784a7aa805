// SPDX-License-Identifier: Apache-2.0
#include "conversationstore.h"
#include "leadpayload.h"
#include "testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace zapito;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

// The built zapito-inbox binary run with QProcess: settings get|set (secrets on standard
// input, never echoed), list, deliveries and resolve on a temporary database.
class tst_CliCommands : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<test::TestDatabase> m_tmp;
    QString m_handoffConversation;
    QString m_botConversation;
    qint64 m_handoffEvent = 0;

    Run run(const QStringList& arguments, const QByteArray& input = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Settings and the secrets file go to this test's folder; no keychain is asked.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("HOME"), m_home->path());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(ZAPITO_INBOX_BINARY), arguments);
        if (!process.waitForStarted(30'000))
            return {};
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(60'000)) {
            process.kill();
            process.waitForFinished();
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                process.readAllStandardOutput(), process.readAllStandardError()};
    }
    QStringList db() const { return {QStringLiteral("--database"), m_tmp->path()}; }

private slots:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        m_tmp = std::make_unique<test::TestDatabase>();
        auto database = m_tmp->open();
        QVERIFY(database);
        ConversationStore store(*database);
        const Bot bot = *store.ensureBot(QStringLiteral("Luna Café"));
        const auto maria = store.upsertConversation(bot.id, QStringLiteral("telegram"), QStringLiteral("42"),
                                                    QStringLiteral("Maria Silva"), 1000);
        QVERIFY(maria);
        QVERIFY(store.appendMessage(maria->id, MessageRole::User, QStringLiteral("human please"), 1001));
        const auto record =
            store.recordHandoff(maria->id, QStringLiteral("Connecting you with a team member right away."),
                                HandoffReason::Escalate, 1002,
                                [](const Bot& b, const Conversation& c, const QList<Message>& t,
                                   HandoffReason r, qint64 at) { return buildLeadPayload(b, c, t, r, at); });
        QVERIFY(record);
        m_handoffConversation = maria->id;
        m_handoffEvent = record->event.id;
        const auto joe = store.upsertConversation(bot.id, QStringLiteral("whatsapp"), QStringLiteral("5511"),
                                                  QStringLiteral("Joe"), 2000);
        QVERIFY(joe);
        QVERIFY(store.appendMessage(joe->id, MessageRole::User, QStringLiteral("hi"), 2001));
        m_botConversation = joe->id;
    }
    void cleanup()
    {
        m_tmp.reset();
        m_home.reset();
    }

    void help_listsCommands()
    {
        const Run r = run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char* command : {"settings", "list", "deliveries", "resolve", "test-event", "--headless"})
            QVERIFY2(r.out.contains(command), command);
    }

    void settings_plainValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("shown");
        QTest::newRow("bool") << "telegram.enabled"
                              << "yes"
                              << "true";
        QTest::newRow("integer") << "whatsapp.listen_port"
                                 << "9443"
                                 << "9443";
        QTest::newRow("choice") << "bot.fallback"
                                << "handoff"
                                << "handoff";
        QTest::newRow("url") << "telegram.api_base"
                             << "http://127.0.0.1:8081"
                             << "http://127.0.0.1:8081";
        QTest::newRow("bot-name") << "bot.name"
                                  << "  Luna   Café "
                                  << "Luna Café";
        QTest::newRow("text") << "bot.handoff_message"
                              << "One moment, please."
                              << "One moment, please.";
        QTest::newRow("flow")
            << "bot.rules"
            << "[{\"match\":\"keywords\",\"pattern\":\"price\",\"action\":\"reply\",\"text\":\"5 €\"}]"
            << "[{\"action\":\"reply\",\"match\":\"keywords\",\"pattern\":\"price\",\"text\":\"5 €\"}]";
    }
    void settings_plainValues()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, shown);
        const Run set = run({QStringLiteral("settings"), QStringLiteral("set"), key, value});
        QVERIFY2(set.exitCode == 0, set.err.constData());
        const Run get = run({QStringLiteral("settings"), QStringLiteral("get"), key});
        QCOMPARE(get.exitCode, 0);
        QCOMPARE(QString::fromUtf8(get.out).trimmed(), shown);
    }

    void settings_invalidValue_isRefusedAndNothingChanges_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("bool") << "telegram.enabled"
                              << "maybe";
        QTest::newRow("port-range") << "whatsapp.listen_port"
                                    << "70000";
        QTest::newRow("choice") << "bot.fallback"
                                << "dance";
        QTest::newRow("url-scheme") << "bot.model_base_url"
                                    << "ftp://example.com";
        QTest::newRow("address") << "whatsapp.listen_address"
                                 << "localhost:80";
        QTest::newRow("bot-name-too-long") << "bot.name" << QString(65, u'x');
        QTest::newRow("bot-name-control-character") << "bot.name"
                                                    << "Luna\x1b[2J";
        QTest::newRow("flow-bad-regex")
            << "bot.rules"
            << "[{\"match\":\"regex\",\"pattern\":\"(\",\"action\":\"reply\",\"text\":\"x\"}]";
        // The settings file is plain text: a PostgreSQL password never goes in it.
        QTest::newRow("database-url-with-password") << "database.location"
                                                    << "postgresql://zapito:hunter2@db.example.com/inbox";
        QTest::newRow("database-url-password-option")
            << "database.location"
            << "postgresql://zapito@db.example.com/inbox?password=x";
        QTest::newRow("database-relative-file") << "database.location"
                                                << "inbox.sqlite";
        QTest::newRow("database-other-scheme") << "database.location"
                                               << "mysql://zapito@db.example.com/inbox";
    }
    void settings_invalidValue_isRefusedAndNothingChanges()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        const QByteArray before = run({QStringLiteral("settings"), QStringLiteral("get"), key}).out;
        const Run set = run({QStringLiteral("settings"), QStringLiteral("set"), key, value});
        QCOMPARE(set.exitCode, 1);
        QVERIFY(set.err.contains("not changed"));
        QVERIFY2(!set.err.contains("hunter2"), set.err.constData());
        QCOMPARE(run({QStringLiteral("settings"), QStringLiteral("get"), key}).out, before);
    }

    void settings_freshInstall_showsDefaultFlowAndUnsetBotName()
    {
        const Run rules =
            run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("bot.rules")});
        QCOMPARE(rules.exitCode, 0);
        QVERIFY2(rules.out.contains("\"action\":\"handoff\"") && rules.out.contains("atendente"),
                 rules.out.constData());
        const Run name = run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("bot.name")});
        QCOMPARE(name.exitCode, 0);
        QCOMPARE(name.out.trimmed(), QByteArray());
    }

    void settings_unknownKey()
    {
        QCOMPARE(
            run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("nope.nothing")}).exitCode,
            2);
    }

    void settings_secretFromStdin_neverEchoed()
    {
        const QByteArray secret = "123456:secret-bot-token-for-the-cli-test";
        const Run set =
            run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("telegram.bot_token")},
                secret + '\n');
        QVERIFY2(set.exitCode == 0, set.err.constData());
        QVERIFY(!set.out.contains(secret) && !set.err.contains(secret));

        const Run get =
            run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("telegram.bot_token")});
        QCOMPARE(get.exitCode, 0);
        QCOMPARE(get.out.trimmed(), QByteArray("(set)"));
        QVERIFY(!get.err.contains(secret));
        const Run all = run({QStringLiteral("settings"), QStringLiteral("get")});
        QVERIFY(!all.out.contains(secret) && !all.err.contains(secret));

        // Not in QSettings; in the 0600 fallback file (no keychain in this environment).
        QFile ini(m_home->filePath(QStringLiteral("config/zapito/zapito-inbox.conf")));
        if (ini.open(QIODevice::ReadOnly))
            QVERIFY(!ini.readAll().contains(secret));
        QFile secrets(m_home->filePath(QStringLiteral("data/zapito/zapito-inbox/secrets.json")));
        QVERIFY(secrets.exists());
        QCOMPARE(secrets.permissions() &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());

        // An empty value removes it.
        QCOMPARE(
            run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("telegram.bot_token")},
                "\n")
                .exitCode,
            0);
        QCOMPARE(
            run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("telegram.bot_token")})
                .out.trimmed(),
            QByteArray("(not set)"));
    }

    void settings_secretOnCommandLine_isRefused()
    {
        const Run set = run({QStringLiteral("settings"), QStringLiteral("set"),
                             QStringLiteral("bot.model_api_key"), QStringLiteral("sk-visible")});
        QCOMPARE(set.exitCode, 2);
        QCOMPARE(run({QStringLiteral("settings"), QStringLiteral("get"), QStringLiteral("bot.model_api_key")})
                     .out.trimmed(),
                 QByteArray("(not set)"));
    }

    void list_plainAndNeedsHuman()
    {
        const Run all = run(QStringList{QStringLiteral("list")} + db());
        QCOMPARE(all.exitCode, 0);
        const QList<QByteArray> lines = all.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(m_botConversation.toUtf8())); // newest first
        QVERIFY(lines[1].contains("escalate"));
        QVERIFY(lines[1].contains("Maria Silva"));

        const Run needsHuman =
            run(QStringList{QStringLiteral("list"), QStringLiteral("--needs-human")} + db());
        QCOMPARE(needsHuman.exitCode, 0);
        QCOMPARE(needsHuman.out.trimmed().split('\n').size(), 1);
        QVERIFY(needsHuman.out.startsWith(m_handoffConversation.toUtf8()));
    }

    void list_json()
    {
        const Run r = run(QStringList{QStringLiteral("list"), QStringLiteral("--json")} + db());
        QCOMPARE(r.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(array.size(), 2);
        const QJsonObject maria = array[1].toObject();
        QCOMPARE(maria.value(QStringLiteral("id")).toString(), m_handoffConversation);
        QCOMPARE(maria.value(QStringLiteral("status")).toString(), QStringLiteral("handoff"));
        QCOMPARE(maria.value(QStringLiteral("reason")).toString(), QStringLiteral("escalate"));
        QCOMPARE(maria.value(QStringLiteral("channel")).toString(), QStringLiteral("telegram"));
        QCOMPARE(maria.value(QStringLiteral("contactName")).toString(), QStringLiteral("Maria Silva"));
        QVERIFY(array[0].toObject().value(QStringLiteral("reason")).isNull());
    }

    void deliveries_json()
    {
        const Run r = run(QStringList{QStringLiteral("deliveries"), QStringLiteral("--json")} + db());
        QCOMPARE(r.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(array.size(), 1);
        const QJsonObject d = array[0].toObject();
        QCOMPARE(d.value(QStringLiteral("handoffId")).toInteger(), m_handoffEvent);
        QCOMPARE(d.value(QStringLiteral("conversationId")).toString(), m_handoffConversation);
        QCOMPARE(d.value(QStringLiteral("reason")).toString(), QStringLiteral("escalate"));
        QCOMPARE(d.value(QStringLiteral("outcome")).toString(), QStringLiteral("pending"));
        QCOMPARE(d.value(QStringLiteral("attempts")).toInt(), 0);
        const Run plain = run(QStringList{QStringLiteral("deliveries")} + db());
        QCOMPARE(plain.exitCode, 0);
        QVERIFY(plain.out.startsWith(
            QByteArray(QByteArray::number(m_handoffEvent) + "\t" + m_handoffConversation.toUtf8())));
    }

    void resolve_givesConversationBack()
    {
        const Run r = run(QStringList{QStringLiteral("resolve"), m_handoffConversation} + db());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray array =
            QJsonDocument::fromJson(run(QStringList{QStringLiteral("list"), QStringLiteral("--needs-human"),
                                                    QStringLiteral("--json")} +
                                        db())
                                        .out)
                .array();
        QCOMPARE(array.size(), 0);
        // Nothing left to resolve.
        const Run again = run(QStringList{QStringLiteral("resolve"), m_handoffConversation} + db());
        QCOMPARE(again.exitCode, 1);
        QCOMPARE(run(QStringList{QStringLiteral("resolve")} + db()).exitCode, 2);
    }

    void resolve_worksBesideTheApp()
    {
        // Any seat resolves while the window or --headless has the inbox open; the leader's
        // pipeline reads the status from the store, so its bot answers the next message.
        auto open = m_tmp->open(); // the store open in another connection, as a running window has it
        QVERIFY(open);
        const Run r = run(QStringList{QStringLiteral("resolve"), m_handoffConversation} + db());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray waiting =
            QJsonDocument::fromJson(run(QStringList{QStringLiteral("list"), QStringLiteral("--needs-human"),
                                                    QStringLiteral("--json")} +
                                        db())
                                        .out)
                .array();
        QCOMPARE(waiting.size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_CliCommands)
#include "tst_clicommands.moc"
