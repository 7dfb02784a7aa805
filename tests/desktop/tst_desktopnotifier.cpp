// SPDX-License-Identifier: Apache-2.0
#include "desktopnotifier.h"
#include "fakenotificationserver.h"
#include "handoffnotifier.h"
#include "privatebus.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace zapito;
using test::FakeNotificationServer;

namespace {
const QString kFsi = QString(QChar(0x2068));
const QString kPdi = QString(QChar(0x2069));

HandoffNotifier::Handoff handoff(const QString& id, const QString& contact, const QString& said = QString())
{
    return {id, contact, QStringLiteral("Asked for a human"), said};
}
} // namespace

// The notifications a handoff raises, against a fake org.freedesktop.Notifications on a
// private session bus that the test starts (the desktop's own bus is never touched).
class tst_DesktopNotifier : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::PrivateBus> m_bus;
    std::unique_ptr<FakeNotificationServer> m_server;
    std::unique_ptr<DesktopNotifier> m_notifier;
    int m_connections = 0;

    QDBusConnection connection()
    {
        return m_bus->connect(QStringLiteral("tst_desktopnotifier_%1").arg(++m_connections));
    }
    void startServer(const QStringList& capabilities, const QString& name = QStringLiteral("fake-shell"))
    {
        m_server = std::make_unique<FakeNotificationServer>(connection(), capabilities, name);
        QVERIFY(m_server->isRegistered());
    }
    // A notifier on its own connection, once it has asked the bus.
    void startNotifier(DesktopNotifier::State expected = DesktopNotifier::State::Available)
    {
        m_notifier = std::make_unique<DesktopNotifier>(connection());
        QSignalSpy state(m_notifier.get(), &DesktopNotifier::stateChanged);
        QVERIFY(m_notifier->state() != DesktopNotifier::State::Probing || state.wait(5000));
        QCOMPARE(m_notifier->state(), expected);
    }
    FakeNotificationServer::Received nextNotification()
    {
        QSignalSpy notified(m_server.get(), &FakeNotificationServer::notified);
        if (!notified.wait(5000))
            return {};
        return notified.first().first().value<FakeNotificationServer::Received>();
    }

