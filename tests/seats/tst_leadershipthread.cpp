// SPDX-License-Identifier: Apache-2.0
#include "channelsettings.h"
#include "inboxservices.h"
#include "leaderlock.h"
#include "leadership.h"
#include "secretstore.h"
#include "testdatabase.h"
#include "webhooksettings.h"

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
        QVERIFY(services->isLeader());

        // The stalled write gives up (its lock timeout is the bound) while the row is still held,
        // so it never holds back the lock check that shares its thread; the next one tries again.
        beats.clear();
        QTRY_VERIFY_WITH_TIMEOUT(!beats.isEmpty(), 10'000);
        QVERIFY(!beats.constFirst().at(0).toBool());
        QCOMPARE(count(heartbeatAt), beforeStall);
        QVERIFY(services->isLeader());

        beats.clear();
        QVERIFY(holder->connection().rollback());
        QTRY_VERIFY_WITH_TIMEOUT(!beats.isEmpty() && beats.constLast().at(0).toBool(), 10'000);
        QVERIFY(count(heartbeatAt) > beforeStall);
        QVERIFY(services->isLeader());
    }

    // A leader whose lock session ends while its heartbeat waits for a row another session holds
    // (the lock check and the heartbeat share a thread): the loss is noticed within the check's
    // bound, the row still held, not once the other session lets go.
    void stalledHeartbeat_neverHoldsTheLockCheckBack()
    {
        if (!test::TestDatabase::isPostgreSQL())
            QSKIP("PostgreSQL only: an SQLite leader's lock is a file the kernel holds for it");
        auto db = m_tmp.open();
        QVERIFY(db);
        SecretStore secrets(SecretStore::Backend::FileOnly, m_tmp.filePath(QStringLiteral("secrets.json")));
        WebhookSettings webhook(secrets, m_tmp.filePath(QStringLiteral("webhook.ini")));
        ChannelSettings channels(m_tmp.filePath(QStringLiteral("channels.ini")));
        Leadership leadership(*db, secrets, webhook, channels, Leadership::Mode::Standby);
        QSignalSpy lost(&leadership, &Leadership::leadershipLost);
        leadership.start();
        QTRY_VERIFY_WITH_TIMEOUT(leadership.isLeader(), 10'000);

        auto holder = m_tmp.open();
        auto probe = m_tmp.open();
        QVERIFY(holder && probe);
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

        // The heartbeat waits now: the lead's session ends under it.
        QSqlQuery end(probe->connection());
        end.prepare(QStringLiteral("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                   "WHERE application_name = ? AND datname = current_database()"));
        end.addBindValue(QStringLiteral("%1%2")
                             .arg(QLatin1String(PostgresLeaderLock::kApplicationName))
                             .arg(QCoreApplication::applicationPid()));
        QCOMPARE(count(end), 1);
        // Within the bound Leadership promises, plus a second for a loaded machine: a heartbeat
        // that waited longer for the row (the store's usual lock timeout, 5 s) would fail this.
        const auto bound = Leadership::kLockPoll + Leadership::kStatementBound + std::chrono::seconds(1);
        QVERIFY(lost.wait(int(bound.count())));
        QVERIFY(!leadership.isLeader());
        QVERIFY(holder->connection().rollback());
    }
};

QTEST_MAIN(tst_LeadershipThread)
#include "tst_leadershipthread.moc"
