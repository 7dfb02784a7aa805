// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationstore.h"

namespace zapito {

// A text still owed to a customer: a channel_outbox row with what sending it needs.
struct OutboundMessage
{
    qint64 messageId = 0;
    QString conversationId;
    qint64 seq = 0;
    qint64 dueAtMs = 0;
    int attemptsMade = 0;
    QString text;
    QString channel;
    QString externalId;
    bool isSample = false;
    qint64 claimToken = 0; // set once claimed (ChannelOutboxStore::claim)
};

// The channel outbox: bot replies, handoff messages and operator replies wait here until their
// send is settled, so a restart sends what a crash interrupted. Settling a handoff message makes
// its webhook due, in the same transaction.
class ChannelOutboxStore final : public QObject
{
    Q_OBJECT
public:
    explicit ChannelOutboxStore(ConversationStore& store, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChannelOutboxStore)

    // The conversation's first unsent message (sends go in conversation order); nullopt if none.
    Expected<std::optional<OutboundMessage>> head(const QString& conversationId) const;
    // Conversations with something in the outbox.
    Expected<QStringList> conversationsWithOutbound() const;

    // Takes the message for sending, in one statement, with a lease of `leaseMs` on the store's
    // clock: its new token, or nullopt when it is gone, not due at `nowMs` or held by another
    // claimant whose lease still runs. With many processes on the store only the claimant sends.
    Expected<std::optional<qint64>> claim(qint64 messageId, qint64 nowMs, qint64 leaseMs);
    // Extends claim `token`'s lease to `leaseMs` from now; false when the claim was lost.
    Expected<bool> renewLease(qint64 messageId, qint64 token, qint64 leaseMs);

    struct Settled
    {
        QList<qint64> webhooksDue; // handoff events whose webhook waited for this message
        bool claimLost = false;    // nothing written: the claim ran out and was taken, or it settled
    };
    // The channel took the message (sent) or refused it for good (failed, with the reason).
    Expected<Settled> settle(qint64 messageId, bool sent, const QString& error, qint64 nowMs);
    // The same for the holder of claim `token`, and only while it holds.
    Expected<Settled> settle(qint64 messageId, qint64 token, bool sent, const QString& error, qint64 nowMs);
    // Puts a message whose send failed for good back into the outbox, due at once, and marks it
    // pending again; returns its conversation. Refused for anything but a failed message we wrote
    // (a note is never one). Its handoff's webhook, if any, was made due when it failed and stays so.
    Expected<QString> requeueFailed(qint64 messageId, qint64 nowMs);
    // Counts a failed attempt and keeps the row, due again at `dueAtMs`.
    Status retryLater(qint64 messageId, qint64 dueAtMs);
    // The same for the holder of claim `token`, ending the claim; false when it was lost.
    Expected<bool> retryLater(qint64 messageId, qint64 token, qint64 dueAtMs);

private:
    Expected<Settled> settleClaimed(qint64 messageId, std::optional<qint64> token, bool sent,
                                    const QString& error, qint64 nowMs);
    Expected<bool> countFailure(qint64 messageId, std::optional<qint64> token, qint64 dueAtMs);

    ConversationStore& m_store;
};

} // namespace zapito
