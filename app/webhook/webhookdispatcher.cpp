// SPDX-License-Identifier: Apache-2.0
#include "webhookdispatcher.h"

#include "leadpayload.h"
#include "signature.h"
#include "webhooksettings.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
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
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<zapito::TestEventResult>();
    // Every recorded attempt and outcome, whoever wrote it, reaches the transcript through here.
    connect(&m_deliveries, &DeliveryStore::deliveryChanged, this, &WebhookDispatcher::deliveryChanged);
}

WebhookDispatcher::~WebhookDispatcher()
{
    // Requests still in flight are dropped; their outbox rows stay and resumePending() sends
    // them again at the next start.
    const auto replies = m_network->findChildren<QNetworkReply*>();
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
    }
}

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
         [this, handoffEventId, kind, startedAtMs](const HttpResult& result) {
             finishAttempt(handoffEventId, kind, startedAtMs, result);
         });
}

void WebhookDispatcher::finishAttempt(qint64 handoffEventId, Kind kind, qint64 startedAtMs,
                                      const HttpResult& result)
{
    m_inFlight.remove(handoffEventId);
    DeliveryAttempt attempt;
    attempt.handoffEventId = handoffEventId;
    attempt.attemptedAtMs = startedAtMs;
    attempt.httpStatus = result.httpStatus;
    attempt.error = result.error;
    attempt.durationMs = result.durationMs;
    attempt.kind = kindName(static_cast<int>(kind));

    DeliveryStore::AfterAttempt after;
    const bool ok = result.error.isEmpty();
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
                                << (ok ? QStringLiteral("HTTP %1").arg(result.httpStatus) : result.error);
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
         [this](const HttpResult& http) {
             TestEventResult result;
             result.httpStatus = http.httpStatus;
             result.latencyMs = http.durationMs;
             result.bodyExcerpt = http.bodyExcerpt;
             result.error = http.error;
             emit testEventFinished(result);
         });
}

void WebhookDispatcher::post(const QUrl& url, const QByteArray& secret, const QByteArray& body,
                             const QByteArray& deliveryId, HttpDone done)
{
    QNetworkRequest request(url);
    // A 3xx is a failure: following it would send the lead somewhere the user never configured.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(static_cast<int>(m_deadline.count()));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("X-Zapito-Event", "lead.handoff");
    request.setRawHeader("X-Zapito-Delivery", deliveryId);
    request.setRawHeader("X-Zapito-Signature", signatureHeaderValue(secret, body));

    QNetworkReply* reply = m_network->post(request, body);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto excerpt = std::make_shared<QByteArray>();
    auto timedOut = std::make_shared<bool>(false);

    // setTransferTimeout restarts with every byte, so a server that trickles would never trip
    // it; this timer ends the whole exchange at the deadline whatever arrives.
    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    deadline->start(m_deadline);

    connect(reply, &QNetworkReply::readyRead, this, [reply, excerpt] {
        // Keep the first 1 KB for the operator; the rest is read and dropped.
        if (excerpt->size() < kExcerptBytes)
            excerpt->append(reply->read(kExcerptBytes - excerpt->size()));
        reply->skip(reply->bytesAvailable());
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, clock, excerpt, timedOut, done = std::move(done)] {
                reply->deleteLater();
                HttpResult result;
                result.durationMs = clock->elapsed();
                if (excerpt->size() < kExcerptBytes && reply->isOpen())
                    excerpt->append(reply->read(kExcerptBytes - excerpt->size()));
                result.bodyExcerpt = *excerpt;
                const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
                result.httpStatus = status.isValid() ? status.toInt() : 0;
                const QNetworkReply::NetworkError error = reply->error();
                if (*timedOut || error == QNetworkReply::OperationCanceledError ||
                    error == QNetworkReply::TimeoutError) {
                    result.error = tr("No complete answer within %1.").arg(durationText(m_deadline));
                } else if (result.httpStatus >= 300 && result.httpStatus < 400) {
                    const QString location = QString::fromUtf8(reply->rawHeader("Location")).left(200);
                    result.error = tr("HTTP %1: a redirect (to %2), which is never followed.")
                                       .arg(result.httpStatus)
                                       .arg(location.isEmpty() ? tr("nowhere") : location);
                } else if (result.httpStatus >= 200 && result.httpStatus < 300 &&
                           error == QNetworkReply::NoError) {
                    result.error.clear();
                } else if (result.httpStatus >= 200 && result.httpStatus < 300) {
                    result.error = tr("HTTP %1, but the answer broke off: %2")
                                       .arg(result.httpStatus)
                                       .arg(reply->errorString());
                } else if (result.httpStatus != 0) {
                    const QString reason =
                        reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().left(100);
                    result.error = reason.isEmpty() ? tr("HTTP %1").arg(result.httpStatus)
                                                    : tr("HTTP %1 %2").arg(result.httpStatus).arg(reason);
                } else {
                    result.error = reply->errorString();
                    if (result.error.isEmpty())
                        result.error = tr("The request failed without an answer.");
                }
                done(result);
            });
}

} // namespace zapito
