// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationstore.h"

namespace zapito {

// The pipeline's writes, each ONE transaction: a customer message stored undecided before the
// channel is answered; the bot's decision recorded together with the text to send; an operator's
// reply with its send. Announced through the ConversationStore's signals, so item models stay live.
class PipelineStore final : public QObject
{
    Q_OBJECT
public:
    explicit PipelineStore(ConversationStore& store, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(PipelineStore)

    struct Inbound
    {
        Conversation conversation; // as it stands after the message
        Message message;
        bool duplicate = false; // the channel sent it before; nothing was written
    };
    // Upserts the conversation and appends the customer message, undecided while the bot has the
    // conversation (decided at once while a human has it: the bot stays silent).
    Expected<Inbound> storeInbound(const QString& botId, const CustomerMessage& message, qint64 nowMs);

    // Conversations with a customer message still waiting for the bot's decision.
    Expected<QStringList> conversationsAwaitingDecision() const;

    struct Pending
    {
        Conversation conversation;
        qint64 uptoSeq = 0;        // the newest undecided message: the decision answers up to it
        QList<Message> transcript; // the last messages up to it, oldest first
    };
    // What the bot has to decide in a conversation now; nullopt when nothing waits.
    Expected<std::optional<Pending>> pending(const QString& conversationId, int contextMessages) const;

    struct Decided
    {
        bool discarded = false; // the bot no longer has the conversation: nothing but the marking written
        std::optional<Message> message;      // the reply or handoff message, queued for sending
        std::optional<HandoffEvent> handoff; // set for a handoff
    };
    // Marks the messages up to `uptoSeq` decided with no answer.
    Expected<Decided> decideSilently(const QString& conversationId, qint64 uptoSeq);
    Expected<Decided> decideReply(const QString& conversationId, qint64 uptoSeq, const QString& text,
                                  qint64 nowMs);
    Expected<Decided> decideHandoff(const QString& conversationId, qint64 uptoSeq, const QString& text,
                                    HandoffReason reason, qint64 nowMs,
                                    const ConversationStore::PayloadBuilder& buildPayload);

    struct OperatorReply
    {
        Message message;
        bool tookOver = false; // the bot had the conversation and is now silent in it
    };
    // Stores the operator's reply and queues it for sending; an operator who replies while the bot
    // has the conversation takes it over.
    Expected<OperatorReply> recordOperatorReply(const QString& conversationId, const QString& text,
                                                const QString& author, qint64 nowMs);

    // Stores an operators' internal note: no send, no takeover, nothing the list shows changes.
    Expected<Message> recordNote(const QString& conversationId, const QString& text, const QString& author,
                                 qint64 nowMs);

private:
    enum class Kind
    {
        Silent,
        Reply,
        Handoff
    };
    Expected<Decided> decide(const QString& conversationId, qint64 uptoSeq, Kind kind, const QString& text,
                             HandoffReason reason, qint64 nowMs,
                             const ConversationStore::PayloadBuilder& buildPayload);

    ConversationStore& m_store;
};

} // namespace zapito
