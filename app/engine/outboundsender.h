// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channeloutboxstore.h"
#include "channelregistry.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>

namespace zapito {

// Sends the channel outbox: per conversation one message at a time, in sequence order, so a bot
// reply decided before a handoff can never reach the customer after the handoff message. A send
// that fails is tried again after each of the retry delays, then settles as failed; either way the
// handoff's webhook becomes due then. The outbox is in the store, so a restart sends what is left.
// Each send starts with a claim of its row (a lease on the store's clock and a fencing token), so
// with many processes on the store one sends it, and a late result of a lost claim is discarded.
class OutboundSender final : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    OutboundSender(ChannelOutboxStore& store, ChannelRegistry& channels, Clock clock,
                   QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(OutboundSender)

    // The waits before the second, third, … attempt; after the last the message has failed.
    void setRetryDelays(QList<std::chrono::milliseconds> delays) { m_retryDelays = std::move(delays); }
    // How long a claimed message is this process's to send before another may take it over; renewed
    // three times per lease while the send is under way here, so it runs out only when this process
    // is gone or stalls, and a leader that takes over after a crash waits at most this long for
    // the message the crashed one was sending.
    void setSendLease(std::chrono::milliseconds lease);
    // How often the whole outbox is looked at, in case a wake-up was missed.
    void setSweepInterval(std::chrono::milliseconds interval);

    // Off in a process that does not lead: the leader alone sends the outbox, so a seat never
    // claims a row it has no channel for (it would settle the leader's message as failed).
    void setActive(bool active);
    bool isActive() const { return m_active; }

    // The conversation may have something to send now.
    void kick(const QString& conversationId);
    // Every conversation with something in the outbox; `now` ignores the retry waits (a channel
    // just connected).
    void resumeAll(bool now = false);
    int inFlightCount() const { return int(m_inFlight.size()); }

signals:
    void settled(const QString& conversationId, qint64 messageId, bool sent, const QString& error);
    void webhookDue(qint64 handoffEventId);
    void problem(const QString& conversationId, const QString& message);

private:
    void send(const OutboundMessage& message);
    void onSent(const OutboundMessage& message, bool ok, const QString& error);
    void settle(const OutboundMessage& message, bool sent, const QString& error);
    void wakeLater(const QString& conversationId, qint64 delayMs);
    void renewLeases();
    void endClaim(qint64 messageId);

    ChannelOutboxStore& m_store;
    ChannelRegistry& m_channels;
    Clock m_clock;
    QList<std::chrono::milliseconds> m_retryDelays{std::chrono::seconds(5), std::chrono::seconds(30),
                                                   std::chrono::minutes(2)};
    QSet<QString> m_inFlight;        // conversations whose head message is being sent or recorded
    QSet<QString> m_forceDue;        // retry waits skipped once
    QHash<QString, qint64> m_wakeAt; // the wake-up scheduled for each waiting conversation
    std::chrono::milliseconds m_sendLease{std::chrono::seconds(10)};
    QHash<qint64, qint64> m_claims; // messages claimed here and not settled yet: their tokens
    QTimer m_leaseRenewal;
    QTimer m_sweep;
    bool m_active = true;
};

} // namespace zapito
