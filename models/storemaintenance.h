// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QSqlDatabase>
#include <QThread>

#include <chrono>
#include <functional>

namespace zapito {

class Database;

// Does the SQLite store's upkeep on a thread and a connection of its own, so no write on the
// event-loop thread pays for it. Measured on a 2M-message inbox, the committing statement was
// where the window stalled: FTS5's automatic merges ran inside the commit that triggered them
// (a 39 ms worst write, 11 ms with them off) and the WAL checkpoint ran on the connection that
// crossed the 1,000-page mark (p99 35 ms, 21 ms without it).
//
// So, while this object lives:
//   - the owner's connection never checkpoints (wal_autocheckpoint = 0); this thread runs a
//     PASSIVE checkpoint after other connections commit, which never blocks a writer;
//   - the FTS5 indexes never merge automatically ('automerge' = 0, a setting kept in the file);
//     this thread merges them in small steps of a few pages, each its own short transaction,
//     so a writer waits at most one step for the lock (well under the event loop's 10 ms);
//   - chores that must run now and then (trimming the change log) run here too.
// A process that writes without one (a command-line `reply`) keeps SQLite's defaults for its
// own connection; its few rows are merged by the next process that has one.
class StoreMaintenance final : public QObject
{
    Q_OBJECT
public:
    struct Tuning
    {
        std::chrono::milliseconds poll{250};  // how often the file is checked for commits
        int mergePages = 16;                  // the work of one merge step (FTS5 pages)
        int stepsPerPoll = 32;                // merge steps at most per poll
        std::chrono::milliseconds stepGap{2}; // the lock is free this long between two steps
    };

    // `database` must be SQLite and outlive this object. Its own connection is changed at once.
    explicit StoreMaintenance(Database& database, QObject* parent = nullptr);
    StoreMaintenance(Database& database, Tuning tuning, QObject* parent = nullptr);
    ~StoreMaintenance() override;
    Q_DISABLE_COPY_MOVE(StoreMaintenance)

    // Runs `chore` on the maintenance thread with its connection every `interval` (replacing any
    // chore given before); an empty function stops it.
    void setChore(std::chrono::milliseconds interval, std::function<void(const QSqlDatabase&)> chore);

    // Asks for a pass now (tests, and after a burst the owner knows of); `passFinished` follows.
    void requestPass();

signals:
    // One upkeep pass ended: how many merge steps did work, and whether the WAL was checkpointed
    // completely. Emitted on the owner's thread.
    void passFinished(int mergeSteps, bool checkpointedAll);

private:
    Database& m_database;
    QThread m_thread;
    QObject* m_worker = nullptr; // lives on m_thread
};

} // namespace zapito
