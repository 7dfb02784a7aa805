// SPDX-License-Identifier: Apache-2.0
#include "leaderthread.h"

#include "inboxservices.h"

#include <QLoggingCategory>
#include <QTimer>

namespace zapito {

namespace {
Q_LOGGING_CATEGORY(lcLeaderThread, "zapito.leaderthread")
} // namespace

LeaderThread::LeaderThread(const QString& databasePath, QObject* parent)
    : QObject(parent)
    , m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("zapito-leader"));
    m_context->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_context, [this, databasePath] { build(databasePath); }, Qt::QueuedConnection);
}

LeaderThread::~LeaderThread()
{
    // Queued after every job posted before: the services go on their own thread, after what was
    // asked of them, and the thread ends with them. Waiting here is the one wait of a shutdown:
    // a successor may lead once this process lets go of the lock, so nothing may still be sent.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_services.reset();
            m_thread.quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
    delete m_context;
}

void LeaderThread::post(std::function<void(InboxServices&)> job)
{
    QMetaObject::invokeMethod(
        m_context,
        [this, job = std::move(job)] {
            if (m_services)
                job(*m_services);
        },
        Qt::QueuedConnection);
}

void LeaderThread::previewCustomerSays(const CustomerMessage& message)
{
    post([message](InboxServices& services) { services.connectors().preview().customerWrote(message); });
}

void LeaderThread::build(const QString& databasePath)
{
    DatabaseOpenError error;
    m_services = InboxServices::createLeader(databasePath, &error);
    if (!m_services) {
        // The window holds the lock, so nobody else leads meanwhile: the server answered the
        // window a moment ago, so this is tried again until it answers here too.
        qCWarning(lcLeaderThread).noquote() << "the leader's services could not start:" << error.message;
        emit failed(error.message);
        QTimer::singleShot(kRetryDelay, m_context, [this, databasePath] { build(databasePath); });
        return;
    }
    // Each of these is emitted on this thread and arrives queued on the thread that owns `this`.
    ConversationEngine& engine = m_services->engine();
    connect(&engine, &ConversationEngine::handoffRecorded, this, &LeaderThread::handoffRecorded);
    connect(&engine, &ConversationEngine::handoffResolved, this, &LeaderThread::handoffResolved);
    connect(&engine, &ConversationEngine::problem, this, &LeaderThread::problem);
    connect(&m_services->webhook(), &WebhookDispatcher::notice, this, &LeaderThread::webhookNotice);
    ConnectorHub& hub = m_services->connectors();
    connect(&hub, &ConnectorHub::problem, this,
            [this](const QString& message) { emit problem({}, message); });
    for (ChannelConnector* connector :
         {static_cast<ChannelConnector*>(&hub.telegram()), static_cast<ChannelConnector*>(&hub.whatsapp()),
          static_cast<ChannelConnector*>(&hub.preview())}) {
        const QString channel = connector->name();
        connect(
            connector, &ChannelConnector::statusChanged, this,
            [this, channel](const ConnectorStatus& status) { emit connectorStatusChanged(channel, status); });
        emit connectorStatusChanged(channel, connector->status());
    }
    connect(&hub.preview(), &PreviewChannel::delivered, this, &LeaderThread::previewDelivered);
    connect(m_services.get(), &InboxServices::leadingStarted, this, &LeaderThread::started);
    m_services->startLeading();
}

} // namespace zapito
