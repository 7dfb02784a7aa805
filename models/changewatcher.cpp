// SPDX-License-Identifier: Apache-2.0
#include "changewatcher.h"

#include "conversationstore.h"
#include "database.h"
#include "deliverystore.h"
#include "postgreschangefeed.h"

#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

Q_LOGGING_CATEGORY(lcChanges, "zapito.models.changes")

namespace zapito {

namespace {

// A local announcement this recent stands for the log row of the same change.
constexpr qint64 kLocalWindowMs = 3000;
// Rows read at a time; a longer backlog is read in further rounds without waiting.
constexpr int kBatch = 2000;
// While PostgreSQL notifies, the log is still read this many intervals apart, in case a
// notification was lost: a change shows within about a second even then.
constexpr int kSafetyPollFactor = 4;

QString keyOf(const QString& kind, const QString& conversationId, qint64 rowId)
{
    return kind + u'\x1f' + conversationId + u'\x1f' + QString::number(rowId);
}

// Owns the watcher thread's connection and its poll timer (made and used on that thread only).
class ChangePoller final : public QObject
{
public:
    using Deliver = std::function<void(QList<QVariantList>, qint64)>;
    ChangePoller(const Database& database, std::chrono::milliseconds interval, Deliver deliver)
        : m_database(database)
        , m_interval(interval)
        , m_deliver(std::move(deliver))
        , m_name(QStringLiteral("zapito-changes-%1").arg(quintptr(this), 0, 16))
    {}
    ~ChangePoller() override
    {
        delete m_timer;
        if (!m_opened)
            return;
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }

    void begin()
    {
        m_opened = true;
        QSqlDatabase db = m_database.openExtraConnection(m_name, 1000);
        QSqlQuery(db).exec(QStringLiteral("PRAGMA query_only = ON"));
        // Only what happens from now on: what was there before, the window reads anyway.
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM change_log")) && q.next())
            m_lastId = q.value(0).toLongLong();
        else
            qCWarning(lcChanges) << "cannot read the change log:" << q.lastError().text();
        m_dataVersion = dataVersion(db);
        m_timer = new QTimer;
        m_timer->setInterval(m_interval);
        QObject::connect(m_timer, &QTimer::timeout, [this] { poll(); });
        m_timer->start();
    }

private:
    static qint64 dataVersion(const QSqlDatabase& db)
    {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("PRAGMA data_version")) && q.next() ? q.value(0).toLongLong() : -1;
    }

    void poll()
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        const qint64 version = dataVersion(db);
        if (version == m_dataVersion && !m_more)
            return;
        m_dataVersion = version;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT id, kind, conversation_id, row_id FROM change_log WHERE id > ? "
                                 "ORDER BY id LIMIT ?"));
        q.addBindValue(m_lastId);
        q.addBindValue(kBatch);
        if (!q.exec()) {
            m_more = true; // a busy moment: ask again next round
            return;
        }
        QList<QVariantList> rows;
        while (q.next()) {
            rows.append({q.value(0), q.value(1), q.value(2), q.value(3)});
            m_lastId = q.value(0).toLongLong();
        }
        m_more = rows.size() == kBatch;
        if (!rows.isEmpty())
            m_deliver(std::move(rows), m_lastId);
    }

    const Database& m_database;
    const std::chrono::milliseconds m_interval;
    const Deliver m_deliver;
    const QString m_name;
    QTimer* m_timer = nullptr;
    bool m_opened = false;
    bool m_more = false;
    qint64 m_lastId = 0;
    qint64 m_dataVersion = -1;
};

} // namespace

