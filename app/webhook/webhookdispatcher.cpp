// SPDX-License-Identifier: Apache-2.0
#include "webhookdispatcher.h"

#include "httpclient.h"
#include "signature.h"
#include "webhooksettings.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>

#include <algorithm>
#include <memory>

namespace zapito {

Q_LOGGING_CATEGORY(lcWebhook, "zapito.webhook")

namespace {

// The int of milliseconds a QTimer gets: at least `floor`, never more than `ceiling`.
int timerMs(qint64 ms, qint64 floor, std::chrono::milliseconds ceiling)
{
    return int(std::clamp<qint64>(ms, floor, std::max<qint64>(floor, ceiling.count())));
}

QString kindName(int kind)
{
    switch (kind) {
    case 0:
        return QStringLiteral("first");
    case 1:
        return QStringLiteral("retry");
    default:
        return QStringLiteral("resend");
    }
}

QString durationText(std::chrono::milliseconds d)
{
    if (d.count() % 1000 == 0)
        return WebhookDispatcher::tr("%1 s").arg(d.count() / 1000);
    return WebhookDispatcher::tr("%1 ms").arg(d.count());
}

} // namespace

WebhookDispatcher::WebhookDispatcher(DeliveryStore& deliveries, WebhookSettings& settings, QObject* parent)
    : QObject(parent)
    , m_deliveries(deliveries)
    , m_settings(settings)
    , m_http(HttpClient::forCurrentThread())
{
    qRegisterMetaType<zapito::TestEventResult>();
    // Every recorded attempt and outcome, whoever wrote it, reaches the transcript through here.
    connect(&m_deliveries, &DeliveryStore::deliveryChanged, this, &WebhookDispatcher::deliveryChanged);
    connect(&m_sweep, &QTimer::timeout, this, &WebhookDispatcher::sweep);
    connect(&m_leaseRenewal, &QTimer::timeout, this, &WebhookDispatcher::renewLeases);
    m_resumeAgain.setSingleShot(true);
    connect(&m_resumeAgain, &QTimer::timeout, this, &WebhookDispatcher::resumePending);
    setDeadline(m_deadline);
}

// Requests still in flight are dropped (this object is their context in the HttpClient);
// their outbox rows stay and resumePending() sends them again at the next start.
WebhookDispatcher::~WebhookDispatcher() = default;

QByteArray WebhookDispatcher::userAgent()
{
    return QByteArrayLiteral("ZapitoInbox/" ZAPITO_VERSION);
}

qint64 WebhookDispatcher::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void WebhookDispatcher::setDeadline(std::chrono::milliseconds deadline)
{
    m_deadline = deadline;
    // Renewed twice per deadline, a lease of two deadlines is always at least 1.5 ahead.
    m_leaseRenewal.setInterval(timerMs(deadline.count() / 2, 1, m_maxTimerDelay));
}

void WebhookDispatcher::startClamped(QTimer& timer, qint64 delayMs) const
{
    // Never hand QTimer more than an int can hold: the timeout re-reads the due time and waits again.
    timer.start(timerMs(delayMs, 0, m_maxTimerDelay));
}

QString WebhookDispatcher::timeText(qint64 atMs) const
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(atMs).toLocalTime();
    const QDateTime today = QDateTime::fromMSecsSinceEpoch(now()).toLocalTime();
    return at.toString(at.date() == today.date() ? QStringLiteral("HH:mm:ss")
                                                 : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString WebhookDispatcher::resend(qint64 handoffEventId)
{
    const auto answer = [this, handoffEventId](const QString& text) {
        qCInfo(lcWebhook).noquote() << "Resend of delivery" << handoffEventId << "->" << text;
        emit notice(handoffEventId, text);
        return text;
    };
    if (const auto sample = m_deliveries.isSample(handoffEventId); !sample) {
        return answer(
            tr("Nothing was sent: whether this handoff belongs to a sample conversation could not be "
               "read (%1). Try again in a moment.")
                .arg(sample.error()));
    } else if (*sample) {
        (void)m_deliveries.remove(handoffEventId);
        return answer(tr("This handoff belongs to a sample conversation, so its webhook is never sent."));
    }
    if (m_inFlight.contains(handoffEventId))
        return answer(tr("An attempt is already under way; its result will show on the handoff."));
    const auto row = m_deliveries.outboxRow(handoffEventId);
    if (!row) {
        return answer(
            tr("Nothing was sent: the webhook outbox could not be read (%1). Try again in a moment.")
                .arg(row.error()));
    }
    if (!row->has_value()) {
        // Through the outbox, like every attempt: whichever process claims the queued row sends
        // it, so two seats pressing Resend at once still send one attempt.
        const auto queued = m_deliveries.queueResend(handoffEventId, now());
        if (!queued) {
            return answer(tr("Nothing was sent: the resend could not be queued (%1). Try again in a moment.")
                              .arg(queued.error()));
        }
        if (!*queued)
            return answer(tr("An attempt is already under way; its result will show on the handoff."));
        const QString problem = startAttempt(handoffEventId, Kind::Resend);
        return answer(problem.isEmpty()
                          ? tr("Sending again now, as one more attempt; its result will show on the "
                               "handoff.")
                          : problem);
    }
    // Still owed: the operator wants it now, not at its retry time. The regular attempt (first or
    // retry) goes out at once, and the timer that waited for it is dropped.
    const OutboxRow& owed = **row;
    if (owed.waitsForMessage)
        return answer(
            tr("The webhook goes out as soon as the handoff message has been sent to the customer, which "
               "has not happened yet."));
    const qint64 at = now();
    const std::optional<qint64> wasDue = m_timers.contains(handoffEventId)
                                             ? std::optional(m_dueAt.value(handoffEventId))
                                         : owed.dueAtMs > at ? std::optional(owed.dueAtMs)
                                                             : std::nullopt;
    if (owed.dueAtMs > at) {
        if (const Status moved = m_deliveries.reschedule(handoffEventId, at); !moved) {
            return answer(
                tr("Nothing was sent: the delivery could not be moved forward (%1); it still goes out at "
                   "%2.")
                    .arg(moved.error(), timeText(wasDue.value_or(owed.dueAtMs))));
        }
    }
    cancelTimer(handoffEventId);
    const QString problem = startAttempt(handoffEventId, kindOf(owed));
    if (!problem.isEmpty())
        return answer(problem);
    return answer(wasDue ? tr("Sending now instead of at %1.").arg(timeText(*wasDue)) : tr("Sending now."));
}

void WebhookDispatcher::release(qint64 handoffEventId)
{
    m_inFlight.remove(handoffEventId);
    m_leased.remove(handoffEventId);
    m_lostLeases.remove(handoffEventId);
    if (m_leased.isEmpty())
        m_leaseRenewal.stop();
}

void WebhookDispatcher::renewLeases()
{
    // A claimed delivery may wait behind other requests to the same host (HttpClient queues
    // beyond its per-host limit) or for a slow keychain; its lease must outlast that, or a
    // sweep would take the row as abandoned. Renewed here for as long as this process holds it.
    for (auto it = m_leased.cbegin(); it != m_leased.cend(); ++it) {
        if (m_lostLeases.contains(it.key()))
            continue;
        const auto renewed = m_deliveries.renewLease(it.key(), it.value(), leaseDuration().count());
        if (!renewed) {
            qCWarning(lcWebhook) << "Cannot renew the lease of delivery" << it.key() << renewed.error();
        } else if (!*renewed) {
            m_lostLeases.insert(it.key());
            qCWarning(lcWebhook) << "Delivery" << it.key()
                                 << "was taken over by another process after this one's lease ran out; "
                                    "what this attempt finds out is not recorded";
        }
    }
}

QString WebhookDispatcher::startAttempt(qint64 handoffEventId, Kind kind)
{
    // Never two claims of one row in this process: deliver() and resend() check m_inFlight, and
    // this is the last line.
    if (m_leased.contains(handoffEventId) || m_inFlight.contains(handoffEventId))
        return tr("An attempt is already under way; its result will show on the handoff.");
    // Every attempt, whatever becomes of it, starts with a claim of its outbox row: with many
    // processes on the store only the claimant sends, and every write after it names the claim's
    // token, so a claimant whose lease ran out records nothing over the one that took the row
    // next. The lease is renewed while the request waits or is in flight here (renewLeases), so
    // it only runs out when this process is gone or stalls.
    const auto claimed = m_deliveries.claim(handoffEventId, now(), leaseDuration().count());
    if (!claimed) {
        storeFailed(handoffEventId, tr("The delivery could not be claimed"), claimed.error());
        return tr("Nothing was sent yet: the delivery could not be claimed (%1); it is tried again "
                  "shortly.")
            .arg(claimed.error());
    }
    if (!claimed->has_value()) {
        // Gone, not due after all, or held by another claimant (another process, or a lease of a
        // previous run that has not run out): the sweep takes it once it is due and free.
        return tr("Nothing was sent: the delivery is not due yet; it goes out by itself.");
    }
    (void)kind; // the claimed row, not an earlier read, says which attempt it is
    return startClaimed(**claimed);
}

QString WebhookDispatcher::startClaimed(const OutboxClaim& claim)
{
    const qint64 handoffEventId = claim.row.handoffEventId;
    const qint64 token = claim.token;
    const Kind kind = kindOf(claim.row);
    m_leased.insert(handoffEventId, token);
    if (!m_leaseRenewal.isActive())
        m_leaseRenewal.start();
    m_inFlight.insert(handoffEventId);

    const bool switchedOn = m_settings.isEnabled() && !m_settings.endpoint().isEmpty();
    if (!switchedOn) {
        if (kind == Kind::First) {
            const auto skipped = m_deliveries.setOutcome(handoffEventId, DeliveryOutcome::Skipped, token);
            if (!skipped) {
                (void)m_deliveries.handBack(handoffEventId, token, now());
                release(handoffEventId);
                storeFailed(handoffEventId, tr("The skipped delivery could not be recorded"),
                            skipped.error());
                return tr("Nothing was sent: the skipped delivery could not be recorded (%1).")
                    .arg(skipped.error());
            }
            release(handoffEventId);
            return tr("Nothing was sent: the webhook has no endpoint or is switched off, so the delivery is "
                      "skipped.");
        }
        const QString why = tr("The webhook has no endpoint or is switched off, so nothing was sent.");
        fail(handoffEventId, kind, why);
        return why;
    }
    if (const QString problem = WebhookSettings::endpointProblem(m_settings.endpoint()); !problem.isEmpty()) {
        fail(handoffEventId, kind, problem);
        return problem;
    }
    m_settings.readSecret([self = QPointer<WebhookDispatcher>(this), handoffEventId,
                           kind](std::optional<QString> secret, const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            self->secretUnavailable(handoffEventId, kind, error);
            return;
        }
        if (!secret || secret->isEmpty()) {
            self->fail(handoffEventId, kind,
                       tr("No signing secret is set, so nothing was sent: requests are never sent unsigned. "
                          "Set one in Settings \u2192 Integrations, then resend."));
            return;
        }
        self->sendWithSecret(handoffEventId, kind, *secret);
    });
    return {};
}

void WebhookDispatcher::secretUnavailable(qint64 handoffEventId, Kind kind, const QString& error)
{
    // Not "no secret": the keychain is slow or locked, or the secrets file is damaged. Nothing
    // went out, so nothing is recorded and no attempt is used up; the outbox row stays.
    const qint64 token = m_leased.value(handoffEventId);
    if (kind == Kind::Resend) {
        if (const auto dropped = m_deliveries.drop(handoffEventId, token); !dropped)
            qCWarning(lcWebhook) << "Cannot drop the queued resend of delivery" << handoffEventId
                                 << dropped.error();
        release(handoffEventId);
        emit notice(handoffEventId,
                    tr("Nothing was sent: the signing secret cannot be read right now. %1 Resend "
                       "again once it can be read.")
                        .arg(error));
        return;
    }
    const qint64 at = now() + m_secretRetryDelay.count();
    release(handoffEventId);
    // Hands the lease back early: due at the next try, so a restart meanwhile tries then too.
    if (const auto kept = m_deliveries.handBack(handoffEventId, token, at); !kept)
        qCWarning(lcWebhook) << "Cannot move delivery" << handoffEventId
                             << "to its next try:" << kept.error();
    if (m_waiting.value(handoffEventId) != error) // once per cause, not every few seconds
        qCWarning(lcWebhook).noquote()
            << "Delivery" << handoffEventId << "waits for the signing secret:" << error;
    m_waiting.insert(handoffEventId, error);
    emit notice(handoffEventId,
                tr("The signing secret cannot be read right now, so the webhook waits (this is no "
                   "attempt): %1 It is tried again at %2.")
                    .arg(error, timeText(at)));
    scheduleAt(handoffEventId, at);
}

void WebhookDispatcher::sendWithSecret(qint64 handoffEventId, Kind kind, const QString& secret)
{
    const auto body = m_deliveries.payload(handoffEventId);
    // Random and stored with the event: receivers de-duplicate on it, so it must never repeat
    // across installs or a moved database, and must stay the same on the retry and a resend.
    const auto deliveryId = body ? m_deliveries.deliveryId(handoffEventId) : Expected<QString>(QString());
    if (!body || !deliveryId) {
        // The store failed, not the delivery: nothing went out, so it is tried again.
        const QString error = !body ? body.error() : deliveryId.error();
        const qint64 token = m_leased.value(handoffEventId);
        release(handoffEventId);
        if (kind == Kind::Resend) {
            (void)m_deliveries.drop(handoffEventId, token);
            emit notice(
                handoffEventId,
                tr("Nothing was sent: the stored webhook could not be read (%1). Try again in a moment.")
                    .arg(error));
            return;
        }
        const qint64 at = now() + m_storeRetryDelay.count();
        (void)m_deliveries.handBack(handoffEventId, token, at);
        storeFailed(handoffEventId, tr("The stored webhook could not be read"), error);
        return;
    }
    if (deliveryId->isEmpty()) {
        fail(handoffEventId, kind, tr("The delivery id could not be read: %1").arg(tr("none stored")));
        return;
    }
    const qint64 startedAtMs = now();
    post(m_settings.endpointUrl(), secret.toUtf8(), *body, deliveryId->toUtf8(),
         [this, handoffEventId, kind, startedAtMs](const HttpResult& result, const QString& error) {
             finishAttempt(handoffEventId, kind, startedAtMs, result, error);
         });
}

void WebhookDispatcher::finishAttempt(qint64 handoffEventId, Kind kind, qint64 startedAtMs,
                                      const HttpResult& result, const QString& error)
{
    DeliveryAttempt attempt;
    attempt.handoffEventId = handoffEventId;
    attempt.attemptedAtMs = startedAtMs;
    attempt.httpStatus = result.status;
    attempt.error = error;
    attempt.durationMs = result.durationMs;
    attempt.kind = kindName(static_cast<int>(kind));

    DeliveryStore::AfterAttempt after;
    const bool ok = error.isEmpty();
    if (ok) {
        after.outcome = DeliveryOutcome::Sent;
    } else if (kind == Kind::First) {
        after.retryAtMs = now() + m_retryDelay.count();
    } else if (kind == Kind::Retry) {
        after.outcome = DeliveryOutcome::Failed;
    } else {
        // A failed resend of a delivery that once arrived does not undo that it arrived.
        const auto previous = m_deliveries.outcome(handoffEventId);
        if (!previous || *previous != DeliveryOutcome::Sent)
            after.outcome = DeliveryOutcome::Failed;
    }
    qCInfo(lcWebhook).noquote() << "Delivery" << handoffEventId << attempt.kind << "->"
                                << (ok ? QStringLiteral("HTTP %1").arg(result.status) : error);
    record(attempt, after);
}

void WebhookDispatcher::fail(qint64 handoffEventId, Kind kind, const QString& error)
{
    // No request went out, so a retry would meet the same problem: the delivery ends here.
    DeliveryAttempt attempt;
    attempt.handoffEventId = handoffEventId;
    attempt.attemptedAtMs = now();
    attempt.error = error;
    attempt.kind = kindName(static_cast<int>(kind));
    DeliveryStore::AfterAttempt after;
    const auto previous = m_deliveries.outcome(handoffEventId);
    if (kind != Kind::Resend || !previous || *previous != DeliveryOutcome::Sent)
        after.outcome = DeliveryOutcome::Failed;
    qCWarning(lcWebhook).noquote() << "Delivery" << handoffEventId << attempt.kind << "not sent:" << error;
    m_inFlight.insert(handoffEventId); // until recorded, whatever happens meanwhile
    record(attempt, after);
}

void WebhookDispatcher::record(const DeliveryAttempt& attempt, const DeliveryStore::AfterAttempt& after)
{
    // Every attempt follows a claim (startAttempt); its token goes with the record.
    Q_ASSERT(m_leased.contains(attempt.handoffEventId));
    record(attempt, after, m_leased.value(attempt.handoffEventId));
}

void WebhookDispatcher::record(const DeliveryAttempt& attempt, const DeliveryStore::AfterAttempt& after,
                               qint64 token)
{
    const qint64 id = attempt.handoffEventId;
    const auto recorded = m_deliveries.recordAttempt(attempt, after, token);
    if (!recorded) {
        // The request went out (or the delivery ended), so it is not sent again: the same record
        // is written again later. The delivery stays in flight here until it is, and its lease
        // keeps being renewed.
        const qint64 at = now() + m_storeRetryDelay.count();
        qCWarning(lcWebhook) << "Cannot record the attempt of delivery" << id << recorded.error();
        emit notice(id, tr("The attempt could not be recorded (%1); recording it again at %2.")
                            .arg(recorded.error(), timeText(at)));
        QTimer::singleShot(timerMs(m_storeRetryDelay.count(), 0, m_maxTimerDelay), this,
                           [this, attempt, after, token] { record(attempt, after, token); });
        return;
    }
    m_waiting.remove(id);
    release(id);
    if (!recorded->has_value()) {
        // This process stalled past its lease and another took the row (and sends it, or did):
        // that claimant's record stands, and this late result must not overwrite it.
        qCWarning(lcWebhook).noquote() << "Delivery" << id << attempt.kind
                                       << "result discarded: another process took the delivery over after "
                                          "this one's lease ran out";
        return;
    }
    if (after.retryAtMs)
        scheduleAt(id, *after.retryAtMs);
}

void WebhookDispatcher::post(const QUrl& url, const QByteArray& secret, const QByteArray& body,
                             const QByteArray& deliveryId, HttpDone done)
{
    // The client never follows a 3xx (it would send the lead somewhere the user never
    // configured) and ends the exchange m_deadline after the request went out, whatever
    // trickles in; the first 1 KB of the answer is kept for the operator, the rest dropped.
    HttpRequest request;
    request.verb = "POST";
    request.url = url;
    request.body = body;
    request.deadline = m_deadline;
    request.transferTimeout = m_deadline;
    request.maxBodyBytes = kExcerptBytes;
    request.header("Content-Type", "application/json")
        .header("User-Agent", userAgent())
        .header("X-Zapito-Event", "lead.handoff")
        .header("X-Zapito-Delivery", deliveryId)
        .header("X-Zapito-Signature", signatureHeaderValue(secret, body));
    m_http.send(std::move(request), this, [this, done = std::move(done)](const HttpResult& result) {
        done(result, attemptError(result));
    });
}

QString WebhookDispatcher::attemptError(const HttpResult& result) const
{
    if (result.timedOut())
        return tr("No complete answer within %1.").arg(durationText(m_deadline));
    if (result.status >= 300 && result.status < 400) {
        const QString location = QString::fromUtf8(result.location).left(200);
        return tr("HTTP %1: a redirect (to %2), which is never followed.")
            .arg(result.status)
            .arg(location.isEmpty() ? tr("nowhere") : location);
    }
    if (result.isSuccess())
        return {};
    if (result.status >= 200 && result.status < 300)
        return tr("HTTP %1, but the answer broke off.").arg(result.status);
    if (result.status != 0) {
        const QString reason = QString::fromUtf8(result.reasonPhrase).left(100);
        return reason.isEmpty() ? tr("HTTP %1").arg(result.status)
                                : tr("HTTP %1 %2").arg(result.status).arg(reason);
    }
    return result.errorText.isEmpty() ? tr("The request failed without an answer.") : result.errorText;
}

} // namespace zapito
