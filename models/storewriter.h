// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace zapito {

class ChannelOutboxStore;
class ConversationStore;
class Database;
class PipelineStore;

// Writes the store on a thread of its own, through a connection of its own, so an operator's
// action may wait for another process's lock (or, on PostgreSQL, for the server) without the
// window waiting: the write is asked for, and its result arrives later on the asker's (GUI)
// thread. Writes run one at a time, in the order asked, each its own transaction as on any
// connection.
//
// What a write changes is announced by the owner store's signals, on the owner's thread, before
// the write's result arrives: the list and the transcript update exactly as for a write made on
// the owner's connection, and a result never overtakes what it changed.
//
// A write asked for is never dropped: one still queued when the writer is destroyed runs first.
class StoreWriter final : public QObject
{
    Q_OBJECT
public:
    // Longer than any lock another process holds for one transaction, short enough that an
    // operator hears about a stuck one (the write then fails with the driver's sentence).
    static constexpr int kDefaultBusyTimeoutMs = 5000;

    // The stores a write works with, all on the writer's connection and thread.
    struct Context
    {
        Database& database;
        ConversationStore& store;
        PipelineStore& pipeline;
        ChannelOutboxStore& outbox;
    };

    StoreWriter(ConversationStore& owner, const Database& database, QObject* parent = nullptr);
    ~StoreWriter() override;
    Q_DISABLE_COPY_MOVE(StoreWriter)

    // How long a write waits for another connection's lock; from the next write on.
    void setBusyTimeoutMs(int ms) { m_busyTimeoutMs = ms; }

    // Runs `job` on the writer's thread, then `done` with its result on this object's thread,
    // unless `receiver` is gone by then (with no receiver, `done` always runs).
    template<typename Result>
    void write(QObject* receiver, std::function<Result(Context&)> job, std::function<void(Result)> done)
    {
        post(receiver,
             [job = std::move(job), done = std::move(done)](Context& context) -> std::function<void()> {
                 auto result = std::make_shared<Result>(job(context));
                 return [done, result] {
                     if (done)
                         done(std::move(*result));
                 };
             });
    }

    // Writes asked for whose result has not been delivered yet.
    int pendingWrites() const { return m_pending; }

signals:
    // Every write asked for so far has been answered (tests wait on it).
    void idle();

private:
    using Job = std::function<std::function<void()>(Context&)>;
    void post(QObject* receiver, Job job);

    ConversationStore& m_owner;
    const Database& m_database;
    QThread m_thread;
    QObject* m_worker = nullptr; // lives on m_thread, holds the connection and its stores
    std::atomic<int> m_busyTimeoutMs{kDefaultBusyTimeoutMs};
    int m_pending = 0; // this object's thread only
};

} // namespace zapito