private slots:
    void init()
    {
        m_bus = std::make_unique<test::PrivateBus>();
        QVERIFY2(m_bus->isRunning(), qPrintable(m_bus->error()));
    }
    void cleanup()
    {
        m_notifier.reset();
        m_server.reset();
        m_bus.reset();
    }

    void body_escapedOnlyWhereTheServerReadsMarkup_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("markup");
        QTest::addColumn<QString>("expectedBody");
        const QString bold = QStringLiteral("<b>Pay</b> <a href=\"http://x\">here</a>");
        const QString entity = QStringLiteral("Fish &amp; chips & <3");
        const QString bidi = QStringLiteral("invoice\u202Efdp.exe");
        const QString lines = QStringLiteral("first line\n<i>second</i>\r\nthird");
        QTest::newRow("tags-markup")
            << bold << true
            << QStringLiteral("&lt;b&gt;Pay&lt;/b&gt; &lt;a href=\"http://x\"&gt;here&lt;/a&gt;");
        QTest::newRow("tags-plain") << bold << false << bold;
        QTest::newRow("entity-markup")
            << entity << true << QStringLiteral("Fish &amp;amp; chips &amp; &lt;3");
        QTest::newRow("entity-plain") << entity << false << entity;
        QTest::newRow("bidi-markup") << bidi << true << bidi;
        QTest::newRow("bidi-plain") << bidi << false << bidi;
        QTest::newRow("newlines-markup")
            << lines << true << QStringLiteral("first line\n&lt;i&gt;second&lt;/i&gt;\r\nthird");
        QTest::newRow("newlines-plain") << lines << false << lines;
    }
    void body_escapedOnlyWhereTheServerReadsMarkup()
    {
        QFETCH(QString, text);
        QFETCH(bool, markup);
        QFETCH(QString, expectedBody);
        startServer(markup ? QStringList{QStringLiteral("actions"), QStringLiteral("body-markup")}
                           : QStringList{QStringLiteral("actions"), QStringLiteral("body")});
        startNotifier();
        QCOMPARE(m_notifier->rendersBodyMarkup(), markup);

        QSignalSpy shown(m_notifier.get(), &DesktopNotifier::shown);
        const quint64 request = m_notifier->notify({text, text, true, 0});
        QVERIFY(request != 0);
        const FakeNotificationServer::Received got = nextNotification();
        QCOMPARE(got.body, expectedBody);
        QCOMPARE(got.summary, text); // the summary is plain text on every server
        QCOMPARE(got.appName, QStringLiteral("Zapito Inbox"));
        QCOMPARE(got.appIcon, QStringLiteral("app.zapito.Inbox"));
        QCOMPARE(got.hints.value(QStringLiteral("desktop-entry")).toString(),
                 QStringLiteral("app.zapito.Inbox"));
        QCOMPARE(got.actions, (QStringList{QStringLiteral("default"), QStringLiteral("Open"),
                                           QStringLiteral("open"), QStringLiteral("Open")}));
        QVERIFY(shown.wait(5000));
        QCOMPARE(shown.first().at(0).toULongLong(), request);
        QCOMPARE(shown.first().at(1).toUInt(), got.id);
    }

    void handoffText_isolatesTheCustomersWords_data()
    {
        QTest::addColumn<QString>("contact");
        QTest::addColumn<QString>("said");
        QTest::newRow("markup") << QStringLiteral("<b>Ana</b>") << QStringLiteral("<img src=x>&amp;");
        QTest::newRow("bidi-override") << QStringLiteral("\u202EanA") << QStringLiteral("pay \u202Enow");
        QTest::newRow("rtl-name") << QStringLiteral("مريم") << QStringLiteral("مرحبا");
    }
    void handoffText_isolatesTheCustomersWords()
    {
        QFETCH(QString, contact);
        QFETCH(QString, said);
        startServer({QStringLiteral("body-markup"), QStringLiteral("actions")});
        startNotifier();
        HandoffNotifier handoffs(*m_notifier);
        handoffs.notify(handoff(QStringLiteral("conv_1"), contact, said));
        const FakeNotificationServer::Received got = nextNotification();
        QVERIFY2(got.summary.startsWith(kFsi + contact), qPrintable(got.summary));
        QVERIFY(got.summary.contains(kPdi + QStringLiteral(" needs a human")));
        QVERIFY2(got.body.contains(kFsi + DesktopNotifier::bodyFor(said, true)), qPrintable(got.body));
        QVERIFY(!got.body.contains(QLatin1String("<img")) && !got.body.contains(QLatin1String("<b>")));
    }

    void openAction_asksForTheConversation_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("open-button") << QStringLiteral("open");
        QTest::newRow("click-on-it") << QStringLiteral("default");
    }
    void openAction_asksForTheConversation()
    {
        QFETCH(QString, action);
        startServer({QStringLiteral("actions")});
        startNotifier();
        HandoffNotifier handoffs(*m_notifier);
        QSignalSpy open(&handoffs, &HandoffNotifier::openConversationRequested);
        QSignalSpy shown(m_notifier.get(), &DesktopNotifier::shown);
        handoffs.notify(handoff(QStringLiteral("conv_42"), QStringLiteral("Ana")));
        const FakeNotificationServer::Received got = nextNotification();
        QVERIFY(shown.wait(5000));

        // Another application's notification: not ours to open.
        m_server->invokeAction(got.id + 1000, action);
        QVERIFY(!open.wait(300));
        // The server's token for the click comes first; the window raised next takes the focus with it.
        qunsetenv("XDG_ACTIVATION_TOKEN");
        m_server->sendActivationToken(got.id, QStringLiteral("token-") + action);
        m_server->invokeAction(got.id, action);
        QVERIFY(open.wait(5000));
        QCOMPARE(open.first().first().toString(), QStringLiteral("conv_42"));
        QCOMPARE(qEnvironmentVariable("XDG_ACTIVATION_TOKEN"), QStringLiteral("token-") + action);
    }

    void activationToken_onlyOursAndWellFormed_data()
    {
        QTest::addColumn<bool>("ours");
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("ours") << true << QStringLiteral("gnome-shell/Zapito/1234-0-host_TIME42") << true;
        QTest::newRow("another-apps") << false << QStringLiteral("token-x") << false;
        QTest::newRow("with-a-newline") << true << QStringLiteral("token\nX=1") << false;
        QTest::newRow("with-a-space") << true << QStringLiteral("token X") << false;
        QTest::newRow("too-long") << true << QString(600, u'a') << false;
    }
    void activationToken_onlyOursAndWellFormed()
    {
        QFETCH(bool, ours);
        QFETCH(QString, token);
        QFETCH(bool, accepted);
        startServer({QStringLiteral("actions")});
        startNotifier();
        QSignalSpy shown(m_notifier.get(), &DesktopNotifier::shown);
        QSignalSpy open(m_notifier.get(), &DesktopNotifier::openInvoked);
        m_notifier->notify({QStringLiteral("s"), QStringLiteral("b"), true, 0});
        QVERIFY(shown.wait(5000));
        const uint id = shown.first().at(1).toUInt() + (ours ? 0 : 1000);
        qputenv("XDG_ACTIVATION_TOKEN", "before");
        m_server->sendActivationToken(id, token);
        m_server->invokeAction(shown.first().at(1).toUInt(), QStringLiteral("default"));
        QVERIFY(open.wait(5000));
        QCOMPARE(qEnvironmentVariable("XDG_ACTIVATION_TOKEN"), accepted ? token : QStringLiteral("before"));
    }

    void burst_replacesOneNotificationWithACount()
    {
        startServer({QStringLiteral("actions"), QStringLiteral("body-markup")});
        // The server answers later than the handoffs come: the replacement waits for the id.
        m_server->setReplyDelayMs(50);
        startNotifier();
        HandoffNotifier handoffs(*m_notifier);
        QSignalSpy open(&handoffs, &HandoffNotifier::openConversationRequested);
        QSignalSpy notified(m_server.get(), &FakeNotificationServer::notified);
        QSignalSpy shown(m_notifier.get(), &DesktopNotifier::shown);

        handoffs.notify(handoff(QStringLiteral("conv_1"), QStringLiteral("Ana")));
        handoffs.notify(handoff(QStringLiteral("conv_2"), QStringLiteral("Bruno")));
        handoffs.notify(handoff(QStringLiteral("conv_3"), QStringLiteral("Carla")));
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 2, 5000);
        QVERIFY(!notified.wait(300)); // the second and third arrive as one replacement
        const QList<FakeNotificationServer::Received> got = m_server->received();
        QCOMPARE(got.at(0).replacesId, 0u);
        QCOMPARE(got.at(1).replacesId, got.at(0).id);
        QCOMPARE(got.at(1).id, got.at(0).id);
        QCOMPARE(got.at(1).summary, QStringLiteral("3 conversations need a human"));
        QVERIFY2(got.at(1).body.contains(kFsi + QStringLiteral("Carla") + kPdi), qPrintable(got.at(1).body));

        // A fourth while it still shows replaces it again.
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, 5000);
        handoffs.notify(handoff(QStringLiteral("conv_4"), QStringLiteral("Davi")));
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 3, 5000);
        QCOMPARE(m_server->received().at(2).replacesId, got.at(0).id);
        QCOMPARE(m_server->received().at(2).summary, QStringLiteral("4 conversations need a human"));

        // Open on the burst opens the one that has waited longest.
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 3, 5000);
        m_server->invokeAction(got.at(0).id, QStringLiteral("default"));
        QVERIFY(open.wait(5000));
        QCOMPARE(open.first().first().toString(), QStringLiteral("conv_1"));

        // Once the user has dismissed it, the next handoff is a notification of its own.
        m_server->closeByUser(got.at(0).id);
        QSignalSpy closed(m_notifier.get(), &DesktopNotifier::closed);
        QVERIFY(closed.wait(5000));
        handoffs.notify(handoff(QStringLiteral("conv_5"), QStringLiteral("Eva")));
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 4, 5000);
        QCOMPARE(m_server->received().at(3).replacesId, 0u);
        QCOMPARE(m_server->received().at(3).summary,
                 kFsi + QStringLiteral("Eva") + kPdi + QStringLiteral(" needs a human"));
    }

    void handoffsFarApart_areNotificationsOfTheirOwn()
    {
        startServer({QStringLiteral("actions")});
        startNotifier();
        HandoffNotifier handoffs(*m_notifier);
        handoffs.setBurstWindow(std::chrono::milliseconds(0));
        QSignalSpy shown(m_notifier.get(), &DesktopNotifier::shown);
        handoffs.notify(handoff(QStringLiteral("conv_1"), QStringLiteral("Ana")));
        QVERIFY(shown.wait(5000));
        handoffs.notify(handoff(QStringLiteral("conv_2"), QStringLiteral("Bruno")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, 5000);
        const QList<FakeNotificationServer::Received> got = m_server->received();
        QCOMPARE(got.size(), 2);
        QCOMPARE(got.at(1).replacesId, 0u);
        QVERIFY(got.at(1).id != got.at(0).id);
    }

    void noServer_reportsTheFallback()
    {
        startNotifier(DesktopNotifier::State::Unavailable);
        HandoffNotifier handoffs(*m_notifier);
        QSignalSpy fallback(&handoffs, &HandoffNotifier::fallbackNeeded);
        handoffs.notify(handoff(QStringLiteral("conv_1"), QStringLiteral("Ana")));
        QCOMPARE(fallback.size(), 1);
        QCOMPARE(fallback.first().first().value<HandoffNotifier::Handoff>().conversationId,
                 QStringLiteral("conv_1"));
        QCOMPARE(m_notifier->notify({QStringLiteral("x"), QStringLiteral("y"), false, 0}), 0u);
    }

    void refusedNotification_goesToTheFallback()
    {
        startServer({QStringLiteral("actions")});
        startNotifier();
        m_server->setRefuseNotify(true);
        HandoffNotifier handoffs(*m_notifier);
        QSignalSpy fallback(&handoffs, &HandoffNotifier::fallbackNeeded);
        handoffs.notify(handoff(QStringLiteral("conv_1"), QStringLiteral("Ana")));
        QVERIFY(fallback.wait(5000));
        QCOMPARE(fallback.first().first().value<HandoffNotifier::Handoff>().conversationId,
                 QStringLiteral("conv_1"));
        // The next one is a notification of its own again once the server takes them.
        m_server->setRefuseNotify(false);
        QSignalSpy notified(m_server.get(), &FakeNotificationServer::notified);
        handoffs.notify(handoff(QStringLiteral("conv_2"), QStringLiteral("Bruno")));
        QVERIFY(notified.wait(5000));
        QCOMPARE(m_server->received().constLast().replacesId, 0u);
    }

    void noBus_reportsTheFallback()
    {
        // A process without a session bus (a service account, a test): not connected at all.
        DesktopNotifier notifier(QDBusConnection(QStringLiteral("tst_desktopnotifier_none")));
        HandoffNotifier handoffs(notifier);
        QSignalSpy fallback(&handoffs, &HandoffNotifier::fallbackNeeded);
        handoffs.notify(handoff(QStringLiteral("conv_1"), QStringLiteral("Ana"))); // while asking
        QVERIFY(fallback.wait(5000));
        QCOMPARE(notifier.state(), DesktopNotifier::State::Unavailable);
    }

    void serverThatStartsLater_isUsed()
    {
        startNotifier(DesktopNotifier::State::Unavailable);
        QSignalSpy state(m_notifier.get(), &DesktopNotifier::stateChanged);
        startServer({QStringLiteral("actions")}, QStringLiteral("gnome-shell"));
        QTRY_COMPARE_WITH_TIMEOUT(m_notifier->state(), DesktopNotifier::State::Available, 5000);
        QCOMPARE(m_notifier->serverDisplayName(), QStringLiteral("GNOME Shell"));
    }
};

QTEST_GUILESS_MAIN(tst_DesktopNotifier)
#include "tst_desktopnotifier.moc"
