// SPDX-License-Identifier: Apache-2.0
#include "leadershipworker.h"

#include "database.h"
#include "leaderlock.h"
#include "presenceworker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

Q_LOGGING_CATEGORY(lcLeadershipWorker, "zapito.leadership")

namespace zapito {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

LeadershipWorker::LeadershipWorker(const Database& database, std::unique_ptr<LeaderLock> lock,
                                   Leadership::Mode mode, QString id, qint64 startedAtMs,
                                   const SeatTimings& timings, Leadership* owner)
    : m_database(database)
    , m_lock(std::move(lock))
    , m_mode(mode)
    , m_id(std::move(id))
    , m_startedAtMs(startedAtMs)
    , m_timings(timings)
    , m_owner(owner)
    , m_name(QStringLiteral("zapito-leadership-%1").arg(quintptr(this), 0, 16))
    , m_presence(new PresenceWorker(
          m_id, timings, [this] { return connection(); }, this))
{}

LeadershipWorker::~LeadershipWorker()
{
    // Presence is on the seat's row, which goes next; nothing of it may use the connection later.
    delete m_presence;
    m_presence = nullptr;
    // A clean exit leaves no row behind; a crash leaves one that ages out.
    if (m_opened) {
        {
            QSqlQuery q(connection());
            q.prepare(QStringLiteral("DELETE FROM seats WHERE id = ?"));
            q.addBindValue(m_id);
            (void)q.exec();
        }
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    if (m_lock->isLocked())
        m_lock->unlock();
    m_lock.reset(); // its PostgreSQL session ends here, on the thread that opened it
}

QSqlDatabase LeadershipWorker::connection()
{
    if (!m_opened) {
        m_opened = true;
        // Its busy (SQLite) and lock (PostgreSQL) timeout is the bound, so a heartbeat that
        // waits for another writer's row gives up in time for the next lock check.
        const int boundMs = int(Leadership::kStatementBound.count());
        QSqlDatabase db = m_database.openExtraConnection(m_name, boundMs);
        if (!db.isOpen()) {
            qCWarning(lcLeadershipWorker)
                << "the leadership's connection did not open:" << db.lastError().text();
        } else if (db.driverName() == QLatin1String("QPSQL")) {
            QSqlQuery setup(db);
            // Named for pg_stat_activity: an administrator (and a test) can tell it from the others.
            (void)setup.exec(QStringLiteral("SET application_name = '%1%2'")
                                 .arg(QLatin1String(Leadership::kSeatApplicationName))
                                 .arg(QCoreApplication::applicationPid()));
            // A statement slow for any other reason (a loaded server) ends at the bound too.
            if (!setup.exec(QStringLiteral("SET statement_timeout = %1").arg(boundMs)))
                qCWarning(lcLeadershipWorker)
                    << "the leadership's statement timeout is not set:" << setup.lastError().text();
        }
    }
    return QSqlDatabase::database(m_name, false);
}

void LeadershipWorker::start()
{
    m_poll = new QTimer(this);
    m_poll->setInterval(Leadership::kLockPoll);
    connect(m_poll, &QTimer::timeout, this, &LeadershipWorker::contend);
    m_heartbeat = new QTimer(this);
    m_heartbeat->setInterval(m_timings.heartbeat);
    connect(m_heartbeat, &QTimer::timeout, this, &LeadershipWorker::beat);
    m_holding = new QTimer(this);
    m_holding->setInterval(Leadership::kLockPoll);
    connect(m_holding, &QTimer::timeout, this, &LeadershipWorker::checkStillLeading);

    if (m_mode == Leadership::Mode::Window) {
        // The window leads only a store nobody leads when it opens; otherwise it is a seat for
        // its whole session (a --headless standby is what takes over from a leader that goes).
        if (!m_lock->tryLock()) {
            m_lock->unlock(); // a window never asks again: no PostgreSQL session kept for it
            setRole(Leadership::Role::Seat);
        } else {
            ask(Asking::WindowStart);
        }
        beat();
        m_heartbeat->start();
        return;
    }
    setRole(Leadership::Role::Standby);
    beat();
    m_heartbeat->start();
    m_poll->start();
    // Said at once, not only when the leader goes: a standby that could never lead is a seat.
    m_lastEligibilityCheckMs = nowMs();
    ask(Asking::StandbyStart);
}

void LeadershipWorker::ask(Asking why)
{
    m_asking = why;
    QMetaObject::invokeMethod(
        m_owner, [owner = m_owner] { owner->askEligibility(); }, Qt::QueuedConnection);
}

void LeadershipWorker::eligibilityChecked(const QString& reason)
{
    const Asking asked = m_asking;
    m_asking = Asking::Nothing;
    switch (asked) {
    case Asking::Nothing:
        return;
    case Asking::WindowStart:
        if (reason.isEmpty()) {
            becomeLeader();
            return;
        }
        m_lock->unlock();
        m_note = reason;
        setRole(Leadership::Role::Seat);
        notify(reason);
        beat();
        return;
    case Asking::StandbyStart:
        if (reason.isEmpty()) {
            contend();
            return;
        }
        m_note = reason;
        setRole(Leadership::Role::Seat);
        notify(reason);
        beat();
        return;
    case Asking::Contend:
        break;
    }
    if (reason.isEmpty()) {
        const bool wasIneligible = !m_note.isEmpty();
        m_note.clear();
        if (wasIneligible && !m_lock->tryLock()) {
            setRole(Leadership::Role::Standby);
            beat();
            return;
        }
        becomeLeader();
        return;
    }
    if (m_lock->isLocked())
        m_lock->unlock();
    const bool changed = m_note != reason;
    m_note = reason;
    setRole(Leadership::Role::Seat);
    if (changed)
        notify(reason);
    beat();
}

void LeadershipWorker::contend()
{
    if (m_role == Leadership::Role::Leader || m_asking != Asking::Nothing)
        return;
    // Ineligible: ask for the secrets again now and then (a keychain unlocked since).
    if (!m_note.isEmpty() && nowMs() - m_lastEligibilityCheckMs < Leadership::kEligibilityRetry.count())
        return;
    if (m_note.isEmpty() && !m_lock->tryLock())
        return;
    m_lastEligibilityCheckMs = nowMs();
    ask(Asking::Contend);
}

void LeadershipWorker::becomeLeader()
{
    m_poll->stop();
    m_leadingSinceMs = nowMs();
    qCInfo(lcLeadershipWorker) << "this process leads" << m_database.path();
    // A leader row still beating its last seconds is a process that died holding the lock (this
    // one could take it over only then): it no longer leads.
    {
        QSqlQuery gone(connection());
        gone.prepare(QStringLiteral("DELETE FROM seats WHERE role = 'leader' AND id <> ?"));
        gone.addBindValue(m_id);
        (void)gone.exec();
    }
    setRole(Leadership::Role::Leader);
    beat();
    m_holding->start();
}

void LeadershipWorker::checkStillLeading()
{
    if (m_role != Leadership::Role::Leader || m_lock->stillHeld())
        return;
    m_holding->stop();
    qCWarning(lcLeadershipWorker) << "this process no longer holds the leader lock" << m_database.path();
    setRole(m_mode == Leadership::Mode::Standby ? Leadership::Role::Standby : Leadership::Role::Seat);
    QMetaObject::invokeMethod(
        m_owner, [owner = m_owner] { owner->lost(); }, Qt::QueuedConnection);
}

void LeadershipWorker::setRole(Leadership::Role role)
{
    // The note goes with the role: the owner tells why a process is a seat when it says it is.
    m_role = role;
    QMetaObject::invokeMethod(
        m_owner, [owner = m_owner, role, note = m_note] { owner->applyRole(role, note); },
        Qt::QueuedConnection);
}

void LeadershipWorker::notify(const QString& text)
{
    QMetaObject::invokeMethod(
        m_owner, [owner = m_owner, text] { emit owner->notice(text); }, Qt::QueuedConnection);
}

void LeadershipWorker::beat()
{
    QSqlDatabase db = connection();
    bool written = false;
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO seats (id, host, pid, role, started_at_ms, leading_since_ms, heartbeat_at_ms, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET role = excluded.role, "
            "leading_since_ms = excluded.leading_since_ms, heartbeat_at_ms = excluded.heartbeat_at_ms, "
            "note = excluded.note"));
        q.addBindValue(m_id);
        q.addBindValue(QSysInfo::machineHostName());
        q.addBindValue(QCoreApplication::applicationPid());
        q.addBindValue(Leadership::roleName(m_role));
        q.addBindValue(m_startedAtMs);
        q.addBindValue(m_role == Leadership::Role::Leader ? QVariant(m_leadingSinceMs)
                                                          : QVariant(QMetaType(QMetaType::LongLong)));
        q.addBindValue(nowMs());
        q.addBindValue(m_note.isNull() ? QStringLiteral("") : m_note);
        // A busy moment only delays the heartbeat: the next one comes in a few seconds.
        written = q.exec();
        if (!written)
            qCDebug(lcLeadershipWorker) << "heartbeat not written:" << q.lastError().text();
    }

    std::optional<Leadership::SeatRow> leader;
    if (m_role == Leadership::Role::Leader) {
        leader = Leadership::SeatRow{m_id,
                                     QSysInfo::machineHostName(),
                                     QCoreApplication::applicationPid(),
                                     Leadership::roleName(m_role),
                                     m_startedAtMs,
                                     m_leadingSinceMs,
                                     nowMs(),
                                     {}};
    } else if (const auto rows = Leadership::online(db, nowMs())) {
        for (const Leadership::SeatRow& row : *rows) {
            if (row.role == QLatin1String("leader")) {
                leader = row;
                break;
            }
        }
    }
    const bool changed = leader.has_value() != m_leader.has_value() ||
                         (leader && (leader->id != m_leader->id || leader->host != m_leader->host));
    m_leader = leader;
    QMetaObject::invokeMethod(
        m_owner,
        [owner = m_owner, written, thread = QThread::currentThread(), changed, leader] {
            owner->applyLeader(leader, changed);
            emit owner->heartbeatFinished(written, thread);
        },
        Qt::QueuedConnection);
}

} // namespace zapito
