// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QVariantList>

#include <chrono>
#include <functional>

class QTimer;

namespace zapito {

class Database;

// The change log of a PostgreSQL store (migration 0006), read on the ChangeWatcher's thread on a
// connection of its own: it LISTENs to `zapito_changes` (the log's triggers NOTIFY it) and reads
// the rows it has not delivered yet as soon as a notification comes, and also every
// `safetyInterval` in case one was lost, or every `interval` while it cannot listen (the
// connection went away: it is opened again on the next round).
//
// Which rows are new: writers commit concurrently, so ids commit out of order and `id > last`
// would skip a row whose transaction was slow to commit. Each row carries its transaction id, and
// every read also takes the lowest transaction id still running in the same snapshot (the
// horizon): the rows of transactions below the horizon are final, so the next read starts at the
// horizon and nothing below it is read again. Rows at or above it that are already visible are
// delivered at once and remembered by id until the horizon passes them, so they are delivered
// once. This needs no guess of how late a commit may be (a window of recent ids would), and it
// reads only the rows of transactions that were running at the last read.
class PostgresChangeFeed final : public QObject
{
public:
    // The rows (id, kind, conversation id, row id) and the highest id delivered so far.
    using Deliver = std::function<void(QList<QVariantList>, qint64)>;
    static constexpr auto kChannel = "zapito_changes";
    // The connection's application_name: this prefix and the process id.
    static constexpr auto kApplicationName = "zapito-inbox-changes-";

    PostgresChangeFeed(const Database& database, std::chrono::milliseconds interval,
                       std::chrono::milliseconds safetyInterval, Deliver deliver);
    ~PostgresChangeFeed() override;
    Q_DISABLE_COPY_MOVE(PostgresChangeFeed)

    // Opens the connection, listens, and notes what is there already (never delivered). On the
    // feed's thread.
    void begin();

private:
    bool open();
    void close();
    void read(bool deliver);
    // One read of what is new; false when the connection failed (rows read until then are in
    // `rows`).
    bool readRound(QList<QVariantList>* rows, bool deliver);
    void scheduleSoon();
    void adjustTimer();

    const Database& m_database;
    const std::chrono::milliseconds m_interval;
    const std::chrono::milliseconds m_safetyInterval;
    const Deliver m_deliver;
    const QString m_name;
    QTimer* m_timer = nullptr;
    QTimer* m_soon = nullptr;
    bool m_connected = false;
    bool m_listening = false;
    bool m_started = false; // the first read (what was there before) happened
    // Every row of a transaction below this id has been delivered (or predates the feed).
    qint64 m_horizon = 0;
    QHash<qint64, qint64> m_deliveredAbove; // id → xact, for rows at or above m_horizon
    qint64 m_lastId = 0;
};

} // namespace zapito
