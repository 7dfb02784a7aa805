// SPDX-License-Identifier: Apache-2.0
#include "localhttpserver.h"
#include "signature.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace zapito;
using test::RecordedRequest;
using test::ScriptedResponse;

namespace {
const QByteArray kToken = "777:headless-token-not-real";
const QByteArray kSigningSecret = "headless-signing-secret";
} // namespace

// `zapito-inbox --headless` as an always-on machine runs it: configured only through
// `zapito-inbox settings set` (secrets on standard input), a Telegram message from a fake Bot
// API is answered with the handoff message and the signed webhook reaches a local server;
// SIGTERM stops it cleanly and the command line then sees the handoff and its delivery.
class tst_Headless : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    test::TestDatabase m_tmp;
    test::LocalHttpServer m_telegram;
    test::LocalHttpServer m_receiver;
    test::LocalHttpServer m_newReceiver; // the endpoint saved while the leader runs
    QStringList m_order;
    bool m_served = false;
    bool m_servedSecond = false;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain: the 0600 file
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        return env;
    }
    // Runs a command to the end (the server fakes keep answering meanwhile).
    QByteArray command(const QStringList& arguments, const QByteArray& input = {}, int* exitCode = nullptr)
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(ZAPITO_INBOX_BINARY), arguments);
        process.write(input);
        process.closeWriteChannel();
        if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60'000))
            process.kill();
        process.waitForFinished(1000);
        if (exitCode)
            *exitCode = process.exitCode();
        return process.readAllStandardOutput();
    }
    void set(const QString& key, const QString& value)
    {
        int code = -1;
        // The shared settings are the store's: set in the inbox the headless process opens.
        command({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--database"),
                 m_tmp.path(), key, value},
                {}, &code);
        QCOMPARE(code, 0);
    }
    void setSecret(const QString& key, const QByteArray& value)
    {
        int code = -1;
        command({QStringLiteral("settings"), QStringLiteral("set"), key}, value + '\n', &code);
        QCOMPARE(code, 0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(m_telegram.listen());
        QVERIFY(m_receiver.listen());
        QVERIFY(m_newReceiver.listen());
        m_telegram.setHandler([this](const RecordedRequest& r) {
            if (r.path.contains("/sendMessage")) {
                m_order.append(
                    QStringLiteral("telegram:") +
                    QJsonDocument::fromJson(r.body).object().value(QStringLiteral("text")).toString());
                return ScriptedResponse::json(200, "{\"ok\":true,\"result\":{\"message_id\":2}}");
            }
            if (r.path.contains("/getMe"))
                return ScriptedResponse::json(200, "{\"ok\":true,\"result\":{\"id\":7,\"is_bot\":true,"
                                                   "\"first_name\":\"Luna Caf\u00e9\"}}");
            // A second customer writes once the leader polls the API base saved meanwhile.
            if (r.path.startsWith("/v2/") && !m_servedSecond) {
                m_servedSecond = true;
                return ScriptedResponse::json(
                    200,
                    "{\"ok\":true,\"result\":[{\"update_id\":5001,\"message\":{\"message_id\":1,\"from\":{"
                    "\"id\":43,\"first_name\":\"Joana\"},\"chat\":{\"id\":43},\"date\":1751371281,"
                    "\"text\":\"Alguém aí?\"}}]}");
            }
            if (!m_served) {
                m_served = true;
                return ScriptedResponse::json(
                    200,
                    "{\"ok\":true,\"result\":[{\"update_id\":5000,\"message\":{\"message_id\":1,\"from\":{"
                    "\"id\":"
                    "42,\"first_name\":\"Maria\"},\"chat\":{\"id\":42},\"date\":1751371181,\"text\":\"Is "
                    "anybody there?\"}}]}");
            }
            return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}")
                .after(std::chrono::milliseconds(200));
        });
        m_newReceiver.setHandler([](const RecordedRequest&) { return ScriptedResponse::reply(200); });
        m_receiver.setHandler([this](const RecordedRequest& r) {
            m_order.append(
                QStringLiteral("webhook:") +
                QJsonDocument::fromJson(r.body).object().value(QStringLiteral("reason")).toString());
            return ScriptedResponse::reply(200);
        });
    }

    void headless_telegramToWebhook_thenStopsCleanly()
    {
        set(QStringLiteral("telegram.enabled"), QStringLiteral("true"));
        set(QStringLiteral("telegram.api_base"), m_telegram.url(QStringLiteral("/")).toString());
        setSecret(QStringLiteral("telegram.bot_token"), kToken);
        set(QStringLiteral("bot.fallback"), QStringLiteral("handoff"));
        set(QStringLiteral("webhook.endpoint"), m_receiver.url(QStringLiteral("/hook")).toString());
        setSecret(QStringLiteral("webhook.signing_secret"), kSigningSecret);

        QProcess app;
        app.setProcessEnvironment(environment());
        app.start(QStringLiteral(ZAPITO_INBOX_BINARY),
                  {QStringLiteral("--headless"), QStringLiteral("--database"), m_tmp.path()});
        QVERIFY(app.waitForStarted(30'000));
        QTRY_VERIFY_WITH_TIMEOUT(m_receiver.requestCount() >= 1, 60'000);
        const RecordedRequest hook = m_receiver.requests().at(0);
        QVERIFY(verifySignature(kSigningSecret, hook.body, hook.header("X-Zapito-Signature")));
        const QJsonObject body = QJsonDocument::fromJson(hook.body).object();
        QCOMPARE(body.value(QStringLiteral("reason")).toString(), QStringLiteral("handoff"));
        QCOMPARE(body.value(QStringLiteral("conversation"))
                     .toObject()
                     .value(QStringLiteral("contactName"))
                     .toString(),
                 QStringLiteral("Maria"));
        QCOMPARE(m_order,
                 QStringList({QStringLiteral("telegram:Connecting you with a team member right away."),
                              QStringLiteral("webhook:handoff")}));
        // The token is in the request path only, never in what the app prints.
        QVERIFY(m_telegram.requests().at(0).path.startsWith(QByteArray("/bot" + kToken + '/')));

        app.terminate(); // SIGTERM
        QTRY_VERIFY_WITH_TIMEOUT(app.state() == QProcess::NotRunning, 30'000);
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        const QByteArray printed = app.readAllStandardError() + app.readAllStandardOutput();
        QVERIFY(!printed.contains(kToken) && !printed.contains(kSigningSecret));

        const QJsonArray deliveries =
            QJsonDocument::fromJson(command({QStringLiteral("deliveries"), QStringLiteral("--json"),
                                             QStringLiteral("--database"), m_tmp.path()}))
                .array();
        QCOMPARE(deliveries.size(), 1);
        QCOMPARE(deliveries[0][QStringLiteral("outcome")].toString(), QStringLiteral("sent"));
        QCOMPARE(deliveries[0][QStringLiteral("attempts")].toInt(), 1);
        const QJsonArray waiting =
            QJsonDocument::fromJson(
                command({QStringLiteral("list"), QStringLiteral("--needs-human"), QStringLiteral("--json"),
                         QStringLiteral("--database"), m_tmp.path()}))
                .array();
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting[0][QStringLiteral("channel")].toString(), QStringLiteral("telegram"));
    }

    // The webhook endpoint, the bot's texts and the channel's configuration saved from the command
    // line while the leader runs: it uses them without a restart.
    void headless_followsSettingsSavedWhileItRuns()
    {
        QProcess app;
        app.setProcessEnvironment(environment());
        const qsizetype before = m_telegram.requestCount();
        app.start(QStringLiteral(ZAPITO_INBOX_BINARY),
                  {QStringLiteral("--headless"), QStringLiteral("--database"), m_tmp.path()});
        QVERIFY(app.waitForStarted(30'000));
        // It leads once it polls Telegram.
        QTRY_VERIFY_WITH_TIMEOUT(m_telegram.requestCount() > before, 60'000);
        const qsizetype oldHooks = m_receiver.requestCount();

        set(QStringLiteral("webhook.endpoint"), m_newReceiver.url(QStringLiteral("/new")).toString());
        set(QStringLiteral("bot.handoff_message"), QStringLiteral("Um momento, por favor."));
        // Saved last: once the leader polls the new base, it has read the two above too.
        set(QStringLiteral("telegram.api_base"), m_telegram.url(QStringLiteral("/v2")).toString());

        QTRY_VERIFY_WITH_TIMEOUT(m_newReceiver.requestCount() >= 1, 60'000);
        const RecordedRequest hook = m_newReceiver.requests().at(0);
        QCOMPARE(hook.path, QByteArray("/new"));
        QVERIFY(verifySignature(kSigningSecret, hook.body, hook.header("X-Zapito-Signature")));
        QCOMPARE(QJsonDocument::fromJson(hook.body)
                     .object()
                     .value(QStringLiteral("conversation"))
                     .toObject()
                     .value(QStringLiteral("contactName"))
                     .toString(),
                 QStringLiteral("Joana"));
        QVERIFY(m_order.contains(QStringLiteral("telegram:Um momento, por favor.")));
        QCOMPARE(m_receiver.requestCount(), oldHooks);

        app.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(app.state() == QProcess::NotRunning, 30'000);
        QCOMPARE(app.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
