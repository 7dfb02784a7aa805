// SPDX-License-Identifier: Apache-2.0
#include "storewriter.h"

#include "channeloutboxstore.h"
#include "conversationstore.h"
#include "database.h"
#include "pipelinestore.h"

#include <QLoggingCategory>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcWriter, "zapito.models.writer")

namespace zapito {

namespace {

// Owns the writer thread's connection and the stores on it: made there on the first write,
// destroyed there when the thread ends (a QSqlDatabase may only be used on the thread that made
// it). The stores' signals are forwarded to the owner store's, which lives on the GUI thread,
// so they arrive there queued, in the order they were emitted.
class WriterConnection final : public QObject
{
public:
    WriterConnection(ConversationStore& owner, const Database& database,
                     const std::atomic<int>& busyTimeoutMs)
        : m_owner(owner)
        , m_database(database)
        , m_busyTimeoutMs(busyTimeoutMs)
        , m_name(QStringLiteral("zapito-writer-%1").arg(quintptr(this), 0, 16))
    {}
    ~WriterConnection() override
    {
        // The stores go before the connection they use.
        m_outbox.reset();
        m_pipeline.reset();
        m_store.reset();
        m_peer.reset();
    }

    StoreWriter::Context& context()
    {
        if (!m_peer) {
            m_appliedBusyTimeoutMs = m_busyTimeoutMs.load();
            m_peer = m_database.openPeer(m_name, m_appliedBusyTimeoutMs);
            if (!m_peer->connection().isOpen())
                qCWarning(lcWriter) << "the writer's connection did not open:"
                                    << m_peer->connection().lastError().text();
            m_store = std::make_unique<ConversationStore>(*m_peer);
            m_pipeline = std::make_unique<PipelineStore>(*m_store);
            m_outbox = std::make_unique<ChannelOutboxStore>(*m_store);
            connect(m_store.get(), &ConversationStore::conversationChanged, &m_owner,
                    &ConversationStore::conversationChanged);
            connect(m_store.get(), &ConversationStore::messageAdded, &m_owner,
                    &ConversationStore::messageAdded);
            connect(m_store.get(), &ConversationStore::messageChanged, &m_owner,
                    &ConversationStore::messageChanged);
            connect(m_store.get(), &ConversationStore::handoffChanged, &m_owner,
                    &ConversationStore::handoffChanged);
            m_context = std::make_unique<StoreWriter::Context>(
                StoreWriter::Context{*m_peer, *m_store, *m_pipeline, *m_outbox});
        } else if (const int wanted = m_busyTimeoutMs.load(); wanted != m_appliedBusyTimeoutMs) {
            m_appliedBusyTimeoutMs = wanted;
            (void)m_peer->setBusyTimeout(wanted);
        }
        return *m_context;
    }

private:
    ConversationStore& m_owner;
    const Database& m_database;
    const std::atomic<int>& m_busyTimeoutMs;
    const QString m_name;
    int m_appliedBusyTimeoutMs = 0;
    std::unique_ptr<Database> m_peer;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<PipelineStore> m_pipeline;
    std::unique_ptr<ChannelOutboxStore> m_outbox;
    std::unique_ptr<StoreWriter::Context> m_context;
};

} // namespace

StoreWriter::StoreWriter(ConversationStore& owner, const Database& database, QObject* parent)
    : QObject(parent)
    , m_owner(owner)
    , m_database(database)
{
    m_thread.setObjectName(QStringLiteral("store writer"));
    auto* worker = new WriterConnection(m_owner, m_database, m_busyTimeoutMs);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    m_thread.start();
}

StoreWriter::~StoreWriter()
{
    // Behind every write still queued, so each of them commits before the thread ends; their
    // results are not delivered any more.
    QMetaObject::invokeMethod(
        m_worker, [this] { m_thread.quit(); }, Qt::QueuedConnection);
    m_thread.wait();
}

void StoreWriter::post(QObject* receiver, Job job)
{
    ++m_pending;
    const bool answered = receiver != nullptr;
    QPointer<QObject> guardedReceiver(receiver);
    auto* worker = static_cast<WriterConnection*>(m_worker);
    QMetaObject::invokeMethod(
        worker,
        [this, worker, answered, guardedReceiver, job = std::move(job)] {
            std::function<void()> deliver = job(worker->context());
            // Back on the asker's thread through `this`, which outlives the writer thread,
            // behind the store signals the job emitted.
            QMetaObject::invokeMethod(
                this,
                [this, answered, guardedReceiver, deliver = std::move(deliver)] {
                    if (!answered || guardedReceiver)
                        deliver();
                    if (--m_pending == 0)
                        emit idle();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace zapito
