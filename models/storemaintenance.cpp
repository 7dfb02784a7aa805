// SPDX-License-Identifier: Apache-2.0
#include "storemaintenance.h"

#include "database.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

Q_LOGGING_CATEGORY(lcMaintenance, "zapito.models.maintenance")

namespace zapito {

namespace {

// Off the event loop, upkeep may wait out a writer for as long as a writer takes.
constexpr int kMaintenanceBusyTimeoutMs = 5000;

// Lives on the maintenance thread and owns its connection there.
class MaintenanceWorker final : public QObject
{
public:
    MaintenanceWorker(const Database& database, StoreMaintenance* owner)
        : m_database(database)
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

    // PASSIVE copies what no reader still needs, and never waits for, or blocks, a writer.
    void checkpoint(int mergeSteps)
    {
        bool all = false;
        QSqlQuery q(connection());
        if (q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && q.next()) {
            const qint64 busy = q.value(0).toLongLong();
            const qint64 logFrames = q.value(1).toLongLong();
            const qint64 copied = q.value(2).toLongLong();
            all = busy == 0 && logFrames == copied;
        }
        QMetaObject::invokeMethod(
            m_owner, [owner = m_owner, mergeSteps, all] { emit owner->passFinished(mergeSteps, all); },
            Qt::QueuedConnection);
    }

    void setChore(std::chrono::milliseconds interval, std::function<void(const QSqlDatabase&)> chore)
    {
        if (!m_chore) {
            // Made here, as a child, so it lives and dies on this thread.
            m_chore = new QTimer(this);
            QObject::connect(m_chore, &QTimer::timeout, this, [this] {
                if (m_choreJob)
                    m_choreJob(connection());
            });
        }
        m_choreJob = std::move(chore);
        if (m_choreJob) {
            m_chore->start(interval);
        } else {
            m_chore->stop();
        }
    }

private:
    QSqlDatabase connection()
    {
        if (!m_opened) {
            m_opened = true;
            QSqlDatabase db = m_database.openExtraConnection(m_name, kMaintenanceBusyTimeoutMs);
            if (!db.isOpen())
                qCWarning(lcMaintenance)
                    << "the maintenance connection did not open:" << db.lastError().text();
            // Its own chores' commits never checkpoint either: checkpoint() does.
            QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
        }
        return QSqlDatabase::database(m_name, false);
    }

    const Database& m_database;
    StoreMaintenance* const m_owner;
    const QString m_name;
    bool m_opened = false;
    QTimer* m_chore = nullptr;
    std::function<void(const QSqlDatabase&)> m_choreJob;
};

} // namespace

StoreMaintenance::StoreMaintenance(Database& database, FtsMerger::Tuning merging, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_merger(database, merging)
{
    // From now on this connection's commits never pay for a checkpoint; the thread below does.
    QSqlQuery(database.connection()).exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));

    m_thread.setObjectName(QStringLiteral("store maintenance"));
    auto* worker = new MaintenanceWorker(database, this);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    m_thread.start();

    // Every merge pass, which follows every commit seen, ends with a checkpoint.
    connect(&m_merger, &FtsMerger::passFinished, this, [worker](int steps) {
        QMetaObject::invokeMethod(
            worker, [worker, steps] { worker->checkpoint(steps); }, Qt::QueuedConnection);
    });
}

StoreMaintenance::~StoreMaintenance()
{
    // A checkpoint or a chore under way is finished first. Then the owner's connection
    // checkpoints by itself again (SQLite's default), so the WAL never grows without an end.
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
    m_merger.requestPass();
}

} // namespace zapito
