// SPDX-License-Identifier: Apache-2.0
#include "conversationengine.h"

#include "channelregistry.h"
#include "storewriter.h"
#include "untrustedtext.h"

#include <QCoreApplication>
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

Expected<PipelineStore::OperatorReply> ConversationEngine::recordReply(ConversationStore& store,
                                                                       PipelineStore& pipeline,
                                                                       const ReplyRequest& request)
{
    auto conversation = store.conversation(request.conversationId);
    if (!conversation)
        return Expected<PipelineStore::OperatorReply>::failure(conversation.error());
    if (conversation->isSample)
        return Expected<PipelineStore::OperatorReply>::failure(
            tr("This is a sample conversation: there is no customer to reply to."));
    // A seat only records the reply with its outbox row: the leader has the channel and sends it.
    if (request.leading && !request.channels.contains(conversation->channel))
        return Expected<PipelineStore::OperatorReply>::failure(
            tr("There is no %1 channel, so the reply cannot reach the customer.").arg(conversation->channel));
    return pipeline.recordOperatorReply(request.conversationId, request.text, request.operatorName,
                                        request.at);
}

Expected<QString> ConversationEngine::requeueSend(ConversationStore& store, ChannelOutboxStore& outbox,
                                                  qint64 messageId, qint64 at)
{
    auto message = store.message(messageId);
    if (!message)
        return Expected<QString>::failure(message.error());
    auto conversation = store.conversation(message->conversationId);
    if (!conversation)
        return Expected<QString>::failure(conversation.error());
    if (conversation->isSample)
        return Expected<QString>::failure(
            tr("This is a sample conversation: there is no customer to send to."));
    return outbox.requeueFailed(messageId, at);
}

ConversationEngine::ReplyRequest ConversationEngine::replyRequest(const QString& conversationId,
                                                                  const QString& text,
                                                                  const QString& operatorName) const
{
    return {conversationId, text, operatorName, now(), m_sender.isActive(), m_channels.names()};
}

void ConversationEngine::afterReply(const QString& conversationId,
                                    const PipelineStore::OperatorReply& recorded)
{
    if (recorded.tookOver)
        emit operatorTookOver(conversationId);
    m_sender.kick(conversationId);
}

Status ConversationEngine::replyAsOperator(const QString& conversationId, const QString& text,
                                           const QString& operatorName)
{
    if (text.trimmed().isEmpty())
        return Status::failure(tr("The reply is empty."));
    auto recorded = recordReply(m_store, m_pipeline, replyRequest(conversationId, text, operatorName));
    if (!recorded)
        return Status::failure(recorded.error());
    afterReply(conversationId, *recorded);
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
    auto requeued = requeueSend(m_store, m_outbox, messageId, now());
    if (!requeued)
        return Status::failure(requeued.error());
    m_sender.kick(*requeued);
    return Status::ok();
}

namespace {

// Calls `done` on the event loop, like a write's result would arrive, unless `receiver` is gone.
void answerLater(QObject* receiver, const ConversationEngine::Done& done, const Status& status)
{
    QPointer<QObject> guarded(receiver);
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [guarded, done, status] {
            if (guarded && done)
                done(status);
        },
        Qt::QueuedConnection);
}

// `done` for a result that arrives on this thread, unless `receiver` is gone.
ConversationEngine::Done guardedDone(QObject* receiver, ConversationEngine::Done done)
{
    return [guarded = QPointer<QObject>(receiver), done = std::move(done)](const Status& status) {
        if (guarded && done)
            done(status);
    };
}

} // namespace

void ConversationEngine::resolve(const QString& conversationId, const QString& operatorName,
                                 QObject* receiver, Done done)
{
    const qint64 at = now();
    m_store.writer().write<Expected<ConversationStore::Resolution>>(
        nullptr,
        [conversationId, operatorName, at](StoreWriter::Context& c) {
            return c.store.resolve(conversationId, operatorName, at);
        },
        [self = QPointer<ConversationEngine>(this), conversationId,
         done = guardedDone(receiver, std::move(done))](
            const Expected<ConversationStore::Resolution>& resolution) {
            if (self && resolution && resolution->event)
                emit self->handoffResolved(resolution->event->id, conversationId);
            done(resolution ? Status::ok() : Status::failure(resolution.error()));
        });
}

void ConversationEngine::replyAsOperator(const QString& conversationId, const QString& text,
                                         const QString& operatorName, QObject* receiver, Done done)
{
    if (text.trimmed().isEmpty())
        return answerLater(receiver, done, Status::failure(tr("The reply is empty.")));
    m_store.writer().write<Expected<PipelineStore::OperatorReply>>(
        nullptr,
        [request = replyRequest(conversationId, text, operatorName)](StoreWriter::Context& c) {
            return recordReply(c.store, c.pipeline, request);
        },
        [self = QPointer<ConversationEngine>(this), conversationId,
         done =
             guardedDone(receiver, std::move(done))](const Expected<PipelineStore::OperatorReply>& recorded) {
            if (self && recorded)
                self->afterReply(conversationId, *recorded);
            done(recorded ? Status::ok() : Status::failure(recorded.error()));
        });
}

void ConversationEngine::addNote(const QString& conversationId, const QString& text,
                                 const QString& operatorName, QObject* receiver, Done done)
{
    if (text.trimmed().isEmpty())
        return answerLater(receiver, done, Status::failure(tr("The note is empty.")));
    const qint64 at = now();
    m_store.writer().write<Status>(
        receiver,
        [conversationId, text, operatorName, at](StoreWriter::Context& c) {
            auto recorded = c.pipeline.recordNote(conversationId, text, operatorName, at);
            return recorded ? Status::ok() : Status::failure(recorded.error());
        },
        std::move(done));
}

void ConversationEngine::retrySend(qint64 messageId, QObject* receiver, Done done)
{
    const qint64 at = now();
    m_store.writer().write<Expected<QString>>(
        nullptr,
        [messageId, at](StoreWriter::Context& c) { return requeueSend(c.store, c.outbox, messageId, at); },
        [self = QPointer<ConversationEngine>(this),
         done = guardedDone(receiver, std::move(done))](const Expected<QString>& requeued) {
            if (self && requeued)
                self->m_sender.kick(*requeued);
            done(requeued ? Status::ok() : Status::failure(requeued.error()));
        });
}

} // namespace zapito
