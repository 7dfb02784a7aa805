// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "leadership.h"
#include "seattimings.h"

#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

class QTimer;

namespace zapito {

class Database;
class LeaderLock;
class PresenceWorker;

// Leadership's database work, on a thread of its own with connections of its own: the leader
// lock (and the PostgreSQL session that holds it), the checks that it is still held, the
// standby's tries, the heartbeat that writes the `seats` row and reads who leads. A partitioned
// network or a locked row stalls this thread, never the event loop of the window; and a
// heartbeat statement gives up after Leadership::kStatementBound, so the lock check that shares
// the thread is never held back longer than that.
//
// Made on the owner's thread and moved to the worker thread; everything below but the
// constructor runs there. What the owner must know goes back to it as queued calls.
class LeadershipWorker final : public QObject
{
    Q_OBJECT
public:
    LeadershipWorker(const Database& database, std::unique_ptr<LeaderLock> lock, Leadership::Mode mode,
                     QString id, qint64 startedAtMs, const SeatTimings& timings, Leadership* owner);
    // On the worker thread, when it ends: a clean exit leaves no row behind and lets go of the
    // lead before the owner goes on.
    ~LeadershipWorker() override;
    Q_DISABLE_COPY_MOVE(LeadershipWorker)

    void start();
    // Presence's statements, on this thread with this connection (a child of this worker).
    PresenceWorker* presence() const { return m_presence; }
    // The owner's answer to eligibilityWanted: empty when this process can lead.
    void eligibilityChecked(const QString& reason);

private:
    enum class Asking
    {
        Nothing,
        WindowStart,
        StandbyStart,
        Contend,
    };

    void ask(Asking why);
    void contend();
    void becomeLeader();
    void checkStillLeading();
    void setRole(Leadership::Role role);
    void notify(const QString& text);
    void beat();
    QSqlDatabase connection();

    const Database& m_database;
    std::unique_ptr<LeaderLock> m_lock;
    const Leadership::Mode m_mode;
    const QString m_id;
    const qint64 m_startedAtMs;
    const SeatTimings m_timings;
    Leadership* const m_owner;
    const QString m_name;
    bool m_opened = false;
    qint64 m_leadingSinceMs = 0;
    Leadership::Role m_role = Leadership::Role::Seat;
    QString m_note;
    std::optional<Leadership::SeatRow> m_leader;
    Asking m_asking = Asking::Nothing;
    qint64 m_lastEligibilityCheckMs = 0;
    // Children made on this thread by start(), so they fire and die here.
    QTimer* m_poll = nullptr;
    QTimer* m_heartbeat = nullptr;
    QTimer* m_holding = nullptr; // the leader checks it still holds the lock
    PresenceWorker* m_presence = nullptr;
};

} // namespace zapito
