// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLockFile>
#include <QString>

#include <memory>

namespace zapito {

class Database;

// What makes one process the leader of a store: held by one process at a time, taken without
// waiting, let go when the process exits or dies. Made on the store's thread (it may read the
// store's connection settings there), then used on one thread only: Leadership's own.
class LeaderLock
{
public:
    virtual ~LeaderLock() = default;

    // Takes the lock when nobody holds it; never waits for a holder.
    virtual bool tryLock() = 0;
    virtual void unlock() = 0;
    virtual bool isLocked() const = 0;
    // While locked: whether it is still this process's. A PostgreSQL session can die under its
    // holder (a server restart, pg_terminate_backend), and then another process may already lead.
    virtual bool stillHeld() = 0;

    // `<database>.leader` beside an SQLite file; an advisory lock on PostgreSQL.
    static std::unique_ptr<LeaderLock> forDatabase(const Database& database);
    // Whether a process leads the store now: a command that sends by itself must not beside one.
    static bool isHeldByAnyone(const Database& database);
};

// SQLite: a QLockFile beside the database. Qt holds an flock() on it while it is locked, which the
// kernel drops when the process dies, and it takes over a lock whose owner on this host is gone.
class FileLeaderLock final : public LeaderLock
{
public:
    explicit FileLeaderLock(const QString& path);
    // `<database>.leader`.
    static QString pathFor(const QString& databasePath) { return databasePath + QStringLiteral(".leader"); }
    bool tryLock() override { return m_file.tryLock(0); }
    void unlock() override { m_file.unlock(); }
    bool isLocked() const override { return m_file.isLocked(); }
    bool stillHeld() override { return m_file.isLocked(); }

private:
    QLockFile m_file;
};

// PostgreSQL: pg_try_advisory_lock on a session of its own, opened for it and held for as long as
// this process leads. The server drops the lock when the session ends, however it ends, so a
// leader that dies or loses its connection frees the store for a standby at once; and a leader
// whose session died must stop at once, since another may already lead (stillHeld()).
class PostgresLeaderLock final : public LeaderLock
{
public:
    // One fixed key for every version ("zapl"), apart from the migration lock's.
    static constexpr qint64 kKey = 0x7a61706c;
    // The session's application_name, so an administrator can tell it in pg_stat_activity:
    // this prefix and the process id.
    static constexpr auto kApplicationName = "zapito-inbox-leader-";

    explicit PostgresLeaderLock(const Database& database);
    ~PostgresLeaderLock() override;
    bool tryLock() override;
    void unlock() override;
    bool isLocked() const override { return m_locked; }
    bool stillHeld() override;

private:
    bool openSession();
    void closeSession();

    const QString m_source; // the store's connection, cloned by name (safe from any thread)
    const QString m_name;
    bool m_open = false;
    bool m_locked = false;
};

} // namespace zapito
