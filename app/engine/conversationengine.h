// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "agent.h"
#include "channeloutboxstore.h"
#include "conversationdecider.h"
#include "conversationstore.h"
#include "domain.h"
#include "expected.h"
#include "outboundsender.h"
#include "pipelinestore.h"

#include <QObject>

#include <functional>

namespace zapito {

class ChannelRegistry;

// The pipeline: inbound → decide → outbound. A customer message is committed before its channel
// is answered, decided once and in order per conversation (ConversationDecider), and every text
// for a customer leaves through the persisted channel outbox (OutboundSender); a handoff's webhook
// becomes due when its handoff message's send has finished. Operators reply and resolve here too.
class ConversationEngine : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // UTC milliseconds since the epoch
    using Committed = std::function<void(Status)>;

    ConversationEngine(ConversationStore& store, Agent& agent, ChannelRegistry& channels, Bot bot,
                       QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConversationEngine)

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setAgent(Agent& agent) { m_decider.setAgent(agent); }
    void setBot(Bot bot) { m_decider.setBot(std::move(bot)); }
    const Bot& bot() const { return m_decider.bot(); }
    ConversationDecider& decider() { return m_decider; }
    OutboundSender& outbound() { return m_sender; }

    // Picks up what a previous run left: undecided messages and unsent texts. Call once the
    // channels and the agent are wired (the leader only).
    void start();

    // Stores the customer's message (ONE transaction) and queues its decision. Returns the
    // conversation id once committed: only then may the channel be acknowledged.
    Expected<QString> receiveCustomerMessage(const CustomerMessage& message);
    Expected<QString> receiveCustomerMessage(const QString& channel, const QString& externalId,
                                             const QString& contactName, const QString& text,
                                             const QDateTime& at);
    // The same as a channel connector's inbound sink: `committed` is called once, with the result.
    void receive(const CustomerMessage& message, const Committed& committed);

    // Gives the conversation back to the bot: closes the open handoff, or ends an operator's
    // takeover. Refused when the bot already has it.
    Status resolve(const QString& conversationId, const QString& operatorName);

    // Stores the operator's reply and queues it for the conversation's channel; the send outcome
    // arrives as outboundSettled(). Replying while the bot has the conversation takes it over.
    Status replyAsOperator(const QString& conversationId, const QString& text, const QString& operatorName);
    // Stores an internal note for the team: never queued for the channel, never in a webhook,
    // never read by the bot, and it does not take the conversation over.
    Status addNote(const QString& conversationId, const QString& text, const QString& operatorName);
    // Sends a message whose send failed again, through the channel outbox like any other.
    Status retrySend(qint64 messageId);

    // The same four as the window asks for them: the write runs on the store's writer thread
    // (StoreWriter), where it may wait for another process's lock, or for PostgreSQL, without the
    // window waiting. `done` gets the result later on this thread, after the store's signals for
    // the write, unless `receiver` is gone by then; what follows a commit here (the signals
    // below, the send) happens whether or not anyone still listens.
    using Done = std::function<void(Status)>;
    void resolve(const QString& conversationId, const QString& operatorName, QObject* receiver, Done done);
    void replyAsOperator(const QString& conversationId, const QString& text, const QString& operatorName,
                         QObject* receiver, Done done);
    void addNote(const QString& conversationId, const QString& text, const QString& operatorName,
                 QObject* receiver, Done done);
    void retrySend(qint64 messageId, QObject* receiver, Done done);

signals:
    void customerMessageStored(const QString& conversationId, qint64 messageId);
    void botReplied(const QString& conversationId, qint64 messageId);
    // A handoff was decided and recorded; its webhook is owed once webhookDue() says so.
    void handoffRecorded(qint64 handoffEventId, const QString& conversationId);
    // The handoff message's send finished (sent or failed for good): deliver the lead now.
    void webhookDue(qint64 handoffEventId);
    void outboundSettled(const QString& conversationId, qint64 messageId, bool sent, const QString& error);
    void operatorTookOver(const QString& conversationId);
    // Every message of the conversation stored so far has been decided.
    void decisionsSettled(const QString& conversationId);
    void handoffResolved(qint64 handoffEventId, const QString& conversationId);
    // Something went wrong that an operator should see; the text says what.
    void problem(const QString& conversationId, const QString& message);

private:
    // What a reply needs to be checked and stored, taken on this thread (the channels, whether
    // this process leads) so the store's part can run here or on the writer's thread alike.
    struct ReplyRequest
    {
        QString conversationId;
        QString text;
        QString operatorName;
        qint64 at = 0;
        bool leading = false;
        QStringList channels;
    };
    // The store's part of a reply and of a retry, with the stores of whichever connection runs
    // them: this one's (the call that answers at once) or the writer's (the one that answers later).
    static Expected<PipelineStore::OperatorReply>
    recordReply(ConversationStore& store, PipelineStore& pipeline, const ReplyRequest& request);
    static Expected<QString> requeueSend(ConversationStore& store, ChannelOutboxStore& outbox,
                                         qint64 messageId, qint64 at);
    ReplyRequest replyRequest(const QString& conversationId, const QString& text,
                              const QString& operatorName) const;
    // After a reply was stored: the takeover is announced and the outbox sends it.
    void afterReply(const QString& conversationId, const PipelineStore::OperatorReply& recorded);
    void onDecided(const QString& conversationId, const PipelineStore::Decided& decision);
    qint64 now() const { return m_clock(); }

    ConversationStore& m_store;
    ChannelRegistry& m_channels;
    Clock m_clock;
    PipelineStore m_pipeline;
    ChannelOutboxStore m_outbox;
    ConversationDecider m_decider;
    OutboundSender m_sender;
};

} // namespace zapito
