// SPDX-License-Identifier: Apache-2.0
#include "conversationengine.h"

#include "channelregistry.h"
#include "untrustedtext.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcEngine, "zapito.engine")

namespace zapito {

ConversationEngine::ConversationEngine(ConversationStore& store, Agent& agent, ChannelRegistry& channels,
                                       Bot bot, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_channels(channels)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_pipeline(store)
    , m_outbox(store)
    , m_decider(m_pipeline, agent, [this] { return now(); })
    , m_sender(m_outbox, channels, [this] { return now(); })
{
    m_decider.setBot(std::move(bot));
    connect(&m_decider, &ConversationDecider::decided, this, &ConversationEngine::onDecided);
    connect(&m_decider, &ConversationDecider::problem, this, &ConversationEngine::problem);
    connect(&m_decider, &ConversationDecider::idle, this, &ConversationEngine::decisionsSettled);
    connect(&m_sender, &OutboundSender::problem, this, &ConversationEngine::problem);
    connect(&m_sender, &OutboundSender::webhookDue, this, &ConversationEngine::webhookDue);
    connect(&m_sender, &OutboundSender::settled, this,
            [this](const QString& conversationId, qint64 messageId, bool sent, const QString& error) {
                if (!sent)
                    emit problem(conversationId,
                                 tr("The customer did not receive a message: %1").arg(isolated(error)));
                emit outboundSettled(conversationId, messageId, sent, error);
            });
}

void ConversationEngine::start()
{
    m_decider.resumeAll();
    m_sender.resumeAll();
}

Expected<QString> ConversationEngine::receiveCustomerMessage(const QString& channel,
                                                             const QString& externalId,
                                                             const QString& contactName, const QString& text,
                                                             const QDateTime& at)
{
    return receiveCustomerMessage(CustomerMessage{channel, externalId, contactName, text, at, {}});
}

Expected<QString> ConversationEngine::receiveCustomerMessage(const CustomerMessage& message)
{
    auto stored = m_pipeline.storeInbound(bot().id, message, now());
    if (!stored)
        return Expected<QString>::failure(stored.error());
    const QString id = stored->conversation.id;
    if (!stored->duplicate)
        emit customerMessageStored(id, stored->message.id);
    if (!stored->message.decided) {
        // Decided from the event loop, so the channel hears "stored" before any decision work.
        QPointer<ConversationEngine> self(this);
        QMetaObject::invokeMethod(
            this,
            [self, id] {
                if (self)
                    self->m_decider.schedule(id);
            },
            Qt::QueuedConnection);
    }
    return id;
}

void ConversationEngine::receive(const CustomerMessage& message, const Committed& committed)
{
    auto stored = receiveCustomerMessage(message);
    if (!stored)
        qCWarning(lcEngine) << "a" << message.channel << "message was not stored:" << stored.error();
    committed(stored ? Status::ok() : Status::failure(stored.error()));
}

void ConversationEngine::onDecided(const QString& conversationId, const PipelineStore::Decided& decision)
{
    if (decision.discarded || !decision.message)
        return;
    emit botReplied(conversationId, decision.message->id);
    if (decision.handoff)
        emit handoffRecorded(decision.handoff->id, conversationId);
    m_sender.kick(conversationId);
}

Status ConversationEngine::resolve(const QString& conversationId, const QString& operatorName)
{
    auto resolution = m_store.resolve(conversationId, operatorName, now());
    if (!resolution)
        return Status::failure(resolution.error());
    if (resolution->event)
        emit handoffResolved(resolution->event->id, conversationId);
    return Status::ok();
}

Status ConversationEngine::replyAsOperator(const QString& conversationId, const QString& text,
                                           const QString& operatorName)
{
    if (text.trimmed().isEmpty())
        return Status::failure(tr("The reply is empty."));
    auto conversation = m_store.conversation(conversationId);
    if (!conversation)
        return Status::failure(conversation.error());
    if (conversation->isSample)
        return Status::failure(tr("This is a sample conversation: there is no customer to reply to."));
    // A seat only records the reply with its outbox row: the leader has the channel and sends it.
    if (m_sender.isActive() && !m_channels.find(conversation->channel))
        return Status::failure(
            tr("There is no %1 channel, so the reply cannot reach the customer.").arg(conversation->channel));
    auto recorded = m_pipeline.recordOperatorReply(conversationId, text, operatorName, now());
    if (!recorded)
        return Status::failure(recorded.error());
    if (recorded->tookOver)
        emit operatorTookOver(conversationId);
    m_sender.kick(conversationId);
    return Status::ok();
}

Status ConversationEngine::addNote(const QString& conversationId, const QString& text,
                                   const QString& operatorName)
{
    if (text.trimmed().isEmpty())
        return Status::failure(tr("The note is empty."));
    auto recorded = m_pipeline.recordNote(conversationId, text, operatorName, now());
    return recorded ? Status::ok() : Status::failure(recorded.error());
}

Status ConversationEngine::retrySend(qint64 messageId)
{
    auto message = m_store.message(messageId);
    if (!message)
        return Status::failure(message.error());
    auto conversation = m_store.conversation(message->conversationId);
    if (!conversation)
        return Status::failure(conversation.error());
    if (conversation->isSample)
        return Status::failure(tr("This is a sample conversation: there is no customer to send to."));
    auto requeued = m_outbox.requeueFailed(messageId, now());
    if (!requeued)
        return Status::failure(requeued.error());
    m_sender.kick(*requeued);
    return Status::ok();
}

} // namespace zapito
