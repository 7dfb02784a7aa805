// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "deliverystore.h"
#include "domain.h"
#include "testeventresult.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace zapito {

class HttpClient;
struct HttpResult;
class WebhookSettings;

// Delivers each handoff's stored webhook body, signed, to the configured endpoint: one
// attempt, exactly one retry after retryDelay() on anything but a 2xx (redirects are never
// followed; a request without a complete answer within deadline() fails), every attempt and
// the outcome recorded through the DeliveryStore. Pending deliveries live in the outbox, so
// resumePending() at start-up finishes what a quit or crash interrupted. Never blocks.
class WebhookDispatcher : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // UTC milliseconds since the epoch

    static constexpr std::chrono::milliseconds kDefaultRetryDelay{30'000};
    static constexpr std::chrono::milliseconds kDefaultDeadline{10'000};
    static constexpr int kMaxAttempts = 2; // the first attempt and one retry
    static constexpr qsizetype kExcerptBytes = 1024;

    WebhookDispatcher(DeliveryStore& deliveries, WebhookSettings& settings, QObject* parent = nullptr);
    ~WebhookDispatcher() override;
    Q_DISABLE_COPY_MOVE(WebhookDispatcher)

    void setRetryDelay(std::chrono::milliseconds delay) { m_retryDelay = delay; }
    void setDeadline(std::chrono::milliseconds deadline) { m_deadline = deadline; }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    std::chrono::milliseconds retryDelay() const { return m_retryDelay; }
    std::chrono::milliseconds deadline() const { return m_deadline; }

    // Deliveries with a request in flight or a retry waiting for its timer.
    bool isBusy() const { return !m_inFlight.isEmpty() || !m_timers.isEmpty(); }

    static QByteArray userAgent(); // "ZapitoInbox/<version>"

public slots:
    // Starts the delivery owed for this handoff event (its outbox row), if not already under way.
    void deliver(qint64 handoffEventId);
    // Schedules every outbox row: due ones now, the others when they fall due.
    void resumePending();
    // Sends a sent, failed or skipped delivery again (one attempt, kind "resend").
    void resend(qint64 handoffEventId);
    // Posts a sample payload (reason "test") to the saved endpoint with the saved secret.
    void sendTestEvent();
    // The same, to an endpoint and secret not saved yet (the dialog's unsaved form).
    void sendTestEvent(const QString& endpoint, const QString& secret);

signals:
    void deliveryChanged(qint64 handoffEventId, const QString& conversationId);
    void testEventFinished(const zapito::TestEventResult& result);

private:
    enum class Kind
    {
        First,
        Retry,
        Resend
    };
    // The exchange, and what the attempt records about it (empty on a 2xx).
    using HttpDone = std::function<void(const HttpResult& result, const QString& error)>;

    void startAttempt(qint64 handoffEventId, Kind kind);
    void sendWithSecret(qint64 handoffEventId, Kind kind, const QString& secret);
    void finishAttempt(qint64 handoffEventId, Kind kind, qint64 startedAtMs, const HttpResult& result,
                       const QString& error);
    void fail(qint64 handoffEventId, Kind kind, const QString& error);
    void scheduleAt(qint64 handoffEventId, qint64 dueAtMs);
    void post(const QUrl& url, const QByteArray& secret, const QByteArray& body, const QByteArray& deliveryId,
              HttpDone done);
    QString attemptError(const HttpResult& result) const;
    qint64 now() const;

    DeliveryStore& m_deliveries;
    WebhookSettings& m_settings;
    HttpClient& m_http;
    Clock m_clock;
    std::chrono::milliseconds m_retryDelay = kDefaultRetryDelay;
    std::chrono::milliseconds m_deadline = kDefaultDeadline;
    QSet<qint64> m_inFlight;         // deliveries between claim and the recorded attempt
    QHash<qint64, QTimer*> m_timers; // retries waiting to fall due
};

} // namespace zapito
