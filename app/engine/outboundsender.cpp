// SPDX-License-Identifier: Apache-2.0
#include "outboundsender.h"

#include <QLoggingCategory>
#include <QPointer>

#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcOutbound, "zapito.engine.outbound")

namespace zapito {

namespace {
// QTimer takes an int of milliseconds; a due time weeks ahead (a clock jump) must not wrap.
int clampedDelay(qint64 ms)
{
    return int(std::clamp<qint64>(ms, 0, std::numeric_limits<int>::max()));
}
constexpr int kRecordRetryMs = 1000;
} // namespace

OutboundSender::OutboundSender(ChannelOutboxStore& store, ChannelRegistry& channels, Clock clock,
                               QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_channels(channels)
    , m_clock(std::move(clock))
{
    m_sweep.setInterval(std::chrono::seconds(30));
    connect(&m_sweep, &QTimer::timeout, this, [this] { resumeAll(); });
    m_sweep.start();
    connect(&m_leaseRenewal, &QTimer::timeout, this, &OutboundSender::renewLeases);
    setSendLease(m_sendLease);
}

void OutboundSender::setSendLease(std::chrono::milliseconds lease)
{
    m_sendLease = lease;
    m_leaseRenewal.setInterval(clampedDelay(std::max<qint64>(1, lease.count() / 3)));
}

void OutboundSender::renewLeases()
{
    for (auto it = m_claims.cbegin(); it != m_claims.cend(); ++it) {
        const auto renewed = m_store.renewLease(it.key(), it.value(), m_sendLease.count());
        if (!renewed)
            qCWarning(lcOutbound) << "cannot renew the lease of message" << it.key() << renewed.error();
    }
}

void OutboundSender::endClaim(qint64 messageId)
{
    m_claims.remove(messageId);
    if (m_claims.isEmpty())
        m_leaseRenewal.stop();
}

void OutboundSender::setSweepInterval(std::chrono::milliseconds interval)
{
    m_sweep.setInterval(interval);
    if (m_active)
        m_sweep.start();
}

void OutboundSender::setActive(bool active)
{
    m_active = active;
    if (active)
        m_sweep.start();
    else
        m_sweep.stop();
}

void OutboundSender::resumeAll(bool now)
{
    if (!m_active)
        return;
    auto conversations = m_store.conversationsWithOutbound();
    if (!conversations) {
        emit problem({}, conversations.error());
        return;
    }
    for (const QString& id : std::as_const(*conversations)) {
        if (now)
            m_forceDue.insert(id);
        kick(id);
    }
}

void OutboundSender::kick(const QString& conversationId)
{
    if (!m_active)
        return;
    if (m_inFlight.contains(conversationId))
        return; // its current message settles first; that kicks the next
    auto head = m_store.head(conversationId);
    if (!head) {
        emit problem(conversationId, head.error());
        wakeLater(conversationId, kRecordRetryMs);
        return;
    }
    if (!*head)
        return;
    OutboundMessage message = **head;
    const qint64 wait = message.dueAtMs - m_clock();
    const bool forced = m_forceDue.remove(conversationId);
    if (wait > 0 && !forced) {
        wakeLater(conversationId, wait);
        return;
    }
    // Only the claimant sends: another process on the store may be at the same head right now
    // (a leader taking over from one that stalls). Its token goes with the message to the record.
    const auto claimed = m_store.claim(
        message.messageId, forced ? std::numeric_limits<qint64>::max() : m_clock(), m_sendLease.count());
    if (!claimed) {
        emit problem(conversationId, claimed.error());
        wakeLater(conversationId, kRecordRetryMs);
        return;
    }
    if (!*claimed) {
        // Held by another claimant: looked at again once its lease would have run out.
        wakeLater(conversationId, m_sendLease.count());
        return;
    }
    message.claimToken = **claimed;
    m_claims.insert(message.messageId, message.claimToken);
    if (!m_leaseRenewal.isActive())
        m_leaseRenewal.start();
    send(message);
}

void OutboundSender::send(const OutboundMessage& message)
{
    m_inFlight.insert(message.conversationId);
    if (message.isSample) {
        settle(message, false, tr("This is a sample conversation: there is no customer to send to."));
        return;
    }
    Channel* channel = m_channels.find(message.channel);
    if (!channel || !channel->isConnected()) {
        onSent(message, false, tr("%1 is not connected").arg(message.channel));
        return;
    }
    QPointer<OutboundSender> self(this);
    channel->send(message.externalId, message.text, [self, message](const SendResult& result) {
        // Channels may answer at once; settle from the event loop so no caller is re-entered.
        if (self)
            QMetaObject::invokeMethod(
                self, [self, message, result] { self->onSent(message, result.ok, result.error); },
                Qt::QueuedConnection);
    });
}

void OutboundSender::onSent(const OutboundMessage& message, bool ok, const QString& error)
{
    if (!ok && message.attemptsMade < m_retryDelays.size()) {
        const qint64 delay = m_retryDelays.at(message.attemptsMade).count();
        qCInfo(lcOutbound) << "send to" << message.conversationId << "failed, trying again in" << delay
                           << "ms:" << error;
        const auto kept = m_store.retryLater(message.messageId, message.claimToken, m_clock() + delay);
        endClaim(message.messageId);
        if (!kept)
            emit problem(message.conversationId, kept.error());
        else if (!*kept)
            qCWarning(lcOutbound) << "message" << message.messageId
                                  << "was taken over by another process after this one's lease ran out; "
                                     "its failed send is not counted";
        m_inFlight.remove(message.conversationId);
        wakeLater(message.conversationId, delay);
        return;
    }
    settle(message, ok, error);
}

void OutboundSender::settle(const OutboundMessage& message, bool sent, const QString& error)
{
    auto recorded = m_store.settle(message.messageId, message.claimToken, sent, error, m_clock());
    if (!recorded) {
        // The customer has (or never will have) it; only the record is missing. Keep the
        // conversation in flight so nothing is sent twice, and write the record again.
        emit problem(message.conversationId, recorded.error());
        QPointer<OutboundSender> self(this);
        QTimer::singleShot(kRecordRetryMs, this, [self, message, sent, error] {
            if (self)
                self->settle(message, sent, error);
        });
        return;
    }
    m_inFlight.remove(message.conversationId);
    endClaim(message.messageId);
    if (recorded->claimLost) {
        // Settled by another claimant, or taken over after this one's lease ran out: that one's
        // record stands.
        qCWarning(lcOutbound)
            << "message" << message.messageId
            << "was settled or taken over by another process; this send's result is discarded";
        kick(message.conversationId);
        return;
    }
    emit settled(message.conversationId, message.messageId, sent, error);
    for (qint64 eventId : std::as_const(recorded->webhooksDue))
        emit webhookDue(eventId);
    kick(message.conversationId);
}

void OutboundSender::wakeLater(const QString& conversationId, qint64 delayMs)
{
    // One wake-up per conversation: the earliest one asked for.
    const qint64 at = m_clock() + delayMs;
    const auto scheduled = m_wakeAt.constFind(conversationId);
    if (scheduled != m_wakeAt.cend() && *scheduled <= at)
        return;
    m_wakeAt.insert(conversationId, at);
    QPointer<OutboundSender> self(this);
    QTimer::singleShot(clampedDelay(delayMs), this, [self, conversationId, at] {
        if (!self)
            return;
        if (self->m_wakeAt.value(conversationId) == at)
            self->m_wakeAt.remove(conversationId);
        self->kick(conversationId);
    });
}

} // namespace zapito
