// SPDX-License-Identifier: Apache-2.0
#include "storereader.h"

#include "database.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcReader, "zapito.models.reader")

namespace zapito {

namespace {

constexpr int kReaderBusyTimeoutMs = 5000;

// Owns the reader thread's connection: opened there on the first read, closed there when the
// thread ends (a QSqlDatabase may only be used on the thread that made it).
class ReaderConnection final : public QObject
{
public:
    explicit ReaderConnection(const Database& database)
        : m_database(database)
        , m_name(QStringLiteral("zapito-reader-%1").arg(quintptr(this), 0, 16))
    {}
    ~ReaderConnection() override
    {
        if (!m_opened)
            return;
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }

    QSqlDatabase connection()
    {
        if (!m_opened) {
            m_opened = true;
            // Off the GUI thread a read may wait out another process's checkpoint or recovery.
            QSqlDatabase db = m_database.openExtraConnection(m_name, kReaderBusyTimeoutMs);
            if (!db.isOpen())
                qCWarning(lcReader) << "the reader's connection did not open:" << db.lastError().text();
            // Reads only: a bug that writes here fails instead of racing the pipeline.
            QSqlQuery(db).exec(SqlDialect::forDatabase(db).readOnlySession());
        }
        return QSqlDatabase::database(m_name, false);
    }

private:
    const Database& m_database;
    const QString m_name;
    bool m_opened = false;
};

} // namespace

StoreReader::StoreReader(const Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    m_thread.setObjectName(QStringLiteral("store reader"));
    auto* worker = new ReaderConnection(m_database);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    m_thread.start();
}

StoreReader::~StoreReader()
{
    // The read under way is page-sized; what is still queued is dropped with the event loop.
    m_thread.quit();
    m_thread.wait();
}

bool StoreReader::isLatest(const QString& lane, quint64 ticket) const
{
    if (lane.isEmpty())
        return true;
    const QMutexLocker lock(&m_lanesMutex);
    return m_latestTicket.value(lane) == ticket;
}

void StoreReader::post(QObject* receiver, const QString& lane, Job job)
{
    const quint64 ticket = ++m_nextTicket;
    if (!lane.isEmpty()) {
        const QMutexLocker lock(&m_lanesMutex);
        m_latestTicket.insert(lane, ticket);
    }
    QPointer<QObject> guardedReceiver(receiver);
    auto* worker = static_cast<ReaderConnection*>(m_worker);
    QMetaObject::invokeMethod(
        worker,
        [this, worker, lane, ticket, guardedReceiver, job = std::move(job)] {
            if (!isLatest(lane, ticket)) {
                ++m_superseded;
                return;
            }
            std::function<void()> deliver = job(worker->connection());
            // Back on the GUI thread through `this`, which outlives the reader thread; the
            // receiver may be gone by then, and a newer read may have superseded this one.
            QMetaObject::invokeMethod(
                this,
                [this, lane, ticket, guardedReceiver, deliver = std::move(deliver)] {
                    if (!guardedReceiver)
                        return;
                    if (!isLatest(lane, ticket)) {
                        ++m_superseded;
                        return;
                    }
                    deliver();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace zapito
