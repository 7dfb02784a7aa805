// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QVariant>
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
// every read also takes its snapshot's bounds: `xmax`, the first transaction that had not started,
// and `xip`, the transactions still running. Every row of any other transaction was visible to
// that read, so the next read asks only for rows of transactions from `xmax` on or in `xip`.
// This needs no guess of how late a commit may be (a window of recent ids would), it never reads
// a row twice but for the few that commit while one read pages through a backlog (remembered by
// id until they fall out of the bounds), and a transaction left open for hours elsewhere on the
// server costs only the look-up of its own rows.
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
    // What a read's snapshot had not seen: transactions from xmax on, and those still running.
    struct Bounds
    {
        qint64 xmax = 0;
        QString xip; // the running transactions, as a bigint[] literal
        QList<qint64> running;
        bool covers(qint64 xact) const { return xact >= xmax || running.contains(xact); }
    };

    bool open();
    void close();
    void read(bool deliver);
    // One read of what is new; false when the connection failed (rows read until then are in
    // `rows`).
    bool readRound(QList<QVariantList>* rows, bool deliver);
    static Bounds boundsFrom(const QVariant& xmax, const QVariant& xip);
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
    bool m_started = false; // the first snapshot (what was there before is not news) was taken
    // Every row of a transaction these bounds do not cover has been delivered (or predates the
    // feed).
    Bounds m_bounds;
    // A read that pages through a backlog over several rounds: where it is, and the bounds of its
    // first page's snapshot, which become m_bounds when it reaches the end.
    bool m_sweeping = false;
    Bounds m_sweepBounds;
    qint64 m_cursorXact = -1;
    qint64 m_cursorId = -1;
    QHash<qint64, qint64> m_delivered; // id → xact, for delivered rows the bounds still cover
    qint64 m_lastId = 0;
};

} // namespace zapito
