#pragma once

#include "agent.h"
#include "conversationstore.h"
#include "domain.h"
#include "expected.h"

#include <QObject>

#include <functional>

namespace zapito {

class ChannelRegistry;

// The life of a conversation: a customer message comes in, the bot answers or hands off,
// an operator replies and marks it resolved. While a conversation is in handoff the bot is
// silent in it.
class ConversationEngine : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // UTC milliseconds since the epoch

    ConversationEngine(ConversationStore& store, Agent& agent, ChannelRegistry& channels, Bot bot,
                       QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConversationEngine)

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setAgent(Agent& agent) { m_agent = &agent; }
    const Bot& bot() const { return m_bot; }

    // Stores the customer's message in its conversation (created or found by channel and
    // external id) and, unless the conversation waits for a human, asks the agent what to do.
    // Returns the conversation id.
    Expected<QString> receiveCustomerMessage(const CustomerMessage& message);
    Expected<QString> receiveCustomerMessage(const QString& channel, const QString& externalId,
                                             const QString& contactName, const QString& text,
                                             const QDateTime& at);

    // Closes the open handoff and gives the conversation back to the bot.
    Status resolve(const QString& conversationId, const QString& operatorName);

    // Stores the operator's reply and sends it through the conversation's channel; refused,
    // with nothing stored, when that channel is not connected.
    Status replyAsOperator(const QString& conversationId, const QString& text);

signals:
    void customerMessageStored(const QString& conversationId, qint64 messageId);
    void botReplied(const QString& conversationId, qint64 messageId);
    // A handoff event exists and its webhook is owed.
    void handoffRecorded(qint64 handoffEventId, const QString& conversationId);
    void handoffResolved(qint64 handoffEventId, const QString& conversationId);
    // Something went wrong that an operator should see; the text says what.
    void problem(const QString& conversationId, const QString& message);

private:
    void applyDecision(const QString& conversationId, const AgentDecision& decision);
    void sendThenStore(const QString& conversationId, const AgentDecision& decision);

    ConversationStore& m_store;
    Agent* m_agent;
    ChannelRegistry& m_channels;
    Bot m_bot;
    Clock m_clock;
};

} // namespace zapito
