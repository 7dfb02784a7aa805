// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channelconnector.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <chrono>
#include <functional>
#include <memory>

namespace zapito {

class InboxServices;
struct CustomerMessage;

// The leading half of a window on PostgreSQL: the channels, the bot, the channel outbox and
// webhook delivery, built by InboxServices::createLeader on a thread of their own with a
// connection of their own. On PostgreSQL each statement of the pipeline is a round trip to the
// server; here none of them runs on the window's event loop. The window's own InboxServices
// holds the leader lock and stays what a seat is (it learns what the leader stored through the
// change feed); what only the leader knows comes back as the signals below, queued to the thread
// that built this object.
class LeaderThread final : public QObject
{
    Q_OBJECT
public:
    // Starts the thread and builds the services there; started() or failed() says how it went.
    explicit LeaderThread(const QString& databasePath, QObject* parent = nullptr);
    // After failed(), the services are built again this much later, until they can be.
    static constexpr std::chrono::seconds kRetryDelay{5};
    // The services stop on their own thread (nothing is sent after this returns), then it ends.
    ~LeaderThread() override;
    Q_DISABLE_COPY_MOVE(LeaderThread)

    // Runs `job` on the leader's thread with its services; dropped when they could not be built.
    void post(std::function<void(InboxServices&)> job);
    // A customer message typed in the window's preview chat, for the leader's preview channel.
    void previewCustomerSays(const CustomerMessage& message);
    // The thread the leader's services live on (tests compare it to theirs).
    QThread* workerThread() { return &m_thread; }

signals:
    // The leader's channels, outbox and webhook delivery have started.
    void started();
    // The services could not be built (the store could not be opened there): nothing is received
    // or sent until they can be, kRetryDelay later or after.
    void failed(const QString& error);
    // What the leader's engine, webhook and channels say, for the window's same signals.
    void handoffRecorded(qint64 handoffEventId, const QString& conversationId);
    void handoffResolved(qint64 handoffEventId, const QString& conversationId);
    void problem(const QString& conversationId, const QString& message);
    void webhookNotice(qint64 handoffEventId, const QString& text);
    void connectorStatusChanged(const QString& channel, const zapito::ConnectorStatus& status);
    void previewDelivered(const QString& externalId, const QString& text);

private:
    void build(const QString& databasePath);

    QThread m_thread;
    QObject* m_context = nullptr;              // lives on m_thread: the jobs run in its events
    std::unique_ptr<InboxServices> m_services; // built, used and destroyed on m_thread only
};

} // namespace zapito
