// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace zapito {

class Database;

// Reads the store on a thread of its own, through a read-only connection of its own, so the
// window never waits on SQL: a page, a search or a transcript is asked for, and its result
// arrives later on the asker's (GUI) thread. Reads run one at a time, in the order asked, so
// a result never overtakes an earlier one.
//
// Reads go in lanes. A read makes the earlier reads of its lane pointless (a newer search, the
// newest state of one conversation): those still queued are skipped, and those already under
// way are dropped when they finish. A read with an empty lane is never superseded.
class StoreReader final : public QObject
{
    Q_OBJECT
public:
    explicit StoreReader(const Database& database, QObject* parent = nullptr);
    ~StoreReader() override;
    Q_DISABLE_COPY_MOVE(StoreReader)

    template<typename Result>
    void read(QObject* receiver, const QString& lane, std::function<Result(const QSqlDatabase&)> job,
              std::function<void(Result)> done)
    {
        post(receiver, lane,
             [job = std::move(job), done = std::move(done)](const QSqlDatabase& db) -> std::function<void()> {
                 auto result = std::make_shared<Result>(job(db));
                 return [done, result] { done(std::move(*result)); };
             });
    }

    // Reads that were skipped or whose result was dropped because a newer one superseded them.
    quint64 supersededReads() const { return m_superseded.load(); }

private:
    using Job = std::function<std::function<void()>(const QSqlDatabase&)>;
    void post(QObject* receiver, const QString& lane, Job job);
    bool isLatest(const QString& lane, quint64 ticket) const;

    const Database& m_database;
    QThread m_thread;
    QObject* m_worker = nullptr; // lives on m_thread, holds the connection
    mutable QMutex m_lanesMutex;
    QHash<QString, quint64> m_latestTicket; // by lane
    quint64 m_nextTicket = 0;               // GUI thread only
    std::atomic<quint64> m_superseded{0};
};

} // namespace zapito
