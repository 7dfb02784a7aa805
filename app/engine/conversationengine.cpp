#include "conversationengine.h"

#include "channelregistry.h"
#include "leadpayload.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcEngine, "zapito.engine")

namespace zapito {

namespace {
// The agent sees this much of the conversation.
constexpr int kAgentContextMessages = 20;
} // namespace

ConversationEngine::ConversationEngine(ConversationStore& store, Agent& agent, ChannelRegistry& channels,
                                       Bot bot, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_agent(&agent)
    , m_channels(channels)
    , m_bot(std::move(bot))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{}

Expected<QString> ConversationEngine::receiveCustomerMessage(const QString& channel,
                                                             const QString& externalId,
                                                             const QString& contactName, const QString& text,
                                                             const QDateTime& at)
{
    return receiveCustomerMessage(CustomerMessage{channel, externalId, contactName, text, at, {}});
}

Expected<QString> ConversationEngine::receiveCustomerMessage(const CustomerMessage& message)
{
    const qint64 atMs = message.at.isValid() ? message.at.toMSecsSinceEpoch() : m_clock();
    auto conversation =
        m_store.upsertConversation(m_bot.id, message.channel, message.externalId, message.contactName, atMs);
    if (!conversation)
        return Expected<QString>::failure(conversation.error());
    const QString id = conversation->id;

    auto stored = m_store.appendMessage(id, MessageRole::User, message.text, atMs, message.externalMessageId);
    if (!stored)
        return Expected<QString>::failure(stored.error());
    if (stored->duplicate)
        return id; // the channel delivered it twice; it was answered the first time
    emit customerMessageStored(id, stored->message.id);

    if (conversation->status == ConversationStatus::Handoff)
        return id; // a human has it: the bot stays silent

    auto transcript = m_store.lastMessages(id, kAgentContextMessages);
    if (!transcript)
        return Expected<QString>::failure(transcript.error());
    AgentRequest request{m_bot, *conversation, *transcript};
    QPointer<ConversationEngine> self(this);
    m_agent->decide(request, [self, id](AgentDecision decision) {
        if (self)
            self->applyDecision(id, decision);
    });
    return id;
}

void ConversationEngine::applyDecision(const QString& conversationId, const AgentDecision& decision)
{
    // The agent may have taken a while: if the conversation went to a human meanwhile (an
    // earlier message's handoff), the bot no longer speaks in it.
    auto conversation = m_store.conversation(conversationId);
    if (!conversation) {
        emit problem(conversationId, conversation.error());
        return;
    }
    if (conversation->status == ConversationStatus::Handoff)
        return;
    sendThenStore(conversationId, decision);
}

void ConversationEngine::sendThenStore(const QString& conversationId, const AgentDecision& decision)
{
    auto conversation = m_store.conversation(conversationId);
    if (!conversation)
        return;
    Channel* channel = m_channels.find(conversation->channel);

    QPointer<ConversationEngine> self(this);
    auto store = [self, conversationId, decision](const SendResult& sent) {
        if (!self)
            return;
        if (!sent.ok)
            emit self->problem(
                conversationId,
                tr("The customer may not have received the bot's message: %1").arg(sent.error));
        const qint64 now = self->m_clock();
        if (decision.kind == AgentDecision::Kind::Reply) {
            auto stored =
                self->m_store.appendMessage(conversationId, MessageRole::Assistant, decision.text, now);
            if (!stored) {
                emit self->problem(conversationId, stored.error());
                return;
            }
            emit self->botReplied(conversationId, stored->message.id);
            return;
        }
        // Two quick messages can both lead to a handoff; the first one recorded wins.
        auto current = self->m_store.conversation(conversationId);
        if (current && current->status == ConversationStatus::Handoff)
            return;
        auto record = self->m_store.recordHandoff(
            conversationId, decision.text, decision.reason, now,
            [](const Bot& bot, const Conversation& c, const QList<Message>& transcript, HandoffReason reason,
               qint64 atMs) { return buildLeadPayload(bot, c, transcript, reason, atMs); });
        if (!record) {
            qCWarning(lcEngine) << "handoff not recorded for" << conversationId << ":" << record.error();
            emit self->problem(conversationId, record.error());
            return;
        }
        emit self->botReplied(conversationId, record->message.id);
        emit self->handoffRecorded(record->event.id, conversationId);
    };

    // The customer hears from the bot first; only then is anything recorded or fired.
    if (!channel) {
        store(SendResult{false, tr("no %1 channel is connected").arg(conversation->channel)});
        return;
    }
    channel->send(conversation->externalId, decision.text, store);
}

Status ConversationEngine::resolve(const QString& conversationId, const QString& operatorName)
{
    auto event = m_store.resolve(conversationId, operatorName, m_clock());
    if (!event)
        return Status::failure(event.error());
    emit handoffResolved(event->id, conversationId);
    return Status::ok();
}

Status ConversationEngine::replyAsOperator(const QString& conversationId, const QString& text)
{
    if (text.trimmed().isEmpty())
        return Status::failure(tr("The reply is empty."));
    auto conversation = m_store.conversation(conversationId);
    if (!conversation)
        return Status::failure(conversation.error());
    if (conversation->isSample)
        return Status::failure(tr("This is a sample conversation: there is no customer to reply to."));
    Channel* channel = m_channels.find(conversation->channel);
    if (!channel || !channel->isConnected())
        return Status::failure(tr("No %1 channel is connected, so the reply cannot reach the customer. "
                                  "Connect it under Settings → Channels.")
                                   .arg(conversation->channel));
    auto stored = m_store.appendMessage(conversationId, MessageRole::Operator, text, m_clock());
    if (!stored)
        return Status::failure(stored.error());
    QPointer<ConversationEngine> self(this);
    channel->send(conversation->externalId, text, [self, conversationId](const SendResult& sent) {
        if (self && !sent.ok)
            emit self->problem(conversationId,
                               tr("The reply was saved but not delivered: %1").arg(sent.error));
    });
    return Status::ok();
}

} // namespace zapito
