// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"
#include "inboxservices.h"
#include "presence.h"
#include "sqldialect.h"
#include "storeclock.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <csignal>
#include <functional>

using namespace zapito;
using namespace std::chrono_literals;

namespace {
// Only the limits of the waits below, never goals.
constexpr int kSeenBoundMs = 10'000;
constexpr int kProcessBoundMs = 30'000;

// Short enough that nothing waits out the product's 15 s.
SeatTimings shortTimings()
{
    SeatTimings t;
    t.heartbeat = 200ms;
    t.goneAfter = 2000ms;
    t.presencePoll = 100ms;
    t.typingThrottle = 300ms;
    t.typingLasts = 2000ms;
    return t;
}

QList<PresenceEntry> entries(std::initializer_list<PresenceEntry> list)
{
    return QList<PresenceEntry>(list);
}

// Finished at once: a SELECT left open keeps SQLite's read snapshot, and a later write on the same
// connection then fails with "database is locked" as soon as another connection has committed.
qint64 count(QSqlQuery& q)
{
    const qint64 value = q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    q.finish();
    return value;
}
} // namespace

// Presence across seats on one store, on SQLite and on PostgreSQL (tst_presence_postgresql):
// every seat writes its own operator, the conversation it shows and its typing on its seats row,
// and reads the others' on the leadership's thread; the window learns it by signal.
class tst_Presence : public QObject
{
    Q_OBJECT

    test::TestDatabase m_tmp;

    std::unique_ptr<InboxServices> seat(const SeatTimings& timings = shortTimings()) const
    {
        return seatOn(m_tmp, timings);
    }
    static std::unique_ptr<InboxServices> seatOn(const test::TestDatabase& store, const SeatTimings& timings)
    {
        DatabaseOpenError error;
        auto services =
            InboxServices::create(store.path(), &error, nullptr, Leadership::Mode::Window, timings);
        if (!services)
            qWarning("%s", qPrintable(error.message));
        return services;
    }

