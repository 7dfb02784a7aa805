// SPDX-License-Identifier: Apache-2.0
#include "inboxservices.h"
#include "leadpayload.h"
#include "localhttpserver.h"
#include "signature.h"
#include "testdatabase.h"

#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace zapito;
using namespace zapito::test;

// The composition root: a delivery left in the outbox by an earlier run goes out at start-up,
// through the app's own settings and secret store (the 0600 file: no DBus here).
class tst_WebhookWiring : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("zapito-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_webhookwiring"));
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    }

    void startUp_resumesTheOutbox()
    {
        LocalHttpServer server;
        QVERIFY(server.listen());
        TestDatabase tmp;
        qint64 eventId = 0;
        {
            // An earlier run: the handoff was recorded, then the app died before delivering.
            auto db = tmp.open();
            QVERIFY(db);
            ConversationStore store(*db);
            const Bot bot = *store.ensureBot(QStringLiteral("Luna Café"));
            const Conversation c = *store.upsertConversation(
                bot.id, QStringLiteral("telegram"), QStringLiteral("42"), QStringLiteral("Ana"), 1000);
            (void)store.appendMessage(c.id, MessageRole::User, QStringLiteral("a person please"), 1001);
            auto record =
                store.recordHandoff(c.id, QStringLiteral("One moment"), HandoffReason::Handoff, 1002,
                                    [](const Bot& b, const Conversation& conv, const QList<Message>& messages,
                                       HandoffReason reason, qint64 at) {
                                        return buildLeadPayload(b, conv, messages, reason, at);
                                    });
            QVERIFY(record.hasValue());
            eventId = record->event.id;
        }

        SecretStore secrets; // the app's own: the file fallback, since there is no DBus
        QVERIFY(secrets.usesFileFallback());
        WebhookSettings settings(secrets);
        // Test mode keeps these under ~/.qttest; leave nothing behind for the next run.
        const auto cleanUp = qScopeGuard([&] {
            QFile::remove(settings.settingsFilePath());
            QFile::remove(secrets.fallbackFilePath());
        });
        const QString secret = SecretStore::generateSecret();
        bool saved = false;
        settings.save(server.url(QStringLiteral("/lead")).toString(), true, secret,
                      [&](const QString& e) { saved = e.isEmpty(); });
        QTRY_VERIFY(saved);

        QSignalSpy received(&server, &LocalHttpServer::requestReceived);
        DatabaseOpenError error;
        auto services = InboxServices::create(tmp.path(), &error);
        QVERIFY2(services, qPrintable(error.message));
        QVERIFY(received.wait(30000));
        const RecordedRequest r = server.lastRequest();
        QCOMPARE(r.header("X-Zapito-Delivery"), services->deliveries().deliveryId(eventId)->toUtf8());
        QCOMPARE(r.body, services->deliveries().payload(eventId).value());
        QVERIFY(verifySignature(secret.toUtf8(), r.body, r.header("X-Zapito-Signature")));
        QTRY_COMPARE_WITH_TIMEOUT(services->deliveries().outcome(eventId).value(), DeliveryOutcome::Sent,
                                  30000);
    }
};

QTEST_GUILESS_MAIN(tst_WebhookWiring)
#include "tst_webhookwiring.moc"
