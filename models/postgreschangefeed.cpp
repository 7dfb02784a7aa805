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

// Rows read at a time, and pages read in one round; a longer backlog waits for the next round.
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

bool PostgresChangeFeed::readRound(QList<QVariantList>* rows, bool deliver)
{
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    if (!db.isOpen())
        return false; // the driver saw the connection go
    if (!m_started) {
        // Start at the horizon: every older transaction's rows were there before the feed.
        QSqlQuery start(db);
        if (!start.exec(QStringLiteral("SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint")) ||
            !start.next())
            return false;
        m_horizon = start.value(0).toLongLong();
    }
    // One statement, so the horizon and the rows come from the same snapshot. The horizon is the
    // lowest transaction still running when the snapshot was taken: any row of an older
    // transaction is visible now or will never exist.
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral(
            "SELECT h.horizon, c.id, c.kind, c.conversation_id, c.row_id, c.xact "
            "FROM (SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint AS horizon) h "
            "LEFT JOIN LATERAL (SELECT id, kind, conversation_id, row_id, xact FROM change_log "
            "WHERE (xact, id) > (?, ?) ORDER BY xact, id LIMIT ?) c ON true ORDER BY c.xact, c.id")))
        return false;
    qint64 horizon = std::numeric_limits<qint64>::max();
    qint64 pageXact = m_horizon;
    qint64 pageId = -1; // (xact, id) > (m_horizon, -1): every row of m_horizon's transaction on
    for (int page = 0; page < kPagesPerRound; ++page) {
        q.addBindValue(pageXact);
        q.addBindValue(pageId);
        q.addBindValue(kBatch);
        if (!q.exec()) {
            qCDebug(lcPostgresChanges) << "change log not read:" << q.lastError().text();
            return false;
        }
        int got = 0;
        while (q.next()) {
            horizon = std::min(horizon, q.value(0).toLongLong());
            if (q.isNull(1))
                break; // the LEFT JOIN's row without a change
            ++got;
            const qint64 id = q.value(1).toLongLong();
            pageXact = q.value(5).toLongLong();
            pageId = id;
            if (m_deliveredAbove.contains(id))
                continue;
            m_deliveredAbove.insert(id, pageXact);
            m_lastId = std::max(m_lastId, id);
            if (deliver)
                rows->append({q.value(1), q.value(2), q.value(3), q.value(4)});
        }
        if (got < kBatch)
            break;
    }
    m_started = true;
    if (horizon != std::numeric_limits<qint64>::max() && horizon > m_horizon) {
        m_horizon = horizon;
        for (auto it = m_deliveredAbove.begin(); it != m_deliveredAbove.end();)
            it = it.value() < m_horizon ? m_deliveredAbove.erase(it) : std::next(it);
    }
    return true;
}

} // namespace zapito
