// SPDX-License-Identifier: Apache-2.0
#include "leaderlock.h"

#include "database.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcLeaderLock, "zapito.leadership.lock")

namespace zapito {

std::unique_ptr<LeaderLock> LeaderLock::forDatabase(const Database& database)
{
    if (database.dialect().kind() == SqlDialect::Kind::PostgreSQL)
        return std::make_unique<PostgresLeaderLock>(database);
    return std::make_unique<FileLeaderLock>(FileLeaderLock::pathFor(database.path()));
}

bool LeaderLock::isHeldByAnyone(const Database& database)
{
    if (database.dialect().kind() == SqlDialect::Kind::PostgreSQL) {
        QSqlQuery q(database.connection());
        q.prepare(QStringLiteral(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 "
            "AND objid::bigint = ? AND objsubid = 1 "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
        q.addBindValue(PostgresLeaderLock::kKey);
        return q.exec() && q.next() && q.value(0).toInt() > 0;
    }
    QLockFile lock(FileLeaderLock::pathFor(database.path()));
    lock.setStaleLockTime(0);
    if (lock.tryLock(0)) {
        lock.unlock();
        return false;
    }
    return lock.error() == QLockFile::LockFailedError;
}

FileLeaderLock::FileLeaderLock(const QString& path)
    : m_file(path)
{
    // Only a dead owner makes the lock stale: a leader may lead for months.
    m_file.setStaleLockTime(0);
}

PostgresLeaderLock::PostgresLeaderLock(const Database& database)
    : m_source(database.connection().connectionName())
    , m_name(QStringLiteral("zapito-pg-leader-%1").arg(quintptr(this), 0, 16))
{}

PostgresLeaderLock::~PostgresLeaderLock()
{
    closeSession();
}

bool PostgresLeaderLock::openSession()
{
    if (m_open)
        return true;
    QSqlDatabase db = QSqlDatabase::cloneDatabase(m_source, m_name);
    // A dead peer on TCP is noticed in seconds, not after the kernel's two hours: a partitioned
    // leader's next check fails and it stops, while the server has dropped its lock. (A unix
    // socket needs none of this: a server that goes closes it.)
    db.setConnectOptions(db.connectOptions() +
                         QStringLiteral(";keepalives=1;keepalives_idle=5;keepalives_interval=2;"
                                        "keepalives_count=2;tcp_user_timeout=9000;application_name=") +
                         QLatin1String(kApplicationName) +
                         QString::number(QCoreApplication::applicationPid()));
    if (!db.open()) {
        qCDebug(lcLeaderLock) << "no session for the leader lock:" << db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
        return false;
    }
    QSqlQuery(db).exec(QStringLiteral("SET statement_timeout = 5000"));
    m_open = true;
    return true;
}

void PostgresLeaderLock::closeSession()
{
    m_locked = false;
    if (!m_open)
        return;
    m_open = false;
    QSqlDatabase::database(m_name, false).close();
    QSqlDatabase::removeDatabase(m_name);
}

bool PostgresLeaderLock::tryLock()
{
    if (m_locked)
        return true;
    if (!openSession())
        return false;
    bool asked = false;
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        q.prepare(QStringLiteral("SELECT pg_try_advisory_lock(?)"));
        q.addBindValue(kKey);
        asked = q.exec() && q.next();
        if (asked)
            m_locked = q.value(0).toBool();
        else
            qCDebug(lcLeaderLock) << "leader lock not asked:" << q.lastError().text();
    }
    if (!asked)
        closeSession(); // opened again on the next try
    return m_locked;
}

void PostgresLeaderLock::unlock()
{
    // Said to the server first, so the lock is free once this returns (a session's end is
    // handled by the server in its own time); ending the session lets go of it in any case.
    if (m_locked) {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        q.prepare(QStringLiteral("SELECT pg_advisory_unlock(?)"));
        q.addBindValue(kKey);
        (void)q.exec();
    }
    closeSession();
}

bool PostgresLeaderLock::stillHeld()
{
    if (!m_locked)
        return false;
    // The server's own word, on the session itself: a session that died fails this, and one that
    // lives holds the lock (only its end or an unlock lets go of it).
    bool held = false;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        QSqlQuery q(db);
        held = db.isOpen() &&
               q.prepare(QStringLiteral(
                   "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                   "AND pid = pg_backend_pid() AND classid = 0 AND objid::bigint = ? AND objsubid = 1"));
        if (held) {
            q.addBindValue(kKey);
            held = q.exec() && q.next() && q.value(0).toInt() == 1;
        }
        if (!held)
            qCWarning(lcLeaderLock) << "the leader lock's session is gone:" << q.lastError().text();
    }
    if (!held)
        closeSession();
    return held;
}

} // namespace zapito
