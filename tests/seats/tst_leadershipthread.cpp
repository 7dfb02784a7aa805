// SPDX-License-Identifier: Apache-2.0
#include "inboxservices.h"
#include "leaderlock.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace zapito;

// Leadership's database work (the lock, its checks, the heartbeat) runs on a thread of its own:
// a stalled connection there never stops the event loop of the window.
class tst_LeadershipThread : public QObject
{
    Q_OBJECT

    test::TestDatabase m_tmp;

    static qint64 count(QSqlQuery& q) { return q.exec() && q.next() ? q.value(0).toLongLong() : -1; }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void checksAndHeartbeats_runOffTheOwnerThread_andShutdownLetsGo()
    {
        DatabaseOpenError error;
        auto services = InboxServices::create(m_tmp.path(), &error);
        QVERIFY2(services, qPrintable(error.message));
        QSignalSpy beats(&services->leadership(), &Leadership::heartbeatFinished);
        QTRY_VERIFY_WITH_TIMEOUT(services->isLeader(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!beats.isEmpty(), 10'000);
        auto* const worked = beats.constFirst().at(1).value<QThread*>();
        QVERIFY(worked);
        QVERIFY(worked != QThread::currentThread());
        QVERIFY(worked != services->thread());
        QVERIFY(beats.constFirst().at(0).toBool());

        auto probe = m_tmp.open();
        QVERIFY(probe);
        QVERIFY(LeaderLock::isHeldByAnyone(*probe));
        QSqlQuery rows(probe->connection());
        rows.prepare(QStringLiteral("SELECT COUNT(*) FROM seats WHERE pid = ?"));
        rows.addBindValue(QCoreApplication::applicationPid());
        QCOMPARE(count(rows), 1);

        // Letting go happens before the owner goes on: no row, no lock; the sessions end.
        services.reset();
        QCOMPARE(count(rows), 0);
        QVERIFY(!LeaderLock::isHeldByAnyone(*probe));
        if (test::TestDatabase::isPostgreSQL()) {
            QSqlQuery sessions(probe->connection());
            sessions.prepare(
                QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name IN (?, ?)"));
            sessions.addBindValue(QStringLiteral("%1%2")
                                      .arg(QLatin1String(PostgresLeaderLock::kApplicationName))
                                      .arg(QCoreApplication::applicationPid()));
            sessions.addBindValue(QStringLiteral("%1%2")
                                      .arg(QLatin1String(Leadership::kSeatApplicationName))
                                      .arg(QCoreApplication::applicationPid()));
            QTRY_COMPARE_WITH_TIMEOUT(count(sessions), 0, 10'000);
        }
    }

    // Another connection holds the leader's seats row (as a long transaction or a partition
    // would hold the leadership's statement): the heartbeat's write waits, the event loop runs.
    void stalledHeartbeat_eventLoopKeepsRunning_thenTheWriteLands()
    {
        if (!test::TestDatabase::isPostgreSQL())
            QSKIP("PostgreSQL only: the row lock of another session is what stalls the heartbeat");
        DatabaseOpenError error;
        auto services = InboxServices::create(m_tmp.path(), &error);
        QVERIFY2(services, qPrintable(error.message));
        QSignalSpy beats(&services->leadership(), &Leadership::heartbeatFinished);
        QTRY_VERIFY_WITH_TIMEOUT(services->isLeader(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!beats.isEmpty(), 10'000);

        auto holder = m_tmp.open();
        auto probe = m_tmp.open();
        QVERIFY(holder && probe);
        QSqlQuery heartbeatAt(probe->connection());
        heartbeatAt.prepare(QStringLiteral("SELECT heartbeat_at_ms FROM seats WHERE pid = ?"));
        heartbeatAt.addBindValue(QCoreApplication::applicationPid());
        const qint64 beforeStall = count(heartbeatAt);
        QVERIFY(beforeStall > 0);

        QVERIFY(holder->connection().transaction());
        QSqlQuery hold(holder->connection());
        hold.prepare(QStringLiteral("SELECT id FROM seats WHERE pid = ? FOR UPDATE"));
        hold.addBindValue(QCoreApplication::applicationPid());
        QVERIFY(hold.exec() && hold.next());

        QSqlQuery waiting(probe->connection());
        waiting.prepare(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? "
                                       "AND wait_event_type = 'Lock'"));
        waiting.addBindValue(QStringLiteral("%1%2")
                                 .arg(QLatin1String(Leadership::kSeatApplicationName))
                                 .arg(QCoreApplication::applicationPid()));
        QTRY_COMPARE_WITH_TIMEOUT(count(waiting), 1, 10'000);

        int ticks = 0;
        QTimer tick;
        tick.setInterval(10);
        connect(&tick, &QTimer::timeout, this, [&ticks] { ++ticks; });
        tick.start();
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 5, 5'000);
        QCOMPARE(count(waiting), 1); // still stalled while the owner's timer fired
        QVERIFY(services->isLeader());

        beats.clear();
        QVERIFY(holder->connection().rollback());
        QTRY_VERIFY_WITH_TIMEOUT(!beats.isEmpty() && beats.constLast().at(0).toBool(), 10'000);
        QVERIFY(count(heartbeatAt) > beforeStall);
        QVERIFY(services->isLeader());
    }
};

QTEST_MAIN(tst_LeadershipThread)
#include "tst_leadershipthread.moc"
