// SPDX-License-Identifier: Apache-2.0
#include "postgreschangefeed.h"

#include "database.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <limits>

Q_LOGGING_CATEGORY(lcPostgresChanges, "zapito.models.changes.postgresql")

namespace zapito {

namespace {

// Rows read at a time, and pages read in one round; a longer backlog goes on in the next round.
constexpr int kBatch = 2000;
constexpr int kPagesPerRound = 10;

} // namespace

PostgresChangeFeed::PostgresChangeFeed(const Database& database, std::chrono::milliseconds interval,
                                       std::chrono::milliseconds safetyInterval, Deliver deliver)
    : m_database(database)
    , m_interval(interval)
    , m_safetyInterval(safetyInterval)
    , m_deliver(std::move(deliver))
    , m_name(QStringLiteral("zapito-pg-changes-%1").arg(quintptr(this), 0, 16))
{}

PostgresChangeFeed::~PostgresChangeFeed()
{
    delete m_timer;
    delete m_soon;
    close();
}

void PostgresChangeFeed::begin()
{
    m_timer = new QTimer;
    QObject::connect(m_timer, &QTimer::timeout, [this] { read(true); });
    // Notifications come in bursts (one per kind and conversation of a transaction): one read
    // for the burst.
    m_soon = new QTimer;
    m_soon->setSingleShot(true);
    m_soon->setInterval(0);
    QObject::connect(m_soon, &QTimer::timeout, [this] { read(true); });
    if (open())
        read(false);
    adjustTimer();
    m_timer->start();
}

bool PostgresChangeFeed::open()
{
    close();
    QSqlDatabase db = m_database.openExtraConnection(m_name, 1000);
    if (!db.isOpen()) {
        qCDebug(lcPostgresChanges) << "no connection for the change feed:" << db.lastError().text();
        return false;
    }
    m_connected = true;
    QSqlQuery setup(db);
    setup.exec(QStringLiteral("SET default_transaction_read_only = on"));
    // Named for pg_stat_activity: an administrator (and a test) can tell it from the others.
    setup.exec(QStringLiteral("SET application_name = '%1%2'")
                   .arg(QLatin1String(kApplicationName))
                   .arg(QCoreApplication::applicationPid()));
    QSqlDriver* driver = db.driver();
    m_listening = driver->subscribeToNotification(QLatin1String(kChannel));
    if (m_listening) {
        QObject::connect(driver, &QSqlDriver::notification, this,
                         [this](const QString& name, QSqlDriver::NotificationSource, const QVariant&) {
                             if (name == QLatin1String(kChannel))
                                 scheduleSoon();
                         });
    } else {
        qCWarning(lcPostgresChanges) << "cannot listen for changes; reading the log by polling:"
                                     << driver->lastError().text();
    }
    adjustTimer();
    return true;
}

void PostgresChangeFeed::close()
{
    if (!m_connected && !QSqlDatabase::contains(m_name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isOpen() && m_listening)
            db.driver()->unsubscribeFromNotification(QLatin1String(kChannel));
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
    m_connected = false;
    m_listening = false;
}

void PostgresChangeFeed::scheduleSoon()
{
    if (m_soon && !m_soon->isActive())
        m_soon->start();
}

void PostgresChangeFeed::adjustTimer()
{
    if (m_timer)
        m_timer->setInterval(m_listening ? m_safetyInterval : m_interval);
}

void PostgresChangeFeed::read(bool deliver)
{
    if (!m_connected && !open()) {
        adjustTimer();
        return;
    }
    if (!m_started)
        deliver = false; // the feed starts now: what was there before is not news
    QList<QVariantList> rows;
    const bool ok = readRound(&rows, deliver);
    // Rows read before a failure are remembered as delivered: they go out now.
    if (!rows.isEmpty())
        m_deliver(std::move(rows), m_lastId);
    if (!ok) {
        // The server went away or restarted: open again on the next round, from the same place.
        close();
        adjustTimer();
    }
}

namespace {

// The bounds columns of a snapshot, for a SELECT over `pg_current_snapshot() s`.
const auto kBoundsColumns = "(pg_snapshot_xmax(s)::text)::bigint, "
                            "ARRAY(SELECT (x::text)::bigint FROM pg_snapshot_xip(s) x)::text";

} // namespace

PostgresChangeFeed::Bounds PostgresChangeFeed::boundsFrom(const QVariant& xmax, const QVariant& xip)
{
    Bounds bounds;
    bounds.xmax = xmax.toLongLong();
    bounds.xip = xip.toString();
    QString inner = bounds.xip;
    inner.remove(u'{').remove(u'}');
    for (const QString& x : inner.split(u',', Qt::SkipEmptyParts))
        bounds.running.append(x.toLongLong());
    return bounds;
}

bool PostgresChangeFeed::readRound(QList<QVariantList>* rows, bool deliver)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    if (!db.isOpen())
        return false; // the driver saw the connection go
    if (!m_started) {
        // What is visible now was there before the feed; what is not is news.
        QSqlQuery start(db);
        if (!start.exec(QStringLiteral("SELECT %1 FROM pg_current_snapshot() s")
                            .arg(QLatin1String(kBoundsColumns))) ||
            !start.next())
            return false;
        m_bounds = boundsFrom(start.value(0), start.value(1));
        m_started = true;
        return true;
    }
    // One statement, so the bounds and the rows come from the same snapshot.
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral(
                       "SELECT h.*, c.id, c.kind, c.conversation_id, c.row_id, c.xact "
                       "FROM (SELECT %1 FROM pg_current_snapshot() s) h "
                       "LEFT JOIN LATERAL (SELECT id, kind, conversation_id, row_id, xact FROM change_log "
                       "WHERE (xact >= ? OR xact = ANY (CAST(? AS bigint[]))) AND (xact, id) > (?, ?) "
                       "ORDER BY xact, id LIMIT ?) c ON true ORDER BY c.xact, c.id")
                       .arg(QLatin1String(kBoundsColumns))))
        return false;
    for (int page = 0; page < kPagesPerRound; ++page) {
        q.addBindValue(m_bounds.xmax);
        q.addBindValue(m_bounds.xip);
        q.addBindValue(m_cursorXact);
        q.addBindValue(m_cursorId);
        q.addBindValue(kBatch);
        if (!q.exec()) {
            qCDebug(lcPostgresChanges) << "change log not read:" << q.lastError().text();
            return false;
        }
        int got = 0;
        bool first = true;
        while (q.next()) {
            if (first && !m_sweeping) {
                // The sweep's own snapshot: what it did not see is covered by these bounds.
                m_sweepBounds = boundsFrom(q.value(0), q.value(1));
                m_sweeping = true;
            }
            first = false;
            if (q.isNull(2))
                break; // the LEFT JOIN's row without a change
            ++got;
            const qint64 id = q.value(2).toLongLong();
            const qint64 xact = q.value(6).toLongLong();
            m_cursorXact = xact;
            m_cursorId = id;
            if (m_delivered.contains(id))
                continue;
            m_delivered.insert(id, xact);
            m_lastId = std::max(m_lastId, id);
            if (deliver)
                rows->append({q.value(2), q.value(3), q.value(4), q.value(5)});
        }
        if (got < kBatch) {
            // The end of the backlog: from now on only what these bounds cover can be new.
            m_bounds = m_sweepBounds;
            m_sweeping = false;
            m_cursorXact = -1;
            m_cursorId = -1;
            for (auto it = m_delivered.begin(); it != m_delivered.end();)
                it = m_bounds.covers(it.value()) ? std::next(it) : m_delivered.erase(it);
            return true;
        }
    }
    return true; // more next round, from the cursor
}

} // namespace zapito
