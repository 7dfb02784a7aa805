// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ftsmerger.h"

#include <QObject>
#include <QSqlDatabase>
#include <QThread>

#include <chrono>
#include <functional>

namespace zapito {

class Database;

// The SQLite store's upkeep, kept out of the commits of the event loop. Measured on a
// 2M-message inbox, the committing statement was where the window stalled: FTS5's merges ran
// inside the commit that triggered them (a 39 ms worst write, 11 ms without) and the WAL
// checkpoint ran on the connection that crossed the 1,000-page mark (p99 35 ms, 21 ms without).
//
// While this object lives:
//   - the owner's connection never checkpoints (wal_autocheckpoint = 0); a thread of this object
//     runs a PASSIVE checkpoint after commits, which never blocks or waits for a writer;
//   - the FTS5 indexes merge a few pages at a time between events (FtsMerger);
//   - chores that must run now and then (trimming the change log) run on that thread too, with
//     its own connection.
class StoreMaintenance final : public QObject
{
    Q_OBJECT
public:
    // `database` must be SQLite and outlive this object. Its connection is changed at once.
    explicit StoreMaintenance(Database& database, FtsMerger::Tuning merging = {}, QObject* parent = nullptr);
    ~StoreMaintenance() override;
    Q_DISABLE_COPY_MOVE(StoreMaintenance)

    // Runs `chore` on the maintenance thread with its connection every `interval` (replacing any
    // chore given before); an empty function stops it.
    void setChore(std::chrono::milliseconds interval, std::function<void(const QSqlDatabase&)> chore);

    // Asks for a pass now (tests, and after a burst the owner knows of); `passFinished` follows.
    void requestPass();

signals:
    // One upkeep pass ended: how many merge steps did work, and whether the checkpoint that
    // followed copied the whole WAL. Emitted on the owner's thread.
    void passFinished(int mergeSteps, bool checkpointedAll);

private:
    Database& m_database;
    FtsMerger m_merger;
    QThread m_thread;
    QObject* m_worker = nullptr; // lives on m_thread
};

} // namespace zapito
