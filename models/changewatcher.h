// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <functional>

namespace zapito {

class ConversationStore;
class Database;
class DeliveryStore;

// What another process wrote to the store, re-announced here as if it had been written here:
// the change log (migration 0006, fed by triggers) is read on a thread of its own, and each new
// row is emitted on the GUI thread as the store's own signal (conversationChanged, messageAdded,
// messageChanged, handoffChanged, DeliveryStore::deliveryChanged; a shared setting as
// settingChangedElsewhere), so the list and the
// transcript update exactly as for a local change. It never touches the GUI thread's connection.
// On SQLite the log is read whenever `PRAGMA data_version` says another connection committed:
// one pragma on a connection of its own, cheap enough for every 250 ms. On PostgreSQL the log's
// triggers NOTIFY and a listening connection reads it at once (PostgresChangeFeed), with a poll
// every second in case a notification was lost.
//
// The log does not know which process wrote a row. A message this process added was announced
// when it was added, so a message_added row whose signal this process emitted in the last few
// seconds is not announced again. Other rows are announced even when this process changed them
// too: the change may also have been made elsewhere since, and a second read costs one row.
class ChangeWatcher final : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kDefaultInterval{250};
    // The log keeps an hour of changes: a process that was away longer reloads anyway.
    static constexpr qint64 kKeepMs = 60 * 60 * 1000;

    ChangeWatcher(const Database& database, ConversationStore& store, DeliveryStore& deliveries,
                  std::chrono::milliseconds interval = kDefaultInterval, QObject* parent = nullptr);
    ~ChangeWatcher() override;
    Q_DISABLE_COPY_MOVE(ChangeWatcher)

    // Drops the rows older than kKeepMs; the leader calls it now and then.
    static bool trim(const QSqlDatabase& db, qint64 nowMs);
    // Runs `chore` every `interval` on the watcher's thread, on a connection opened for each run,
    // so upkeep whose work grows with the traffic never runs on the event loop (the leader's trim
    // on a store without StoreMaintenance). Replaces any chore given before.
    void setChore(std::chrono::milliseconds interval, std::function<void(const QSqlDatabase&)> chore);

signals:
    // A message another process stored (an operator's reply from a seat, say).
    void messageAddedElsewhere(const QString& conversationId, qint64 messageId);
    // A conversation another process changed (a resolve from a seat).
    void conversationChangedElsewhere(const QString& conversationId);
    // A shared setting (migration 0011) that a process, this one included, stored with a new
    // value: SharedSettings reads the table again.
    void settingChangedElsewhere(const QString& key);
    // The poll runs: every change committed from now on will be announced (tests wait on it).
    void watching();
    // A batch of the log was read and announced (tests wait on it).
    void caughtUp(qint64 lastChangeId);

private:
    struct Change
    {
        qint64 id = 0;
        QString kind;
        QString conversationId;
        qint64 rowId = 0;
    };
    void apply(const QList<Change>& changes, qint64 lastId);
    void remember(const QString& kind, const QString& conversationId, qint64 rowId);
    bool announcedHereRecently(const QString& key) const;

    const Database& m_database;
    ConversationStore& m_store;
    DeliveryStore& m_deliveries;
    QThread m_thread;
    QObject* m_worker = nullptr;      // lives on m_thread
    QTimer* m_chore = nullptr;        // lives on m_thread, made by setChore()
    QHash<QString, qint64> m_localAt; // key → when this process announced it (ms of m_clock)
    QElapsedTimer m_clock;
    bool m_applying = false;
};

} // namespace zapito
