// SPDX-License-Identifier: Apache-2.0
#include "webhookdispatcher.h"

#include "httpclient.h"
#include "leadpayload.h"
#include "signature.h"
#include "webhooksettings.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <QUuid>

#include <memory>

namespace zapito {

Q_LOGGING_CATEGORY(lcWebhook, "zapito.webhook")

namespace {

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

// The sample a test event posts: the real shape, plainly fake values.
QByteArray samplePayload(qint64 atMs)
{
    const Bot bot{QStringLiteral("bot_test"), QStringLiteral("Zapito test event")};
    Conversation conversation;
    conversation.id = QStringLiteral("conv_test");
    conversation.channel = QStringLiteral("preview");
    conversation.externalId = QStringLiteral("test");
    conversation.contactName = QStringLiteral("Test Customer");
    conversation.status = ConversationStatus::Handoff;
    Message question;
    question.role = MessageRole::User;
    question.content = QStringLiteral("Can I talk to a person?");
    question.atMs = atMs - 3000;
    Message answer;
    answer.role = MessageRole::Assistant;
    answer.content = QStringLiteral("Connecting you with a team member right away.");
    answer.atMs = atMs;
    return buildLeadPayload(bot, conversation, {question, answer}, QStringLiteral("test"), atMs);
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

void WebhookDispatcher::deliver(qint64 handoffEventId)
{
    if (m_inFlight.contains(handoffEventId) || m_timers.contains(handoffEventId))
        return;
    const auto row = m_deliveries.outboxRow(handoffEventId);
    if (!row) {
        qCWarning(lcWebhook) << "Cannot read the outbox:" << row.error();
        return;
    }
    if (!row->has_value())
        return; // nothing owed: already sent, failed or skipped
    const OutboxRow& owed = **row;
    if (owed.dueAtMs > now()) {
        scheduleAt(handoffEventId, owed.dueAtMs);
        return;
    }
    startAttempt(handoffEventId, owed.attemptsMade == 0 ? Kind::First : Kind::Retry);
}

void WebhookDispatcher::resumePending()
{
    const auto rows = m_deliveries.outbox();
    if (!rows) {
        qCWarning(lcWebhook) << "Cannot read the outbox:" << rows.error();
        return;
    }
    for (const OutboxRow& row : *rows)
        deliver(row.handoffEventId);
}

void WebhookDispatcher::resend(qint64 handoffEventId)
{
    if (m_inFlight.contains(handoffEventId) || m_timers.contains(handoffEventId))
        return;
    // A sample's lead is made up: it must never reach the endpoint the user configured.
    if (const auto sample = m_deliveries.isSample(handoffEventId); !sample || *sample) {
        qCInfo(lcWebhook) << "Not resending delivery" << handoffEventId << "of a sample conversation";
        return;
    }
    const auto row = m_deliveries.outboxRow(handoffEventId);
    if (row && row->has_value()) {
        deliver(handoffEventId); // still owed: the regular attempt is the resend
        return;
    }
    startAttempt(handoffEventId, Kind::Resend);
}

void WebhookDispatcher::scheduleAt(qint64 handoffEventId, qint64 dueAtMs)
{
    if (m_timers.contains(handoffEventId))
        return;
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, handoffEventId, timer] {
        m_timers.remove(handoffEventId);
        timer->deleteLater();
        deliver(handoffEventId);
    });
    m_timers.insert(handoffEventId, timer);
    timer->start(std::chrono::milliseconds(qMax<qint64>(0, dueAtMs - now())));
}

void WebhookDispatcher::startAttempt(qint64 handoffEventId, Kind kind)
{
    const bool switchedOn = m_settings.isEnabled() && !m_settings.endpoint().isEmpty();
    if (!switchedOn) {
        if (kind == Kind::First) {
            if (const Status s = m_deliveries.setOutcome(handoffEventId, DeliveryOutcome::Skipped); !s)
                qCWarning(lcWebhook) << "Cannot record the skipped delivery" << handoffEventId << s.error();
            return;
        }
        fail(handoffEventId, kind,
             tr("The webhook has no endpoint or is switched off, so nothing was sent."));
        return;
    }
    if (const QString problem = WebhookSettings::endpointProblem(m_settings.endpoint()); !problem.isEmpty()) {
        fail(handoffEventId, kind, problem);
        return;
    }
    if (kind != Kind::Resend) {
        // The lease keeps the row from being taken twice; should the app die mid-request, the
        // next start sends it again once the lease ends.
        const qint64 at = now();
        const auto claimed = m_deliveries.claim(handoffEventId, at, at + 2 * m_deadline.count());
        if (!claimed) {
            qCWarning(lcWebhook) << "Cannot claim delivery" << handoffEventId << claimed.error();
            return;
        }
        if (!claimed->has_value())
            return;
    }
    m_inFlight.insert(handoffEventId);
    m_settings.readSecret([self = QPointer<WebhookDispatcher>(this), handoffEventId,
                           kind](std::optional<QString> secret, const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            self->fail(handoffEventId, kind,
                       tr("The signing secret could not be read, so nothing was sent: %1").arg(error));
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
}

void WebhookDispatcher::sendWithSecret(qint64 handoffEventId, Kind kind, const QString& secret)
{
    const auto body = m_deliveries.payload(handoffEventId);
    if (!body) {
        fail(handoffEventId, kind, tr("The stored webhook body could not be read: %1").arg(body.error()));
        return;
    }
    // Random and stored with the event: receivers de-duplicate on it, so it must never repeat
    // across installs or a moved database, and must stay the same on the retry and a resend.
    const auto deliveryId = m_deliveries.deliveryId(handoffEventId);
    if (!deliveryId || deliveryId->isEmpty()) {
        fail(handoffEventId, kind,
             tr("The delivery id could not be read: %1")
                 .arg(deliveryId ? tr("none stored") : deliveryId.error()));
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
    m_inFlight.remove(handoffEventId);
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
    if (const auto recorded = m_deliveries.recordAttempt(attempt, after); !recorded) {
        qCWarning(lcWebhook) << "Cannot record the attempt of delivery" << handoffEventId << recorded.error();
        return;
    }
    if (after.retryAtMs)
        scheduleAt(handoffEventId, *after.retryAtMs);
}

void WebhookDispatcher::fail(qint64 handoffEventId, Kind kind, const QString& error)
{
    m_inFlight.remove(handoffEventId);
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
    if (const auto recorded = m_deliveries.recordAttempt(attempt, after); !recorded)
        qCWarning(lcWebhook) << "Cannot record the attempt of delivery" << handoffEventId << recorded.error();
}

void WebhookDispatcher::sendTestEvent()
{
    const QString endpoint = m_settings.endpoint();
    m_settings.readSecret([self = QPointer<WebhookDispatcher>(this), endpoint](std::optional<QString> secret,
                                                                               const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            TestEventResult result;
            result.error = tr("The signing secret could not be read: %1").arg(error);
            emit self->testEventFinished(result);
            return;
        }
        self->sendTestEvent(endpoint, secret.value_or(QString()));
    });
}

void WebhookDispatcher::sendTestEvent(const QString& endpoint, const QString& secret)
{
    QString problem = WebhookSettings::endpointProblem(endpoint);
    if (problem.isEmpty() && endpoint.trimmed().isEmpty())
        problem = tr("No endpoint is set: enter the URL that should receive the leads.");
    if (problem.isEmpty() && secret.isEmpty())
        problem = tr("No signing secret is set: requests are never sent unsigned.");
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this, problem] {
                TestEventResult result;
                result.error = problem;
                emit testEventFinished(result);
            },
            Qt::QueuedConnection);
        return;
    }
    const qint64 at = now();
    post(QUrl(endpoint.trimmed(), QUrl::StrictMode), secret.toUtf8(), samplePayload(at),
         QByteArrayLiteral("test-") + QUuid::createUuid().toByteArray(QUuid::WithoutBraces),
         [this](const HttpResult& http, const QString& error) {
             TestEventResult result;
             result.httpStatus = http.status;
             result.latencyMs = http.durationMs;
             result.bodyExcerpt = http.body;
             result.error = error;
             emit testEventFinished(result);
         });
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
