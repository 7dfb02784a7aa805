// SPDX-License-Identifier: Apache-2.0
// WebhookDispatcher, the side that finds what is owed: deliver() for one handoff, resumePending()
// at start-up, the periodic sweep (which claims due rows in batches), and the per-delivery timers
// that wait for a row to fall due. The attempt itself, from its claim on, is in
// webhookdispatcher.cpp.
#include "webhookdispatcher.h"

#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

namespace zapito {

Q_DECLARE_LOGGING_CATEGORY(lcWebhook)

void WebhookDispatcher::deliver(qint64 handoffEventId)
{
    if (m_inFlight.contains(handoffEventId) || m_timers.contains(handoffEventId))
        return;
    const auto row = m_deliveries.outboxRow(handoffEventId);
    if (!row) {
        storeFailed(handoffEventId, tr("The webhook outbox could not be read"), row.error());
        return;
    }
    if (!row->has_value()) {
        m_waiting.remove(handoffEventId);
        return; // nothing owed: already sent, failed or skipped
    }
    if (refusedAsSample(handoffEventId))
        return;
    const OutboxRow& owed = **row;
    if (owed.waitsForMessage)
        return; // due once its handoff message's send settles (ConversationEngine::webhookDue)
    if (owed.dueAtMs > now()) {
        scheduleAt(handoffEventId, owed.dueAtMs);
        return;
    }
    (void)startAttempt(handoffEventId, kindOf(owed));
}

WebhookDispatcher::Kind WebhookDispatcher::kindOf(const OutboxRow& row)
{
    if (row.resend)
        return Kind::Resend;
    return row.attemptsMade == 0 ? Kind::First : Kind::Retry;
}

bool WebhookDispatcher::refusedAsSample(qint64 handoffEventId)
{
    // A sample's lead is made up: it must never reach the endpoint the user configured, whatever
    // left an outbox row for it.
    const auto sample = m_deliveries.isSample(handoffEventId);
    if (!sample) {
        storeFailed(handoffEventId, tr("The handoff's conversation could not be read"), sample.error());
        return true;
    }
    if (!*sample)
        return false;
    qCInfo(lcWebhook) << "Not delivering" << handoffEventId
                      << "of a sample conversation; its outbox row is dropped";
    if (const Status removed = m_deliveries.remove(handoffEventId); !removed)
        qCWarning(lcWebhook) << "Cannot drop the outbox row of sample delivery" << handoffEventId
                             << removed.error();
    return true;
}

void WebhookDispatcher::resumePending()
{
    if (m_sweepInterval.count() > 0 && !m_sweep.isActive()) {
        m_sweep.setInterval(int(
            std::clamp<qint64>(m_sweepInterval.count(), 1, std::max<qint64>(1, m_maxTimerDelay.count()))));
        m_sweep.start();
    }
    const auto rows = m_deliveries.outbox();
    if (!rows) {
        qCWarning(lcWebhook) << "Cannot read the outbox, trying again in" << m_storeRetryDelay.count()
                             << "ms:" << rows.error();
        startClamped(m_resumeAgain, m_storeRetryDelay.count());
        return;
    }
    for (const OutboxRow& row : *rows)
        deliver(row.handoffEventId);
}

void WebhookDispatcher::sweep()
{
    // Claimed, not just read: one statement takes a batch of due rows that no live lease holds,
    // each with a lease on the store's clock and a new fencing token (DeliveryStore::claimDue).
    // Two processes that both believe they lead for a moment (a stalled leader and its successor)
    // sweep at once, and each row goes to one of them; the other's later writes about it change
    // nothing. Rows this process is working on hold a lease it renews, so they are passed over.
    QSet<qint64> swept;
    for (int batch = 0; batch < kSweepBatches; ++batch) {
        const auto claims = m_deliveries.claimDue(now(), leaseDuration().count(), kSweepBatchRows);
        if (!claims) {
            qCWarning(lcWebhook) << "Cannot claim the due outbox rows (the next sweep tries again):"
                                 << claims.error();
            return;
        }
        bool again = false; // a row handed straight back (a failing store) waits for the next sweep
        for (const OutboxClaim& claim : *claims) {
            again = again || swept.contains(claim.row.handoffEventId);
            swept.insert(claim.row.handoffEventId);
            startSwept(claim);
        }
        if (claims->size() < kSweepBatchRows || again)
            return;
    }
}

void WebhookDispatcher::startSwept(const OutboxClaim& claim)
{
    const qint64 id = claim.row.handoffEventId;
    if (m_inFlight.contains(id)) {
        // Under way here while its lease ran out on the store's clock (a renewal the store
        // refused for a while): the new claim is this process's, and the attempt records with it.
        m_leased.insert(id, claim.token);
        m_lostLeases.remove(id);
        return;
    }
    cancelTimer(id); // due and claimed now: the wake-up that waited for it has nothing left to do
    if (refusedAsSample(id)) {
        // Removed (a sample), or the store failed and a timer tries again: either way the claim
        // ends here, so that try can take the row (a removed row is untouched by this).
        (void)m_deliveries.handBack(id, claim.token, claim.row.dueAtMs);
        return;
    }
    (void)startClaimed(claim);
}

void WebhookDispatcher::scheduleAt(qint64 handoffEventId, qint64 dueAtMs)
{
    QTimer* timer = m_timers.value(handoffEventId);
    if (timer && m_dueAt.value(handoffEventId) <= dueAtMs)
        return; // an earlier wake-up is set already
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, handoffEventId, timer] {
            m_timers.remove(handoffEventId);
            m_dueAt.remove(handoffEventId);
            timer->deleteLater();
            // Re-reads the due time: a wait cut to the timer's limit just waits again.
            deliver(handoffEventId);
        });
        m_timers.insert(handoffEventId, timer);
    }
    m_dueAt.insert(handoffEventId, dueAtMs);
    startClamped(*timer, dueAtMs - now());
}

bool WebhookDispatcher::cancelTimer(qint64 handoffEventId)
{
    QTimer* timer = m_timers.take(handoffEventId);
    m_dueAt.remove(handoffEventId);
    if (!timer)
        return false;
    timer->stop();
    timer->deleteLater();
    return true;
}

void WebhookDispatcher::storeFailed(qint64 handoffEventId, const QString& what, const QString& error)
{
    // Never left for the next start: the same step runs again after the store retry delay (and
    // the sweep would find a due row anyway).
    const qint64 at = now() + m_storeRetryDelay.count();
    qCWarning(lcWebhook).noquote() << what << "for delivery" << handoffEventId << "(" << error
                                   << "); again in" << m_storeRetryDelay.count() << "ms";
    emit notice(handoffEventId, tr("%1 (%2); trying again at %3.").arg(what, error, timeText(at)));
    scheduleAt(handoffEventId, at);
}

} // namespace zapito
