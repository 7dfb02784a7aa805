// SPDX-License-Identifier: Apache-2.0
#include "desktopalerts.h"
#include "desktopnotifier.h"
#include "fakechannel.h"
#include "fakenotificationserver.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "notificationspage.h"
#include "pipelinewait.h"
#include "privatebus.h"
#include "ruleagent.h"
#include "selectioncontroller.h"
#include "settingsdialog.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QtTest/qtestspontaneevent.h>

#include <memory>

using namespace zapito;
using test::FakeNotificationServer;

// The window of the process that leads keeps the inbox running when the user closes it; File →
// Quit ends it; a seat's window just closes. Notifications go to a fake
// org.freedesktop.Notifications on a private session bus.
class tst_Background : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<test::PrivateBus> m_bus;
    std::unique_ptr<FakeNotificationServer> m_server;
    std::unique_ptr<InboxServices> m_services;
    std::unique_ptr<test::FakeChannel> m_whatsapp;
    RuleAgent m_agent;
    std::unique_ptr<MainWindow> m_window;
    int m_connections = 0;

    QString db() const { return m_db->path(); }
    QDBusConnection connection()
    {
        return m_bus->connect(QStringLiteral("tst_background_%1").arg(++m_connections));
    }
    void openWindow(InboxServices& services, bool withServer = true)
    {
        m_window = std::make_unique<MainWindow>(services);
        m_window->selection().setLoadDelay(0);
        DesktopAlerts* alerts = m_window->alerts();
        if (withServer) {
            m_server = std::make_unique<FakeNotificationServer>(
                connection(), QStringList{QStringLiteral("actions"), QStringLiteral("body-markup")});
            QVERIFY(m_server->isRegistered());
        }
        QSignalSpy offer(alerts, &DesktopAlerts::offerChanged);
        alerts->useBus(connection());
        QTRY_VERIFY_WITH_TIMEOUT(alerts->offer() != DesktopAlerts::Offer::Checking, 5000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    // What the window manager sends when the user closes the window (a spontaneous event).
    static bool userCloses(QWidget& window)
    {
        QCloseEvent close;
        QSpontaneKeyEvent::setSpontaneous(&close);
        QCoreApplication::sendEvent(window.windowHandle(), &close);
        return close.isAccepted();
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        m_bus = std::make_unique<test::PrivateBus>();
        QVERIFY2(m_bus->isRunning(), qPrintable(m_bus->error()));
        DatabaseOpenError error;
        m_services = InboxServices::create(db(), &error);
        QVERIFY2(m_services, qPrintable(error.message));
        m_whatsapp = std::make_unique<test::FakeChannel>(QStringLiteral("whatsapp"));
        m_services->channels().add(m_whatsapp.get());
        m_services->engine().setAgent(m_agent);
        QTRY_VERIFY_WITH_TIMEOUT(m_services->isLeader(), 10'000);
        DesktopAlerts::setRunningInBackgroundAnnounced(false);
    }
    void cleanup()
    {
        m_window.reset();
        m_server.reset();
        m_services.reset();
        m_whatsapp.reset();
        m_bus.reset();
        m_db.reset();
    }

    void leaderClose_keepsRunningInTheBackground_quitQuits()
    {
        openWindow(*m_services);
        QSignalSpy lastClosed(qApp, &QGuiApplication::lastWindowClosed);
        QSignalSpy notified(m_server.get(), &FakeNotificationServer::notified);

        QVERIFY(!userCloses(*m_window));
        QVERIFY(!m_window->isVisible());
        // The first close says so, once.
        QVERIFY(notified.wait(5000));
        QCOMPARE(m_server->received().first().summary, QStringLiteral("Zapito Inbox is still running"));
        QVERIFY(m_server->received().first().body.contains(QStringLiteral("Quit")));
        QVERIFY(DesktopAlerts::runningInBackgroundAnnounced());
        m_window->bringToFront();
        QVERIFY(m_window->isVisible());
        QVERIFY(!userCloses(*m_window));
        QVERIFY(!notified.wait(300));
        QCOMPARE(lastClosed.size(), 0);

        // The application runs on with no window; File → Quit (from the window, shown again) ends it.
        auto* quit = m_window->findChild<QAction*>(QStringLiteral("quitAction"));
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), QKeySequence(QKeySequence::Quit));
        bool runningWithoutWindow = false;
        QTimer::singleShot(300, qApp, [&] {
            runningWithoutWindow = !m_window->isVisible();
            m_window->bringToFront();
            quit->trigger();
        });
        QTimer::singleShot(20'000, qApp, [] { QCoreApplication::exit(2); }); // a bound, not a goal
        QCOMPARE(QCoreApplication::exec(), 0);
        QVERIFY(runningWithoutWindow);
        QVERIFY(!m_window->isVisible());
    }

    void leaderClose_withNowhereToNotify_saysSoInAMessage()
    {
        openWindow(*m_services, false); // no notification server, and offscreen has no tray
        QCOMPARE(m_window->alerts()->offer(), DesktopAlerts::Offer::None);
        QVERIFY(!userCloses(*m_window));
        QVERIFY(!m_window->isVisible());
        QMessageBox* box = nullptr;
        for (QWidget* w : QApplication::topLevelWidgets())
            if (w->objectName() == QLatin1String("runningInBackgroundMessage"))
                box = qobject_cast<QMessageBox*>(w);
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(!box->isModal());
        QVERIFY(!box->testAttribute(Qt::WA_QuitOnClose)); // closing it leaves the inbox running
        QVERIFY(box->text().contains(QStringLiteral("File → Quit")));
        QVERIFY(box->text().contains(QStringLiteral("Start Zapito Inbox again")));
        QPointer<QMessageBox> kept(box);
        box->close();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(kept.isNull()); // deleted on close
    }

    void seatClose_closesTheWindow()
    {
        DatabaseOpenError error;
        auto seat = InboxServices::create(db(), &error);
        QVERIFY2(seat, qPrintable(error.message));
        QVERIFY(!seat->isLeader());
        openWindow(*seat);
        QSignalSpy notified(m_server.get(), &FakeNotificationServer::notified);
        QVERIFY(userCloses(*m_window));
        QVERIFY(!m_window->isVisible());
        QVERIFY(!notified.wait(300));
        QVERIFY(!DesktopAlerts::runningInBackgroundAnnounced());
        m_window.reset();
    }

    void handoffInTheBackground_openShowsTheWindowAndTheConversation()
    {
        auto id =
            test::receiveAndDecide(m_services->engine(), m_services->store(), QStringLiteral("whatsapp"),
                                   QStringLiteral("5511999990001"), QStringLiteral("Ana <b>Souza</b>"),
                                   QStringLiteral("I need a person & fast"), QDateTime::currentDateTimeUtc());
        QVERIFY2(id, qPrintable(id.error()));
        openWindow(*m_services);
        DesktopAlerts::setRunningInBackgroundAnnounced(true);
        QVERIFY(!userCloses(*m_window));
        QVERIFY(!m_window->isVisible());

        QSignalSpy notified(m_server.get(), &FakeNotificationServer::notified);
        emit m_services->engine().handoffRecorded(1, *id);
        QVERIFY(notified.wait(5000));
        const FakeNotificationServer::Received got = m_server->received().constLast();
        QVERIFY2(got.summary.contains(QStringLiteral("Ana <b>Souza</b>")), qPrintable(got.summary));
        QVERIFY2(got.body.contains(QStringLiteral("I need a person &amp; fast")), qPrintable(got.body));

        m_server->invokeAction(got.id, QStringLiteral("default"));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->isVisible(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->selection().currentConversationId(), *id, 5000);
    }

    void settings_sayWhereNotificationsGo_data()
    {
        QTest::addColumn<bool>("server");
        QTest::addColumn<QString>("expected");
        QTest::newRow("notification-server")
            << true << QStringLiteral("Notifications: desktop notifications (\u2068fake-shell\u2069)");
        // The offscreen platform has no system tray either.
        QTest::newRow("nothing") << false << QStringLiteral("Notifications: none available");
    }
    void settings_sayWhereNotificationsGo()
    {
        QFETCH(bool, server);
        QFETCH(QString, expected);
        openWindow(*m_services, server);
        SettingsDialog* settings = m_window->openSettings(QStringLiteral("notificationsPage"));
        auto* label = settings->findChild<QLabel*>(QStringLiteral("notificationOfferLabel"));
        QVERIFY(label);
        QCOMPARE(label->text(), expected);
        QCOMPARE(label->textFormat(), Qt::PlainText);
        settings->close();
    }
};

QTEST_MAIN(tst_Background)
#include "tst_background.moc"
