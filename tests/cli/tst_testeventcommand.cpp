// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"
#include "database.h"
#include "localhttpserver.h"
#include "signature.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace zapito;
using test::CliProcess;
using test::RecordedRequest;
using test::ScriptedResponse;

namespace {
const QByteArray kSecret = "cli-test-event-signing-secret-0123456789abcdef";
} // namespace

// `zapito-inbox test-event` as a real child process against a real HTTP server on 127.0.0.1:
// the configured endpoint gets the signed sample (reason "test"); the status, latency and the
// start of the answer are printed; the exit code says 2xx (0), anything else (1) or missing
// configuration (2); the secret never appears in what it prints.
class tst_TestEventCommand : public QObject
{
    Q_OBJECT

    std::unique_ptr<CliProcess> m_cli;
    std::unique_ptr<test::LocalHttpServer> m_server;

    void set(const QString& key, const QString& value)
    {
        const auto r = m_cli->run({QStringLiteral("settings"), QStringLiteral("set"), key, value});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    void setSecret(const QByteArray& secret)
    {
        const auto r = m_cli->run(
            {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("webhook.signing_secret")},
            secret + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

private slots:
    void init()
    {
        m_cli = std::make_unique<CliProcess>(QStringLiteral(ZAPITO_INBOX_BINARY));
        m_server = std::make_unique<test::LocalHttpServer>();
        QVERIFY(m_server->listen());
    }
    void cleanup()
    {
        m_server.reset();
        m_cli.reset();
    }

    void testEvent_exitCodeFollowsTheAnswer_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("200-exit-0") << 200 << QByteArray("{\"ok\":true}") << 0;
        QTest::newRow("204-exit-0") << 204 << QByteArray() << 0;
        QTest::newRow("500-exit-1") << 500 << QByteArray("upstream exploded") << 1;
        QTest::newRow("401-exit-1") << 401 << QByteArray("bad signature") << 1;
        QTest::newRow("redirect-exit-1") << 302 << QByteArray() << 1;
    }
    void testEvent_exitCodeFollowsTheAnswer()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, answer);
        QFETCH(int, exitCode);
        set(QStringLiteral("webhook.endpoint"), m_server->url(QStringLiteral("/hook")).toString());
        setSecret(kSecret);
        m_server->enqueue(status == 302 ? ScriptedResponse::redirect("http://127.0.0.1:1/elsewhere", 302)
                                        : ScriptedResponse::reply(status, answer));

        const CliProcess::Result r = m_cli->run(QStringList{QStringLiteral("test-event")});
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, exitCode);
        QCOMPARE(m_server->requestCount(), 1); // the command never retries: it is one check
        const RecordedRequest request = m_server->lastRequest();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/hook"));
        QVERIFY(verifySignature(kSecret, request.body, request.header("X-Zapito-Signature")));
        QCOMPARE(request.header("X-Zapito-Event"), QByteArray("lead.handoff"));
        QCOMPARE(QJsonDocument::fromJson(request.body).object().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("test"));

        QVERIFY2(r.out.contains(QByteArray("HTTP " + QByteArray::number(status) + " in ")),
                 r.out.constData());
        QVERIFY2(r.out.contains(" ms"), r.out.constData());
        if (!answer.isEmpty())
            QVERIFY2(r.out.contains(answer), r.out.constData());
        if (exitCode != 0)
            QVERIFY2(!r.err.isEmpty(), "a failure says why on standard error");
        QVERIFY(!r.out.contains(kSecret) && !r.err.contains(kSecret));
        // A test event records nothing: the inbox (which `settings set` made, since the endpoint is
        // kept there for every seat) has no delivery and no attempt.
        Database::Options readOnly;
        readOnly.readOnly = true;
        DatabaseOpenError error;
        const auto inbox = Database::open(
            m_cli->home() + QStringLiteral("/data/zapito/zapito-inbox/inbox.sqlite"), readOnly, &error);
        QVERIFY2(inbox, qPrintable(error.message));
        QSqlQuery q(inbox->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM delivery_attempts) + "
                                      "(SELECT COUNT(*) FROM handoff_events)")) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void testEvent_connectionRefused_printsTheErrorAndExits1()
    {
        const quint16 port = test::LocalHttpServer::unusedPort();
        set(QStringLiteral("webhook.endpoint"), QStringLiteral("http://127.0.0.1:%1/hook").arg(port));
        setSecret(kSecret);
        const CliProcess::Result r = m_cli->run(QStringList{QStringLiteral("test-event")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("failed"), r.err.constData());
        QVERIFY(!r.out.contains("HTTP "));
        QVERIFY(!r.out.contains(kSecret) && !r.err.contains(kSecret));
    }

    void testEvent_printsOnlyTheFirstKilobyteAsPlainText()
    {
        set(QStringLiteral("webhook.endpoint"), m_server->url(QStringLiteral("/hook")).toString());
        setSecret(kSecret);
        // An answer that tries to drive the terminal, then far more than 1 KB.
        const QByteArray answer = "ok\x1b]0;owned\x07\x1b[2J" + QByteArray(4000, 'x');
        m_server->enqueue(ScriptedResponse::reply(200, answer));
        const CliProcess::Result r = m_cli->run(QStringList{QStringLiteral("test-event")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.out.contains('\x1b') && !r.out.contains('\x07'));
        QVERIFY(r.out.contains("ok"));
        QVERIFY2(r.out.count('x') <= 1024, QByteArray::number(r.out.count('x')).constData());
        QVERIFY(r.out.count('x') > 900);
    }

    void testEvent_missingConfiguration_isAUsageError_data()
    {
        QTest::addColumn<bool>("endpoint");
        QTest::addColumn<bool>("secret");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("no-endpoint") << false << true << QByteArray("webhook.endpoint");
        QTest::newRow("nothing-configured") << false << false << QByteArray("webhook.endpoint");
        QTest::newRow("no-secret") << true << false << QByteArray("webhook.signing_secret");
    }
    void testEvent_missingConfiguration_isAUsageError()
    {
        QFETCH(bool, endpoint);
        QFETCH(bool, secret);
        QFETCH(QByteArray, named);
        if (endpoint)
            set(QStringLiteral("webhook.endpoint"), m_server->url(QStringLiteral("/hook")).toString());
        if (secret)
            setSecret(kSecret);
        const CliProcess::Result r = m_cli->run(QStringList{QStringLiteral("test-event")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(named), r.err.constData()); // says what is missing and how to set it
        QCOMPARE(m_server->requestCount(), 0);              // nothing is ever sent unsigned
    }

    void testEvent_extraArgument_isAUsageError()
    {
        const CliProcess::Result r =
            m_cli->run(QStringList{QStringLiteral("test-event"), QStringLiteral("now")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("Usage"));
    }
};

QTEST_GUILESS_MAIN(tst_TestEventCommand)
#include "tst_testeventcommand.moc"
