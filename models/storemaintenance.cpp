// SPDX-License-Identifier: Apache-2.0
#include "storemaintenance.h"

#include "database.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

Q_LOGGING_CATEGORY(lcMaintenance, "zapito.models.maintenance")

namespace zapito {

namespace {

// Off the event loop, upkeep may wait out a writer for as long as a writer takes.
constexpr int kMaintenanceBusyTimeoutMs = 5000;

QString quoted(const QString& identifier)
{
    return QLatin1Char('"') + QString(identifier).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

qint64 scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

// Lives on the maintenance thread and owns its connection there.
class MaintenanceWorker final : public QObject
{
public:
    MaintenanceWorker(const Database& database, StoreMaintenance::Tuning tuning, StoreMaintenance* owner)
        : m_database(database)
        , m_tuning(tuning)
        , m_owner(owner)
        , m_name(QStringLiteral("zapito-maintenance-%1").arg(quintptr(this), 0, 16))
    {}

    ~MaintenanceWorker() override
    {
        if (!m_opened)
            return;
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }

    // Runs on the thread once it has started.
    void start()
    {
        m_opened = true;
        m_chore = new QTimer(this);
        QSqlDatabase db = m_database.openExtraConnection(m_name, kMaintenanceBusyTimeoutMs);
        if (!db.isOpen()) {
            qCWarning(lcMaintenance) << "the maintenance connection did not open:" << db.lastError().text();
            return;
        }
        QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
        QSqlQuery tables(db);
        if (tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"))) {
            while (tables.next())
                m_ftsTables << tables.value(0).toString();
        }
        for (const QString& table : std::as_const(m_ftsTables)) {
            QSqlQuery off(db);
            if (!off.exec(
                    QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('automerge', 0)").arg(quoted(table))))
                qCWarning(lcMaintenance)
                    << "cannot turn off automatic merges of" << table << ":" << off.lastError().text();
        }
        m_lastDataVersion = scalar(db, QStringLiteral("PRAGMA data_version"));
        m_poll = new QTimer(this);
        m_poll->setInterval(m_tuning.poll);
        QObject::connect(m_poll, &QTimer::timeout, this, [this] { poll(); });
        m_poll->start();
        QObject::connect(m_chore, &QTimer::timeout, this, [this] {
            if (m_choreJob)
                m_choreJob(connection());
        });
        // What the last run left unmerged or unchecked is taken up at once.
        m_pending = true;
        poll();
    }

    void requestPass()
    {
        m_pending = true;
        poll();
    }

    void setChore(std::chrono::milliseconds interval, std::function<void(const QSqlDatabase&)> chore)
    {
        m_choreJob = std::move(chore);
        if (m_choreJob) {
            m_chore->start(interval);
        } else {
            m_chore->stop();
        }
    }

private:
    QSqlDatabase connection() const { return QSqlDatabase::database(m_name, false); }

    void poll()
    {
        if (m_passUnderWay || !connection().isOpen())
            return;
        const qint64 version = scalar(connection(), QStringLiteral("PRAGMA data_version"));
        if (version == m_lastDataVersion && !m_pending)
            return;
        m_lastDataVersion = version;
        m_pending = false;
        m_passUnderWay = true;
        m_stepsDone = 0;
        mergeStep(0);
    }

    // One step: a few pages of merging in each index that has enough segments to merge, each in
    // its own transaction. The FTS5 'merge' command changes two rows or more when it did work.
    void mergeStep(int stepsTaken)
    {
        const QSqlDatabase db = connection();
        bool worked = false;
        for (const QString& table : std::as_const(m_ftsTables)) {
            const qint64 before = scalar(db, QStringLiteral("SELECT total_changes()"));
            QSqlQuery merge(db);
            if (!merge.exec(QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('merge', %2)")
                                .arg(quoted(table))
                                .arg(m_tuning.mergePages))) {
                qCDebug(lcMaintenance)
                    << "merge step on" << table << "did not run:" << merge.lastError().text();
                continue;
            }
            if (scalar(db, QStringLiteral("SELECT total_changes()")) - before >= 2)
                worked = true;
        }
        if (worked)
            ++m_stepsDone;
        if (worked && stepsTaken + 1 < m_tuning.stepsPerPoll) {
            QTimer::singleShot(m_tuning.stepGap, this, [this, stepsTaken] { mergeStep(stepsTaken + 1); });
            return;
        }
        // Still work to do after this poll's share: the next poll goes on with it.
        if (worked)
            m_pending = true;
        finishPass();
    }

    void finishPass()
    {
        // PASSIVE copies what no reader still needs and never waits for, or blocks, a writer.
        QSqlQuery checkpoint(connection());
        bool all = false;
        if (checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && checkpoint.next()) {
            const qint64 busy = checkpoint.value(0).toLongLong();
            const qint64 logFrames = checkpoint.value(1).toLongLong();
            const qint64 copied = checkpoint.value(2).toLongLong();
            all = busy == 0 && logFrames == copied;
        }
        m_passUnderWay = false;
        const int steps = m_stepsDone;
        QMetaObject::invokeMethod(
            m_owner, [owner = m_owner, steps, all] { emit owner->passFinished(steps, all); },
            Qt::QueuedConnection);
    }

    const Database& m_database;
    const StoreMaintenance::Tuning m_tuning;
    StoreMaintenance* const m_owner;
    const QString m_name;
    bool m_opened = false;
    QStringList m_ftsTables;
    // Made on the thread, as children, so they move and die with the worker.
    QTimer* m_poll = nullptr;
    QTimer* m_chore = nullptr;
    std::function<void(const QSqlDatabase&)> m_choreJob;
    qint64 m_lastDataVersion = -1;
    bool m_pending = false;
    bool m_passUnderWay = false;
    int m_stepsDone = 0;
};

} // namespace

StoreMaintenance::StoreMaintenance(Database& database, QObject* parent)
    : StoreMaintenance(database, Tuning{}, parent)
{}

StoreMaintenance::StoreMaintenance(Database& database, Tuning tuning, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    // From now on this connection's commits never pay for a checkpoint; the thread below does.
    QSqlQuery(database.connection()).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));

    m_thread.setObjectName(QStringLiteral("store maintenance"));
    auto* worker = new MaintenanceWorker(database, tuning, this);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, worker, [worker] { worker->start(); });
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    m_thread.start(QThread::LowPriority);
}

StoreMaintenance::~StoreMaintenance()
{
    // A merge step is a few pages: the wait is short. Then the owner's connection checkpoints
    // again by itself (SQLite's default), so the WAL never grows without an end.
    m_thread.quit();
    m_thread.wait();
    QSqlQuery(m_database.connection()).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 1000"));
}

void StoreMaintenance::setChore(std::chrono::milliseconds interval,
                                std::function<void(const QSqlDatabase&)> chore)
{
    auto* worker = static_cast<MaintenanceWorker*>(m_worker);
    QMetaObject::invokeMethod(
        worker,
        [worker, interval, chore = std::move(chore)]() mutable {
            worker->setChore(interval, std::move(chore));
        },
        Qt::QueuedConnection);
}

void StoreMaintenance::requestPass()
{
    auto* worker = static_cast<MaintenanceWorker*>(m_worker);
    QMetaObject::invokeMethod(
        worker, [worker] { worker->requestPass(); }, Qt::QueuedConnection);
}

} // namespace zapito