    // Waits on othersChanged, bounded, until what `presence` shows passes `wanted`.
    static bool waitFor(SeatPresence& presence, const std::function<bool(const Presence&)>& wanted,
                        int boundMs = kSeenBoundMs)
    {
        QSignalSpy changed(&presence, &SeatPresence::othersChanged);
        const QDeadlineTimer deadline(boundMs);
        while (!wanted(presence.others())) {
            if (deadline.hasExpired() || !changed.wait(int(qMax<qint64>(1, deadline.remainingTime()))))
                return wanted(presence.others());
        }
        return true;
    }
    static bool waitFor(SeatPresence& presence, const QString& conversationId,
                        const QList<PresenceEntry>& shown, int boundMs = kSeenBoundMs)
    {
        const bool ok = waitFor(
            presence, [&](const Presence& p) { return p.of(conversationId) == shown; }, boundMs);
        if (!ok) {
            for (const PresenceEntry& e : presence.others().of(conversationId))
                qWarning() << "shown instead:" << e.operatorName << e.typing;
        }
        return ok;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void twoSeats_seeEachOthersViewingAndTyping()
    {
        auto carla = seat();
        auto ana = seat();
        QVERIFY(carla && ana);
        SeatPresence& c = carla->presence();
        SeatPresence& a = ana->presence();
        c.setOperatorName(QStringLiteral("Carla"));
        a.setOperatorName(QStringLiteral("Ana"));
        c.watch();
        a.watch();
        const QString first = QStringLiteral("conv_first");
        const QString second = QStringLiteral("conv_second");

        c.setViewing(first);
        QVERIFY(waitFor(a, first, entries({{QStringLiteral("Carla"), false}})));
        a.setViewing(first);
        QVERIFY(waitFor(c, first, entries({{QStringLiteral("Ana"), false}})));
        // Each seat leaves its own row out: Ana's window shows Carla alone.
        QCOMPARE(a.others().of(first), entries({{QStringLiteral("Carla"), false}}));

        // A key: typing at once; no key for typingLasts: viewing again, on the store's clock.
        c.typed();
        QVERIFY(waitFor(a, first, entries({{QStringLiteral("Carla"), true}})));
        QVERIFY(waitFor(a, first, entries({{QStringLiteral("Carla"), false}})));
        // Sent (or emptied): not typing any more, at once.
        c.typed();
        QVERIFY(waitFor(a, first, entries({{QStringLiteral("Carla"), true}})));
        c.stoppedTyping();
        QVERIFY(waitFor(a, first, entries({{QStringLiteral("Carla"), false}})));
        // Both typing: the sentence's order (typing first, then by name).
        c.typed();
        a.typed();
        QVERIFY(waitFor(c, first, entries({{QStringLiteral("Ana"), true}})));
        QVERIFY(waitFor(a, first, entries({{QStringLiteral("Carla"), true}})));

        // Another conversation: the first loses her (and her typing) in one write.
        c.setViewing(second);
        QVERIFY(waitFor(a, [&](const Presence& p) {
            return p.of(first).isEmpty() && p.of(second) == entries({{QStringLiteral("Carla"), false}});
        }));
        // A clean exit takes the row, and with it the presence, away.
        carla.reset();
        QVERIFY(waitFor(a, [](const Presence& p) { return p.isEmpty(); }));
    }

    // Rows written into the store by hand, beside this seat's own: which of them it shows. A
    // control row written after the tested one shows that a read happened since.
    void rowsInTheStore_data()
    {
        QTest::addColumn<bool>("own");
        QTest::addColumn<qint64>("heartbeatAgoMs");
        QTest::addColumn<bool>("viewing");
        QTest::addColumn<QVariant>("typingForMs"); // from now on the store's clock; invalid: NULL
        QTest::addColumn<bool>("shown");
        QTest::addColumn<bool>("typing");
        const QVariant none;
        QTest::newRow("another seat") << false << qint64(0) << true << none << true << false;
        QTest::newRow("another seat, typing")
            << false << qint64(0) << true << QVariant(60'000) << true << true;
        QTest::newRow("another seat, typing expired")
            << false << qint64(0) << true << QVariant(-1'000) << true << false;
        QTest::newRow("another seat, heartbeat stale")
            << false << qint64(60'000) << true << none << false << false;
        QTest::newRow("another seat, heartbeat stale while typing")
            << false << qint64(60'000) << true << QVariant(60'000) << false << false;
        QTest::newRow("another seat, viewing nothing")
            << false << qint64(0) << false << none << false << false;
        QTest::newRow("this seat's own row")
            << true << qint64(0) << true << QVariant(60'000) << false << false;
    }
    void rowsInTheStore()
    {
        QFETCH(bool, own);
        QFETCH(qint64, heartbeatAgoMs);
        QFETCH(bool, viewing);
        QFETCH(QVariant, typingForMs);
        QFETCH(bool, shown);
        QFETCH(bool, typing);
        // The product's 15 s: a row written by hand never beats, and must stay fresh throughout.
        SeatTimings timings = shortTimings();
        timings.goneAfter = 15'000ms;
        const test::TestDatabase store; // a store of its own for each row
        auto services = seatOn(store, timings);
        QVERIFY(services);
        auto probe = store.open();
        QVERIFY(probe);
        const QSqlDatabase db = probe->connection();
        const QString clock = storeClockMs(SqlDialect::forDatabase(db));
        QSqlQuery ownRow(db);
        ownRow.prepare(QStringLiteral("SELECT COUNT(*) FROM seats WHERE pid = ?"));
        ownRow.addBindValue(QCoreApplication::applicationPid());
        QTRY_COMPARE_WITH_TIMEOUT(count(ownRow), 1, kSeenBoundMs);

        const QString tested = QStringLiteral("conv_tested");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QSqlQuery write(db);
        if (own) {
            write.prepare(QStringLiteral("UPDATE seats SET operator_name = ?, viewing_conversation_id = ?, "
                                         "typing_until_ms = %1 + ? WHERE pid = ?")
                              .arg(clock));
        } else {
            write.prepare(
                QStringLiteral("INSERT INTO seats (operator_name, viewing_conversation_id, "
                               "typing_until_ms, id, host, pid, role, started_at_ms, heartbeat_at_ms) "
                               "VALUES (?, ?, %1 + ?, 'tested-seat', 'elsewhere', 1, 'seat', ?, ?)")
                    .arg(clock));
        }
        write.addBindValue(QStringLiteral("Bea"));
        write.addBindValue(viewing ? QVariant(tested) : QVariant(QMetaType(QMetaType::QString)));
        write.addBindValue(typingForMs.isValid() ? QVariant(typingForMs.toLongLong())
                                                 : QVariant(QMetaType(QMetaType::LongLong)));
        if (own) {
            write.addBindValue(QCoreApplication::applicationPid());
        } else {
            write.addBindValue(now - heartbeatAgoMs);
            write.addBindValue(now - heartbeatAgoMs);
        }
        QVERIFY2(write.exec(), qPrintable(write.lastError().text()));
        QCOMPARE(write.numRowsAffected(), 1);
        QSqlQuery control(db);
        control.prepare(QStringLiteral(
            "INSERT INTO seats (operator_name, viewing_conversation_id, id, host, pid, role, started_at_ms, "
            "heartbeat_at_ms) VALUES ('Cy', 'conv_control', 'control-seat', 'elsewhere', 2, 'seat', ?, ?)"));
        control.addBindValue(now);
        control.addBindValue(now);
        QVERIFY2(control.exec(), qPrintable(control.lastError().text()));

        SeatPresence& presence = services->presence();
        presence.watch();
        QVERIFY(waitFor(presence, QStringLiteral("conv_control"), entries({{QStringLiteral("Cy"), false}})));
        const QList<PresenceEntry> expected =
            shown ? entries({{QStringLiteral("Bea"), typing}}) : QList<PresenceEntry>();
        QCOMPARE(presence.others().of(tested), expected);
    }

    // While keys are pressed, at most one write per throttle: twenty keys within it make one
    // write, at its end.
    void typing_isThrottled()
    {
        SeatTimings timings = shortTimings();
        timings.typingThrottle = 2000ms;
        timings.typingLasts = 120'000ms;
        auto services = seat(timings);
        QVERIFY(services);
        SeatPresence& presence = services->presence();
        QSignalSpy written(&presence, &SeatPresence::written);
        presence.setViewing(QStringLiteral("conv_typed"));
        QTRY_VERIFY_WITH_TIMEOUT(!written.isEmpty() && written.constLast().at(0).toBool(), kSeenBoundMs);
        auto probe = m_tmp.open();
        QVERIFY(probe);
        QSqlQuery until(probe->connection());
        until.prepare(QStringLiteral("SELECT COALESCE(typing_until_ms, 0) FROM seats WHERE pid = ?"));
        until.addBindValue(QCoreApplication::applicationPid());
        QCOMPARE(count(until), 0);

        written.clear();
        presence.typed();
        QVERIFY(written.wait(kSeenBoundMs));
        QVERIFY(count(until) > 0);
        for (int i = 0; i < 20; ++i)
            presence.typed();
        QVERIFY(written.wait(kSeenBoundMs)); // the throttle's end
        QCOMPARE(written.size(), 2);
        QVERIFY(!written.wait(3 * int(timings.typingThrottle.count())));
        QCOMPARE(written.size(), 2);
        QVERIFY(count(until) > 0); // still typing

        presence.stoppedTyping();
        QVERIFY(written.wait(kSeenBoundMs));
        QCOMPARE(count(until), 0);
    }

    // A seat in a process of its own: its presence shows here; killed with SIGKILL it deletes
    // nothing, and its presence goes once its heartbeat is stale.
    void otherProcess_shows_andGoesWhenItsHeartbeatIsStale()
    {
        auto services = seat();
        QVERIFY(services);
        SeatPresence& presence = services->presence();
        presence.watch();
        const QString viewed = QStringLiteral("conv_peer");
        test::CliProcess peer(QStringLiteral(ZAPITO_PRESENCE_PEER));
        auto process = peer.start({QStringLiteral("--database"), m_tmp.path(), QStringLiteral("--operator"),
                                   QStringLiteral("Dora from the other process"), QStringLiteral("--view"),
                                   viewed, QStringLiteral("--typing"), QStringLiteral("--heartbeat-ms"),
                                   QString::number(shortTimings().heartbeat.count())});
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QVERIFY(process->waitForStarted(kProcessBoundMs));
        const qint64 pid = process->processId();
        QVERIFY(waitFor(presence, viewed, entries({{QStringLiteral("Dora from the other process"), true}}),
                        kProcessBoundMs));

        ::kill(pid_t(pid), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(process->state() == QProcess::NotRunning, kProcessBoundMs);
        QCOMPARE(process->exitStatus(), QProcess::CrashExit);
        QVERIFY(waitFor(presence, [&](const Presence& p) { return p.of(viewed).isEmpty(); }));
        // Gone by its age: the row is still there, nobody deleted it.
        auto probe = m_tmp.open();
        QVERIFY(probe);
        QSqlQuery row(probe->connection());
        row.prepare(
            QStringLiteral("SELECT COUNT(*) FROM seats WHERE pid = ? AND viewing_conversation_id = ?"));
        row.addBindValue(pid);
        row.addBindValue(viewed);
        QCOMPARE(count(row), 1);
    }
};

QTEST_MAIN(tst_Presence)
#include "tst_presence.moc"