ChangeWatcher::ChangeWatcher(const Database& database, ConversationStore& store, DeliveryStore& deliveries,
                             std::chrono::milliseconds interval, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_store(store)
    , m_deliveries(deliveries)
{
    m_clock.start();
    // The messages this process announces itself are remembered for a moment, so their log rows
    // are not announced a second time.
    connect(&m_store, &ConversationStore::messageAdded, this,
            [this](const QString& id, qint64 row) { remember(QStringLiteral("message_added"), id, row); });

    m_thread.setObjectName(QStringLiteral("change log"));
    auto deliver = [this](QList<QVariantList> rows, qint64 lastId) {
        QList<Change> changes;
        changes.reserve(rows.size());
        for (const QVariantList& r : rows)
            changes.append({r[0].toLongLong(), r[1].toString(), r[2].toString(), r[3].toLongLong()});
        // `this` outlives the thread (the destructor stops it first).
        QMetaObject::invokeMethod(
            this, [this, changes = std::move(changes), lastId] { apply(changes, lastId); },
            Qt::QueuedConnection);
    };
    // SQLite says cheaply when another connection committed (data_version); PostgreSQL tells a
    // listening connection (NOTIFY from the log's triggers), with a slower poll as a safety net.
    QObject* worker = nullptr;
    std::function<void()> begin;
    if (database.dialect().kind() == SqlDialect::Kind::PostgreSQL) {
        auto* feed = new PostgresChangeFeed(database, interval, interval * kSafetyPollFactor, deliver);
        worker = feed;
        begin = [feed] { feed->begin(); };
    } else {
        auto* poller = new ChangePoller(database, interval, deliver);
        worker = poller;
        begin = [poller] { poller->begin(); };
    }
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    m_thread.start();
    QMetaObject::invokeMethod(
        worker,
        [this, begin] {
            begin();
            // `this` outlives the thread (the destructor stops it first).
            QMetaObject::invokeMethod(
                this, [this] { emit watching(); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

ChangeWatcher::~ChangeWatcher()
{
    m_thread.quit();
    m_thread.wait();
}

void ChangeWatcher::setChore(std::chrono::milliseconds interval,
                             std::function<void(const QSqlDatabase&)> chore)
{
    QMetaObject::invokeMethod(
        m_worker,
        [this, interval, chore = std::move(chore)] {
            delete m_chore;
            m_chore = nullptr;
            if (!chore)
                return;
            // Parented to the worker: it goes with the thread's objects.
            m_chore = new QTimer(m_worker);
            m_chore->setInterval(interval);
            QObject::connect(m_chore, &QTimer::timeout, m_worker, [this, chore] {
                const QString name = QStringLiteral("zapito-chore-%1").arg(quintptr(this), 0, 16);
                {
                    QSqlDatabase db = m_database.openExtraConnection(name);
                    if (db.isOpen())
                        chore(db);
                    db.close();
                }
                QSqlDatabase::removeDatabase(name);
            });
            m_chore->start();
        },
        Qt::QueuedConnection);
}

bool ChangeWatcher::trim(const QSqlDatabase& db, qint64 nowMs)
{
    // In batches, each its own short write, so other writers (the event loop waits 10 ms at most
    // for a lock) slip in between; the oldest rows come first in id order, so each batch stops
    // after the rows it deletes.
    constexpr int kBatch = 200;
    for (;;) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM change_log WHERE id IN "
                                 "(SELECT id FROM change_log WHERE at_ms < ? ORDER BY id LIMIT %1)")
                      .arg(kBatch));
        q.addBindValue(nowMs - kKeepMs);
        if (!q.exec())
            return false;
        if (q.numRowsAffected() < kBatch)
            return true;
        QThread::msleep(2);
    }
}

void ChangeWatcher::remember(const QString& kind, const QString& conversationId, qint64 rowId)
{
    if (m_applying)
        return;
    const qint64 now = m_clock.elapsed();
    m_localAt.insert(keyOf(kind, conversationId, rowId), now);
    if (m_localAt.size() > 4096) {
        for (auto it = m_localAt.begin(); it != m_localAt.end();)
            it = now - it.value() > kLocalWindowMs ? m_localAt.erase(it) : std::next(it);
    }
}

bool ChangeWatcher::announcedHereRecently(const QString& key) const
{
    const auto it = m_localAt.constFind(key);
    return it != m_localAt.constEnd() && m_clock.elapsed() - it.value() <= kLocalWindowMs;
}

void ChangeWatcher::apply(const QList<Change>& changes, qint64 lastId)
{
    QSet<QString> seen;
    m_applying = true;
    for (const Change& c : changes) {
        // A conversation row changes several times in one write; its row id is not what the
        // store announces, so it is keyed by the conversation alone.
        const qint64 rowId = c.kind == QLatin1String("conversation") ? 0 : c.rowId;
        const QString key = keyOf(c.kind, c.conversationId, rowId);
        // Only a new message has one writer: a message this process announced is its own row.
        // Any other row may have been changed here and, a moment later, elsewhere: announcing it
        // again only makes the models read it once more, while skipping it could hide the other
        // change (a resolve from a seat just after this window marked the conversation read).
        if (seen.contains(key) || (c.kind == QLatin1String("message_added") && announcedHereRecently(key)))
            continue;
        seen.insert(key);
        if (c.kind == QLatin1String("conversation")) {
            emit m_store.conversationChanged(c.conversationId);
            emit conversationChangedElsewhere(c.conversationId);
        } else if (c.kind == QLatin1String("message_added")) {
            emit m_store.messageAdded(c.conversationId, c.rowId);
            emit messageAddedElsewhere(c.conversationId, c.rowId);
        } else if (c.kind == QLatin1String("message_changed")) {
            emit m_store.messageChanged(c.conversationId, c.rowId);
        } else if (c.kind == QLatin1String("handoff")) {
            emit m_store.handoffChanged(c.conversationId, c.rowId);
        } else if (c.kind == QLatin1String("delivery")) {
            emit m_deliveries.deliveryChanged(c.rowId, c.conversationId);
        } else if (c.kind == QLatin1String("setting")) {
            emit settingChangedElsewhere(c.conversationId); // the key, in the log's conversation column
        }
    }
    m_applying = false;
    emit caughtUp(lastId);
}

} // namespace zapito
