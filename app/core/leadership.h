// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"
#include "seattimings.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QThread>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace zapito {

class ChannelSettings;
class Database;
class LeaderLock;
class LeadershipWorker;
class SeatPresence;
class SecretStore;
class WebhookSettings;

// One inbox, many seats: every long-running process on a store is a seat, and exactly one of
// them leads (runs the channels, the agent, the channel outbox and webhook delivery).
//
// The leader is whoever holds the store's LeaderLock (leaderlock.h). On SQLite that is
// `<database>.leader`, a QLockFile: its owner's pid, host and name are in it, and QLockFile takes
// over a lock whose owner on this host is no longer running (with the stale time at 0, age alone
// never makes it stale); Qt also holds an flock() on it, which the kernel drops when the process
// dies. On PostgreSQL it is pg_try_advisory_lock on a session of its own, which the server drops
// when that session ends. A standby asks every second: a leader killed with SIGKILL is replaced
// within about a second. Telegram refuses a second poller and a lead must go out once, so there
// is never a second leader: the lock lets one process in, and a leader checks every second that
// it still holds it (a PostgreSQL session can die under it); one that lost it says so with
// leadershipLost() and must stop sending at once.
//
// Every process writes its row in the `seats` table (host, pid, role, started, heartbeat every
// few seconds), so `status` and the window can say who leads and who is online.
//
// All of that database work (the lock and its session, the checks, the heartbeat, the reads of
// who leads) runs on a thread of its own (LeadershipWorker): a network partition or a locked row
// stalls that thread, never the event loop. What it finds comes back here as queued calls, so
// role(), leader() and the signals below live on the owner's thread as before.
class Leadership final : public QObject
{
    Q_OBJECT
public:
    enum class Role
    {
        Seat,    // reads and writes the store; never sends
        Standby, // waits for the leader to go, then leads
        Leader,
    };
    enum class Mode
    {
        Window,  // leads when nobody does at open, else stays a seat
        Standby, // --headless: waits as a standby and takes over when the leader goes
    };

    struct SeatRow
    {
        QString id;
        QString host;
        qint64 pid = 0;
        QString role;
        qint64 startedAtMs = 0;
        qint64 leadingSinceMs = 0;
        qint64 heartbeatAtMs = 0;
        QString note;
    };

    static constexpr std::chrono::milliseconds kLockPoll{1000};
    static constexpr std::chrono::milliseconds kHeartbeat = SeatTimings{}.heartbeat;
    static constexpr std::chrono::milliseconds kEligibilityRetry{10'000};
    // The longest one statement of the leadership's own connection (the heartbeat, who leads)
    // may take: a row lock, a busy SQLite writer or a slow server fails it after this. The
    // check that the leader still holds the lock runs on the same thread, so a stalled
    // heartbeat never delays it by more than this (a lost lead is noticed within
    // kLockPoll + kStatementBound); the next heartbeat comes kHeartbeat later.
    static constexpr std::chrono::milliseconds kStatementBound{1000};
    // A row whose heartbeat is older than this is a process that is gone.
    static constexpr qint64 kGoneAfterMs = SeatTimings{}.goneAfter.count();
    // The application_name of the leadership's own connection (this prefix and the process id),
    // so an administrator can tell it in pg_stat_activity.
    static constexpr auto kSeatApplicationName = "zapito-inbox-seat-";

    // `timings`: the heartbeat's and presence's intervals (tests make them short).
    Leadership(Database& database, SecretStore& secrets, WebhookSettings& webhook, ChannelSettings& channels,
               Mode mode, const SeatTimings& timings = {}, QObject* parent = nullptr);
    ~Leadership() override;
    Q_DISABLE_COPY_MOVE(Leadership)

    // Registers this process and starts contending (or not, by the mode). roleChanged() says
    // when this process leads, always later, from the event loop.
    void start();

    Role role() const { return m_role; }
    bool isLeader() const { return m_role == Role::Leader; }
    // Why this process cannot lead (a secret it cannot read); empty when it can.
    QString ineligibleReason() const { return m_note; }
    // The leader's row as the store has it, when one is online.
    std::optional<SeatRow> leader() const { return m_leader; }
    // Who views and types what, this seat's and the others', on the seats' rows: its statements
    // run on the leadership's thread, with its connection.
    SeatPresence& presence() { return *m_presence; }
    // "Led by <host>, since <time>", "This window leads", … for the status bar.
    QString summary() const;

    // The processes online (heartbeat within kGoneAfterMs of `nowMs`), the leader first.
    static Expected<QList<SeatRow>> online(const QSqlDatabase& db, qint64 nowMs);
    static QString roleName(Role role);

signals:
    void roleChanged(Role role);
    // The leader as seen from here changed (another process took over, or it went away).
    void leaderChanged();
    // Something to tell the user (this process cannot lead, and why).
    void notice(const QString& text);
    // This process led and no longer holds the lock: another may lead already, so nothing may be
    // sent from here any more (InboxServices stops the process).
    void leadershipLost(const QString& reason);
    // A heartbeat ended on the leadership's thread (`thread`): whether its row was written. For
    // diagnostics and tests.
    void heartbeatFinished(bool written, QThread* thread);

private:
    friend class LeadershipWorker; // calls back through the queued calls below

    void checkEligibility(std::function<void(QString reason)> done);
    void askEligibility();
    void applyRole(Role role, const QString& note);
    void applyLeader(const std::optional<SeatRow>& leader, bool changed);
    void lost();

    SecretStore& m_secrets;
    WebhookSettings& m_webhook;
    ChannelSettings& m_channels;
    Role m_role = Role::Seat;
    QString m_note;
    std::optional<SeatRow> m_leader;
    QThread m_thread;
    LeadershipWorker* m_worker = nullptr; // lives on m_thread
    std::unique_ptr<SeatPresence> m_presence;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace zapito
